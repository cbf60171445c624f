"""Batch normalization (course 2, week 3), over every axis but the last.

The last axis holds the features (dense (N, D)) or channels (images NHWC (N, H, W, C)),
so the same functions serve dense and convolutional layers: statistics are taken over
the m = N (dense) or m = N * H * W (NHWC) values of each feature.

    mu = 1/m sum Z,   sigma^2 = 1/m sum (Z - mu)^2            (over all axes but the last)
    Z_norm = (Z - mu) / sqrt(sigma^2 + epsilon),   Z_tilde = gamma Z_norm + beta
"""
from ..backend import xp
from ..kernels import twin

# NOTE: an activation of (16, 56, 56, 64) float32 is 13 MB, so each pass over it costs
# about a millisecond and the count of passes is the cost. Per-channel sums go through
# einsum on the (m, C) view: one read, no temporary (a plain .mean over three axes took 2.4x
# as long, and sum((Z - mu)^2) needed the square as an activation-sized temporary).


def _channels(Z):
    """Z as an (m, C) array: a view for the contiguous arrays layers pass."""
    return Z.reshape(-1, Z.shape[-1])


def _channel_sum(X2):
    return xp.einsum("ij->j", X2)


def _channel_dot(X2, Y2):
    return xp.einsum("ij,ij->j", X2, Y2)


def batch_statistics(Z):
    """The batch's mean mu and (biased) variance sigma^2 per feature, each of shape (C,)."""
    mu, var, _ = _centered_statistics(Z)
    return mu, var


def _centered_statistics(Z):
    Z2 = _channels(Z)
    m = Z2.shape[0]
    mu = _channel_sum(Z2) / m
    Zc = Z - mu                       # two passes (centered), never E[Z^2] - mu^2: no cancellation
    Zc2 = _channels(Zc)
    return mu, _channel_dot(Zc2, Zc2) / m, Zc


@twin("batchnorm")
def batchnorm_forward(Z, gamma, beta, mu, var, epsilon):
    """Z_tilde = gamma (Z - mu) / sqrt(var + epsilon) + beta, with mu and var given.

    Parameters
    ----------
    Z : (..., C); gamma, beta, mu, var : (C,)
        At inference, mu and var are the running averages (in training use
        ``batchnorm_train_forward``, which computes the batch's statistics on the way).

    Returns
    -------
    Z_tilde : like Z; cache : (Z, mu, gamma, inv_std) for ``batchnorm_inference_backward``.
    """
    inv_std = 1 / xp.sqrt(var + epsilon)
    scale = gamma * inv_std
    # One scale and one shift per channel: two passes, and the cache keeps only a
    # reference to Z (backward recomputes Z - mu if it is ever called).
    Z_tilde = Z * scale
    Z_tilde += beta - mu * scale
    return Z_tilde, (Z, mu, gamma, inv_std)


@twin("batchnorm")
def batchnorm_train_forward(Z, gamma, beta, epsilon):
    """Training forward: the batch's statistics and the normalized output in five passes.

    Returns
    -------
    Z_tilde : like Z; mu, var : (C,) the batch's mean and biased variance;
    cache : (Z - mu, gamma, inv_std) for ``batchnorm_backward``.
    """
    mu, var, Zc = _centered_statistics(Z)
    inv_std = 1 / xp.sqrt(var + epsilon)
    Z_tilde = Zc * (gamma * inv_std)
    Z_tilde += beta
    return Z_tilde, mu, var, (Zc, gamma, inv_std)


@twin("batchnorm")
def batchnorm_backward(dZ_tilde, cache):
    """Backward in training mode, where mu and sigma^2 depend on Z (closed form).

    Notes
    -----
    dbeta = sum dZ_tilde,  dgamma = sum dZ_tilde * Z_norm  (over all axes but the last),
    dZ = gamma / sqrt(sigma^2 + epsilon) * (dZ_tilde - dbeta / m - Z_norm * dgamma / m).

    The last line is the three paths through Z, mu and sigma^2 summed and simplified:
    the mean term removes the gradient's mean and the Z_norm term its projection on
    Z_norm, since the normalized output cannot change its own mean or scale. With
    Z_norm = (Z - mu) inv_std it is computed as (dZ_tilde - dbeta / m) a + (Z - mu) k,
    a = gamma inv_std and k = -a inv_std dgamma / m: four passes, one temporary.
    """
    Zc, gamma, inv_std = cache
    dZ2, Zc2 = _channels(dZ_tilde), _channels(Zc)
    m = dZ2.shape[0]
    dbeta = _channel_sum(dZ2)
    dgamma = _channel_dot(dZ2, Zc2) * inv_std
    a = gamma * inv_std
    dZ = dZ_tilde - dbeta / m
    dZ *= a
    t = Zc * (-a * inv_std * dgamma / m)
    dZ += t
    return dZ, dgamma, dbeta


def batchnorm_inference_backward(dZ_tilde, cache):
    """Backward at inference, where mu and sigma^2 are constants (the running averages)."""
    Z, mu, gamma, inv_std = cache
    dZ2 = _channels(dZ_tilde)
    dgamma = _channel_dot(dZ2, _channels(Z - mu)) * inv_std
    return dZ_tilde * (gamma * inv_std), dgamma, _channel_sum(dZ2)
