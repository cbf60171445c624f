"""Embedding: the sorted-reduce backward equals the slow np.add.at, float ids, clear errors."""
import numpy as np
import pytest

from dlspec.functional.embedding import embedding_backward, embedding_forward
from dlspec.nn import Embedding


def test_backward_sums_repeated_ids_like_add_at():
    rng = np.random.default_rng(0)
    E = rng.standard_normal((50, 4))
    ids = rng.integers(0, 10, size=(8, 30))              # many repeats, rows 10..49 unused
    out, cache = embedding_forward(ids, E)
    np.testing.assert_array_equal(out, E[ids])
    dout = rng.standard_normal(out.shape)
    expected = np.zeros_like(E)
    np.add.at(expected, ids, dout)
    dE = embedding_backward(dout, cache)
    np.testing.assert_allclose(dE, expected, rtol=1e-12, atol=1e-12)
    assert not dE[10:].any()


def test_empty_batch_gives_zero_gradient():
    E = np.ones((5, 2))
    _, cache = embedding_forward(np.zeros((0, 3), np.int64), E)
    np.testing.assert_array_equal(embedding_backward(np.zeros((0, 3, 2)), cache), 0)


def test_layer_accepts_whole_number_floats_and_any_length():
    layer = Embedding(5, 3)
    a = layer.forward(np.array([[1, 2, 4]]))
    b = layer.forward(np.array([[1.0, 2.0, 4.0]], np.float32))
    np.testing.assert_array_equal(a, b)
    assert layer.forward(np.array([[0, 1, 2, 3, 4, 0]])).shape == (1, 6, 3)
    assert layer.params["E"].dtype == np.float32
    assert layer.backward(np.ones((1, 6, 3), np.float32)) is None
    assert layer.grads["E"][0].tolist() == [2, 2, 2]     # id 0 used twice


def test_clear_errors():
    with pytest.raises(ValueError, match="input_dim.*positive integer"):
        Embedding(0, 3)
    with pytest.raises(ValueError, match=r"ids in \[0, 4\].*from 0 to 5"):
        Embedding(5, 3).forward(np.array([[0, 5]]))
    with pytest.raises(ValueError, match="from -1"):
        Embedding(5, 3).forward(np.array([[-1, 2]]))
    with pytest.raises(TypeError, match="integer token ids"):
        Embedding(5, 3).forward(np.array([[0.5, 1.0]]))
    with pytest.raises(TypeError, match="integer token ids"):
        Embedding(5, 3).forward(np.array([["a", "b"]]))
    with pytest.raises(RuntimeError, match="before forward"):
        Embedding(5, 3).backward(np.ones((1, 2, 3)))
