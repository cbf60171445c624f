"""The course's Emojify models (course 5 week 2): V1 averages word vectors, V2 runs two LSTMs."""
from __future__ import annotations

from ..backend import xp
from ..nn import LSTM, Dense, Dropout, Embedding
from ..nn.node import Input
from .model import Model


def sentence_to_avg(sentence, word_to_vec_map):
    """The average of the vectors of a sentence's words (the course's ``sentence_to_avg``).

    Words without a vector are skipped (the course's GloVe has 400,000 words; ours fewer).

    Returns
    -------
    avg : (D,) float32, zeros if no word has a vector
    """
    vectors = [word_to_vec_map[w] for w in sentence.lower().split() if w in word_to_vec_map]
    if not vectors:
        return xp.zeros(word_to_vec_map.vector_size, dtype=xp.float32)
    return xp.mean(vectors, axis=0).astype(xp.float32)


def sentences_to_indices(X, word_to_index, max_len):
    """Sentences to word ids (the course's ``sentences_to_indices``), padded with 0 at the end.

    Parameters
    ----------
    X : list of str, m sentences
    word_to_index : dict word -> id, ids >= 1 (0 pads)
    max_len : int, the longest sentence; longer ones raise

    Returns
    -------
    X_indices : (m, max_len) int64; a word without an id becomes 0, as padding
    """
    X_indices = xp.zeros((len(X), max_len), dtype=xp.int64)
    for i, sentence in enumerate(X):
        words = sentence.lower().split()
        if len(words) > max_len:
            raise ValueError(f"sentence {i} has {len(words)} words, more than max_len={max_len}: {sentence!r}.")
        X_indices[i, :len(words)] = [word_to_index.get(w, 0) for w in words]
    return X_indices


def pretrained_embedding_layer(word_to_vec_map, word_to_index):
    """A frozen Embedding holding the pretrained vectors (the course's ``pretrained_embedding_layer``).

    Row 0 (padding) is zero; row word_to_index[w] is the vector of w. ``trainable = False``,
    as the course's ``Embedding(vocab_len, emb_dim, trainable=False)``.
    """
    vocab_len = max(word_to_index.values()) + 1
    emb_dim = word_to_vec_map.vector_size
    emb_matrix = xp.zeros((vocab_len, emb_dim), dtype=xp.float32)
    for word, idx in word_to_index.items():
        emb_matrix[idx] = word_to_vec_map[word]

    def from_vectors(shape, rng, dtype):
        return emb_matrix.astype(dtype)

    layer = Embedding(vocab_len, emb_dim, init=from_vectors)
    layer.trainable = False
    return layer


def Emojify_V1(emb_dim=50, seed=0):
    """Emojify V1: the average word vector -> Dense(5) -> softmax (fused into the loss).

    Inputs (N, emb_dim) averages from :func:`sentence_to_avg`; outputs (N, 5) logits. The
    course trains W (5, 50) and b (5,) by SGD with softmax cross-entropy: 255 parameters.
    """
    avg = Input((emb_dim,))
    Z = Dense(5)(avg)
    return Model(avg, Z, name="Emojify_V1", seed=seed)


def Emojify_V2(input_shape, word_to_vec_map, word_to_index, seed=0):
    """Emojify V2, as the course builds it with the functional API.

    sentence_indices (N, max_len) -> frozen pretrained Embedding -> LSTM(128, return_sequences)
    -> Dropout(0.5) -> LSTM(128) -> Dropout(0.5) -> Dense(5). With 50-d vectors: 223,877
    trainable parameters (91,648 + 131,584 + 645), as the course's summary.

    Notes
    -----
    The course ends with ``Activation('softmax')`` and categorical cross-entropy; here the
    output is the logits and ``"softmax_crossentropy"`` fuses the two (exact for confident
    predictions). ``Dropout(rate=0.5)`` drops half the units, as Keras's ``Dropout(0.5)``. Padding is not masked, as in the course.
    """
    sentence_indices = Input(input_shape, dtype="int64")
    embeddings = pretrained_embedding_layer(word_to_vec_map, word_to_index)(sentence_indices)
    X = LSTM(128, return_sequences=True)(embeddings)
    X = Dropout(rate=0.5)(X)
    X = LSTM(128, return_sequences=False)(X)
    X = Dropout(rate=0.5)(X)
    X = Dense(5)(X)
    return Model(inputs=sentence_indices, outputs=X, name="Emojify_V2", seed=seed)
