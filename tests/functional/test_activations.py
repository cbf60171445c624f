import numpy as np
import pytest

from dlspec.functional import activations as F
from dlspec.functional import losses as L

EXTREME = np.array([-1e4, -800.0, -30.0, 0.0, 30.0, 800.0, 1e4])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_is_stable_and_exact_at_the_extremes(dtype):
    A, _ = F.sigmoid_forward(EXTREME.astype(dtype))      # RuntimeWarnings are errors in this suite
    assert A.dtype == dtype
    assert np.all(np.isfinite(A))
    assert A[0] == 0 and A[-1] == 1 and A[3] == 0.5


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_is_stable_for_huge_logits(dtype):
    Z = np.array([[1e4, 0.0, -1e4], [-1e4, -1e4, -1e4]], dtype=dtype)
    A, _ = F.softmax_forward(Z)
    assert A.dtype == dtype
    np.testing.assert_allclose(A[0], [1, 0, 0])
    np.testing.assert_allclose(A[1], [1 / 3] * 3, rtol=1e-6)
    logA = F.log_softmax(Z)
    assert np.all(np.isfinite(logA))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_tanh_relu_leaky_keep_dtype_and_stay_finite(dtype):
    Z = EXTREME.astype(dtype)
    for fwd in (F.tanh_forward, F.relu_forward, F.leaky_relu_forward):
        A, _ = fwd(Z)
        assert A.dtype == dtype and np.all(np.isfinite(A))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_losses_from_logits_are_finite_for_huge_logits(dtype):
    Z = np.array([[1e4], [-1e4], [0.0]], dtype=dtype)
    Y = np.array([[0.0], [1.0], [1.0]], dtype=dtype)
    cost, cache = L.binary_cross_entropy_with_logits_forward(Z, Y)
    np.testing.assert_allclose(cost, (1e4 + 1e4 + np.log(2)) / 3, rtol=1e-6)
    assert np.all(np.isfinite(L.binary_cross_entropy_with_logits_backward(cache)))
    Zs = np.array([[1e4, -1e4], [-1e4, 1e4]], dtype=dtype)
    cost, cache = L.softmax_cross_entropy_forward(Zs, np.eye(2, dtype=dtype))
    assert cost == 0 and np.all(np.isfinite(L.softmax_cross_entropy_backward(cache)))


def test_bce_from_probabilities_clamps_log_of_zero_like_torch():
    A = np.array([[0.0], [1.0]])
    Y = np.array([[1.0], [0.0]])
    cost, cache = L.binary_cross_entropy_forward(A, Y)
    assert cost == pytest.approx(100.0)       # each term clamped at log = -100
    assert np.all(np.isfinite(L.binary_cross_entropy_backward(cache)))
