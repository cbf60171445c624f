"""Keras's cross-entropies: probabilities unless from_logits, the fused path, Keras's clipping."""
import numpy as np
import pytest
import torch

import dlspec
from dlspec import losses
from dlspec.nn import Dense, ReLU, Sigmoid, Softmax


def _data(seed=0, n=64):
    X = np.random.default_rng(seed).standard_normal((n, 5)).astype(np.float32)
    y = (X[:, 0] > 0).astype(np.int64) + (X[:, 1] > 0)
    return X, y


def _fit(layers, loss, X, y, epochs=60, loss_weights=None):
    model = dlspec.Sequential(layers, seed=0)
    model.compile(loss, dlspec.Adam(0.01))
    return model, model.fit(X, y, epochs=epochs, verbose=0).history["cost"]


@pytest.mark.parametrize("head", [lambda: [Dense(3, activation="softmax")], lambda: [Dense(3), Softmax()]])
@pytest.mark.parametrize("name", ["categorical_crossentropy", "sparse_categorical_crossentropy"])
def test_a_softmax_ended_model_trains_as_its_logits_twin(head, name):
    """The silent trap of issue 24: 'categorical_crossentropy' used to take logits, so a model
    ending in a softmax trained through two softmaxes and stalled."""
    X, y = _data()
    _, probs = _fit([Dense(8), ReLU(), *head()], name, X, y)
    _, logits = _fit([Dense(8), ReLU(), Dense(3)], "softmax_crossentropy", X, y)
    np.testing.assert_allclose(probs, logits, rtol=0, atol=1e-6)
    assert probs[-1] < 0.6 * probs[0]


def test_a_sigmoid_ended_model_trains_as_its_logits_twin():
    X, y = _data()
    _, probs = _fit([Dense(8), ReLU(), Dense(1), Sigmoid()], "binary_crossentropy", X, y > 0)
    _, logits = _fit([Dense(8), ReLU(), Dense(1)], "binary_crossentropy_with_logits", X, y > 0)
    np.testing.assert_allclose(probs, logits, rtol=0, atol=1e-6)


def test_the_fused_path_is_exact_where_probabilities_saturate():
    """Logits 60 apart: the softmax's output rounds to 0 and 1, so clipped probabilities give
    -log(1e-7) = 16.1; the fused path gives the true cost, 60, as Keras does."""
    model = dlspec.Sequential([Dense(2, activation="softmax", use_bias=False)], seed=0, dtype="float64")
    model.compile("categorical_crossentropy")
    model.build((1,))
    model.layers[0].params["W"][...] = [[0.0, 60.0]]
    cost = model.evaluate(np.ones((1, 1)), np.array([0]))["cost"]
    assert cost == pytest.approx(60.0, rel=1e-12)
    unfused = losses.CategoricalCrossentropy().forward(model.predict(np.ones((1, 1))).copy(), np.array([0]))
    assert unfused == pytest.approx(-np.log(1e-7), rel=1e-9)


def test_the_gradient_skips_the_softmax_only_when_it_arrives_untouched():
    """A loss weight changes the gradient on the way: the layer then back-propagates it
    itself, which equals the fused dZ where nothing is clipped."""
    x = dlspec.Input((5,))
    out = Dense(3, activation="softmax")(Dense(4)(x))
    X, y = _data(n=16)
    grads = []
    for weight in (1.0, 2.0):
        model = dlspec.Model(x, [out], seed=0, dtype="float64")
        model.compile(["categorical_crossentropy"], loss_weights=[weight])
        model.loss.forward(model.forward(X.astype(np.float64), training=True), [y])
        model.backward(model.loss.backward())
        grads.append(model.grads[f"{model.layers[-1].name}.W"] / weight)
    np.testing.assert_allclose(grads[0], grads[1], rtol=1e-9)


@pytest.mark.parametrize("P", [np.array([[0.0, 0.3, 1.4], [2.0, 1e-9, 0.5]]),
                               np.array([[1.0, 0.0, 0.0], [0.2, 0.3, 0.5]])])
def test_keras_clipping_of_probabilities_and_its_gradient(P):
    """Rows divided by their sum, clipped to [1e-7, 1 - 1e-7]; the clip passes no gradient."""
    Y = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    loss = losses.CategoricalCrossentropy()
    cost, grad = loss.forward(P, Y), loss.backward()
    p = torch.tensor(P, requires_grad=True)
    q = torch.clamp(p / p.sum(-1, keepdim=True), 1e-7, 1 - 1e-7)
    ref = -(torch.tensor(Y) * torch.log(q)).sum(-1).mean()
    ref.backward()
    assert cost == pytest.approx(ref.item(), rel=1e-12)
    np.testing.assert_allclose(grad, p.grad.numpy(), rtol=1e-9, atol=1e-12)


def test_binary_clipping_of_probabilities_and_its_gradient():
    P, Y = np.array([[0.0, 0.4], [1.0, 0.9]]), np.array([[1.0, 0.0], [1.0, 0.0]])
    loss = losses.BinaryCrossentropy()
    cost, grad = loss.forward(P, Y), loss.backward()
    p = torch.tensor(P, requires_grad=True)
    q = torch.clamp(p, 1e-7, 1 - 1e-7)
    y = torch.tensor(Y)
    ref = -(y * torch.log(q) + (1 - y) * torch.log(1 - q)).mean()
    ref.backward()
    assert cost == pytest.approx(ref.item(), rel=1e-12)
    np.testing.assert_allclose(grad, p.grad.numpy(), rtol=1e-9, atol=1e-12)


def test_called_as_keras_loss_y_true_then_y_pred():
    y_true, y_pred = np.array([[0.0, 1.0]]), np.array([[0.2, 0.8]])
    assert losses.CategoricalCrossentropy()(y_true, y_pred) == pytest.approx(-np.log(0.8))
    assert losses.SparseCategoricalCrossentropy()(np.array([1]), y_pred) == pytest.approx(-np.log(0.8))
    assert losses.BinaryCrossentropy()(np.array([[1.0]]), np.array([[0.8]])) == pytest.approx(-np.log(0.8))


def test_names_and_from_logits():
    assert isinstance(losses.get("categorical_crossentropy"), losses.CategoricalCrossentropy)
    assert isinstance(losses.get("sparse_categorical_crossentropy"), losses.SparseCategoricalCrossentropy)
    assert isinstance(losses.get("binary_crossentropy"), losses.BinaryCrossentropy)
    Z, y = np.array([[2.0, -1.0, 0.5]]), np.array([0])
    assert losses.SparseCategoricalCrossentropy(from_logits=True).forward(Z, y) == \
        pytest.approx(losses.SoftmaxCrossEntropy().forward(Z, y), rel=1e-12)


def test_no_two_loss_classes_differ_only_in_letter_case():
    names = [n for n, v in vars(losses).items() if isinstance(v, type) and issubclass(v, losses.Loss)]
    assert len({n.lower() for n in names}) == len(names), sorted(names)


def test_scores_that_are_not_probabilities_are_refused_with_the_fix():
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\].*Softmax\(\).*from_logits=True"):
        losses.CategoricalCrossentropy().forward(np.array([[2.0, -1.0]]), np.array([0]))


def test_an_old_file_binary_cross_entropy_loads_with_its_old_meaning():
    """Files saved before the change name the class BinaryCrossEntropy: probabilities, the
    cost summed over an example's entries and averaged over the examples."""
    from dlspec.io.registry import deserialize
    old = deserialize({"class": "BinaryCrossEntropy", "config": {}}, "loss")
    assert isinstance(old, losses.BinaryCrossentropy) and old.reduction == "sum_over_examples"
    P, Y = np.full((2, 3, 1), 0.5), np.ones((2, 3, 1))
    assert old.forward(P, Y) == pytest.approx(3 * np.log(2))
    assert losses.BinaryCrossentropy().forward(P, Y) == pytest.approx(np.log(2))


def test_a_saved_model_keeps_its_fused_loss(tmp_path):
    X, y = _data()
    model, _ = _fit([Dense(8), ReLU(), Dense(3, activation="softmax")], "categorical_crossentropy", X, y, epochs=3)
    path = dlspec.save_model(model, tmp_path / "m.npz")
    again = dlspec.load_model(path)
    assert again.evaluate(X, y)["cost"] == pytest.approx(model.evaluate(X, y)["cost"], rel=1e-7)
    assert isinstance(again.loss, losses.CategoricalCrossentropy)
