"""Cost functions. Each forward returns (cost, cache); each backward returns dJ/d(prediction).

Costs average over the N examples (the course's 1/m), so gradients carry the 1/N.
"""
from ..backend import xp
from .activations import log_softmax, sigmoid_forward

_LOG_FLOOR = -100.0   # NOTE: PyTorch's BCELoss clamps log at -100 too; keeps log(0) finite.


def binary_cross_entropy_forward(A, Y):
    """J = -1/N sum(Y log A + (1 - Y) log(1 - A)), A = predicted probabilities (N, 1)."""
    with xp.errstate(divide="ignore"):
        log_a = xp.maximum(xp.log(A), _LOG_FLOOR)
        log_1ma = xp.maximum(xp.log(1 - A), _LOG_FLOOR)
    # Y log A + (1 - Y) log(1 - A), rearranged to save an array operation (tiny nets).
    cost = -(log_1ma + Y * (log_a - log_1ma)).sum() / A.shape[0]
    return cost, (A, Y)


def binary_cross_entropy_backward(cache):
    """dA = (A - Y) / (A (1 - A)) / N, i.e. -(Y/A - (1-Y)/(1-A)) / N."""
    A, Y = cache
    return (A - Y) / xp.maximum(A * (1 - A), 1e-12) / A.shape[0]


def binary_cross_entropy_with_logits_forward(Z, Y):
    """Binary cross-entropy of sigmoid(Z), computed from the logits Z without overflow.

    Notes
    -----
    -[y log s(z) + (1-y) log(1-s(z))] = max(z, 0) - z y + log(1 + exp(-|z|)).
    Backward: dZ = (sigmoid(Z) - Y) / N.
    """
    loss = xp.maximum(Z, 0) - Z * Y + xp.log1p(xp.exp(-xp.abs(Z)))
    return loss.sum() / Z.shape[0], (Z, Y)


def binary_cross_entropy_with_logits_backward(cache):
    Z, Y = cache
    A, _ = sigmoid_forward(Z)
    return (A - Y) / Z.shape[0]


def softmax_cross_entropy_forward(Z, Y):
    """Categorical cross-entropy of softmax(Z) with one-hot Y (N, C), from logits Z (N, C).

    Notes
    -----
    J = -1/N sum_n sum_c Y log softmax(Z), with log-softmax computed stably.
    Backward (softmax and cross-entropy fused): dZ = (softmax(Z) - Y) / N.
    """
    log_A = log_softmax(Z, axis=-1)
    return -(Y * log_A).sum() / Z.shape[0], (log_A, Y)


def softmax_cross_entropy_backward(cache):
    log_A, Y = cache
    return (xp.exp(log_A) - Y) / log_A.shape[0]


def mean_squared_error_forward(A, Y):
    """J = mean over all entries of (A - Y)^2 (PyTorch's MSELoss convention)."""
    diff = A - Y
    return (diff * diff).mean(), diff


def mean_squared_error_backward(diff):
    return 2 * diff / diff.size
