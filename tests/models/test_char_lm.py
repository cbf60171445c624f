"""The character-level language model, its data, sampling and clipping."""
import numpy as np
import pytest

from dlspec.data.dinosaurs import dinosaur_names
from dlspec.data.text import CharVocabulary
from dlspec.functional.clip import clip
from dlspec.models.char_lm import char_language_model, sample, train_char_lm


def test_dinosaur_names_are_seeded_distinct_letters():
    a, b = dinosaur_names(300, seed=1), dinosaur_names(300, seed=1)
    assert a == b and len(set(a)) == 300 and a != dinosaur_names(300, seed=2)
    assert all(n.isalpha() and n.islower() for n in a)
    with pytest.raises(ValueError, match="between 1 and 10000"):
        dinosaur_names(0)


def test_vocabulary_and_language_model_pairs():
    v = CharVocabulary(["ab", "bca"], extra="d")
    assert v.chars == ["\n", "a", "b", "c", "d"] and v.decode(v.encode("cab")) == "cab"
    X, Y = v.language_model_data(["ab", "bca"])
    assert Y.tolist() == [[1, 2, 0, -1], [2, 3, 1, 0]]          # chars, then "\n", then padding
    assert not X[:, 0].any()                                      # x<1> = 0
    assert X[1, 1:].argmax(-1).tolist() == [2, 3, 1]              # x<t+1> = y<t>
    with pytest.raises(ValueError, match="not in the vocabulary"):
        v.encode("z")
    with pytest.raises(TypeError, match="list of strings"):
        CharVocabulary([])


def test_clip_counts_and_clips_in_place():
    g = {"W": np.array([[6.0, -6.0], [1.0, 0.0]]), "b": np.array([-0.5])}
    assert clip(g, 5) == 2 and g["W"].tolist() == [[5, -5], [1, 0]]
    with pytest.raises(ValueError, match="> 0"):
        clip(g, 0)


def test_a_tiny_model_learns_one_name_and_samples_it():
    v = CharVocabulary(["rex"])
    X, Y = v.language_model_data(["rex"] * 4)
    model = char_language_model(len(v), units=16, seed=0)
    losses = train_char_lm(model, X, Y, iterations=300, learning_rate=0.5, batch_size=4)
    assert losses[-1] < 0.05 * losses[0]
    assert sample(model, v, n=5, seed=0) == ["rex"] * 5
    assert all(len(s) <= 2 for s in sample(char_language_model(len(v), seed=1), v, n=3, max_length=2))
    with pytest.raises(ValueError, match="cell"):
        char_language_model(5, cell="transformer")
    with pytest.raises(ValueError, match="temperature"):
        sample(model, v, temperature=0)
