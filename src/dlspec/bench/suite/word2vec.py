"""word2vec throughput (course 5 week 2): one epoch of skip-gram, dlspec against gensim.

The same corpus (200,000 words of GCIDE, spread over the dictionary; generated sentences
without it) and settings (100-d, window 5, 5 negatives, min_count 5, subsampling 1e-3),
both on one thread (gensim ``workers=1``; dlspec under ``--threads 1``). The vocabulary
is built once outside the timed call on both sides. The ratio is dlspec / gensim time.
"""
from __future__ import annotations

from ..registry import Case, benchmark

SETTINGS = dict(vector_size=100, window=5, negative=5, min_count=5, sample=1e-3, epochs=1)


@benchmark("skipgram-epoch", "word2vec skip-gram, negative sampling, one epoch of 200k words, "
           "vs gensim (workers=1)", group="text", default=False)
def skipgram_epoch(ctx):
    from ...text import Vocabulary, Word2Vec
    from ...text.corpus import gcide_path, generated_corpus, load_gcide
    n = ctx.pick(50_000, 200_000)
    corpus = load_gcide(max_words=n) if gcide_path() else generated_corpus(n // 13, seed=ctx.seed)
    vocab = Vocabulary(corpus, SETTINGS["min_count"])

    def ours():
        Word2Vec(**SETTINGS, seed=ctx.seed).fit(corpus, vocab=vocab)

    try:
        from gensim.models import Word2Vec as GensimWord2Vec
    except ImportError:
        return Case(ours)
    g = GensimWord2Vec(sg=1, hs=0, workers=1, seed=ctx.seed,
                       **{k: v for k, v in SETTINGS.items() if k != "epochs"})
    g.build_vocab(corpus)

    def theirs():
        g.train(corpus, total_examples=len(corpus), epochs=1)

    return Case(ours, theirs, reference_name="gensim")
