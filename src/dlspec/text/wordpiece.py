"""A WordPiece subword tokenizer trained here: DistilBERT's kind, without the download.

The course's transformer labs (course 5, week 4) tokenize with DistilBERT's pretrained
tokenizer (``DistilBertTokenizerFast``: lower case, words split at spaces and punctuation,
each word cut into the longest pieces of a 30,522-entry vocabulary, continuation pieces
written ``##piece``). Offline, ``WordPiece.train`` builds such a vocabulary from the
texts at hand by byte-pair merges (the most frequent adjacent pair of pieces, repeatedly,
as Hugging Face's WordPiece trainer does), and ``encode`` cuts words greedily, longest
piece first, as BERT does. The call mirrors the parts of Hugging Face's tokenizer the labs
use: ``input_ids``, ``attention_mask``, ``word_ids(i)`` and ``char_to_token(i, char)``.

>>> tok = WordPiece.train(["the cat sat", "the cats sat on the mat"], vocab_size=40)
>>> tok.tokenize("the cats")
['the', 'cat', '##s']
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..backend import xp

SPECIAL = ("[PAD]", "[UNK]", "[CLS]", "[SEP]")
PAD, UNK, CLS, SEP = range(4)
_WORD = re.compile(r"\w+|[^\w\s]")            # BERT's pre-tokenizer: words and single punctuation


def pre_tokenize(text):
    """[(word, start, end)]: lower-cased words and punctuation marks with their character spans."""
    return [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


class Encoding:
    """A batch of tokenized texts: ``input_ids`` (N, T) int64, ``attention_mask`` (N, T)
    (1 for tokens, 0 for padding), and per text the word and characters of each token."""

    def __init__(self, input_ids, attention_mask, words, spans):
        self.input_ids, self.attention_mask = input_ids, attention_mask
        self._words, self._spans = words, spans

    def __getitem__(self, key):
        return getattr(self, key)

    def word_ids(self, batch_index=0):
        """For each token of text ``batch_index``: the index of its word, None for special tokens."""
        return list(self._words[batch_index])

    def char_to_token(self, batch_index, char_index=None, sequence_index=0):
        """The token covering character ``char_index`` of the text's first (or second,
        ``sequence_index=1``) part; None when the character is a space or was cut off."""
        if char_index is None:                      # Hugging Face's one-text form
            batch_index, char_index = 0, batch_index
        for t, span in enumerate(self._spans[batch_index]):
            if span is not None and span[0] == sequence_index and span[1] <= char_index < span[2]:
                return t
        return None


class WordPiece:
    """A WordPiece vocabulary: ``vocab`` (list of pieces, ids = positions; the first four
    are ``[PAD] [UNK] [CLS] [SEP]``) and ``index`` (piece -> id)."""

    def __init__(self, vocab, max_chars_per_word=100):
        self.vocab = list(vocab)
        if tuple(self.vocab[:4]) != SPECIAL:
            raise ValueError(f"WordPiece(vocab) must start with {SPECIAL}; got {self.vocab[:4]}.")
        self.index = {p: i for i, p in enumerate(self.vocab)}
        self.max_chars_per_word = max_chars_per_word

    def __len__(self):
        return len(self.vocab)

    @classmethod
    def train(cls, texts, vocab_size=1000, min_frequency=2):
        """Learn pieces from ``texts`` (strings) until ``vocab_size`` pieces or no pair is
        seen ``min_frequency`` times. Every character seen is a piece (alone and as ``##c``),
        so that only characters never seen become ``[UNK]``."""
        if isinstance(texts, str):
            raise TypeError("WordPiece.train(texts) expects a list of strings; got one string. "
                            "Wrap it in a list: WordPiece.train([text]).")
        counts = Counter(w for text in texts for w, _, _ in pre_tokenize(text))
        words = [[w[0]] + ["##" + c for c in w[1:]] for w in counts]     # pieces of each word
        freq = list(counts.values())
        vocab = list(SPECIAL) + sorted({p for pieces in words for p in pieces})
        pairs, where = Counter(), defaultdict(set)
        for i, pieces in enumerate(words):
            for a, b in zip(pieces, pieces[1:]):
                pairs[a, b] += freq[i]
                where[a, b].add(i)
        while len(vocab) < vocab_size and pairs:
            (a, b), n = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
            if n < min_frequency:
                break
            merged = a + b[2:]
            vocab.append(merged)
            for i in list(where[a, b]):              # only the words holding the pair change
                pieces = words[i]
                for x, y in zip(pieces, pieces[1:]):
                    pairs[x, y] -= freq[i]
                    where[x, y].discard(i)
                out, k = [], 0
                while k < len(pieces):
                    if k + 1 < len(pieces) and pieces[k] == a and pieces[k + 1] == b:
                        out.append(merged)
                        k += 2
                    else:
                        out.append(pieces[k])
                        k += 1
                words[i] = out
                for x, y in zip(out, out[1:]):
                    pairs[x, y] += freq[i]
                    where[x, y].add(i)
            pairs = +pairs                           # drop the pairs whose count fell to 0
        return cls(vocab)

    def _word_pieces(self, word):
        """Greedy longest-match-first pieces of one lower-cased word; ["[UNK]"] if impossible."""
        if len(word) > self.max_chars_per_word:
            return ["[UNK]"]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.index:
                    pieces.append(piece)
                    break
                end -= 1
            if end == start:
                return ["[UNK]"]
            start = end
        return pieces

    def tokenize(self, text):
        """The pieces of ``text`` (no special tokens)."""
        return [p for w, _, _ in pre_tokenize(text) for p in self._word_pieces(w)]

    def _encode_one(self, words_or_text, is_split_into_words):
        """(ids, word index per token, (part, start, end) character span per token)."""
        if is_split_into_words:
            units = [(w.lower(), None) for w in words_or_text]
        else:
            units = [(w, (s, e)) for w, s, e in pre_tokenize(words_or_text)]
        ids, words, spans = [], [], []
        for n, (word, span) in enumerate(units):
            sub = [(w, s, e) for w, s, e in pre_tokenize(word)] if is_split_into_words else [(word, 0, 0)]
            for piece_word, _, _ in sub:
                offset = 0
                for piece in self._word_pieces(piece_word):
                    length = len(piece) - (2 if piece.startswith("##") else 0)
                    ids.append(self.index[piece])
                    words.append(n)
                    spans.append(None if span is None or piece == "[UNK]" else
                                 (span[0] + offset, span[0] + offset + length))
                    offset += length
                if span is not None and self._word_pieces(piece_word) == ["[UNK]"]:
                    spans[-1] = span
        return ids, words, spans

    def __call__(self, texts, text_pairs=None, max_length=512, padding="longest",
                 truncation=True, is_split_into_words=False):
        """Tokenize a batch: ``[CLS] text [SEP]`` or ``[CLS] text [SEP] pair [SEP]``.

        Parameters
        ----------
        texts : list of strings (or of word lists with ``is_split_into_words=True``).
        text_pairs : optional second parts (the question answering lab's questions).
        max_length : tokens kept per text with ``truncation`` (the longest part is cut).
        padding : "longest" (pad to the batch's longest) or "max_length".

        Returns
        -------
        Encoding, with ``input_ids`` and ``attention_mask`` of shape (N, T).
        """
        if padding not in ("longest", "max_length"):
            raise ValueError(f"WordPiece(padding) must be 'longest' or 'max_length'; got {padding!r}.")
        if isinstance(texts, str):
            raise TypeError("WordPiece expects a list of texts; got one string. Wrap it: tok([text]).")
        rows, word_rows, span_rows = [], [], []
        for i, text in enumerate(texts):
            parts = [self._encode_one(text, is_split_into_words)]
            if text_pairs is not None:
                parts.append(self._encode_one(text_pairs[i], False))
            budget = max_length - 1 - len(parts)             # [CLS] and one [SEP] per part
            if truncation:
                while sum(len(p[0]) for p in parts) > budget:
                    longest = max(parts, key=lambda p: len(p[0]))
                    for seq in longest:
                        seq.pop()
            ids, words, spans = [CLS], [None], [None]
            for k, (p_ids, p_words, p_spans) in enumerate(parts):
                ids += p_ids + [SEP]
                words += p_words + [None]
                spans += [None if s is None else (k, *s) for s in p_spans] + [None]
            rows.append(ids)
            word_rows.append(words)
            span_rows.append(spans)
        T = max_length if padding == "max_length" else max(len(r) for r in rows)
        input_ids = xp.full((len(rows), T), PAD, dtype=xp.int64)
        mask = xp.zeros((len(rows), T), dtype=xp.int64)
        for i, r in enumerate(rows):
            input_ids[i, :len(r)] = r[:T]
            mask[i, :len(r)] = 1
            word_rows[i] = (word_rows[i] + [None] * T)[:T]
            span_rows[i] = (span_rows[i] + [None] * T)[:T]
        return Encoding(input_ids, mask, word_rows, span_rows)

    def decode(self, ids):
        """Pieces joined back into text (``##`` pieces glued to the previous one), pads and
        special tokens dropped."""
        out = ""
        for i in ids:
            piece = self.vocab[int(i)]
            if piece in SPECIAL:
                continue
            out += piece[2:] if piece.startswith("##") else (" " if out else "") + piece
        return out
