"""Keras's cross-entropies: of probabilities (clipped as Keras clips them) and of logits.

Each cost is a mean over the M positions that hold one distribution: M = N for (N, C)
predictions, N * T for (N, T, C), N * H * W for pixels (Keras's ``sum_over_batch_size``).
``per_example=True`` sums over the positions of an example and averages over the N examples
instead (the course's per-sequence convention); the gradients carry the same factor.
Forwards return (cost, cache); backwards return dJ/d(prediction).
"""
from ..backend import xp
from .activations import log_softmax, sigmoid_forward

EPSILON = 1e-7    # Keras's backend epsilon(): probabilities are clipped to [EPSILON, 1 - EPSILON]


def _count(P, per_example, last_axis_is_classes=True):
    """The number the summed cost is divided by (see the module's docstring)."""
    if per_example:
        return P.shape[0]
    return P.size // P.shape[-1] if last_axis_is_classes else P.size


def categorical_crossentropy_forward(P, Y, per_example=False, epsilon=EPSILON):
    """J = -1/M sum Y log clip(P / sum_c P), from probabilities P (N, ..., C) and one-hot Y.

    Notes
    -----
    As Keras: each row is divided by its sum (so a softmax's rounding is undone), then
    clipped to [epsilon, 1 - epsilon], so that log never sees 0. Backward: with Q = P / S
    (S the row sums) and g = -Y / (M clip(Q)) where Q lies inside the clip range (0 outside,
    where the clip is flat), dP = (g - sum_c g Q) / S.
    """
    S = P.sum(axis=-1, keepdims=True)
    Q = P / S
    C = xp.clip(Q, epsilon, 1 - epsilon)
    M = _count(P, per_example)
    return -(Y * xp.log(C)).sum() / M, (Y, S, Q, C, M, epsilon)


def categorical_crossentropy_backward(cache):
    Y, S, Q, C, M, epsilon = cache
    inside = (Q >= epsilon) & (Q <= 1 - epsilon)
    g = xp.where(inside, -Y / (C * M), 0).astype(Q.dtype, copy=False)
    return (g - (g * Q).sum(axis=-1, keepdims=True)) / S


def binary_crossentropy_forward(P, Y, per_example=False, epsilon=EPSILON):
    """J = -1/M sum [Y log p + (1 - Y) log(1 - p)], p = clip(P, epsilon, 1 - epsilon).

    M is every entry of P (Keras averages over the last axis, then over the rest).
    Backward: dP = (p - Y) / (p (1 - p) M) where P lies inside the clip range, 0 outside.
    """
    C = xp.clip(P, epsilon, 1 - epsilon)
    M = _count(P, per_example, last_axis_is_classes=False)
    cost = -(Y * xp.log(C) + (1 - Y) * xp.log(1 - C)).sum() / M
    return cost, (P, Y, C, M, epsilon)


def binary_crossentropy_backward(cache):
    P, Y, C, M, epsilon = cache
    inside = (P >= epsilon) & (P <= 1 - epsilon)
    # NOTE: divided by M last, as dlspec's old BinaryCrossEntropy did: the course replays that
    # train 9000 steps at learning rate 1.2 (chaotic after ~7000) keep their pinned digits.
    return xp.where(inside, (C - Y) / (C * (1 - C)) / M, 0).astype(P.dtype, copy=False)


def categorical_crossentropy_from_logits_forward(Z, Y, per_example=False):
    """J = -1/M sum Y log softmax(Z) from logits Z (N, ..., C): softmax and log fused, stable.

    Backward: dZ = (softmax(Z) - Y) / M.
    """
    log_A = log_softmax(Z, axis=-1)
    M = _count(Z, per_example)
    return -(Y * log_A).sum() / M, (log_A, Y, M)


def categorical_crossentropy_from_logits_backward(cache):
    log_A, Y, M = cache
    return (xp.exp(log_A) - Y) / M


def binary_crossentropy_from_logits_forward(Z, Y, per_example=False):
    """J = 1/M sum [max(Z, 0) - Z Y + log(1 + exp(-|Z|))]: sigmoid and log fused, exact for any Z.

    Backward: dZ = (sigmoid(Z) - Y) / M.
    """
    M = _count(Z, per_example, last_axis_is_classes=False)
    loss = xp.maximum(Z, 0) - Z * Y + xp.log1p(xp.exp(-xp.abs(Z)))
    return loss.sum() / M, (Z, Y, M)


def binary_crossentropy_from_logits_backward(cache):
    Z, Y, M = cache
    A, _ = sigmoid_forward(Z)
    return (A - Y) / M
