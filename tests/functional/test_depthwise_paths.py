"""Depthwise convolution's paths beyond the harness's two cases: the stride-1 input gradient
as a convolution with flipped filters (depth multiplier 2, asymmetric padding, a 2x3 kernel),
and the slice-add path at stride 2. Float64 gradient checks."""
import numpy as np
import pytest

from dlspec.gradcheck import gradcheck_layer
from dlspec.nn import DepthwiseConv2D


@pytest.mark.parametrize("make", [
    lambda: DepthwiseConv2D(3, padding="same", depth_multiplier=2),
    lambda: DepthwiseConv2D((2, 3), padding="same"),                 # asymmetric "same" pads
    lambda: DepthwiseConv2D(3),                                      # valid: dZ padded by 2
    lambda: DepthwiseConv2D(3, strides=2, padding="same", use_bias=False),
    lambda: DepthwiseConv2D(3, strides=(1, 2), padding=1, depth_multiplier=3),
])
def test_depthwise_gradients(make):
    rng = np.random.default_rng(0)
    layer = make()
    x = rng.standard_normal((2, 6, 7, 3))
    layer.build(x.shape[1:], rng=0, dtype="float64")
    gradcheck_layer(layer, x, rng).raise_if_failed()
