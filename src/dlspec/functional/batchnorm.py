"""Batch normalization (course 2, week 3), over every axis but the last.

The last axis holds the features (dense (N, D)) or channels (images NHWC (N, H, W, C)),
so the same functions serve dense and convolutional layers: statistics are taken over
the m = N (dense) or m = N * H * W (NHWC) values of each feature.

    mu = 1/m sum Z,   sigma^2 = 1/m sum (Z - mu)^2            (over all axes but the last)
    Z_norm = (Z - mu) / sqrt(sigma^2 + epsilon),   Z_tilde = gamma Z_norm + beta
"""
from ..backend import xp


def _axes(Z):
    return tuple(range(Z.ndim - 1))


def batch_statistics(Z):
    """The batch's mean mu and (biased) variance sigma^2 per feature, each of shape (C,)."""
    axes = _axes(Z)
    mu = Z.mean(axis=axes)
    Zc = Z - mu
    return mu, (Zc * Zc).mean(axis=axes)


def batchnorm_forward(Z, gamma, beta, mu, var, epsilon):
    """Z_tilde = gamma (Z - mu) / sqrt(var + epsilon) + beta.

    Parameters
    ----------
    Z : (..., C); gamma, beta, mu, var : (C,)
        In training, mu and var are the batch's statistics (``batch_statistics``);
        at inference, the running averages.

    Returns
    -------
    Z_tilde : like Z; cache : (Z_norm, gamma, inv_std) for the backward functions.
    """
    inv_std = 1 / xp.sqrt(var + epsilon)
    Z_norm = (Z - mu) * inv_std
    return gamma * Z_norm + beta, (Z_norm, gamma, inv_std)


def batchnorm_backward(dZ_tilde, cache):
    """Backward in training mode, where mu and sigma^2 depend on Z (closed form).

    Notes
    -----
    dbeta = sum dZ_tilde,  dgamma = sum dZ_tilde * Z_norm  (over all axes but the last),
    dZ = gamma / sqrt(sigma^2 + epsilon) * (dZ_tilde - dbeta / m - Z_norm * dgamma / m).

    The last line is the three paths through Z, mu and sigma^2 summed and simplified:
    the mean term removes the gradient's mean and the Z_norm term its projection on
    Z_norm, since the normalized output cannot change its own mean or scale.
    """
    Z_norm, gamma, inv_std = cache
    axes = _axes(Z_norm)
    m = Z_norm.size // Z_norm.shape[-1]
    dbeta = dZ_tilde.sum(axis=axes)
    dgamma = (dZ_tilde * Z_norm).sum(axis=axes)
    dZ = (gamma * inv_std) * (dZ_tilde - dbeta / m - Z_norm * (dgamma / m))
    return dZ, dgamma, dbeta


def batchnorm_inference_backward(dZ_tilde, cache):
    """Backward at inference, where mu and sigma^2 are constants (the running averages)."""
    Z_norm, gamma, inv_std = cache
    axes = _axes(Z_norm)
    return dZ_tilde * (gamma * inv_std), (dZ_tilde * Z_norm).sum(axis=axes), dZ_tilde.sum(axis=axes)
