"""Conv2D and friends: the course's numbers, bad input with clear errors."""
import numpy as np
import pytest

from dlspec.functional.conv import conv_backward, conv_forward
from dlspec.functional.windows import col2im, windows
from dlspec.models import Sequential
from dlspec.nn import (Add, AvgPool2D, Conv2D, DepthwiseConv2D, Flatten, MaxPool2D, ZeroPadding2D)


def test_col2im_is_the_adjoint_of_windows():
    """<windows(A), G> = <A, col2im(G)> for any A and G: the backward of a gather is a scatter-add."""
    rng = np.random.default_rng(0)
    A = rng.standard_normal((2, 7, 6, 3))
    view = windows(A, (3, 2), (2, 1), (3, 5))                # (N, n_H, n_W, f_h, f_w, C)
    G = rng.standard_normal((3, 2, 2, 3, 5, 3))              # offset-major: (f_h, f_w, N, n_H, n_W, C)
    np.testing.assert_allclose((view.transpose(3, 4, 0, 1, 2, 5) * G).sum(),
                               (A * col2im(G, A.shape, (2, 1))).sum())


def test_conv_float32_stays_float32_and_matches_float64():
    rng = np.random.default_rng(1)
    A, W, b = rng.standard_normal((2, 6, 6, 3)), rng.standard_normal((3, 3, 3, 4)), rng.standard_normal(4)
    Z64, cache = conv_forward(A, W, b, (2, 2), ((1, 1), (1, 1)))
    Z32, cache32 = conv_forward(A.astype(np.float32), W.astype(np.float32), b.astype(np.float32),
                                (2, 2), ((1, 1), (1, 1)))
    assert Z32.dtype == np.float32
    np.testing.assert_allclose(Z32, Z64, rtol=1e-4, atol=1e-4)
    assert all(g.dtype == np.float32 for g in conv_backward(np.ones_like(Z32), cache32))


def test_kernel_larger_than_padded_input():
    with pytest.raises(ValueError, match=r"5x5 kernel is larger than the padded input's height \(4\)"):
        Conv2D(2, 5).forward(np.zeros((1, 4, 4, 1)))
    with pytest.raises(ValueError, match="larger than the padded input"):
        MaxPool2D(3).forward(np.zeros((1, 2, 2, 1)))


def test_valid_padding_with_a_stride_that_does_not_divide_floors_as_the_course_and_keras():
    """floor((6 - 3) / 2) + 1 = 2 rows: the last input row is dropped, as Keras does."""
    assert Conv2D(2, 3, strides=2).forward(np.zeros((1, 6, 7, 1))).shape == (1, 2, 3, 2)
    assert Conv2D(2, 3, strides=2, padding=0).forward(np.zeros((1, 6, 7, 1))).shape == (1, 2, 3, 2)
    assert MaxPool2D(2).forward(np.zeros((1, 5, 5, 1))).shape == (1, 2, 2, 1)


def test_nchw_input_is_detected():
    X = np.zeros((2, 3, 32, 32), np.float32)           # torch layout
    for layer in (Conv2D(4, 3), MaxPool2D(2), DepthwiseConv2D(3)):
        with pytest.raises(ValueError, match=r"channels-first .*transpose\(0, 2, 3, 1\)"):
            layer.forward(X)


def test_missing_channel_axis_and_flat_input():
    with pytest.raises(ValueError, match=r"X\[\.\.\., None\]"):
        Conv2D(2, 3).forward(np.zeros((2, 8, 8)))
    with pytest.raises(ValueError, match=r"\(N, H, W, C\)"):
        MaxPool2D(2).forward(np.zeros((2, 64)))


def test_channel_mismatch_between_layers():
    conv = Conv2D(4, 3, input_shape=(8, 8, 3))
    with pytest.raises(ValueError, match=r"built for 3 input channels; got .* with 16\. Check the previous"):
        conv.forward(np.zeros((1, 8, 8, 16)))
    model = Sequential([Conv2D(4, 3), Conv2D(2, 3)])
    model.build((8, 8, 3))
    model.layers[1].forward(np.zeros((1, 6, 6, 4)))   # right channels are fine
    with pytest.raises(ValueError, match="built for 4 input channels"):
        model.layers[1].forward(np.zeros((1, 6, 6, 5)))


@pytest.mark.parametrize("make, match", [
    (lambda: Conv2D(0, 3), "filters"),
    (lambda: Conv2D(2, 0), "kernel_size"),
    (lambda: Conv2D(2, 3, strides=(1, 2, 3)), "strides"),
    (lambda: Conv2D(2, 3, padding="full"), "padding"),
    (lambda: MaxPool2D(2, padding=-1), "padding"),
    (lambda: DepthwiseConv2D(3, depth_multiplier=0), "depth_multiplier"),
    (lambda: ZeroPadding2D("same"), "belong to Conv2D"),
])
def test_bad_constructor_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_merge_layers_need_a_list():
    with pytest.raises(TypeError, match="list of arrays"):
        Add().forward(np.zeros((1, 2)))


def test_pooling_default_stride_is_the_pool_size_and_flatten_order_is_hwc():
    assert MaxPool2D(3).strides == (3, 3) and AvgPool2D(2, strides=1).strides == (1, 1)
    X = np.arange(12.0).reshape(1, 2, 3, 2)
    np.testing.assert_array_equal(Flatten().forward(X)[0], np.arange(12.0))


@pytest.mark.parametrize("make", [
    lambda: MaxPool2D(2, padding=2),                 # a whole window of padding: -inf out
    lambda: AvgPool2D(2, padding=2),                 # and 0 / 0 = NaN out
    lambda: MaxPool2D(3, padding=(1, 2)),            # the width side only
    lambda: AvgPool2D((2, 4), padding=((0, 2), (0, 0))),
])
def test_pooling_padding_larger_than_half_the_window_is_refused(make):
    """As PyTorch: pad at most f // 2 per side, so every window holds a real pixel."""
    with pytest.raises(ValueError, match=r"at most half the pool size.*got .*pool_size"):
        make()


def test_pooling_padding_of_half_the_window_is_accepted():
    for layer in (MaxPool2D(3, strides=2, padding=1), AvgPool2D(2, padding=((0, 1), (1, 0))),
                  MaxPool2D(8, padding="same"), AvgPool2D(4, strides=1, padding=2)):
        assert np.isfinite(layer.forward(np.ones((1, 5, 5, 1)))).all()
