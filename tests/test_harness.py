"""Runs the shared harness over every case, and fails when a public layer or loss has none."""
import inspect

import numpy as np
import pytest

import dlspec.losses
import dlspec.nn
from dlspec.models import Model
from harness import (all_cases, check_layer_gradients, check_layer_torch_parity, check_loss_gradients,
                     check_loss_torch_parity, check_shapes_and_dtypes)

LAYER_CASES, LOSS_CASES = all_cases()
layer_ids = [c.id for c in LAYER_CASES]
loss_ids = [c.id for c in LOSS_CASES]


@pytest.mark.parametrize("case", LAYER_CASES, ids=layer_ids)
def test_shapes_and_dtypes(case):
    check_shapes_and_dtypes(case)


@pytest.mark.parametrize("case", LAYER_CASES, ids=layer_ids)
def test_gradcheck(case):
    check_layer_gradients(case)


@pytest.mark.parametrize("case", LAYER_CASES, ids=layer_ids)
def test_torch_parity(case):
    check_layer_torch_parity(case)


@pytest.mark.parametrize("case", LAYER_CASES, ids=layer_ids)
def test_backward_before_forward_raises(case):
    layer = case.built(np.float64)
    with pytest.raises(RuntimeError, match="before forward"):
        layer.backward(np.ones((1, 1)))


@pytest.mark.parametrize("case", LOSS_CASES, ids=loss_ids)
def test_loss_gradcheck(case):
    check_loss_gradients(case)


@pytest.mark.parametrize("case", LOSS_CASES, ids=loss_ids)
def test_loss_torch_parity(case):
    check_loss_torch_parity(case)


def _public_classes(module, base):
    return {obj for name in getattr(module, "__all__", dir(module))
            if inspect.isclass(obj := getattr(module, name)) and issubclass(obj, base)
            and not name.startswith("_")}


def test_every_public_layer_has_a_harness_case():
    layers = _public_classes(dlspec.nn, dlspec.nn.Layer) - {dlspec.nn.Layer}
    layers = {cls for cls in layers if not issubclass(cls, Model)}
    covered = {type(case.make()) for case in LAYER_CASES}
    missing = sorted(cls.__name__ for cls in layers - covered)
    assert not missing, f"public layers without a harness case (add one in tests/harness/cases/): {missing}"


def test_every_op_has_a_harness_case():
    from dlspec.nn.op import KINDS, Op
    covered = {case.make().kind for case in LAYER_CASES if isinstance(case.make(), Op)}
    missing = sorted(set(KINDS) - covered)
    assert not missing, f"ops without a harness case (add one in tests/harness/cases/ops.py): {missing}"


def test_every_public_loss_has_a_harness_case():
    loss_classes = _public_classes(dlspec.losses, dlspec.losses.Loss) - {dlspec.losses.Loss}
    covered = {type(case.make()) for case in LOSS_CASES}
    missing = sorted(cls.__name__ for cls in loss_classes - covered)
    assert not missing, f"public losses without a harness case (add one in tests/harness/cases/): {missing}"


def test_harness_catches_a_wrong_backward():
    """The gradient check must be able to fail: a layer with a deliberately wrong backward."""
    from dlspec.nn import Tanh

    class WrongTanh(Tanh):
        def _backward(self, dA, A):
            return dA * (1 - A)        # should be 1 - A**2

    case = LAYER_CASES[layer_ids.index("tanh")]
    broken = type(case)(**{**case.__dict__, "id": "wrong-tanh", "make": WrongTanh})
    with pytest.raises(AssertionError, match="input"):
        check_layer_gradients(broken)
    with pytest.raises(AssertionError, match="input gradient"):
        check_layer_torch_parity(broken)
