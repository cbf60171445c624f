"""Text to lowercase word tokens, one list per sentence (the input of word2vec and GloVe)."""
from __future__ import annotations

import re

from ..validation import check_int

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n\s*\n")


def tokenize(text: str) -> list[str]:
    """Lowercase words of ``text``: letters with an optional inner apostrophe ("don't").

    Digits and punctuation are dropped, as in the course's GloVe vocabulary of plain words.

    >>> tokenize("The King's horse, 3 times!")
    ['the', "king's", 'horse', 'times']
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize expects a str; got {type(text).__name__}.")
    return _WORD.findall(text.lower())


def sentences(text: str, min_length: int = 2) -> list[list[str]]:
    """Split ``text`` at sentence ends (. ! ? ; : or a blank line) and tokenize each piece.

    Context windows never cross a sentence boundary, as in gensim's Word2Vec given a list of
    sentences. Pieces with fewer than ``min_length`` words are dropped.

    >>> sentences("A cat sat. The dog ran!")
    [['a', 'cat', 'sat'], ['the', 'dog', 'ran']]
    """
    check_int(min_length, "sentences(min_length)", hint="It is the fewest words a kept sentence has.")
    out = (tokenize(piece) for piece in _SENTENCE_END.split(text))
    return [s for s in out if len(s) >= min_length]
