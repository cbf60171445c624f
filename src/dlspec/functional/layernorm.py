"""Layer normalization (Ba et al. 2016), over the last axis, with a hand-derived backward."""
from ..backend import xp


def layer_norm_forward(x, gamma, beta, epsilon=1e-6):
    """y = gamma * (x - mu) / sqrt(var + epsilon) + beta, statistics over the last axis.

    Parameters
    ----------
    x : array (..., D); gamma, beta : arrays (D,)

    Returns
    -------
    y : array (..., D); cache : (x_hat, inv_std, gamma)

    Notes
    -----
    Per position (unlike batch norm, no statistics over the batch, no running averages):
    mu = mean_d x, var = mean_d (x - mu)^2, x_hat = (x - mu) / sqrt(var + eps).
    Backward: dgamma = sum x_hat * dy, dbeta = sum dy (over every axis but the last),
    dx_hat = dy * gamma, dx = inv_std * (dx_hat - mean_d dx_hat - x_hat mean_d(dx_hat x_hat)).
    """
    mu = x.mean(axis=-1, keepdims=True)
    xc = x - mu
    var = (xc * xc).mean(axis=-1, keepdims=True)
    inv_std = 1.0 / xp.sqrt(var + x.dtype.type(epsilon))
    x_hat = xc * inv_std
    return x_hat * gamma + beta, (x_hat, inv_std, gamma)


def layer_norm_backward(dy, cache, need_dx=True):
    """Return dx (..., D) (None if not needed), dgamma (D,), dbeta (D,)."""
    x_hat, inv_std, gamma = cache
    D = x_hat.shape[-1]
    flat_dy = dy.reshape(-1, D)                              # (..., D) -> (M, D)
    dgamma = (flat_dy * x_hat.reshape(-1, D)).sum(axis=0)
    dbeta = flat_dy.sum(axis=0)
    if not need_dx:
        return None, dgamma, dbeta
    dx_hat = dy * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(axis=-1, keepdims=True)
                    - x_hat * (dx_hat * x_hat).mean(axis=-1, keepdims=True))
    return dx, dgamma, dbeta
