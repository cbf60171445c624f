"""BLEU against sacrebleu (to 1e-9) and nltk's corpus_bleu on random and edge-case corpora."""
import math

import numpy as np
import pytest

from dlspec.text import brevity_penalty, corpus_bleu, modified_precision, sentence_bleu

sacrebleu = pytest.importorskip("sacrebleu")
nltk_bleu = pytest.importorskip("nltk.translate.bleu_score")

WORDS = [f"w{i}" for i in range(6)]


def random_corpus(seed, m=20, n_refs=2, min_len=0, max_len=12):
    rng = np.random.default_rng(seed)
    sent = lambda: [WORDS[k] for k in rng.integers(0, len(WORDS), rng.integers(min_len, max_len + 1))]
    return [sent() for _ in range(m)], [[sent() for _ in range(n_refs)] for _ in range(m)]


def sacre(hyps, refs, **kw):
    """sacrebleu on the same tokens: tokens joined by spaces, no tokenizer; reference streams."""
    bleu = sacrebleu.metrics.BLEU(tokenize="none", **kw)
    streams = [[" ".join(r[j]) for r in refs] for j in range(len(refs[0]))]
    return bleu.corpus_score([" ".join(h) for h in hyps], streams).score / 100


SMOOTHINGS = [("none", False), ("floor", False), ("add-k", False), ("exp", False),
              ("exp", True), ("floor", True), ("none", True)]


@pytest.mark.parametrize("smoothing,effective", SMOOTHINGS)
@pytest.mark.parametrize("seed", range(6))
def test_agrees_with_sacrebleu_on_random_corpora(seed, smoothing, effective):
    hyps, refs = random_corpus(seed, m=1 + seed * 5, n_refs=1 + seed % 3, max_len=3 + 2 * seed)
    ours = corpus_bleu(hyps, refs, smoothing=smoothing, effective_order=effective).score
    ref = sacre(hyps, refs, smooth_method=smoothing, effective_order=effective)
    assert ours == pytest.approx(ref, abs=1e-9, rel=1e-9)


@pytest.mark.parametrize("case", ["empty_hypothesis", "all_empty", "longer_than_refs",
                                  "identical", "no_match", "several_refs", "short_sentences"])
@pytest.mark.parametrize("smoothing", ["none", "exp", "floor", "add-k"])
def test_agrees_with_sacrebleu_on_edge_cases(case, smoothing):
    a, b, c, d, e = "a b c d e".split()
    hyps, refs = {
        "empty_hypothesis": ([[], [a, b, c, d, e]], [[[a, b, c]], [[a, b, c, d, e]]]),
        "all_empty": ([[], []], [[[a]], [[b, c]]]),
        "longer_than_refs": ([[a, b, c, d, e, a, b, c, d, e, a]], [[[a, b, c, d]]]),
        "identical": ([[a, b, c, d, e]], [[[a, b, c, d, e]]]),
        "no_match": ([[a, a, a, a]], [[[b, c, d, e]]]),
        "several_refs": ([[a, b, c, d, a, b], [c, d, e, a]],
                         [[[a, b, c], [a, b, c, d, a, b, e], [d]], [[c, d], [e, a, c, d], [a]]]),
        "short_sentences": ([[a, b], [c]], [[[a, b], [a]], [[c], [c, d]]]),
    }[case]
    for effective in (False, True):
        ours = corpus_bleu(hyps, refs, smoothing=smoothing, effective_order=effective).score
        ref = sacre(hyps, refs, smooth_method=smoothing, effective_order=effective)
        assert ours == pytest.approx(ref, abs=1e-9, rel=1e-9), (case, smoothing, effective)
        for h, r in zip(hyps, refs):      # sentence BLEU: sacrebleu's corpus of one
            ours = sentence_bleu(h, r, smoothing=smoothing, effective_order=effective).score
            assert ours == pytest.approx(sacre([h], [r], smooth_method=smoothing,
                                               effective_order=effective), abs=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_agrees_with_nltk_corpus_bleu(seed):
    """nltk counts max(1, n-grams) per sentence: hypotheses of >= 4 tokens make them agree."""
    hyps, refs = random_corpus(seed + 100, m=15, n_refs=1 + seed % 3, min_len=4, max_len=14)
    for ours_kw, sm in [({"smoothing": "none"}, None), ({"smoothing": "floor"}, "method1"),
                        ({"smoothing": "add-k"}, "method2"), ({"smoothing": "exp"}, "method3")]:
        fn = None if sm is None else getattr(nltk_bleu.SmoothingFunction(), sm)
        with __import__("warnings").catch_warnings():
            __import__("warnings").simplefilter("ignore")
            ref = nltk_bleu.corpus_bleu(refs, hyps, smoothing_function=fn)
        assert corpus_bleu(hyps, refs, **ours_kw).score == pytest.approx(ref, abs=1e-9), sm


def test_the_course_examples():
    refs = ["the cat is on the mat".split(), "there is a cat on the mat".split()]
    assert modified_precision("the the the the the the the".split(), refs, 1) == (2, 7)
    assert modified_precision("the cat the cat on the mat".split(), refs, 2) == (4, 6)
    assert brevity_penalty(0, 5) == 0.0 and brevity_penalty(7, 6) == 1.0
    assert brevity_penalty(3, 6) == pytest.approx(math.exp(-1))
    assert corpus_bleu(["the cat is on the mat"], [refs]).score == 1.0


def test_strings_are_split_on_whitespace():
    s = corpus_bleu(["a b c d"], [["a b c d e"]])
    t = corpus_bleu([list("abcd")], [[list("abcde")]])
    assert s.score == pytest.approx(t.score) and s.sys_len == 4 and s.ref_len == 5


@pytest.mark.parametrize("hyps,refs,err,match", [
    (["a b"], [[]], ValueError, "hypothesis 0 has no reference"),
    (["a b", "c"], [["a b"]], ValueError, "2 hypotheses and 1 reference"),
    ([], [], ValueError, "empty corpus"),
    ("a b c", [["a b c"]], TypeError, "sentence_bleu"),
    ([3], [["a"]], TypeError, "hypothesis 0 must be a string"),
])
def test_bad_inputs_say_what_is_wrong(hyps, refs, err, match):
    with pytest.raises(err, match=match):
        corpus_bleu(hyps, refs)


def test_bad_options():
    with pytest.raises(ValueError, match="unknown smoothing"):
        corpus_bleu(["a"], [["a"]], smoothing="laplace")
    with pytest.raises(ValueError, match="max_order"):
        corpus_bleu(["a"], [["a"]], max_order=0)


@pytest.mark.parametrize("seed", range(4))
def test_sentence_bleu_defaults_are_sacrebleus(seed):
    hyps, refs = random_corpus(seed + 50, m=6, n_refs=2, max_len=9)
    for h, r in zip(hyps, refs):
        ref = sacrebleu.sentence_bleu(" ".join(h), [" ".join(x) for x in r], tokenize="none").score
        assert sentence_bleu(h, r).score == pytest.approx(ref / 100, abs=1e-9)
