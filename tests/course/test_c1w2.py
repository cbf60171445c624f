"""dlspec.course, course 1 week 2: the course's test-case inputs, shapes, types and bad inputs."""
import numpy as np
import pytest

from dlspec.course import assignment, c1w2_logistic_regression as lr, c1w2_numpy_basics as nb


def test_numpy_basics_on_the_notebooks_inputs():
    assert nb.basic_sigmoid(3) == pytest.approx(0.9525741268224334, abs=1e-15)
    np.testing.assert_allclose(nb.sigmoid(np.array([1, 2, 3])), [0.73105858, 0.88079708, 0.95257413], atol=5e-9)
    assert nb.sigmoid(1) == pytest.approx(0.7310585, abs=1e-7) and np.ndim(nb.sigmoid(1)) == 0   # 2021 test
    np.testing.assert_allclose(nb.sigmoid_derivative(np.array([1, 2, 3])),
                               [0.19661193, 0.10499359, 0.04517666], atol=5e-9)
    image = np.arange(18.0).reshape(3, 3, 2)
    assert nb.image2vector(image).shape == (18, 1) and nb.image2vector(image)[5, 0] == 5.0
    np.testing.assert_allclose(nb.normalizeRows(np.array([[0, 3, 4], [1, 6, 4]])),
                               [[0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]], atol=5e-9)
    s = nb.softmax(np.array([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]))
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    assert s[0, 0] == pytest.approx(9.80897665e-01, abs=5e-9)
    yhat, y = np.array([.9, 0.2, 0.1, .4, .9]), np.array([1, 0, 0, 1, 1])
    assert nb.L1(yhat, y) == pytest.approx(1.1) and nb.L2(yhat, y) == pytest.approx(0.43)


def test_basic_sigmoid_refuses_a_list_as_the_course_shows():
    with pytest.raises(TypeError, match="scalar"):
        nb.basic_sigmoid([1, 2, 3])


def test_logistic_regression_returns_the_course_types_and_shapes():
    w, b = lr.initialize_with_zeros(3)
    assert w.shape == (3, 1) and type(b) is float and b == 0.0
    w, b, X, Y = np.array([[1.], [2.], [-1]]), 2.5, np.array(
        [[1., 2., -1., 0], [3., 4., -3.2, 1], [3., 4., -3.2, -3.5]]), np.array([[1, 1, 0, 0]])
    grads, cost = lr.propagate(w, b, X, Y)          # the 2021 propagate_test
    np.testing.assert_allclose(grads["dw"], [[-0.03909333], [0.12501464], [-0.99960809]], atol=5e-9)
    assert grads["db"] == pytest.approx(0.288106326429569, abs=1e-12)
    assert cost == pytest.approx(2.0424567983978403, abs=1e-12)
    params, grads, costs = lr.optimize(np.array([[1.], [2.]]), 2., np.array([[1., 2., -1.], [3., 4., -3.2]]),
                                       np.array([[1, 0, 1]]), num_iterations=101, learning_rate=0.1)
    np.testing.assert_allclose(costs, [5.80154532, 0.31057104], atol=5e-9)
    np.testing.assert_allclose(params["w"], [[-0.70916784], [-0.42390859]], atol=5e-9)
    assert lr.predict(np.array([[0.3], [0.5], [-0.2]]), -0.33333,
                      np.array([[1., -0.3, 1.5], [2, 0, 1], [0, -1.5, 2]])).tolist() == [[1., 0., 1.]]


def test_model_replays_the_2021_model_test():
    np.random.seed(0)                                  # the course's global draws, as its test does
    X, x_test = np.random.randn(4, 7), np.random.randn(4, 3)
    d = lr.model(X, np.array([[1, 0, 0, 1, 0, 0, 1]]), x_test, np.array([[0, 1, 0]]),
                 num_iterations=50, learning_rate=0.01)
    assert d["b"] == pytest.approx(-0.03983236094816321, abs=1e-12)
    np.testing.assert_allclose(d["w"].ravel(), [0.08639757, -0.08231268, -0.11798927, 0.12866053], atol=5e-9)
    assert d["Y_prediction_train"].tolist() == [[1., 1., 0., 1., 0., 0., 1.]]
    assert d["Y_prediction_test"].tolist() == [[1., 1., 0.]]


def test_model_prints_the_accuracies_as_the_course(capsys):
    X = np.array([[1., -1., 2., -2.]])
    lr.model(X, np.array([[1, 0, 1, 0]]), X, np.array([[1, 0, 1, 0]]), num_iterations=10, print_cost=True)
    out = capsys.readouterr().out
    assert "Cost after iteration 0: 0.693147" in out and "train accuracy: 100.0 %" in out


def test_batch_first_inputs_are_refused_with_the_fix():
    w, X, Y = np.zeros((2, 1)), np.ones((3, 2)), np.ones((1, 3))
    with pytest.raises(ValueError, match=r"\(n_x, m\) = \(2, m\).*pass X.T"):
        lr.propagate(w, 0.0, X, Y)
    with pytest.raises(ValueError, match=r"reshape\(1, -1\)"):
        lr.propagate(w, 0.0, X.T, np.ones(3))
    with pytest.raises(ValueError, match=r"\(n_x, 1\)"):
        lr.predict(np.zeros(2), 0.0, X.T)


def test_the_kernels_do_the_maths(monkeypatch):
    """Breaking the kernel breaks the course function: one implementation, not two."""
    import dlspec.course.c1w2_logistic_regression as mod
    import dlspec.course.c1w2_numpy_basics as basics
    monkeypatch.setattr(basics, "sigmoid_forward", lambda z: (z * 0, None))
    assert nb.sigmoid(np.array([5.0]))[0] == 0
    monkeypatch.setattr(mod, "dense_backward", lambda dZ, cache, need_dA_prev: (None, dZ[:2] * 0, dZ[0]))
    grads, _ = lr.propagate(np.ones((2, 1)), 0.0, np.ones((2, 3)), np.ones((1, 3)))
    assert not grads["dw"].any()


def test_the_index_maps_ids_to_modules():
    assert assignment("c1w2") is lr and assignment("C1W2A1") is nb
    with pytest.raises(KeyError, match="known"):
        assignment("c9w9")
