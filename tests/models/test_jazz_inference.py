"""music_inference_model and generate_music: the course's sampling loop, two ways."""
import numpy as np
import pytest

from dlspec.models.jazz import OneHotArgmax, djmodel, generate_music, music_inference_model
from dlspec.nn import LSTM, Dense, Reshape
from dlspec.optim import Adam


def _trained_layers(n_values=12, n_a=8):
    cell, densor = LSTM(n_a, return_state=True), Dense(n_values)
    model = djmodel(6, cell, densor, Reshape((1, n_values)), seed=0)
    model.compile("softmax_crossentropy", Adam(0.03))
    ids = np.tile(np.arange(7) % n_values, (16, 1))                  # a scale: value t+1 follows t
    X = np.eye(n_values, dtype=np.float32)[ids[:, :6]]
    zeros = np.zeros((16, n_a), np.float32)
    model.fit([X, zeros, zeros], list(ids[:, 1:].T), epochs=150, verbose=0)
    return cell, densor


def test_inference_graph_equals_stepping_with_temperature_zero():
    cell, densor = _trained_layers()
    model = music_inference_model(cell, densor, Ty=5)
    assert model.count_params() == cell.count_params() + densor.count_params()   # shared, no new weights
    x0 = np.eye(12, dtype=np.float32)[[0, 3]][:, None, :]                         # (2, 1, 12)
    zeros = np.zeros((2, 8), np.float32)
    graph = np.stack([o.argmax(-1) for o in model.predict([x0, zeros, zeros])], axis=1)
    stepped = generate_music(cell, densor, 5, x0=x0, temperature=0, m=2)
    np.testing.assert_array_equal(graph, stepped)
    np.testing.assert_array_equal(stepped[0], [1, 2, 3, 4, 5])                   # it learned the scale


def test_temperature_sampling():
    cell, densor = _trained_layers()
    x0 = np.eye(12, dtype=np.float32)[[0] * 200][:, None, :]
    cold = generate_music(cell, densor, 3, x0=x0, temperature=0.05, rng=0, m=200)
    hot = generate_music(cell, densor, 3, x0=x0, temperature=5.0, rng=0, m=200)
    assert (cold[:, 0] == 1).mean() > 0.95 and len(set(hot[:, 0])) > 6
    np.testing.assert_array_equal(generate_music(cell, densor, 3, x0=x0, temperature=1, rng=1, m=200),
                                  generate_music(cell, densor, 3, x0=x0, temperature=1, rng=1, m=200))
    with pytest.raises(ValueError, match="temperature"):
        generate_music(cell, densor, 3, temperature=-1)


def test_one_hot_argmax_has_a_zero_gradient():
    layer = OneHotArgmax()
    y = layer.forward(np.array([[0.1, 2.0, -1.0], [3.0, 0.0, 0.0]]))
    np.testing.assert_array_equal(y, [[0, 1, 0], [1, 0, 0]])
    np.testing.assert_array_equal(layer.backward(np.ones((2, 3))), np.zeros((2, 3)))
