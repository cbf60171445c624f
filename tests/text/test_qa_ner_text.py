"""WordPiece, entity F1 (against seqeval), SQuAD exact match / F1, and the span loss (twice checked)."""
import random

import numpy as np
import pytest

from dlspec.gradcheck import numerical_gradient
from dlspec.text.entities import entity_scores, get_entities
from dlspec.text.span import SpanCrossEntropy, best_spans
from dlspec.text.squad import exact_match_score, f1_score, normalize_answer, squad_scores
from dlspec.text.wordpiece import WordPiece

TEXTS = ["Abhishek Jha Application Development Associate - Accenture Bengaluru",
         "Software Engineer at Infosys , Bengaluru", "Java Developer - Accenture Pune"] * 3


def test_wordpiece_cuts_unknown_words_into_known_pieces_and_glues_them_back():
    tok = WordPiece.train(TEXTS, vocab_size=120)
    assert tok.vocab[:4] == ["[PAD]", "[UNK]", "[CLS]", "[SEP]"] and len(tok) <= 120
    pieces = tok.tokenize("Accentures")
    assert pieces[0] == "accenture" and all(p.startswith("##") for p in pieces[1:])
    enc = tok(["Accenture Pune !"])                     # "!" was never seen
    assert [tok.vocab[i] for i in enc.input_ids[0]] == ["[CLS]", "accenture", "pune", "[UNK]", "[SEP]"]
    assert tok.decode(enc.input_ids[0]) == "accenture pune"


def test_word_ids_and_char_to_token_follow_the_words():
    tok = WordPiece.train(TEXTS, vocab_size=80)
    enc = tok([["Jha", "Bengaluru,", "Pune"]], is_split_into_words=True)
    words = enc.word_ids(0)
    assert words[0] is None and words[-1] is None and sorted(set(words[1:-1])) == [0, 1, 2]
    text = "Jha works in Pune"
    enc = tok([text], ["where ?"])
    t = enc.char_to_token(0, text.index("Pune"))
    assert tok.decode([enc.input_ids[0][t]]).startswith("p")
    assert enc.char_to_token(0, 3) is None                                     # a space
    assert enc.char_to_token(0, 0, sequence_index=1) is not None               # the question


def test_truncation_and_padding():
    tok = WordPiece.train(TEXTS, vocab_size=80)
    enc = tok(TEXTS[:2], max_length=6, padding="max_length")
    assert enc.input_ids.shape == (2, 6) and (enc.input_ids[:, -1] == 3).all()
    with pytest.raises(ValueError, match="padding"):
        tok(TEXTS, padding="left")
    with pytest.raises(TypeError, match="list of"):
        WordPiece.train("one string")


def test_entity_scores_equal_seqeval_on_random_and_ill_formed_tags():
    seqeval = pytest.importorskip("seqeval.metrics")
    rng = random.Random(0)
    tags = ["O", "B-Name", "I-Name", "B-Skills", "I-Skills", "B-College Name", "I-College Name"]
    for _ in range(200):
        y_true = [[rng.choice(tags) for _ in range(rng.randint(1, 9))] for _ in range(rng.randint(1, 4))]
        y_pred = [[rng.choice(tags) for _ in seq] for seq in y_true]
        ours = entity_scores(y_true, y_pred)
        for avg in ("micro", "macro"):
            for name, fn in (("precision", seqeval.precision_score), ("recall", seqeval.recall_score),
                             ("f1", seqeval.f1_score)):
                assert ours[f"{avg} avg"][name] == pytest.approx(
                    fn(y_true, y_pred, average=avg, zero_division=0), abs=1e-12)


def test_get_entities_reads_ill_formed_sequences_as_conlleval():
    assert get_entities(["I-Name", "I-Name", "B-Name", "I-Skills", "O"]) == [
        ("Name", 0, 1), ("Name", 2, 2), ("Skills", 3, 3)]
    with pytest.raises(ValueError, match="IOB2"):
        get_entities(["Name"])


def test_squad_normalization_and_scores():
    assert normalize_answer("  The  Kitchen, a room! ") == "kitchen room"
    assert exact_match_score("the kitchen.", "Kitchen") == 1.0
    assert f1_score("red ball in the garden", "the garden") == pytest.approx(2 * (1 / 4) * 1 / (1 / 4 + 1))
    assert f1_score("a", "the") == 0.0
    s = squad_scores(["kitchen", "garden hall"], [["hallway", "kitchen"], "hall"])
    assert s == {"exact_match": 0.5, "f1": pytest.approx((1 + 2 / 3) / 2)}


def test_span_loss_gradient_by_central_differences_and_against_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(3, 5, 2))
    Y = np.array([[0, 2], [4, 4], [1, 3]])
    loss = SpanCrossEntropy()
    value = loss.forward(Z, Y)
    dZ = loss.backward()
    numeric = numerical_gradient(lambda: SpanCrossEntropy().forward(Z, Y), Z)
    assert np.abs(numeric - dZ).max() / (np.abs(numeric).max() + 1e-12) < 1e-7
    Zt = torch.tensor(Z, requires_grad=True)
    Yt = torch.tensor(Y)
    ref = (torch.nn.functional.cross_entropy(Zt[..., 0], Yt[:, 0])
           + torch.nn.functional.cross_entropy(Zt[..., 1], Yt[:, 1])) / 2
    ref.backward()
    assert value == pytest.approx(ref.item(), abs=1e-12)
    assert np.allclose(dZ, Zt.grad.numpy(), atol=1e-12)


def test_span_loss_refuses_positions_outside_the_tokens():
    with pytest.raises(ValueError, match="positions must be in"):
        SpanCrossEntropy().forward(np.zeros((1, 4, 2)), np.array([[0, 4]]))
    with pytest.raises(ValueError, match="Dense\\(2\\)"):
        SpanCrossEntropy().forward(np.zeros((1, 4, 3)), np.array([[0, 1]]))


def test_best_spans_keeps_start_before_end_inside_the_context():
    Z = np.zeros((1, 6, 2))
    Z[0, 4, 0], Z[0, 1, 1] = 5, 5                   # the best start comes after the best end
    Z[0, 1, 0], Z[0, 4, 1] = -1, -1
    Z[0, 2, 0], Z[0, 3, 1] = 3, 3
    Z[0, 0, 0] = Z[0, 5, 1] = 9                     # outside the context: never chosen
    allowed = np.array([[False, True, True, True, True, False]])
    assert best_spans(Z, allowed, max_answer_len=3).tolist() == [[2, 3]]       # 6 beats 5 and 4
    assert best_spans(Z, allowed, max_answer_len=1).tolist() == [[1, 1]]       # -1 + 5 beats 3 + 0
