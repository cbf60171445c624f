"""The translation models: course counts, one-step decoders equal to the training model,
attention maps, a model-level gradient check and the vocabulary's clear errors."""
import numpy as np
import pytest

from dlspec.data.dates import course_text, load_dates
from dlspec.decoding import greedy_decode, log_softmax_last
from dlspec.gradcheck import gradcheck_model
from dlspec.models.attention import attention_nmt, modelf
from dlspec.models.seq2seq import plain_nmt


def small(kind, dtype="float64"):
    if kind == "attention":
        return attention_nmt(6, 4, 3, 5, 7, 5, seed=1, dtype=dtype)
    return plain_nmt(6, 4, 5, 7, 5, seed=1, dtype=dtype)


def test_course_counts():
    assert modelf(30, 10, 32, 64, 37, 11).count_params() == 52_960
    # the teacher-forced variant reads y<t-1> too: 4 n_s more weights per output character
    assert modelf(30, 10, 32, 64, 37, 11, teacher_forcing=True).count_params() == 52_960 + 4 * 64 * 11
    assert len(load_dates(2000, 10, 10, course=True).human_vocab) == 37


@pytest.mark.parametrize("kind", ["attention", "plain"])
def test_the_one_step_decoder_is_the_training_model_stepped(kind):
    """Decoding greedily, then feeding the decoded characters as teacher forcing, gives the
    same log-probabilities: the step model shares the training model's weights."""
    m = small(kind)
    rng = np.random.default_rng(0)
    X = rng.integers(0, 7, (5, 6))
    tokens, logp = greedy_decode(m.step_function(X), 5, 1, 2, 4)
    Y_in = np.concatenate([np.ones((5, 1), int), tokens[:, :-1]], axis=1)
    outs = m.model.forward(m.inputs(X, Y_in))
    lp = np.stack([log_softmax_last(o) for o in outs], axis=1)          # (5, Ty, V)
    picked = np.take_along_axis(lp, tokens[..., None], axis=-1)[..., 0]
    ended = np.cumsum(tokens == 2, axis=1) - (tokens == 2) > 0            # after the end id
    np.testing.assert_allclose(np.where(ended, 0, picked).sum(1), logp, rtol=1e-10)


def test_attention_maps_are_distributions_over_the_source():
    m = small("attention")
    X = np.random.default_rng(0).integers(0, 7, (3, 6))
    A = m.attention_maps(X, np.ones((3, 4), int))
    assert A.shape == (3, 4, 6)
    np.testing.assert_allclose(A.sum(-1), 1.0)
    with pytest.raises(ValueError, match="no attention"):
        small("plain").attention_maps(X, np.ones((3, 4), int))


@pytest.mark.parametrize("kind", ["attention", "plain"])
def test_gradients_of_the_teacher_forced_model(kind):
    m = small(kind)
    m.model.compile(["softmax_crossentropy"] * 4)
    rng = np.random.default_rng(2)
    X, Y = rng.integers(0, 7, (3, 6)), rng.integers(0, 5, (3, 4))
    Y_in = np.concatenate([np.ones((3, 1), int), Y[:, :-1]], axis=1)
    report = gradcheck_model(m.model, m.inputs(X, Y_in), list(Y.T))
    assert report.overall_difference < 1e-7, report.differences


def test_the_course_model_has_no_step_decoder_and_teacher_forcing_needs_targets():
    m = attention_nmt(6, 4, 3, 5, 7, 5, teacher_forcing=False)
    with pytest.raises(ValueError, match="no one-step decoder"):
        m.step_function(np.zeros((1, 6), int))
    with pytest.raises(ValueError, match="needs Y_in"):
        small("attention").inputs(np.zeros((1, 6), int))


def test_dates_the_vocabulary_cannot_encode_are_named():
    d = load_dates(200, 10, 10, course=True)
    hv = d.human_vocab
    assert hv.encode([course_text("Saturday, May 9, 2018")], 30, strict=True).shape == (1, 30)
    with pytest.raises(ValueError, match=r"cannot encode the characters \['!', 'é'\]"):
        hv.encode(["3 mai 1979!", "9 févr 2001"], 30, strict=True)
    assert hv.encode(["9 févr"], 30)[0, 3] == hv.index["<unk>"]      # not strict: <unk>
