"""Encoder, Decoder, Transformer and GPT: gradient checks, the functional API, fit, errors."""
import numpy as np
import pytest

from dlspec import Input, Model
from dlspec.gradcheck import gradcheck_layer
from dlspec.models.gpt import GPT
from dlspec.models.transformer import Decoder, Encoder, Transformer
from dlspec.nn import EncoderLayer, MultiHeadAttention
from dlspec.optim import Adam


def _ids(rng, n, t, v, pad_tail=True):
    ids = rng.integers(1, v, (n, t))
    if pad_tail:
        ids[1, -2:] = 0
    return ids


def test_transformer_gradcheck_float64():
    rng = np.random.default_rng(0)
    t = Transformer(2, 6, 2, 8, 9, 7, 10, 10, dropout_rate=0.0)
    inp, tar = _ids(rng, 3, 5, 9), _ids(rng, 3, 4, 7, False)
    t.build([(5,), (4,)], np.random.default_rng(1), np.float64)
    gradcheck_layer(t, inp, rng, call_kwargs={"output_sentence": tar}).raise_if_failed()
    assert set(t.decoder.attention_weights) == {
        "decoder_layer1_block1_self_att", "decoder_layer1_block2_decenc_att",
        "decoder_layer2_block1_self_att", "decoder_layer2_block2_decenc_att"}


def test_gpt_gradcheck_and_causality():
    rng = np.random.default_rng(2)
    gpt = GPT(2, 6, 3, 8, vocab_size=5, maximum_position_encoding=8, dropout_rate=0.0)
    x = rng.integers(0, 5, (2, 6))
    gpt.build((6,), np.random.default_rng(0), np.float64)
    gradcheck_layer(gpt, x, rng).raise_if_failed()
    y = gpt.forward(x)
    x2 = x.copy(); x2[:, 4:] = (x2[:, 4:] + 1) % 5          # change the future
    np.testing.assert_allclose(gpt.forward(x2)[:, :4], y[:, :4])   # the past does not see it


@pytest.mark.parametrize("make", [lambda: Encoder(1, 6, 2, 8, vocab_size=5, maximum_position_encoding=9),
                                  lambda: GPT(1, 6, 2, 8, vocab_size=5, maximum_position_encoding=9)],
                         ids=["encoder", "gpt"])
def test_a_float64_model_adds_the_float64_positional_table(make):
    # Found by randomized PyTorch parity: the table was computed in float32, then cast up.
    from dlspec.functional.positional import positional_encoding
    model = make()
    model.build((4,), np.random.default_rng(0), np.float64)
    stack = model if isinstance(model, Encoder) else model.decoder
    pe64 = positional_encoding(9, 6, dtype="float64")
    assert not np.array_equal(pe64, positional_encoding(9, 6).astype(np.float64))   # float32 differs
    np.testing.assert_array_equal(stack.pos_encoding.astype(np.float64), pe64)
    assert model.forward(np.array([[1, 2, 3, 4]])).dtype == np.float64


def test_parameter_counts_follow_the_formula():
    d, h, ff = 16, 4, 32
    layer = EncoderLayer(d, h, ff)
    layer.build((None, d))
    mha = 4 * (d * d + d)
    assert layer.count_params() == mha + (d * ff + ff) + (ff * d + d) + 2 * 2 * d
    enc = Encoder(2, d, h, ff, vocab_size=30, maximum_position_encoding=20)
    enc.build((7,))
    assert enc.count_params() == 30 * d + 2 * layer.count_params()


def test_transformer_in_a_functional_model_learns_to_copy():
    rng = np.random.default_rng(3)
    V, T, N = 8, 5, 256
    src = rng.integers(1, V, (N, T))
    dec_in = np.concatenate([np.full((N, 1), 1), src[:, :-1]], axis=1)   # teacher forcing
    enc_ids, dec_ids = Input((T,), dtype="int64"), Input((T,), dtype="int64")
    logits = Transformer(1, 16, 2, 32, V, V, T, T, dropout_rate=0.0)([enc_ids, dec_ids])
    model = Model([enc_ids, dec_ids], logits, seed=0)
    model.compile("sequence_crossentropy", Adam(0.01))
    history = model.fit([src, dec_in], src, epochs=40, batch_size=32, verbose=0)
    cost = history.history["cost"] if hasattr(history, "history") else history["cost"]
    assert cost[-1] < 0.3 * cost[0]


def test_bad_inputs_say_what_and_how():
    with pytest.raises(ValueError, match="not divisible by num_heads"):
        EncoderLayer(10, 3, 8)
    enc = Encoder(1, 4, 2, 8, vocab_size=5, maximum_position_encoding=3)
    with pytest.raises(ValueError, match="longer than maximum_position_encoding=3"):
        enc.forward(np.ones((1, 4), dtype=int))
    mha = MultiHeadAttention(2, 2)
    x = np.ones((2, 3, 4))
    with pytest.raises(ValueError, match=r"expects key of shape \(N=2, T, 4\)"):
        mha(x, np.ones((2, 3, 5)))
    with pytest.raises(ValueError, match="does not broadcast"):
        mha(x, x, attention_mask=np.ones((2, 4, 4), dtype=bool))
    with pytest.raises(TypeError, match="boolean or 0/1"):
        mha(x, x, attention_mask=np.ones((2, 3, 3), dtype=complex))


def test_attention_layers_as_symbolic_calls_in_a_model():
    from dlspec.nn import Dense, LayerNormalization
    x, m = Input((5, 8)), Input((1, 5), dtype="bool")
    mha = MultiHeadAttention(2, 4)
    h = LayerNormalization()(mha(x, x, attention_mask=m))     # self-attention: x read twice
    h = EncoderLayer(8, 2, 16, dropout_rate=0.0)(h)
    model = Model([x, m], Dense(3)(h), seed=0, dtype="float64")
    rng = np.random.default_rng(0)
    X, M = rng.standard_normal((4, 5, 8)), np.ones((4, 1, 5), dtype=bool)
    M[1, 0, -2:] = False
    y = model.predict([X, M])
    assert y.shape == (4, 5, 3)
    dX, dM = model.backward(np.ones_like(y))
    assert dX.shape == X.shape and dM is None
    eps = 1e-6                                               # dX sums the query and value paths
    X2 = X.copy(); X2[0, 0, 0] += eps
    X3 = X.copy(); X3[0, 0, 0] -= eps
    num = (model.predict([X2, M]).sum() - model.predict([X3, M]).sum()) / (2 * eps)
    assert abs(num - dX[0, 0, 0]) < 1e-6
