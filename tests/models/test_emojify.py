"""The course's Emojify models: shapes, the frozen embedding, the course's parameter count."""
import numpy as np
import pytest

from dlspec.data.emojify import LABELS, emojify_data
from dlspec.models.emojify import (Emojify_V1, Emojify_V2, pretrained_embedding_layer, sentence_to_avg,
                                   sentences_to_indices)
from dlspec.text import WordVectors


@pytest.fixture
def wv():
    r = np.random.default_rng(0)
    return WordVectors(["i", "love", "you", "ball"], r.standard_normal((4, 50)).astype(np.float32))


def test_emojify_v2_has_the_course_trainable_count_and_a_frozen_embedding(wv):
    word_to_index = {w: i + 1 for i, w in enumerate(wv.words)}
    model = Emojify_V2((10,), wv, word_to_index)
    text = _summary_text(model)
    assert "Trainable params: 223,877" in text
    emb = model.layers[0] if model.layers[0].params else model.layers[1]
    assert not emb.trainable
    np.testing.assert_array_equal(emb.params["E"][2], wv["love"])
    np.testing.assert_array_equal(emb.params["E"][0], 0)
    X = sentences_to_indices(["i love you", "ball"], word_to_index, 10)
    assert X.tolist()[1] == [4] + [0] * 9
    before = emb.params["E"].copy()
    model.compile("softmax_crossentropy", "adam")
    model.fit(X, np.array([0, 1]), epochs=2, verbose=0)
    np.testing.assert_array_equal(emb.params["E"], before)                 # frozen
    assert model.predict(X).shape == (2, 5)


def test_emojify_v1_and_helpers(wv):
    np.testing.assert_allclose(sentence_to_avg("I love zzz", wv), (wv["i"] + wv["love"]) / 2, rtol=1e-6)
    assert Emojify_V1(50).count_params() == 255
    with pytest.raises(ValueError, match="max_len=2"):
        sentences_to_indices(["i love you"], {"i": 1}, 2)
    layer = pretrained_embedding_layer(wv, {"love": 1})
    assert layer.input_dim == 2 and layer.trainable is False


def test_emojify_data_holds_out_words():
    X_train, Y_train, X_test, Y_test = emojify_data()
    assert (len(X_train), len(X_test)) == (132, 56) and set(Y_train.tolist()) == set(range(len(LABELS)))
    assert not set(X_train) & set(X_test)
    train_words = {w for s in X_train for w in s.split()}
    assert "love" in train_words and "worship" not in train_words


def _summary_text(model):
    """summary() prints and returns None, as Keras; print_fn keeps the text."""
    lines = []
    model.summary(print_fn=lines.append)
    return "\n".join(lines)
