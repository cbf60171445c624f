"""Token classification's preprocessing: the NER lab's ``tokenize_and_align_labels``, windows
of a fixed number of tokens, and word tags read back from token predictions."""
from __future__ import annotations

from ..backend import xp
from .wordpiece import CLS, PAD, SEP

IGNORE = -100          # the label the loss skips (Hugging Face's and the lab's value)


def tokenize_and_align_labels(tokenizer, examples, tags, label_all_tokens=False, max_length=512):
    """Tokenize documents given as words and give each token its word's label.

    Parameters
    ----------
    tokenizer : a ``WordPiece`` (or anything called like Hugging Face's tokenizers).
    examples : list of documents, each a list of words.
    tags : list of label-id lists, one id per word.
    label_all_tokens : False (the issue's choice): only a word's first sub-token carries its
        label, the others get -100; True: every sub-token carries it (the lab's notebook).
    max_length : tokens kept per document, special tokens included.

    Returns
    -------
    The tokenizer's encoding with ``labels`` added: (N, T) int64, -100 on special tokens,
    padding and (by default) on sub-tokens after a word's first.
    """
    if len(examples) != len(tags):
        raise ValueError(f"tokenize_and_align_labels: {len(examples)} documents but {len(tags)} tag lists.")
    encoding = tokenizer(examples, max_length=max_length, is_split_into_words=True)
    labels = xp.full(encoding.input_ids.shape, IGNORE, dtype=xp.int64)
    for i, doc_tags in enumerate(tags):
        words = encoding.word_ids(i)
        if max(w for w in words if w is not None) >= len(doc_tags):
            raise ValueError(f"tokenize_and_align_labels: document {i} has more words than tags "
                             f"({len(doc_tags)}); give one tag per word.")
        previous = None
        for t, w in enumerate(words):
            if w is not None and (w != previous or label_all_tokens):
                labels[i, t] = doc_tags[w]
            previous = w
    encoding.labels = labels
    return encoding


def split_windows(input_ids, labels, window):
    """Cut each tokenized document into windows of ``window`` tokens: ``[CLS]`` + up to
    window - 2 of its tokens + ``[SEP]``, padded.

    Returns
    -------
    X (M, window) ids, Y (M, window) labels (-100 on the added and padding tokens), and
    ``where`` (M,) pairs (document, index of the window's first token in the document).
    """
    if window < 3:
        raise ValueError(f"split_windows(window) must be at least 3 ([CLS], a token, [SEP]); got {window}.")
    X, Y, where = [], [], []
    step = window - 2
    for i in range(len(input_ids)):
        keep = (input_ids[i] != PAD) & (input_ids[i] != CLS) & (input_ids[i] != SEP)
        ids, labs = input_ids[i][keep], labels[i][keep]
        positions = xp.flatnonzero(keep)
        for s in range(0, len(ids), step):
            chunk = ids[s:s + step]
            x = xp.full(window, PAD, dtype=xp.int64)
            y = xp.full(window, IGNORE, dtype=xp.int64)
            x[0], x[1:len(chunk) + 1], x[len(chunk) + 1] = CLS, chunk, SEP
            y[1:len(chunk) + 1] = labs[s:s + step]
            X.append(x)
            Y.append(y)
            where.append((i, int(positions[s])))
    return xp.stack(X), xp.stack(Y), where


def word_tags(encoding, predictions, where, n_words, tag_names):
    """Tags per word from window predictions: each word takes the prediction at its first
    sub-token (the token that was trained). ``predictions`` (M, window) tag ids."""
    out = [["O"] * n for n in n_words]
    step = predictions.shape[1] - 2
    for k, (doc, first) in enumerate(where):
        words = encoding.word_ids(doc)
        for j in range(step):
            t = first + j
            if t >= len(words) or words[t] is None:
                continue
            if t == 0 or words[t - 1] != words[t]:
                out[doc][words[t]] = tag_names[int(predictions[k, j + 1])]
    return out
