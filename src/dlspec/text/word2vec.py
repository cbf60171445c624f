"""word2vec: skip-gram and CBOW with negative sampling, in batched NumPy with sparse updates."""
from __future__ import annotations

import time

from ..backend import as_dtype, rng as make_rng, xp
from .vectors import WordVectors
from .vocab import Vocabulary
from .windows import cbow_contexts, scatter_add_outer, skipgram_pairs, subsample


def _sigmoid(z):
    return 0.5 * (1.0 + xp.tanh(0.5 * z))      # no overflow warning for large |z|


def negative_sampling_step(Theta, h, targets, learning_rate):
    """One SGD step of the negative-sampling loss for a batch, gradients in closed form.

    Parameters
    ----------
    Theta : (V, D) output embeddings (the course's theta_t; gensim's ``syn1neg``), updated
    h : (B, D) the input vector of each example, rows of the input embeddings E (the course's
        e_c, gensim's ``wv.vectors``) for skip-gram, the mean of the context's rows for CBOW
    targets : (B, K + 1) int64, the true word first, then K negative samples
    learning_rate : float

    Returns
    -------
    dh : (B, D) the step for h, -learning_rate * dJ/dh (the caller scatters it into E)
    loss : float, the batch's mean loss

    Notes
    -----
    With s_t = theta_t . h and labels y = (1, 0, ..., 0),
    J = -log sigma(s_o) - sum_k log sigma(-s_k), so dJ/ds_t = sigma(s_t) - y_t,
    dJ/dtheta_t = (sigma(s_t) - y_t) h and dJ/dh = sum_t (sigma(s_t) - y_t) theta_t.
    Only the rows of Theta named in ``targets`` change (a sparse update).
    """
    U = Theta[targets]                                   # (B, K+1, D)
    s = xp.einsum("bkd,bd->bk", U, h)                   # (B, K+1) scores
    sig = _sigmoid(s)
    y = xp.zeros_like(s)
    y[:, 0] = 1
    g = (y - sig) * learning_rate                        # -lr dJ/ds
    dh = xp.einsum("bk,bkd->bd", g, U)                  # (B, D)
    scatter_add_outer(Theta, targets, g, h)
    eps = 1e-7
    loss = -(xp.log(sig[:, 0] + eps).sum() + xp.log(1 - sig[:, 1:] + eps).sum()) / len(h)
    return dh, float(loss)


class Word2Vec:
    """Word vectors learned by skip-gram or CBOW with negative sampling (Mikolov et al., 2013).

    Parameters
    ----------
    vector_size : int, D (gensim's default 100; the course's GloVe vectors have 50)
    window : int, the largest distance between centre and context words (default 5)
    negative : int, K negative samples per true pair, drawn from count^0.75 (default 5)
    sg : bool, True for skip-gram (default), False for CBOW (the context's mean predicts the word)
    min_count : int, rarer words are dropped (default 5)
    sample : float, the subsampling threshold t (default 1e-3; 0 keeps every word)
    alpha, min_alpha : float, the learning rate decays linearly from alpha to min_alpha over
        all the words of all epochs (gensim's defaults 0.025 and 0.0001)
    epochs : int (default 5)
    batch_words : int, corpus positions per batch: all their pairs take one summed SGD step
    seed : int, for the initial vectors, windows, subsampling and negatives
    dtype : "float32" (default) or "float64"

    Attributes
    ----------
    wv : :class:`WordVectors`, the input embeddings E (what gensim's ``model.wv`` holds)
    vocab : :class:`Vocabulary`
    E, Theta : (V, D) input and output embeddings
    losses : list of float, the mean loss of each batch
    seconds : float, the training time of the last ``fit`` (vocabulary and encoding excluded)
    words_per_second : float, epochs x in-vocabulary corpus words (before subsampling) / seconds

    Notes
    -----
    As in word2vec and gensim: E starts uniform in [-0.5/D, 0.5/D), Theta at zero; frequent
    words are subsampled afresh each epoch. Unlike them, the pairs of ``batch_words``
    positions update the weights together (gradients summed), so NumPy does the work in a
    few array operations per batch instead of one small update per pair.

    Examples
    --------
    >>> w2v = Word2Vec(vector_size=16, min_count=1, epochs=1).fit([["a", "b", "c"]] * 50)
    >>> w2v.wv["a"].shape
    (16,)
    """

    def __init__(self, vector_size=100, window=5, negative=5, sg=True, min_count=5, sample=1e-3,
                 alpha=0.025, min_alpha=0.0001, epochs=5, batch_words=1000, seed=0, dtype="float32"):
        for name, value in (("vector_size", vector_size), ("window", window), ("negative", negative),
                            ("epochs", epochs), ("batch_words", batch_words)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Word2Vec({name}) expects a positive integer; got {value!r}.")
        if not 0 < min_alpha <= alpha:
            raise ValueError(f"Word2Vec expects 0 < min_alpha <= alpha; got alpha={alpha}, "
                             f"min_alpha={min_alpha}.")
        self.vector_size, self.window, self.negative, self.sg = vector_size, window, negative, bool(sg)
        self.min_count, self.sample, self.alpha, self.min_alpha = min_count, sample, alpha, min_alpha
        self.epochs, self.batch_words, self.seed = epochs, batch_words, seed
        self.dtype = as_dtype(dtype)
        self.losses = []

    def fit(self, sentences, vocab: Vocabulary | None = None, progress=None):
        """Build the vocabulary (unless given) and train; returns self.

        Parameters
        ----------
        sentences : list of list of str, the tokenized corpus
        vocab : Vocabulary, optional (to share one with another model)
        progress : callable wrapping an iterable (a progress bar), optional
        """
        sentences = sentences if isinstance(sentences, list) else list(sentences)
        self.vocab = vocab or Vocabulary(sentences, self.min_count)
        ids, sentence_ids = self.vocab.encode(sentences)
        V, D, rng = len(self.vocab), self.vector_size, make_rng(self.seed)
        self.E = ((rng.random((V, D)) - 0.5) / D).astype(self.dtype)
        self.Theta = xp.zeros((V, D), dtype=self.dtype)
        keep_prob = self.vocab.keep_probabilities(self.sample)
        # word2vec's unigram table: a uniform draw from it is a draw from count^0.75.
        table = xp.searchsorted(self.vocab.noise_distribution(), (xp.arange(2 ** 20) + 0.5) / 2 ** 20)
        started = time.perf_counter()
        epochs = range(self.epochs)
        for epoch in (progress(epochs) if progress else epochs):
            kept, kept_sentences = subsample(ids, sentence_ids, keep_prob, rng)
            m = max(len(kept), 1)
            for start in range(0, len(kept), self.batch_words):
                done = (epoch + start / m) / self.epochs        # linear decay over all the words
                lr = self.alpha - (self.alpha - self.min_alpha) * done
                stop = min(start + self.batch_words, len(kept))
                # Windows see the neighbours beyond the batch, as one long corpus does.
                lo, hi = max(0, start - self.window), min(len(kept), stop + self.window)
                self._train_batch(kept[lo:hi], kept_sentences[lo:hi], start - lo, stop - lo,
                                  lr, table, rng)
        self.seconds = time.perf_counter() - started
        self.words_per_second = self.epochs * len(ids) / self.seconds
        self.wv = WordVectors(self.vocab.words, self.E, counts=self.vocab.counts)
        return self

    def _train_batch(self, ids, sentence_ids, first, last, lr, table, rng):
        """The pairs whose centre lies in positions [first, last) of ``ids`` take one step."""
        K = self.negative
        if self.sg:
            centers, contexts = skipgram_pairs(ids, sentence_ids, self.window, rng, first, last)
            if len(centers) == 0:
                return
            # gensim's order: the context word's input vector predicts the centre word.
            negatives = table[rng.integers(0, len(table), (len(centers), K))]
            targets = xp.concatenate([centers[:, None], negatives], axis=1)      # (P, K+1)
            dh, loss = negative_sampling_step(self.Theta, self.E[contexts], targets, lr)
            scatter_add_outer(self.E, contexts[:, None], xp.ones((len(dh), 1), dh.dtype), dh)
        else:
            contexts, counts = cbow_contexts(ids, sentence_ids, self.window, rng)
            contexts, counts, centers = contexts[first:last], counts[first:last], ids[first:last]
            has = counts > 0
            contexts, counts, centers = contexts[has], counts[has], centers[has]
            if len(centers) == 0:
                return
            mask = contexts >= 0                                                  # (B, 2w)
            h = (self.E[xp.where(mask, contexts, 0)] * mask[:, :, None]).sum(axis=1)
            h /= counts[:, None].astype(self.E.dtype)                             # the mean (cbow_mean)
            negatives = table[rng.integers(0, len(table), (len(centers), K))]
            targets = xp.concatenate([centers[:, None], negatives], axis=1)
            dh, loss = negative_sampling_step(self.Theta, h, targets, lr)
            # Each context word takes the whole step dh, not dh / count: gensim (cbow_mean=1)
            # and word2vec.c do so; only the summed variant (cbow_mean=0) divides.
            scatter_add_outer(self.E, xp.where(mask, contexts, 0), mask.astype(dh.dtype), dh)
        if not xp.isfinite(loss):
            raise FloatingPointError(
                f"word2vec diverged (loss {loss}) at learning rate {lr:.4g}. With a small "
                f"vocabulary ({len(self.E)} words) one batch of batch_words={self.batch_words} "
                "positions sums many updates of the same rows: lower batch_words or alpha.")
        self.losses.append(loss)
