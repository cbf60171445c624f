"""The shared layer and loss harness.

Every public layer and loss has at least one case in ``harness/cases/*.py`` (a module
with a ``CASES`` list). For each case, ``tests/test_harness.py`` checks:

1. output shape (against ``layer.output_shape``) and that float32 in gives float32 out,
   for the output, the input gradient and every parameter gradient;
2. float64 central-difference gradient check of the input and every parameter
   (the course's relative error, below ``threshold``);
3. parity with PyTorch: the same inputs and weights through the case's torch twin give
   the same outputs and the same gradients (autograd);
4. ``backward`` before ``forward`` raises RuntimeError.

A new area adds a file in ``cases/``; nothing here needs to change.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable

import numpy as np

from dlspec.gradcheck import check_gradients, gradcheck_layer


@dataclass
class LayerCase:
    """One layer configuration to verify.

    id : short test id.
    make : () -> a fresh, unbuilt layer.
    input_shape : full input shape, batch first.
    torch_forward : (x, params, layer) -> y, in torch; ``params`` maps our parameter names to
        torch tensors in our layout (so autograd gives gradients in our layout too).
    training : forward mode used for the checks.
    make_input : (rng, shape) -> float64 array; standard normal by default.
    threshold : gradient-check relative error bound (1e-7 unless documented otherwise).
    integer_input : the input is integer ids (``make_input`` must give them): the checks skip
        the input gradient, and backward must return None.
    """

    id: str
    make: Callable
    input_shape: tuple
    torch_forward: Callable
    training: bool = True
    make_input: Callable | None = None
    threshold: float = 1e-7
    integer_input: bool = False      # token ids (Embedding): int64 input, backward returns None

    @property
    def multi(self) -> bool:
        """A merge layer (Add, Concatenate): ``input_shape`` is a list of full shapes."""
        return isinstance(self.input_shape, list)

    def input(self, rng, dtype=np.float64):
        if self.multi:
            return [np.asarray(rng.standard_normal(s), dtype=dtype) for s in self.input_shape]
        x = self.make_input(rng, self.input_shape) if self.make_input else rng.standard_normal(self.input_shape)
        return np.asarray(x, dtype=np.int64 if self.integer_input else dtype)

    def built(self, dtype, seed=0):
        layer = self.make()
        shape = [s[1:] for s in self.input_shape] if self.multi else self.input_shape[1:]
        layer.build(shape, np.random.default_rng(seed), dtype)
        return layer


@dataclass
class LossCase:
    """One loss configuration: predictions, targets and the torch twin ``(pred, Y) -> scalar``."""

    id: str
    make: Callable
    pred_shape: tuple
    make_target: Callable            # (rng, pred_shape) -> labels
    torch_loss: Callable             # (pred tensor, labels ndarray) -> scalar tensor
    make_pred: Callable | None = None
    threshold: float = 1e-7

    def pred(self, rng, dtype=np.float64):
        p = self.make_pred(rng, self.pred_shape) if self.make_pred else rng.standard_normal(self.pred_shape)
        return np.asarray(p, dtype=dtype)


def all_cases():
    """(layer cases, loss cases) from every module in ``harness.cases``."""
    from . import cases
    layer_cases, loss_cases = [], []
    for info in sorted(pkgutil.iter_modules(cases.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{cases.__name__}.{info.name}")
        for case in getattr(module, "CASES", []):
            (layer_cases if isinstance(case, LayerCase) else loss_cases).append(case)
    return layer_cases, loss_cases


# -- the checks -----------------------------------------------------------------

def check_shapes_and_dtypes(case: LayerCase):
    rng = np.random.default_rng(1)
    layer = case.built(np.float32)
    x = case.input(rng, np.float32)
    y = layer.forward(x, training=case.training)
    per_example = [s[1:] for s in case.input_shape] if case.multi else case.input_shape[1:]
    expected = (case.input_shape[0][0] if case.multi else x.shape[0], *layer.output_shape(per_example))
    assert y.shape == expected, f"{case.id}: output {y.shape}, output_shape() says {expected}"
    assert y.dtype == np.float32, f"{case.id}: float32 input gave {y.dtype} output"
    dx = layer.backward(np.ones_like(y))
    if case.integer_input:
        assert dx is None, f"{case.id}: integer inputs have no gradient; backward returned {type(dx)}"
    else:
        for x_i, dx_i in (zip(x, dx) if case.multi else [(x, dx)]):
            assert dx_i.shape == x_i.shape and dx_i.dtype == np.float32, f"{case.id}: dx {dx_i.shape} {dx_i.dtype}"
    assert set(layer.grads) == set(layer.params), f"{case.id}: grads {set(layer.grads)} != params {set(layer.params)}"
    for key, param in layer.params.items():
        assert param.dtype == np.float32, f"{case.id}: param {key} is {param.dtype}"
        assert layer.grads[key].shape == param.shape, f"{case.id}: grad {key} shape"
        assert layer.grads[key].dtype == np.float32, f"{case.id}: grad {key} is {layer.grads[key].dtype}"


def check_layer_gradients(case: LayerCase):
    rng = np.random.default_rng(2)
    layer = case.built(np.float64)
    result = gradcheck_layer(layer, case.input(rng), rng, training=case.training,
                             threshold=case.threshold)
    result.raise_if_failed()
    return result


def check_layer_torch_parity(case: LayerCase, rtol=1e-6, atol=1e-9):
    import torch
    rng = np.random.default_rng(3)
    layer = case.built(np.float64)
    x = case.input(rng)
    y = layer.forward(x, training=case.training)
    g = rng.standard_normal(y.shape)
    dx = layer.backward(g)

    x_t = ([torch.tensor(x_i, requires_grad=True) for x_i in x] if case.multi
           else torch.tensor(x, requires_grad=not case.integer_input))
    params_t = {k: torch.tensor(v, requires_grad=True) for k, v in layer.params.items()}
    y_t = case.torch_forward(x_t, params_t, layer)
    y_t.backward(torch.tensor(g))
    np.testing.assert_allclose(y, y_t.detach().numpy(), rtol=rtol, atol=atol, err_msg=f"{case.id}: output")
    if not case.integer_input:
        for dx_i, x_i in (zip(dx, x_t) if case.multi else [(dx, x_t)]):
            np.testing.assert_allclose(dx_i, x_i.grad.numpy(), rtol=rtol, atol=atol, err_msg=f"{case.id}: input gradient")
    for key, p_t in params_t.items():
        np.testing.assert_allclose(layer.grads[key], p_t.grad.numpy(), rtol=rtol, atol=atol,
                                   err_msg=f"{case.id}: gradient of {key}")


def check_loss_gradients(case: LossCase):
    rng = np.random.default_rng(4)
    loss = case.make()
    pred = case.pred(rng)
    Y = case.make_target(rng, case.pred_shape)
    loss.forward(pred, Y)
    analytic = {"prediction": loss.backward()}
    result = check_gradients(lambda: loss.forward(pred, Y), {"prediction": pred}, analytic,
                             threshold=case.threshold)
    result.raise_if_failed()


def check_loss_torch_parity(case: LossCase, rtol=1e-7):
    import torch
    rng = np.random.default_rng(5)
    loss = case.make()
    pred = case.pred(rng)
    Y = case.make_target(rng, case.pred_shape)
    cost = loss.forward(pred, Y)
    dpred = loss.backward()
    pred_t = torch.tensor(pred, requires_grad=True)
    cost_t = case.torch_loss(pred_t, Y)
    cost_t.backward()
    np.testing.assert_allclose(cost, cost_t.item(), rtol=rtol, err_msg=f"{case.id}: cost")
    np.testing.assert_allclose(dpred, pred_t.grad.numpy(), rtol=1e-6, atol=1e-12,
                               err_msg=f"{case.id}: gradient")
