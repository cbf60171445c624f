"""Course 1's printed values replayed through ``dlspec.course`` (see ``course_inventory``).

``REPLAYS`` maps a notebook cell (``"c1w4a1.16"``: assignment and cell number in the pinned
notebook) to a function that redraws the cell's inputs as the course does (its test-case
helper's ``np.random.seed`` and ``randn`` calls, in order) and returns {printed label: value}.
"""
from __future__ import annotations

import numpy as np

from ..course import c1w2_logistic_regression as lr, c1w2_numpy_basics as nb
from ..course import c1w3_planar as planar, c1w4_deep_nn as deep


def _randn(seed, *shapes):
    np.random.seed(seed)
    return [np.random.randn(*s) for s in shapes]


W1_PLANAR = np.array([[-0.00416758, -0.00056267], [-0.02136196, 0.01640271],
                      [-0.01793436, -0.00841747], [0.00502881, -0.01245288]])
W2_PLANAR = np.array([[-0.01057952, -0.00909008, 0.00551454, 0.02292208]])
TRAINED = {"W1": np.array([[-0.00615039, 0.0169021], [-0.02311792, 0.03137121],
                           [-0.0169217, -0.01752545], [0.00935436, -0.05018221]]),
           "W2": np.array([[-0.0104319, -0.04019007, 0.01607211, 0.04440255]]),
           "b1": np.array([[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]]),
           "b2": np.array([[9.14954378e-05]])}
GRADS = {"dW1": np.array([[0.00023322, -0.00205423], [0.00082222, -0.00700776],
                          [-0.00031831, 0.0028636], [-0.00092857, 0.00809933]]),
         "dW2": np.array([[-1.75740039e-05, 3.70231337e-03, -1.25683095e-03, -2.55715317e-03]]),
         "db1": np.array([[1.05570087e-07], [-3.81814487e-06], [-1.90155145e-07], [5.46467802e-07]]),
         "db2": np.array([[-1.08923140e-05]])}


def _c1w2a1():
    yhat, y = np.array([.9, 0.2, 0.1, .4, .9]), np.array([1, 0, 0, 1, 1])
    image = np.array([[[0.67826139, 0.29380381], [0.90714982, 0.52835647], [0.4215251, 0.45017551]],
                      [[0.92814219, 0.96677647], [0.85304703, 0.52351845], [0.19981397, 0.27417313]],
                      [[0.60659855, 0.00533165], [0.10820313, 0.49978937], [0.34144279, 0.94630077]]])
    return {"c1w2a1.9": lambda: {"line1": nb.basic_sigmoid(3)},
            "c1w2a1.19": lambda: {"line1": nb.sigmoid(np.array([1, 2, 3]))},
            "c1w2a1.23": lambda: {"sigmoid_derivative(x)": nb.sigmoid_derivative(np.array([1, 2, 3]))},
            "c1w2a1.27": lambda: {"image2vector(image)": nb.image2vector(image)},
            "c1w2a1.31": lambda: {"normalizeRows(x)": nb.normalizeRows(np.array([[0, 3, 4], [1, 6, 4]]))},
            "c1w2a1.38": lambda: {"softmax(x)": nb.softmax(np.array([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]))},
            "c1w2a1.49": lambda: {"L1": nb.L1(yhat, y)},
            "c1w2a1.53": lambda: {"L2": nb.L2(yhat, y)}}


def _c1w2a2():
    w, b, X, Y = np.array([[1.], [2.]]), 2., np.array([[1., 2., -1.], [3., 4., -3.2]]), np.array([[1, 0, 1]])

    def propagate():
        grads, cost = lr.propagate(w, b, X, Y)
        return {"dw": grads["dw"], "db": grads["db"], "cost": cost}

    def optimize():
        params, grads, _ = lr.optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009)
        return {"w": params["w"], "b": params["b"], "dw": grads["dw"], "db": grads["db"]}

    def zeros():
        w0, b0 = lr.initialize_with_zeros(2)
        return {"w": w0, "b": b0}
    return {"c1w2a2.20": lambda: {"sigmoid([0, 2])": lr.sigmoid(np.array([0, 2]))},
            "c1w2a2.24": zeros, "c1w2a2.28": propagate, "c1w2a2.32": optimize,
            "c1w2a2.37": lambda: {"predictions": lr.predict(np.array([[0.1124579], [0.23106775]]), -0.3,
                                                            np.array([[1., -1.1, -3.2], [1.2, 2., 0.1]]))}}


def _c1w3():
    def layer_sizes():
        X, Y = _randn(1, (5, 3), (2, 3))
        n_x, n_h, n_y = planar.layer_sizes(X, Y)
        return {"The size of the input layer is": n_x, "The size of the hidden layer is": n_h,
                "The size of the output layer is": n_y}

    def init():
        p = planar.initialize_parameters(2, 4, 1)
        return {k: p[k] for k in ("W1", "b1", "W2", "b2")}

    def forward():
        X, b1 = _randn(1, (2, 3), (4, 1))
        _, cache = planar.forward_propagation(X, {"W1": W1_PLANAR, "W2": W2_PLANAR, "b1": b1,
                                                  "b2": np.array([[-1.3]])})
        # NOTE: the pinned notebook prints cache["A1"] under the label "A2" (its own f-string slip).
        means = [np.mean(cache[k]) for k in ("Z1", "A1", "Z2", "A2")]
        return {"Z1": cache["Z1"], "A1": cache["A1"], "Z2": cache["Z2"], "A2": [cache["A1"], means]}

    def cost():
        np.random.seed(1)
        Y = np.random.randn(1, 3) > 0
        return {"cost": planar.compute_cost(np.array([[0.5002307, 0.49985831, 0.50023963]]), Y)}

    def backward():
        X, y = _randn(1, (2, 3), (1, 3))
        cache = {"A1": np.array([[-0.00616578, 0.0020626, 0.00349619], [-0.05225116, 0.02725659, -0.02646251],
                                 [-0.02009721, 0.0036869, 0.02883756], [0.02152675, -0.01385234, 0.02599885]]),
                 "A2": np.array([[0.5002307, 0.49985831, 0.50023963]])}
        params = {"W1": W1_PLANAR, "W2": W2_PLANAR, "b1": np.zeros((4, 1)), "b2": np.zeros((1, 1))}
        return planar.backward_propagation(params, cache, X, y > 0)

    def update():
        return planar.update_parameters(TRAINED, GRADS, 1.2)

    def nn_model_test(capture):
        X, y = _randn(1, (2, 3), (1, 3))
        p, costs = capture(lambda: planar.nn_model(X, y > 0, 4, num_iterations=10000, print_cost=True,
                                                   learning_rate=1.02))
        return {**costs, **p}

    def predict():
        X, = _randn(1, (2, 3))
        return {"predictions mean": np.mean(planar.predict(TRAINED, X))}
    return {"c1w3.20": layer_sizes, "c1w3.25": init, "c1w3.29": forward, "c1w3.33": cost,
            "c1w3.37": backward, "c1w3.41": update, "c1w3.45": lambda: nn_model_test(printed_costs),
            "c1w3.49": predict, "c1w3.52": planar_costs, "c1w3.54": planar_accuracy,
            "c1w3.58": hidden_sizes}


def printed_costs(run):
    """Run ``run()`` and collect what it prints as {"Cost after iteration i": value}."""
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = run()
    costs = {}
    for line in out.getvalue().splitlines():
        label, _, value = line.rpartition(": ")
        costs[label] = float(value)
    return result, costs


def planar_costs():
    """nn_model(X, Y, 4, 1.2, num_iterations=10000) on the course's flower."""
    X, Y = planar.load_planar_dataset()
    _, costs = printed_costs(lambda: planar.nn_model(X, Y, 4, num_iterations=10000, print_cost=True))
    return costs


def planar_accuracy():
    X, Y = planar.load_planar_dataset()
    p = planar.nn_model(X, Y, 4, num_iterations=10000)
    predictions = planar.predict(p, X)
    return {"Accuracy": int(float((np.dot(Y, predictions.T) + np.dot(1 - Y, 1 - predictions.T))[0, 0]
                                  / float(Y.size) * 100))}


def hidden_sizes():
    """The sweep: nn_model(X, Y, n_h, num_iterations=5000) for n_h in 1, 2, 3, 4, 5, 20, 50."""
    X, Y = planar.load_planar_dataset()
    out = {}
    for n_h in (1, 2, 3, 4, 5, 20, 50):
        predictions = planar.predict(planar.nn_model(X, Y, n_h, num_iterations=5000), X)
        accuracy = float((np.dot(Y, predictions.T) + np.dot(1 - Y, 1 - predictions.T))[0, 0] / float(Y.size) * 100)
        out[f"Accuracy for {n_h} hidden units"] = accuracy
    return out


def _c1w4a1():
    def init():
        return deep.initialize_parameters(3, 2, 1)

    def init_deep():
        p = deep.initialize_parameters_deep([5, 4, 3])
        return {k: p[k] for k in ("W1", "b1", "W2", "b2")}

    def linear_forward():
        return {"Z": deep.linear_forward(*_randn(1, (3, 2), (1, 3), (1, 1)))[0]}

    def linear_activation_forward():
        A_prev, W, b = _randn(2, (3, 2), (1, 3), (1, 1))
        return {"With sigmoid": deep.linear_activation_forward(A_prev, W, b, "sigmoid")[0],
                "With ReLU": deep.linear_activation_forward(A_prev, W, b, "relu")[0]}

    def L_model_forward():
        X, W1, b1, W2, b2, W3, b3 = _randn(6, (5, 4), (4, 5), (4, 1), (3, 4), (3, 1), (1, 3), (1, 1))
        AL, caches = deep.L_model_forward(X, {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3})
        return {"AL": AL, "Length of caches list": len(caches)}

    def linear_backward():
        dZ, A, W, b = _randn(1, (3, 4), (5, 4), (3, 5), (3, 1))
        dA_prev, dW, db = deep.linear_backward(dZ, (A, W, b))
        return {"dA_prev": dA_prev, "dW": dW, "db": db}

    def linear_activation_backward():
        dA, A, W, b, Z = _randn(2, (1, 2), (3, 2), (1, 3), (1, 1), (1, 2))
        out = {}
        for name in ("sigmoid", "relu"):
            dA_prev, dW, db = deep.linear_activation_backward(dA, ((A, W, b), Z), name)
            out.update({f"{name} dA_prev": dA_prev, f"{name} dW": dW, f"{name} db": db})
        return out

    def L_model_backward():
        AL, A1, W1, b1, Z1, A2, W2, b2, Z2 = _randn(3, (1, 2), (4, 2), (3, 4), (3, 1), (3, 2), (3, 2),
                                                    (1, 3), (1, 1), (1, 2))
        grads = deep.L_model_backward(AL, np.array([[1, 0]]), (((A1, W1, b1), Z1), ((A2, W2, b2), Z2)))
        return {k: grads[k] for k in ("dW1", "db1", "dA1")}

    def update():
        W1, b1, W2, b2 = _randn(2, (3, 4), (3, 1), (1, 3), (1, 1))
        dW1, db1, dW2, db2 = _randn(3, (3, 4), (3, 1), (1, 3), (1, 1))
        return deep.update_parameters({"W1": W1, "b1": b1, "W2": W2, "b2": b2},
                                      {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, 0.1)

    def cost():
        return {"cost": deep.compute_cost(np.array([[.8, .9, 0.4]]), np.asarray([[1, 1, 0]]))}
    return {"c1w4a1.7": init, "c1w4a1.12": init_deep, "c1w4a1.16": linear_forward,
            "c1w4a1.21": linear_activation_forward, "c1w4a1.26": L_model_forward,
            "c1w4a1.31": cost, "c1w4a1.37": linear_backward, "c1w4a1.38": linear_backward,
            "c1w4a1.41": linear_activation_backward, "c1w4a1.46": L_model_backward,
            "c1w4a1.51": update}


REPLAYS = {**_c1w2a1(), **_c1w2a2(), **_c1w3(), **_c1w4a1()}
