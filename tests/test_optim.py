"""Optimizers: the course's update rules, and parity with torch.optim step for step."""
import numpy as np
import pytest
import torch

from dlspec import optim
from dlspec.optim import Adam, GradientDescent, Momentum, RMSprop

STEPS = 50


def _problem(seed=0):
    """Two parameters and a fixed quadratic-plus-sine cost, so gradients change every step."""
    rng = np.random.default_rng(seed)
    params = {"dense.W": rng.standard_normal((4, 3)), "dense.b": rng.standard_normal(3)}
    targets = {k: rng.standard_normal(v.shape) for k, v in params.items()}
    return params, targets


def _grad(name, p, targets):       # d/dp of sum((p - t)^2 + sin(3 p))
    return 2 * (p - targets[name]) + 3 * np.cos(3 * p)


def _grad_t(name, p, targets):
    return 2 * (p - torch.tensor(targets[name])) + 3 * torch.cos(3 * p)


def _run_ours(opt, steps=STEPS, seed=0):
    params, targets = _problem(seed)
    for _ in range(steps):
        opt.step([(k, p, _grad(k, p, targets)) for k, p in params.items()])
    return params


def _run_torch(make_opt, steps=STEPS, seed=0, before_first=None, clip=None):
    params, targets = _problem(seed)
    tensors = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    opt = make_opt(list(tensors.values()))
    if before_first:
        before_first(opt, tensors)
    for _ in range(steps):
        for k, t in tensors.items():
            t.grad = _grad_t(k, t.detach(), targets)
        if clip:
            torch.nn.utils.clip_grad_norm_(list(tensors.values()), clip)
        opt.step()
    return {k: t.detach().numpy() for k, t in tensors.items()}


def _assert_same(ours, theirs):
    for k in ours:
        np.testing.assert_allclose(ours[k], theirs[k], rtol=1e-6, atol=1e-9, err_msg=k)


def test_gradient_descent_matches_torch_sgd():
    _assert_same(_run_ours(GradientDescent(0.05)), _run_torch(lambda p: torch.optim.SGD(p, lr=0.05)))


def test_momentum_course_form_matches_torch_sgd_with_dampening_and_a_zero_buffer():
    def zero_buffers(opt, tensors):
        # torch starts its buffer at dW; the course starts v at 0. With a zero buffer in
        # place, torch's update buf = beta buf + (1 - dampening) g is the course's.
        for t in tensors.values():
            opt.state[t]["momentum_buffer"] = torch.zeros_like(t)
    ours = _run_ours(Momentum(0.05, beta=0.9))
    theirs = _run_torch(lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, dampening=0.9),
                        before_first=zero_buffers)
    _assert_same(ours, theirs)
    # ...and without the zero buffer the two really differ (the test can fail).
    plain = _run_torch(lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, dampening=0.9))
    assert not np.allclose(ours["dense.W"], plain["dense.W"], rtol=1e-6)


def test_momentum_first_step_is_one_minus_beta_of_the_gradient():
    W = np.zeros(2)
    Momentum(1.0, beta=0.9).step([("W", W, np.array([1.0, -2.0]))])
    np.testing.assert_allclose(W, [-0.1, 0.2])


def test_rmsprop_matches_torch():
    ours = _run_ours(RMSprop(0.01, beta=0.95, epsilon=1e-7))
    theirs = _run_torch(lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.95, eps=1e-7))
    _assert_same(ours, theirs)


@pytest.mark.parametrize("lr, betas, eps", [(0.01, (0.9, 0.999), 1e-8), (0.05, (0.8, 0.99), 1e-6)])
def test_adam_matches_torch(lr, betas, eps):
    ours = _run_ours(Adam(lr, beta1=betas[0], beta2=betas[1], epsilon=eps))
    theirs = _run_torch(lambda p: torch.optim.Adam(p, lr=lr, betas=betas, eps=eps))
    _assert_same(ours, theirs)


def test_adam_bias_correction_makes_the_first_step_alpha_times_sign():
    W = np.zeros(3)
    Adam(0.1).step([("W", W, np.array([5.0, -0.01, 2.0]))])
    np.testing.assert_allclose(W, [-0.1, 0.1, -0.1], rtol=1e-5)


def test_clipnorm_matches_torch_clip_grad_norm():
    ours = _run_ours(Momentum(0.05, beta=0.5, clipnorm=1.0))

    def zero_buffers(opt, tensors):
        for t in tensors.values():
            opt.state[t]["momentum_buffer"] = torch.zeros_like(t)
    theirs = _run_torch(lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.5, dampening=0.5),
                        before_first=zero_buffers, clip=1.0)
    _assert_same(ours, theirs)


def test_clipvalue_clips_each_entry():
    W = np.zeros(3)
    GradientDescent(1.0, clipvalue=0.5).step([("W", W, np.array([3.0, -0.2, -7.0]))])
    np.testing.assert_allclose(W, [-0.5, 0.2, 0.5])


def test_state_lives_in_slots_and_iterations():
    opt = Adam(0.01)
    _run_ours(opt, steps=3)
    assert opt.iterations == 3
    assert set(opt.slots) == {"dense.W", "dense.b"}
    assert set(opt.slots["dense.W"]) == {"v", "s"}
    assert opt.get_config() == {"learning_rate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}


def test_restoring_slots_iterations_and_config_resumes_exactly():
    full = _run_ours(Adam(0.02), steps=20)
    first = Adam(0.02)
    params, targets = _problem()
    for _ in range(10):
        first.step([(k, p, _grad(k, p, targets)) for k, p in params.items()])
    second = Adam(**first.get_config())
    second.slots = {k: {s: a.copy() for s, a in v.items()} for k, v in first.slots.items()}
    second.iterations = first.iterations
    for _ in range(10):
        second.step([(k, p, _grad(k, p, targets)) for k, p in params.items()])
    _assert_same(params, full)


def test_float32_parameters_stay_float32():
    W = np.ones((2, 2), np.float32)
    for opt in (GradientDescent(0.1), Momentum(0.1), RMSprop(0.1), Adam(0.1, clipnorm=0.5)):
        opt.step([("W", W, np.ones((2, 2), np.float32))])
        assert W.dtype == np.float32 and opt.slots.get("W", {}).get("v", W).dtype == np.float32


def test_get_by_name():
    assert isinstance(optim.get("adam"), Adam)
    assert isinstance(optim.get("momentum"), Momentum)
    with pytest.raises(ValueError, match="Unknown optimizer 'adamw'"):
        optim.get("adamw")


@pytest.mark.parametrize("make, match", [
    (lambda: GradientDescent(0), "learning_rate must be > 0"),
    (lambda: Adam(-1e-3), "learning_rate must be > 0"),
    (lambda: Momentum(0.1, beta=1.0), r"beta must lie in \[0, 1\)"),
    (lambda: Adam(beta1=-0.1), r"beta1 must lie in \[0, 1\)"),
    (lambda: Adam(beta2=1.5), r"beta2 must lie in \[0, 1\)"),
    (lambda: RMSprop(beta=1), r"beta must lie in \[0, 1\)"),
    (lambda: Adam(epsilon=0), "epsilon must be > 0"),
    (lambda: RMSprop(epsilon=-1e-8), "epsilon must be > 0"),
    (lambda: Adam(clipnorm=0), "clipnorm must be > 0"),
])
def test_bad_hyperparameters_are_rejected(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_a_learning_rate_that_is_not_a_number_says_so():
    with pytest.raises(TypeError, match="learning_rate must be a number > 0; got str '0.1'"):
        Adam("0.1")
