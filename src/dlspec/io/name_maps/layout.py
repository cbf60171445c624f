"""Layout conversions between frameworks' weights and dlspec's (NHWC images, HWIO kernels).

- PyTorch convolution kernels are OIHW ``(C_out, C_in, f, f)``; dlspec's are HWIO
  ``(f, f, C_in, C_out)`` (as in the course and Keras).
- PyTorch ``Linear.weight`` is ``(D_out, D_in)`` (it computes x W^T); dlspec's Dense W is
  ``(D_in, D_out)`` (it computes A_prev W).
- PyTorch flattens NCHW feature maps channel first, dlspec flattens NHWC channel last, so
  the first dense layer after a flatten needs its input rows permuted.
"""
from __future__ import annotations

import math

import numpy as np


def oihw_to_hwio(kernel):
    """(C_out, C_in, f_h, f_w) -> (f_h, f_w, C_in, C_out)."""
    return np.ascontiguousarray(np.transpose(kernel, (2, 3, 1, 0)))


def linear_to_dense(weight):
    """torch Linear weight (D_out, D_in) -> dlspec Dense W (D_in, D_out)."""
    return np.ascontiguousarray(np.asarray(weight).T)


def adaptive_avg_pool_matrix(size_in: int, size_out: int) -> np.ndarray:
    """The (size_out, size_in) matrix of torch's AdaptiveAvgPool1d: row i averages the
    inputs ``floor(i * n / m)`` to ``ceil((i + 1) * n / m) - 1``."""
    P = np.zeros((size_out, size_in))
    for i in range(size_out):
        start, end = (i * size_in) // size_out, math.ceil((i + 1) * size_in / size_out)
        P[i, start:end] = 1.0 / (end - start)
    return P


def dense_after_chw_flatten(weight, channels, pooled_hw, model_hw):
    """Dense W for NHWC features of spatial size ``model_hw`` from a torch Linear that read
    NCHW features flattened after ``AdaptiveAvgPool2d(pooled_hw)``.

    Parameters
    ----------
    weight : (D_out, channels * pooled_h * pooled_w), torch layout.
    channels : C.
    pooled_hw : (h_p, w_p) the torch model pooled to (VGG: (7, 7)).
    model_hw : (h, w) of the dlspec feature map at its Flatten.

    Returns
    -------
    W : (h * w * C, D_out), rows in NHWC flatten order. The adaptive pooling is linear, so
    it folds into W exactly: W[c, (y, x)] = sum over pooled (i, j) of
    weight[c, i, j] * P_h[i, y] * P_w[j, x]. At the source's own size (224 x 224 input,
    7 x 7 features) P is the identity and this is only the permutation.
    """
    (hp, wp), (h, w) = pooled_hw, model_hw
    d_out = weight.shape[0]
    if weight.shape[1] != channels * hp * wp:
        raise ValueError(f"a Linear weight of shape {weight.shape} does not read {channels} x "
                         f"{hp} x {wp} features.")
    Wt = np.asarray(weight).reshape(d_out, channels, hp, wp)                # (D_out, C, h_p, w_p)
    if (h, w) == (hp, wp):
        W = Wt.transpose(2, 3, 1, 0)                                        # (h, w, C, D_out)
    else:
        # Contract one pooled axis at a time, in the weight's dtype (VGG's is 100M values).
        Ph = adaptive_avg_pool_matrix(h, hp).astype(Wt.dtype)              # (h_p, h)
        Pw = adaptive_avg_pool_matrix(w, wp).astype(Wt.dtype)              # (w_p, w)
        W = np.tensordot(Wt, Ph, axes=([2], [0]))                           # (D_out, C, w_p, h)
        W = np.tensordot(W, Pw, axes=([2], [0]))                            # (D_out, C, h, w)
        W = W.transpose(2, 3, 1, 0)                                         # (h, w, C, D_out)
    return np.ascontiguousarray(W).reshape(h * w * channels, d_out)


def fold_conv_bias_into_bn(bias, running_mean):
    """BN(conv(x) + b) = BN'(conv(x)) with running_mean' = running_mean - b (inference)."""
    return np.asarray(running_mean) - np.asarray(bias)


def adjust_bn_epsilon(running_var, eps_source, eps_model):
    """(x - m) / sqrt(v + e_src) = (x - m) / sqrt(v' + e_model) with v' = v + e_src - e_model."""
    return np.asarray(running_var) + (eps_source - eps_model)
