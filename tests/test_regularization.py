"""L2 regularization: the cost term, its gradient (checked numerically), per-layer lambda."""
import numpy as np
import pytest

from dlspec.data import moons
from dlspec.gradcheck import check_gradients
from dlspec.models import Sequential, deep_network
from dlspec.nn import Dense, ReLU, Sigmoid
from dlspec.optim import GradientDescent
from dlspec.regularization import add_l2_gradients, l2_cost


def _model(l2_last=None):
    return Sequential([Dense(4), ReLU(), Dense(1, l2=l2_last), Sigmoid()], seed=0, dtype="float64")


def test_cost_term_is_lambda_over_2m_times_the_squared_weights():
    model = _model()
    model.build((2,))
    W1, W2 = model.layers[0].params["W"], model.layers[2].params["W"]
    expected = 0.7 / (2 * 10) * ((W1 ** 2).sum() + (W2 ** 2).sum())
    assert np.isclose(l2_cost(model, 10, lambd=0.7), expected)
    assert l2_cost(model, 10, lambd=0.0) == 0.0


def test_per_layer_lambda_overrides_the_models():
    model = _model(l2_last=0.0)
    model.build((2,))
    W1 = model.layers[0].params["W"]
    assert np.isclose(l2_cost(model, 10, lambd=0.7), 0.7 / 20 * (W1 ** 2).sum())


def test_gradient_of_the_regularized_cost_passes_the_gradient_check():
    X, Y = moons(20, seed=0)
    model = _model(l2_last=0.3).compile("binary_crossentropy", l2=0.7)

    def cost():
        return model.loss.forward(model.forward(X, training=True), Y) + l2_cost(model, len(X))

    cost()
    model.backward(model.loss.backward())
    add_l2_gradients(model, len(X))
    analytic = {k: v.copy() for k, v in model.grads.items()}
    check_gradients(cost, model.params, analytic).raise_if_failed()
    assert not np.allclose(analytic["dense.W"], 0)


def test_fit_adds_the_term_to_the_cost_and_shrinks_the_weights():
    X, Y = moons(100, seed=0)
    norms, costs = {}, {}
    for lambd in (0.0, 5.0):
        model = deep_network([2, 16, 1], seed=0).compile("binary_crossentropy", GradientDescent(0.3), l2=lambd)
        history = model.fit(X, Y, epochs=300, verbose=0)
        norms[lambd] = sum((layer.params["W"] ** 2).sum() for layer in model.layers if "W" in layer.params)
        costs[lambd] = history["cost"][-1]
    assert norms[5.0] < 0.5 * norms[0.0]
    assert costs[5.0] > costs[0.0]


@pytest.mark.parametrize("make", [lambda: deep_network([2, 1]).compile("binary_crossentropy", l2=-0.1),
                                  lambda: Dense(3, l2=-1)])
def test_negative_lambda_is_rejected(make):
    with pytest.raises(ValueError, match="must be a number >= 0"):
        make()


def test_fit_with_l2_matches_torch_sgd_with_weight_decay_on_the_weights_only():
    """The course's lambda / m on dW is torch's weight_decay on the W's (not on the biases)."""
    torch = pytest.importorskip("torch")
    X, Y = moons(40, seed=1)
    lambd, lr, steps = 0.7, 0.3, 25
    model = _model().compile("binary_crossentropy", GradientDescent(lr), l2=lambd)
    model.build((2,))
    start = {k: torch.tensor(v.copy(), requires_grad=True) for k, v in model.params.items()}
    model.fit(X, Y, epochs=steps, verbose=0)

    weights = [start["dense.W"], start["dense_1.W"]]
    biases = [start["dense.b"], start["dense_1.b"]]
    opt = torch.optim.SGD([{"params": weights, "weight_decay": lambd / len(X)},
                           {"params": biases, "weight_decay": 0.0}], lr=lr)
    Xt, Yt = torch.tensor(X), torch.tensor(Y, dtype=torch.float64).reshape(-1, 1)
    for _ in range(steps):
        opt.zero_grad()
        A1 = torch.relu(Xt @ start["dense.W"] + start["dense.b"])
        A2 = torch.sigmoid(A1 @ start["dense_1.W"] + start["dense_1.b"])
        torch.nn.functional.binary_cross_entropy(A2, Yt).backward()
        opt.step()
    for k, v in model.params.items():
        np.testing.assert_allclose(v, start[k].detach().numpy(), rtol=1e-6, atol=1e-9, err_msg=k)
