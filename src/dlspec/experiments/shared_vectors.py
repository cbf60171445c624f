"""50-d skip-gram vectors trained once per process for the experiments that use word vectors.

The course loads pretrained GloVe 50-d vectors (glove.6B.50d.txt) for debiasing and
Emojify; no download is possible here, so c5-debias and c5-emojify train 50-d skip-gram
vectors on GCIDE (or, without it, gensim's English Wikipedia and news samples) and share
them within a tour.
"""
from __future__ import annotations

from functools import lru_cache

from ..text import Word2Vec
from ..text.corpus import GCIDE_HOW_TO, GCIDE_SOURCE, GCIDE_WORDS, load_corpus


@lru_cache(maxsize=2)
def course_vectors(max_words, seed=0, epochs=3):
    """(WordVectors with 50-d vectors, a description of the corpus)."""
    corpus, source = load_corpus(max_words)
    if source != GCIDE_SOURCE:
        print(f"The GCIDE dictionary is missing: word vectors from {source}. Get GCIDE with: {GCIDE_HOW_TO}")
    words = sum(len(s) for s in corpus)
    wanted = max_words or GCIDE_WORDS
    if words < wanted:       # a smaller corpus (gensim's samples): about as many word updates (at
        epochs = min(round(epochs * wanted / words), 4 * epochs)   # most 4x), else vectors barely move
    model = Word2Vec(vector_size=50, window=5, min_count=3, epochs=epochs, seed=seed,
                     batch_words=1000).fit(corpus)
    return model.wv, source
