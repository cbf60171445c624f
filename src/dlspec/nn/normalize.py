"""L2 normalization: the face encoder's last step (course 4, week 4)."""
from __future__ import annotations

from ..backend import xp
from .layer import Layer


class L2Normalize(Layer):
    """A = Z / sqrt(sum(Z^2, axis) + epsilon): unit-length encodings (FaceNet, the course's
    ``faceRecoModel`` ends with ``Lambda(lambda x: K.l2_normalize(x, axis=1))``).

    Parameters
    ----------
    axis : int, the axis normalized (-1: the features of (N, D)).
    epsilon : float, keeps the division finite at Z = 0 (Keras's 1e-12).

    Notes
    -----
    With r = sqrt(sum Z^2 + epsilon) and A = Z / r, the backward is
    dZ = (dA - A * sum(dA * A, axis)) / r: the part of dA along A is removed, since moving
    Z along itself does not change A.

    Examples
    --------
    >>> import numpy as np
    >>> L2Normalize().forward(np.array([[3.0, 4.0]])).round(3).tolist()
    [[0.6, 0.8]]
    """

    propagates_mask = True

    def __init__(self, axis: int = -1, epsilon: float = 1e-12, name: str | None = None):
        super().__init__(name)
        if not epsilon >= 0:
            raise ValueError(f"L2Normalize(epsilon) expects a number >= 0; got {epsilon!r}.")
        self.axis, self.epsilon = int(axis), float(epsilon)

    def get_config(self):
        return {"axis": self.axis, "epsilon": self.epsilon, "name": self.name}

    def _forward(self, Z, training):
        r = xp.sqrt((Z * Z).sum(axis=self.axis, keepdims=True) + Z.dtype.type(self.epsilon))
        A = Z / r
        return A, (A, r)

    def _backward(self, dA, cache):
        A, r = cache
        return (dA - A * (dA * A).sum(axis=self.axis, keepdims=True)) / r
