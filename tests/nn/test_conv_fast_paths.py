"""The fast paths of convolution and pooling (issue 8) against the plain definitions."""
import numpy as np
import pytest

from dlspec.bench.suite.conv import conv_forward_loops
from dlspec.functional.conv import conv_backward, conv_forward
from dlspec.functional.pooling import (avg_pool_backward, avg_pool_forward, max_pool_backward,
                                       max_pool_forward)
from dlspec.gradcheck import gradcheck_layer
from dlspec.nn import Conv2D


@pytest.mark.parametrize("stride, pad", [(1, 0), (2, 1)])
def test_one_input_channel_path_matches_the_course_loops(stride, pad):
    rng = np.random.default_rng(0)
    A, W, b = rng.standard_normal((2, 7, 6, 1)), rng.standard_normal((3, 3, 1, 4)), rng.standard_normal(4)
    Z, _ = conv_forward(A, W, b, (stride, stride), ((pad, pad), (pad, pad)))
    np.testing.assert_allclose(Z, conv_forward_loops(A, W, b, stride, pad), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("channels, strides", [(1, 1), (1, 2), (3, 2)])
def test_conv2d_gradients_on_the_fast_paths(channels, strides):
    rng = np.random.default_rng(1)
    layer = Conv2D(2, 3, strides=strides, padding="same")
    layer.build((5, 6, channels), rng=rng, dtype="float64")
    result = gradcheck_layer(layer, rng.standard_normal((2, 5, 6, channels)), rng)
    assert set(result.differences) == {"input", "W", "b"}
    assert max(result.differences.values()) < 1e-7


def test_conv_backward_without_dA_prev_keeps_dW_and_db():
    rng = np.random.default_rng(2)
    A, W, b = rng.standard_normal((2, 6, 6, 3)), rng.standard_normal((3, 3, 3, 4)), rng.standard_normal(4)
    Z, cache = conv_forward(A, W, b, (1, 1), ((1, 1), (1, 1)))
    dZ = rng.standard_normal(Z.shape)
    dA, dW, db = conv_backward(dZ, cache)
    none, dW2, db2 = conv_backward(dZ, cache, need_dA_prev=False)
    assert none is None and dA.shape == A.shape
    np.testing.assert_allclose(dW2, dW)
    np.testing.assert_allclose(db2, dZ.sum(axis=(0, 1, 2)))


def _max_pool_backward_reference(X, dA, f, s):
    """One window at a time: the gradient goes to the first maximum in row-major order."""
    dX = np.zeros_like(X)
    N, n_H, n_W, C = dA.shape
    for n in range(N):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(C):
                    window = X[n, h * s:h * s + f, w * s:w * s + f, c]
                    i, j = np.unravel_index(np.argmax(window), window.shape)
                    dX[n, h * s + i, w * s + j, c] += dA[n, h, w, c]
    return dX


@pytest.mark.parametrize("f, s", [(2, 2), (3, 2), (3, 1)])
def test_max_pool_backward_with_ties_matches_the_window_by_window_rule(f, s):
    rng = np.random.default_rng(3)
    X = np.maximum(rng.standard_normal((2, 7, 7, 2)), 0).round(1)   # after ReLU: many tied zeros
    A, cache = max_pool_forward(X, (f, f), (s, s))
    dA = rng.standard_normal(A.shape)
    np.testing.assert_allclose(max_pool_backward(dA, cache), _max_pool_backward_reference(X, dA, f, s))


@pytest.mark.parametrize("f, s", [(2, 2), (3, 1)])
def test_avg_pool_backward_spreads_each_gradient_over_its_window(f, s):
    rng = np.random.default_rng(4)
    X = rng.standard_normal((2, 6, 6, 3))
    A, cache = avg_pool_forward(X, (f, f), (s, s))
    dA = rng.standard_normal(A.shape)
    expected = np.zeros_like(X)
    for h in range(A.shape[1]):
        for w in range(A.shape[2]):
            expected[:, h * s:h * s + f, w * s:w * s + f, :] += dA[:, h:h + 1, w:w + 1, :] / (f * f)
    np.testing.assert_allclose(avg_pool_backward(dA, cache), expected)
