"""The word-vector corpus: GCIDE where it was fetched, else gensim's English samples, never a toy."""
import gzip

import pytest

from dlspec.text import corpus, english_sample


def test_gcide_is_chosen_where_it_is(tmp_path, monkeypatch):
    dz = tmp_path / "gcide.dict.dz"
    with gzip.open(dz, "wt", encoding="utf-8") as f:     # dictzip is gzip-readable
        f.write("Apple \\Ap\"ple\\, n. [1913 Webster]\n   The fleshy fruit of a tree. It is red or green.\n")
    monkeypatch.setenv("DLSPEC_GCIDE", str(dz))
    sentences, source = corpus.load_corpus()
    assert source == corpus.GCIDE_SOURCE and ["the", "fleshy", "fruit", "of", "a", "tree"] in sentences
    assert "webster" not in {w for s in sentences for w in s}            # markup removed


def test_without_gcide_gensims_english_samples_are_used(monkeypatch):
    pytest.importorskip("gensim")
    monkeypatch.setattr(corpus, "gcide_path", lambda: None)
    sentences, source = corpus.load_corpus(max_words=50_000)
    assert source == english_sample.DESCRIPTION and "eighth of GCIDE" in corpus.EFFECT[source]
    words = [w for s in sentences for w in s]
    assert 50_000 <= len(words) < 60_000
    vocabulary = set(words)
    assert len(vocabulary) > 5_000                        # real text, not a 43-word grammar
    assert {"the", "of", "he", "she", "king", "government"} <= vocabulary
    whole = [w for s in english_sample.load_english_sample() for w in s]
    assert len(whole) > 500_000
    assert whole.count("ref") == 0 and whole.count("thumb") < 10          # wiki markup gone


def test_without_gensim_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setattr(corpus, "gcide_path", lambda: None)
    monkeypatch.setattr(english_sample, "english_sample_dir", lambda: None)
    with pytest.raises(FileNotFoundError, match="pip install gensim.*get-gcide.sh"):
        corpus.load_corpus()
