"""scikit-learn's bundled 8x8 digits (1,797 images; shipped inside scikit-learn, no download)."""
from __future__ import annotations

from ..backend import xp

INSTALL_HINT = 'pip install "dlspec[data]"  (or: pip install scikit-learn)'


def load_digits(flatten=True):
    """Return ``X`` (1797, 64) in [0, 1] (or (1797, 8, 8, 1) NHWC) and ``Y`` (1797,) digit ids.

    Raises ImportError with the install command when scikit-learn is missing.
    """
    try:
        from sklearn.datasets import load_digits as sk_load_digits
    except ImportError:
        raise ImportError("The digits dataset ships with scikit-learn, which is not installed. "
                          f"Install it with: {INSTALL_HINT}") from None
    bunch = sk_load_digits()
    X = bunch.images.astype(xp.float64) / 16.0          # (N, 8, 8), pixel values 0..16
    X = X.reshape(len(X), -1) if flatten else X[..., None]   # (N, 64) or NHWC (N, 8, 8, 1)
    return X, bunch.target.astype(xp.int64)
