"""Course 4 applications' layers: Conv2DTranspose (U-Net), UpSampling2D and Conv1D (trigger word).

Integer paddings go through torch's own ``padding``/``output_padding``; Keras's "same" and
"valid" crop torch's full scatter where TensorFlow does (the extra row cut at the bottom)."""
import torch
import torch.nn.functional as F

from dlspec import losses
from dlspec.functional.conv_transpose import transpose_geometry
from dlspec.nn import Conv1D, Conv2DTranspose, UpSampling2D
from harness import LayerCase, LossCase


def torch_conv_transpose(x, p, layer):
    W = p["W"].permute(3, 2, 0, 1).contiguous()          # (f, f, C_out, C_in) -> (C_in, C_out, f, f)
    x = x.permute(0, 3, 1, 2)                            # NHWC -> NCHW
    if isinstance(layer.padding, int):
        y = F.conv_transpose2d(x, W, p.get("b"), layer.strides, layer.padding, layer.output_padding or 0)
        return y.permute(0, 2, 3, 1)
    (top, n_H), (left, n_W) = transpose_geometry(x.shape[2:], layer.kernel_size, layer.strides,
                                                 layer.padding, layer.output_padding)
    full = F.conv_transpose2d(x, W, None, layer.strides)
    full = F.pad(full, (0, max(left + n_W - full.shape[3], 0), 0, max(top + n_H - full.shape[2], 0)))
    y = full[:, :, top:top + n_H, left:left + n_W].permute(0, 2, 3, 1)
    return y + p["b"] if "b" in p else y


def torch_conv1d(x, p, layer):
    if isinstance(layer.padding, int):                   # torch's own padding, not dlspec's _pads
        return F.conv1d(x.permute(0, 2, 1), p["W"].permute(2, 1, 0), p.get("b"), layer.strides,
                        layer.padding).permute(0, 2, 1)
    (_, _), (left, right) = layer._pads
    x = F.pad(x.permute(0, 2, 1), (left, right))         # (N, T, C) -> (N, C, T), padded in time
    return F.conv1d(x, p["W"].permute(2, 1, 0), p.get("b"), layer.strides).permute(0, 2, 1)


def torch_upsampling(x, p, layer):
    y = F.interpolate(x.permute(0, 3, 1, 2), scale_factor=layer.size, mode="nearest")
    return y.permute(0, 2, 3, 1)


def _ct(id, make, shape):
    return LayerCase(id, make, shape, torch_conv_transpose)


CASES = [
    _ct("convT-same-stride2-unet", lambda: Conv2DTranspose(3, 3, strides=2, padding="same"), (2, 3, 4, 2)),
    _ct("convT-valid-stride1", lambda: Conv2DTranspose(2, 3), (2, 3, 3, 2)),
    _ct("convT-valid-stride2-even", lambda: Conv2DTranspose(2, 2, strides=2, use_bias=False), (1, 3, 2, 3)),
    _ct("convT-valid-kernel-lt-stride", lambda: Conv2DTranspose(2, 2, strides=3), (1, 2, 3, 2)),
    _ct("convT-same-kernel4-stride2", lambda: Conv2DTranspose(2, 4, strides=2, padding="same"), (1, 3, 3, 2)),
    _ct("convT-same-output-padding", lambda: Conv2DTranspose(2, 3, strides=2, padding="same",
                                                             output_padding=1), (1, 3, 3, 2)),
    _ct("convT-torch-pad1-op1", lambda: Conv2DTranspose(2, 3, strides=2, padding=1, output_padding=1),
        (2, 3, 4, 2)),
    _ct("convT-torch-rect-pad2", lambda: Conv2DTranspose(3, (3, 5), strides=(1, 2), padding=2,
                                                         output_padding=(0, 1)), (1, 4, 3, 1)),
    LayerCase("upsampling-2", UpSampling2D, (2, 3, 4, 2), torch_upsampling),
    LayerCase("upsampling-rect", lambda: UpSampling2D((3, 2)), (1, 2, 3, 3), torch_upsampling),
    LayerCase("conv1d-valid-stride4", lambda: Conv1D(3, 5, strides=4), (2, 13, 2), torch_conv1d),
    LayerCase("conv1d-same", lambda: Conv1D(4, 3, padding="same"), (2, 7, 3), torch_conv1d),
    LayerCase("conv1d-same-stride2-one-channel", lambda: Conv1D(2, 4, strides=2, padding="same",
                                                                use_bias=False), (1, 9, 1), torch_conv1d),
    LayerCase("conv1d-int-padding2", lambda: Conv1D(3, 3, padding=2), (2, 7, 4), torch_conv1d),
    LayerCase("conv1d-int-padding1-stride2", lambda: Conv1D(2, 4, strides=2, padding=1), (1, 9, 2), torch_conv1d),
]

CASES += [
    LossCase("sparse-softmax-ce-pixels", losses.SparseSoftmaxCrossEntropy, (2, 3, 4, 5),
             lambda rng, s: rng.integers(0, s[-1], s[:-1]),
             lambda Z, Y: F.cross_entropy(Z.permute(0, 3, 1, 2), torch.tensor(Y))),
    LossCase("sparse-softmax-ce-mask-channel", losses.SparseSoftmaxCrossEntropy, (2, 4, 3),
             lambda rng, s: rng.integers(0, s[-1], (*s[:-1], 1)),
             lambda Z, Y: F.cross_entropy(Z.permute(0, 2, 1), torch.tensor(Y[..., 0]))),
]
