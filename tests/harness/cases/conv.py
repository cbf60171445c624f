"""Course 4 layers: convolutions, pooling, padding, flatten and merges, across strides,
paddings and odd sizes. The torch twins take NHWC tensors, so gradients come back NHWC."""
import torch
import torch.nn.functional as F

from dlspec.nn import (Add, AvgPool2D, BatchNormalization, Concatenate, Conv2D, DepthwiseConv2D, Flatten,
                       GlobalAveragePooling2D, MaxPool2D, ReLU6, ZeroPadding2D)
from harness import LayerCase


def _nchw(x):
    return x.permute(0, 3, 1, 2)            # (N, H, W, C) -> (N, C, H, W)


def _nhwc(x):
    return x.permute(0, 2, 3, 1)            # (N, C, H, W) -> (N, H, W, C)


def _pad(x, layer, value=0.0):
    (t, b), (l, r) = layer._pads if hasattr(layer, "_pads") else layer.pads
    return F.pad(_nchw(x), (l, r, t, b), value=value)


def torch_conv(x, p, layer):
    W = p["W"].permute(3, 2, 0, 1)          # (f, f, C_prev, C) -> (C, C_prev, f, f)
    return _nhwc(F.conv2d(_pad(x, layer), W, p.get("b"), stride=layer.strides))


def torch_depthwise(x, p, layer):
    f_h, f_w, C, M = p["W"].shape
    W = p["W"].permute(2, 3, 0, 1).reshape(C * M, 1, f_h, f_w)   # channel c M + m
    return _nhwc(F.conv2d(_pad(x, layer), W, p.get("b"), stride=layer.strides, groups=C))


def torch_max_pool(x, p, layer):
    return _nhwc(F.max_pool2d(_pad(x, layer, float("-inf")), layer.pool_size, layer.strides))


def torch_avg_pool(x, p, layer):
    total = F.avg_pool2d(_pad(x, layer), layer.pool_size, layer.strides, divisor_override=1)
    count = F.avg_pool2d(_pad(torch.ones_like(x[:1, ..., :1]), layer), layer.pool_size,
                         layer.strides, divisor_override=1)
    return _nhwc(total / count)


def torch_batchnorm2d(x, p, layer):
    """BatchNorm2d's own path: per channel over N, H, W of an NCHW tensor (training mode)."""
    return _nhwc(F.batch_norm(_nchw(x), None, None, p["gamma"], p["beta"], training=True,
                              eps=layer.epsilon))


def _conv(id, make, shape):
    return LayerCase(id, make, shape, torch_conv)


CASES = [
    _conv("conv-valid", lambda: Conv2D(3, 3), (2, 5, 6, 2)),
    _conv("conv-same-stride2-odd", lambda: Conv2D(2, 3, strides=2, padding="same"), (2, 7, 7, 3)),
    _conv("conv-same-even-kernel", lambda: Conv2D(2, 2, padding="same"), (1, 5, 4, 2)),
    _conv("conv-explicit-rect", lambda: Conv2D(2, (2, 3), strides=(2, 1), padding=((0, 1), (2, 1))),
          (1, 5, 6, 2)),
    _conv("conv-pad1-no-bias", lambda: Conv2D(3, 3, padding=1, use_bias=False), (1, 4, 4, 2)),
    _conv("conv-floor-pad0-stride2", lambda: Conv2D(2, 3, strides=2, padding=0), (1, 6, 6, 2)),
    _conv("conv-kernel-equals-input", lambda: Conv2D(2, 5), (1, 5, 5, 1)),
    _conv("conv-1x1", lambda: Conv2D(4, 1), (2, 3, 3, 3)),
    _conv("conv-1x1-stride2", lambda: Conv2D(2, 1, strides=2), (1, 5, 5, 3)),
    _conv("conv-1x1-stride2-pad1", lambda: Conv2D(2, 1, strides=2, padding=1), (1, 4, 4, 2)),
    LayerCase("depthwise-same", lambda: DepthwiseConv2D(3, padding="same"), (2, 5, 5, 3),
              torch_depthwise),
    LayerCase("depthwise-stride2-multiplier2",
              lambda: DepthwiseConv2D(3, strides=2, padding=1, depth_multiplier=2, use_bias=False),
              (1, 7, 7, 2), torch_depthwise),
    LayerCase("maxpool-2", lambda: MaxPool2D(2), (2, 4, 6, 3), torch_max_pool),
    LayerCase("maxpool-3-stride2-pad1", lambda: MaxPool2D(3, strides=2, padding=1), (1, 7, 7, 2),
              torch_max_pool),
    LayerCase("maxpool-same-odd", lambda: MaxPool2D(2, padding="same"), (1, 5, 5, 2), torch_max_pool),
    LayerCase("avgpool-2", lambda: AvgPool2D(2), (2, 4, 4, 3), torch_avg_pool),
    LayerCase("avgpool-3-stride1-same", lambda: AvgPool2D(3, strides=1, padding="same"),
              (1, 5, 5, 2), torch_avg_pool),
    LayerCase("avgpool-3-stride2-valid-odd", lambda: AvgPool2D(3, strides=2), (1, 7, 5, 2),
              torch_avg_pool),
    LayerCase("global-avg-pool", GlobalAveragePooling2D, (2, 3, 4, 5),
              lambda x, p, l: x.mean(dim=(1, 2))),
    LayerCase("zero-padding-asym", lambda: ZeroPadding2D(((1, 2), (0, 1))), (2, 3, 3, 2),
              lambda x, p, l: _nhwc(_pad(x, l))),
    LayerCase("flatten", Flatten, (2, 3, 4, 2), lambda x, p, l: x.reshape(x.shape[0], -1)),
    LayerCase("batchnorm-after-conv-nchw-twin", BatchNormalization, (3, 3, 5, 4), torch_batchnorm2d),
    LayerCase("relu6", ReLU6, (4, 5), lambda x, p, l: F.relu6(x),
              make_input=lambda rng, s: rng.choice([-1.0, 3.0, 7.0], s) + rng.uniform(-0.9, 0.9, s)),   # away from the kinks at 0 and 6
    LayerCase("add-3", Add, [(2, 3, 3, 2)] * 3, lambda xs, p, l: xs[0] + xs[1] + xs[2]),
    LayerCase("concatenate-channels", Concatenate, [(2, 3, 3, 2), (2, 3, 3, 1), (2, 3, 3, 3)],
              lambda xs, p, l: torch.cat(xs, dim=-1)),
    LayerCase("concatenate-axis1", lambda: Concatenate(axis=1), [(2, 2, 3), (2, 4, 3)],
              lambda xs, p, l: torch.cat(xs, dim=1)),
]
