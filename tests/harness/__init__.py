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

A case may pass more arrays to ``forward`` as keywords (``make_kwargs``: recurrent
``initial_state`` and ``mask``) and a layer may return a list (``return_state``): every
output is compared and gets its own random upstream gradient, and every float keyword
array is gradient-checked and compared with torch like the input.

A new area adds a file in ``cases/``; nothing here needs to change.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable

import numpy as np

from dlspec.gradcheck import check_gradients, gradcheck_layer, named_arrays


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
    no_gradient : the op has no gradient (comparisons, argmax, one_hot, casts to integers):
        its output (any dtype) is compared with torch and backward must return None.
    make_kwargs : (rng, dtype) -> dict of more ``forward`` keyword arrays, e.g.
        ``{"initial_state": [a0, c0], "mask": mask}`` (float arrays get gradients, in that
        order after dx; bool arrays none). ``torch_forward`` then receives them as keywords,
        float arrays as tensors with requires_grad, bool arrays as bool tensors.
    """

    id: str
    make: Callable
    input_shape: tuple
    torch_forward: Callable
    training: bool = True
    make_input: Callable | None = None
    threshold: float = 1e-7
    integer_input: bool = False      # token ids (Embedding): int64 input, backward returns None
    make_kwargs: Callable | None = None
    no_gradient: bool = False

    def kwargs(self, rng, dtype=np.float64):
        """The extra forward keyword arrays (float ones in ``dtype``), or {}."""
        if self.make_kwargs is None:
            return {}
        cast = lambda v: np.asarray(v, dtype=dtype) if np.asarray(v).dtype.kind == "f" else np.asarray(v)
        return {k: [cast(v_i) for v_i in v] if isinstance(v, (list, tuple)) else cast(v)
                for k, v in self.make_kwargs(rng, dtype).items()}

    @property
    def multi(self) -> bool:
        """A merge layer (Add, Concatenate): ``input_shape`` is a list of full shapes."""
        return isinstance(self.input_shape, list)

    def input(self, rng, dtype=np.float64):
        if self.multi:
            xs = self.make_input(rng, self.input_shape) if self.make_input else [rng.standard_normal(s) for s in self.input_shape]
            return [np.asarray(x_i, dtype=dtype) for x_i in xs]
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
    kwargs = case.kwargs(rng, np.float32)
    y = layer.forward(x, training=case.training, **kwargs)
    per_example = [s[1:] for s in case.input_shape] if case.multi else case.input_shape[1:]
    N = case.input_shape[0][0] if case.multi else x.shape[0]
    ys, shapes = _as_list(y), layer.output_shape(per_example)
    shapes = shapes if isinstance(y, list) else [shapes]
    assert len(ys) == len(shapes), f"{case.id}: {len(ys)} outputs, output_shape() gives {len(shapes)}"
    for y_i, shape in zip(ys, shapes):
        assert y_i.shape == (N, *shape), f"{case.id}: output {y_i.shape}, output_shape() says {(N, *shape)}"
        assert case.no_gradient or y_i.dtype == np.float32, f"{case.id}: float32 input gave {y_i.dtype} output"
    if case.no_gradient:
        grads = _as_list(layer.backward(np.ones(ys[0].shape, dtype=np.float32)))
        assert all(g is None for g in grads), f"{case.id}: an op without a gradient gave {grads}"
        return
    ones = [np.ones_like(y_i) for y_i in ys]
    dx = layer.backward(ones if isinstance(y, list) else ones[0])
    if kwargs:
        dx, rest = dx[0], dx[1:]
        for (name, array), grad in zip(named_arrays(kwargs), rest, strict=True):
            if array.dtype.kind == "f":
                assert grad.shape == array.shape and grad.dtype == np.float32, f"{case.id}: d{name}"
            else:
                assert grad is None, f"{case.id}: {name} has no gradient; backward gave {type(grad)}"
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
    if case.no_gradient:        # nothing to differentiate: the shape check asserts None gradients
        return None
    rng = np.random.default_rng(2)
    layer = case.built(np.float64)
    x = case.input(rng)
    result = gradcheck_layer(layer, x, rng, training=case.training, threshold=case.threshold,
                             call_kwargs=case.kwargs(rng))
    result.raise_if_failed()
    return result


def check_layer_torch_parity(case: LayerCase, rtol=1e-6, atol=1e-9):
    import torch
    rng = np.random.default_rng(3)
    layer = case.built(np.float64)
    x = case.input(rng)
    kwargs = case.kwargs(rng)
    y = layer.forward(x, training=case.training, **kwargs)
    gs = [rng.standard_normal(y_i.shape) for y_i in _as_list(y)]
    dx = layer.backward(gs if isinstance(y, list) else gs[0])
    rest = []
    if kwargs:
        dx, rest = dx[0], dx[1:]

    x_t = ([torch.tensor(x_i, requires_grad=True) for x_i in x] if case.multi
           else torch.tensor(x, requires_grad=not case.integer_input))
    params_t = {k: torch.tensor(v, requires_grad=True) for k, v in layer.params.items()}
    to_t = lambda v: torch.tensor(v, requires_grad=v.dtype.kind == "f")
    kwargs_t = {k: [to_t(v_i) for v_i in v] if isinstance(v, list) else to_t(v) for k, v in kwargs.items()}
    y_t = _as_list(case.torch_forward(x_t, params_t, layer, **kwargs_t))
    if case.no_gradient:
        for y_i, y_ti in zip(_as_list(y), y_t):
            np.testing.assert_array_equal(y_i, y_ti.detach().numpy(), err_msg=f"{case.id}: output")
        return
    torch.autograd.backward(y_t, [torch.tensor(g) for g in gs])
    assert len(y_t) == len(gs), f"{case.id}: torch twin gives {len(y_t)} outputs, the layer {len(gs)}"
    for i, (y_i, y_ti) in enumerate(zip(_as_list(y), y_t)):
        np.testing.assert_allclose(y_i, y_ti.detach().numpy(), rtol=rtol, atol=atol,
                                   err_msg=f"{case.id}: output {i}")
    for (name, _), grad, v_t in zip(named_arrays(kwargs), rest, named_arrays(kwargs_t), strict=True):
        if v_t[1].requires_grad:
            np.testing.assert_allclose(grad, v_t[1].grad.numpy(), rtol=rtol, atol=atol,
                                       err_msg=f"{case.id}: gradient of {name}")
    if not case.integer_input:
        for dx_i, x_i in (zip(dx, x_t) if case.multi else [(dx, x_t)]):
            np.testing.assert_allclose(dx_i, x_i.grad.numpy(), rtol=rtol, atol=atol, err_msg=f"{case.id}: input gradient")
    for key, p_t in params_t.items():
        np.testing.assert_allclose(layer.grads[key], p_t.grad.numpy(), rtol=rtol, atol=atol,
                                   err_msg=f"{case.id}: gradient of {key}")


def _as_list(y):
    return list(y) if isinstance(y, (list, tuple)) else [y]


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
