"""Dot: the per-example dot product of two tensors along one axis each (Keras's ``Dot``)."""
from __future__ import annotations

from ..functional.dot import dot_backward, dot_forward
from .merge import Merge


class Dot(Merge):
    """Contract one axis of each of two inputs, example by example (Keras's ``Dot``).

    Parameters
    ----------
    axes : int or (int, int)
        The axis of each input to sum over, counted on the full (N, ...) arrays as in Keras:
        axis 0 holds the examples and cannot be contracted; negative axes count from the end.
        An int uses the same axis for both inputs.
    normalize : bool
        L2-normalize both inputs along their axes first, so the output is the cosine
        similarity (the course's ``cosine_similarity`` for word vectors).

    Notes
    -----
    Shapes: A (N, *p) with K at axis a, B (N, *q) with K at axis b -> Z (N, *p', *q'), p' and q'
    being p and q without the contracted axis; (N, 1) when A and B are both (N, K).
    Forward: Z[n] = sum_k A[n, ..., k, ...] B[n, ..., k, ...].
    Backward: dA = dZ B^T, dB = A^T dZ per example (``dlspec.functional.dot``).
    The course's attention (``one_step_attention``) builds its context this way:
    ``Dot(axes=1)([alphas, a])`` with alphas (N, Tx, 1) and a (N, Tx, 2 n_a) gives
    (N, 1, 2 n_a), the alpha-weighted sum of the encoder's activations.

    Examples
    --------
    >>> import numpy as np
    >>> alphas, a = np.full((2, 3, 1), 1 / 3), np.ones((2, 3, 4))
    >>> Dot(axes=1).forward([alphas, a]).shape
    (2, 1, 4)
    """

    def __init__(self, axes, normalize: bool = False, name: str | None = None):
        super().__init__(name)
        pair = (axes, axes) if _is_int(axes) else axes
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2
                and all(_is_int(a) for a in pair)) or 0 in pair:
            raise ValueError(f"Dot(axes) expects a non-zero int or a pair of them (axes of the "
                             f"(N, ...) inputs; axis 0 holds the examples); got {axes!r}. The "
                             "course's attention uses Dot(axes=1) on alphas (N, Tx, 1) and "
                             "a (N, Tx, 2 n_a).")
        self.axes = axes if _is_int(axes) else tuple(axes)
        self.normalize = bool(normalize)

    def _resolve(self, shapes):
        """The two axes as non-negative axes of the full arrays, checked against the shapes."""
        if len(shapes) != 2:
            raise ValueError(f"{self!r} takes exactly two inputs; got {len(shapes)}.")
        pair = (self.axes, self.axes) if _is_int(self.axes) else self.axes
        full = [("N", *s) for s in shapes]
        resolved = []
        for axis, shape in zip(pair, full):
            ndim = len(shape)
            if not (1 <= axis < ndim or -ndim < axis < 0):
                raise ValueError(f"{self!r}: axis {axis} is not a feature axis of an input of shape "
                                 f"{shape}; got input shapes {full}. Use an axis between 1 and "
                                 f"{ndim - 1} (or -1 for the last).")
            resolved.append(axis % ndim)
        a, b = resolved
        if full[0][a] != full[1][b]:
            raise ValueError(f"{self!r} sums over axis {a} of {full[0]} and axis {b} of {full[1]}, "
                             f"which must have the same size; got {full[0][a]} and {full[1][b]}. "
                             "Pick axes of equal size (or Permute/Reshape an input first).")
        return a, b

    def _build(self, shapes, rng, dtype):
        self._axes = self._resolve(shapes)       # fixed by the shapes, so not per call

    def output_shape(self, input_shape):
        s0, s1 = (tuple(s) for s in input_shape)
        a, b = self._resolve([s0, s1])
        out = s0[:a - 1] + s0[a:] + s1[:b - 1] + s1[b:]
        return out or (1,)

    def _forward(self, xs, training):
        return dot_forward(xs[0], xs[1], self._axes, self.normalize)

    def _backward(self, dZ, cache):
        return list(dot_backward(dZ, cache))

    def get_config(self):
        return {"axes": self.axes, "normalize": self.normalize, "name": self.name}


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)
