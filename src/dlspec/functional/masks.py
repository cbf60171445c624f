"""Attention masks (course 5, week 4): padding and look-ahead, in the course's convention.

The course's masks are floats with 1 where a position may be attended and 0 where it may
not; attention adds (1 - mask) * -1e9 to the logits. A boolean mask (Keras's
``attention_mask``) means the same with True/False. PyTorch's boolean masks are the
opposite (True = blocked): convert with ``~mask``.
"""
from ..backend import xp

NEG_INF = -1.0e9     # the course's "minus infinity": exp(-1e9) is exactly 0 in float32 and float64


def create_padding_mask(token_ids, pad_id=0, dtype="float32"):
    """1 for real tokens, 0 for padding, shape (N, 1, T): broadcasts over query positions.

    Examples
    --------
    >>> import numpy as np
    >>> create_padding_mask(np.array([[7, 6, 0, 0, 1], [1, 2, 3, 0, 0]]))[0].tolist()
    [[1.0, 1.0, 0.0, 0.0, 1.0]]
    """
    ids = xp.asarray(token_ids)
    if ids.ndim != 2 or ids.dtype.kind not in "iu":
        raise ValueError(f"create_padding_mask expects integer token ids of shape (N, T); got "
                         f"{ids.dtype} of shape {ids.shape}.")
    return (ids != pad_id).astype(dtype)[:, None, :]                    # (N, 1, T)


def create_look_ahead_mask(sequence_length, dtype="float32"):
    """Lower-triangular ones (1, T, T): position t may attend to positions <= t only.

    Examples
    --------
    >>> create_look_ahead_mask(3)[0].tolist()
    [[1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [1.0, 1.0, 1.0]]
    """
    T = int(sequence_length)
    return xp.tril(xp.ones((1, T, T), dtype=dtype))


def combine_masks(*masks):
    """Elementwise AND of masks (course convention or boolean), None entries skipped."""
    masks = [xp.asarray(m).astype(bool) for m in masks if m is not None]
    if not masks:
        return None
    out = masks[0]
    for m in masks[1:]:
        out = out & m
    return out


def mask_bias(mask, shape, dtype):
    """The additive logits bias (1 - mask) * -1e9 for ``mask`` broadcastable to ``shape``.

    ``shape`` is the logits' (N, H, Tq, Tk) (or (N, Tq, Tk)); a mask of rank 3 (N, Tq, Tk)
    or (N, 1, Tk) gets a heads axis. Raises a ValueError naming the shapes otherwise.
    """
    mask = xp.asarray(mask)
    if mask.dtype.kind not in "bfiu":
        raise TypeError(f"An attention mask must be boolean or 0/1 numbers; got dtype {mask.dtype}.")
    if mask.ndim == len(shape) - 1 and len(shape) == 4:
        mask = mask[:, None]                                            # (N, Tq, Tk) -> (N, 1, Tq, Tk)
    try:
        xp.broadcast_shapes(mask.shape, tuple(shape))
        ok = mask.ndim <= len(shape)
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"Attention mask of shape {xp.asarray(mask).shape} does not broadcast "
                         f"to the attention logits (N, heads, Tq, Tk) = {tuple(shape)}. Use "
                         "(N, Tq, Tk), (N, 1, Tk) from create_padding_mask, or (1, Tq, Tk) from "
                         "create_look_ahead_mask.")
    dtype = xp.dtype(dtype)
    return (1 - mask.astype(dtype)) * dtype.type(NEG_INF)               # bool -> 0/1 first
