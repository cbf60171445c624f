"""Shared argument and input checks for the image layers (NHWC)."""
from __future__ import annotations

from ..functional.padding import output_size, resolve_padding


def pair(value, what, who, minimum=1):
    """An int or a pair of ints -> (h, w); raise a clear error otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = (value, value)
    if (isinstance(value, (tuple, list)) and len(value) == 2 and
            all(isinstance(v, int) and not isinstance(v, bool) and v >= minimum for v in value)):
        return tuple(value)
    raise ValueError(f"{who}({what}) expects an int >= {minimum} or a pair (h, w) of them; "
                     f"got {value!r}.")


def check_image_shape(input_shape, who):
    """Per-example shape must be (H, W, C); say so (and spot channels-first input) otherwise."""
    shape = tuple(input_shape)
    if len(shape) != 3:
        hint = (" For grayscale images add a channel axis: X[..., None]." if len(shape) == 2 else
                " Images are (N, H, W, C), the course's layout.")
        raise ValueError(f"{who} expects images of shape (N, H, W, C); got per-example shape "
                         f"{shape}.{hint}")
    if looks_channels_first(shape):
        C, H, W = shape
        raise ValueError(
            f"{who} expects channels-last images (N, H, W, C); the input (N, {C}, {H}, {W}) looks "
            f"channels-first (NCHW, PyTorch's layout) with {C} channel(s). Transpose it: "
            "X.transpose(0, 2, 3, 1).")
    return shape


def looks_channels_first(shape):
    """(C, H, W) with C in {1, 3, 4} and a last axis too large to be a channel count of an image."""
    C, H, W = shape
    return C in (1, 3, 4) and H >= 8 and W >= 8 and W not in (1, 3, 4) and H == W


def spatial_output(input_shape, kernel, stride, padding, who):
    """((top, bottom), (left, right)) pads and (n_H, n_W) for an (H, W, C) input."""
    H, W, _ = check_image_shape(input_shape, who)
    pads = resolve_padding(padding, kernel, stride, (H, W), who)
    return pads, output_size((H, W), kernel, stride, pads, padding, who, input_shape)
