"""Reference forward passes in plain NumPy (NHWC, HWIO) over canonical names.

They check the name maps' conversions against torch before (and independently of)
dlspec's zoo: if these agree with the torch source network, the names, layouts and folds
are right, and any difference left with the zoo is the zoo's.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv(x, W, stride=1, pad=0, b=None):
    """x (N, H, W, C_in), W (f, f, C_in, C_out) -> (N, H', W', C_out)."""
    f = W.shape[0]
    x = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    win = sliding_window_view(x, (f, f), axis=(1, 2))[:, ::stride, ::stride]   # (N, H', W', C, f, f)
    out = np.einsum("nhwcij,ijco->nhwo", win, W, optimize=True)
    return out if b is None else out + b


def bn(x, p, prefix, eps):
    return (x - p[f"{prefix}.running_mean"]) / np.sqrt(p[f"{prefix}.running_var"] + eps) \
        * p[f"{prefix}.gamma"] + p[f"{prefix}.beta"]


def maxpool(x, f, stride, pad=0):
    x = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)), constant_values=-np.inf)
    return sliding_window_view(x, (f, f), axis=(1, 2))[:, ::stride, ::stride].max(axis=(-2, -1))


def relu(x):
    return np.maximum(x, 0)


def resnet50(p, x, stride_on_1x1=False, eps=1e-5):
    x = relu(bn(conv(x, p["stem.conv.kernel"], 2, 3), p, "stem.bn", eps))
    x = maxpool(x, 3, 2, 1)
    for s, blocks in enumerate([3, 4, 6, 3], 1):
        for i in range(blocks):
            k = f"stage{s}.block{i}"
            stride = 2 if (i == 0 and s > 1) else 1
            s1, s3 = (stride, 1) if stride_on_1x1 else (1, stride)
            out = relu(bn(conv(x, p[f"{k}.conv1.kernel"], s1), p, f"{k}.bn1", eps))
            out = relu(bn(conv(out, p[f"{k}.conv2.kernel"], s3, 1), p, f"{k}.bn2", eps))
            out = bn(conv(out, p[f"{k}.conv3.kernel"]), p, f"{k}.bn3", eps)
            if f"{k}.shortcut_conv.kernel" in p:
                x = bn(conv(x, p[f"{k}.shortcut_conv.kernel"], stride), p, f"{k}.shortcut_bn", eps)
            x = relu(out + x)
    return x.mean(axis=(1, 2)) @ p["head.fc.W"] + p["head.fc.b"]


def vgg16(p, x):
    j = 1
    for block in [2, 2, 3, 3, 3]:
        for _ in range(block):
            x = relu(conv(x, p[f"conv{j}.kernel"], 1, 1, p[f"conv{j}.b"]))
            j += 1
        x = maxpool(x, 2, 2)
    x = x.reshape(len(x), -1)                         # (N, h * w * C): NHWC flatten
    x = relu(x @ p["fc1.W"] + p["fc1.b"])
    x = relu(x @ p["fc2.W"] + p["fc2.b"])
    return x @ p["fc3.W"] + p["fc3.b"]
