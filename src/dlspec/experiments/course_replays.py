"""The course's exact numbers, replayed through dlspec's own API on the assignments' own inputs.

Where an assignment prints a number computed from inputs it seeds with NumPy
(``np.random.seed(1)`` then ``np.random.randn`` calls in a fixed order), the same draws go
through dlspec here (``RandomState(1)`` gives the legacy ``np.random.seed`` stream). Each
function returns ``{metric: value}``; ``REFERENCE`` holds the number the 2021 notebooks
print, under the same key, and ``tests/experiments/test_course_replays.py`` pins each to
1e-8. The experiments add these to their metrics, so the report shows them beside the course's.
"""
from __future__ import annotations

import numpy as np

REFERENCE = {
    "course_c1w4_compute_cost": 0.2797765635793422,
    "course_c2w1_l2_cost": 1.78648594516,
    "course_c2w1_gradcheck_buggy": 0.2850931567761623,
    "course_c2w1_gradcheck_fixed": 1.1890913024229996e-07,
    "course_c2w2_update_lr": 0.16666666666666666,
    "course_c2w2_schedule_lr_decay": 0.3846153846153846,
    "course_c4w1_conv_forward_Z_mean": 0.5511276474566768,
}


def _draws(*shapes):
    """np.random.seed(1); then np.random.randn(*shape) for each shape, in order."""
    state = np.random.RandomState(1)
    return [state.randn(*shape) for shape in shapes]


def _course_model(sizes, params):
    """A float64 LINEAR->RELU...->SIGMOID network holding the course's W (n_l, n_l-1), b (n_l, 1)."""
    from ..losses import BinaryCrossentropy
    from ..models import Sequential
    from ..nn import Dense, ReLU, Sigmoid
    layers = []
    for units in sizes[1:-1]:
        layers += [Dense(units), ReLU()]
    model = Sequential([*layers, Dense(sizes[-1]), Sigmoid()], seed=0, dtype="float64")
    model.build((sizes[0],))
    for dense, (W, b) in zip([l for l in model.layers if isinstance(l, Dense)], params):
        dense.params["W"][...] = W.T            # the course's (n_l, n_l-1) -> dlspec's (D_in, D_out)
        dense.params["b"][...] = b.ravel()
    # fused=False: the cost from the probabilities, as the course's NumPy code computes it
    return model.compile(BinaryCrossentropy(fused=False), "sgd")


def c1w4_compute_cost():
    """Course 1 week 4, compute_cost_test_case: Y = [1, 1, 0], AL = [.8, .9, .4]."""
    from ..losses import BinaryCrossentropy
    cost = BinaryCrossentropy().forward(np.array([[.8], [.9], [.4]]), np.array([[1], [1], [0]]))
    return {"course_c1w4_compute_cost": float(cost)}


def c2w1_l2_cost():
    """Course 2 week 1 (regularization), compute_cost_with_regularization_test_case, lambd = 0.1."""
    from ..losses import BinaryCrossentropy
    from ..regularization import l2_cost
    W1, b1, W2, b2, W3, b3 = _draws((2, 3), (2, 1), (3, 2), (3, 1), (1, 3), (1, 1))
    model = _course_model([3, 2, 3, 1], [(W1, b1), (W2, b2), (W3, b3)])
    a3 = np.array([[0.40682402], [0.01629284], [0.16722898], [0.10118111], [0.40682402]])
    cross_entropy = BinaryCrossentropy().forward(a3, np.array([[1], [1], [0], [1], [0]]))
    return {"course_c2w1_l2_cost": float(cross_entropy + l2_cost(model, 5, lambd=0.1))}


def c2w1_gradcheck():
    """Course 2 week 1 (gradient checking), gradient_check_n_test_case: one difference over all
    parameters, first with the notebook's two planted bugs (dW2 * 2, db1 * 4), then without.

    Through ``dlspec.course.c2w1_gradient_checking`` (the course's cost, its layout and its
    vector of parameters): the fixed difference is central-difference roundoff of the course's
    own cost formula, so it is replayed with that formula (a model's fused, clipped
    cross-entropy rounds differently and gives ~1e-9)."""
    from ..course import c2w1_gradient_checking as gc
    x, W1, b1, W2, b2, W3, b3 = _draws((4, 3), (5, 4), (5, 1), (3, 5), (3, 1), (1, 3), (1, 1))
    params, y = dict(zip(gc.KEYS, (W1, b1, W2, b2, W3, b3))), np.array([1, 1, 0])
    _, cache = gc.forward_propagation_n(x, y, params)
    return {"course_c2w1_gradcheck_buggy": float(gc.gradient_check_n(params, gc.backward_propagation_n_buggy(x, y, cache), x, y)),
            "course_c2w1_gradcheck_fixed": float(gc.gradient_check_n(params, gc.backward_propagation_n(x, y, cache), x, y))}


def c2w2_learning_rate_decay():
    """Course 2 week 2: update_lr(0.5, epoch 2, decay 1) and schedule_lr_decay(0.5, 100, 0.3, 100)."""
    from ..schedules import InverseTimeDecay, StaircaseDecay
    return {"course_c2w2_update_lr": InverseTimeDecay(1.0)(2, 0.5),
            "course_c2w2_schedule_lr_decay": StaircaseDecay(0.3, 100)(100, 0.5)}


def c4w1_conv_forward():
    """Course 4 week 1 (2021): conv_forward on randn(2, 5, 7, 4), W randn(3, 3, 4, 8), pad 1, stride 2."""
    from ..functional.conv import conv_forward
    A_prev, W, b = _draws((2, 5, 7, 4), (3, 3, 4, 8), (1, 1, 1, 8))
    Z, _ = conv_forward(A_prev, W, b.reshape(-1), stride=(2, 2), pads=((1, 1), (1, 1)))
    return {"course_c4w1_conv_forward_Z_mean": float(Z.mean())}


def references(week: str) -> dict:
    """The course's numbers of one assignment, such as ``references("c2w1")``."""
    return {k: v for k, v in REFERENCE.items() if k.startswith(f"course_{week}_")}
