"""50-d skip-gram vectors trained once per process for the experiments that use word vectors.

The course loads pretrained GloVe 50-d vectors (glove.6B.50d.txt) for debiasing and
Emojify; no download is possible here, so c5-debias and c5-emojify train 50-d skip-gram
vectors on GCIDE (or, without it, generated sentences) and share them within a tour.
"""
from __future__ import annotations

from functools import lru_cache

from ..text import Word2Vec
from ..text.corpus import GCIDE_HOW_TO, gcide_path, generated_corpus, load_gcide


@lru_cache(maxsize=2)
def course_vectors(max_words, seed=0, epochs=3):
    """(WordVectors with 50-d vectors, a description of the corpus)."""
    if gcide_path() is None:
        print(f"The GCIDE dictionary is missing: word vectors from generated sentences. Get it with: {GCIDE_HOW_TO}")
        corpus, source = generated_corpus(20000, seed=seed), "generated (dict-gcide missing)"
    else:
        corpus, source = load_gcide(max_words=max_words), "GCIDE (Debian dict-gcide)"
    model = Word2Vec(vector_size=50, window=5, min_count=3, epochs=epochs, seed=seed,
                     batch_words=1000 if source.startswith("GCIDE") else 100).fit(corpus)
    return model.wv, source
