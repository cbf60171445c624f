"""Characters to ids and back, and (input, target) pairs for a character-level language model."""
from __future__ import annotations

from ..backend import xp


class CharVocabulary:
    """The characters of a corpus, with "\\n" (end of a name or line) as id 0, as in the course.

    Parameters
    ----------
    texts : iterable of str
        The training names or lines; their characters make the vocabulary.
    extra : str
        Characters to include even if no text uses them (the course's 27 = "\n" + a-z).

    Attributes
    ----------
    chars : list of str, id -> character ("\\n" first, then the others sorted)
    char_to_ix : dict character -> id; ``ix_to_char`` is ``chars``

    Examples
    --------
    >>> v = CharVocabulary(["ab", "ba"])
    >>> v.chars, v.encode("ab")
    (['\\n', 'a', 'b'], [1, 2])
    """

    def __init__(self, texts, extra: str = ""):
        texts = list(texts)
        if not texts or not all(isinstance(t, str) for t in texts):
            raise TypeError("CharVocabulary expects a non-empty list of strings (names or lines).")
        self.chars = ["\n"] + sorted(set("".join(texts)) - {"\n"} | set(extra) - {"\n"})
        self.char_to_ix = {c: i for i, c in enumerate(self.chars)}

    def __len__(self):
        return len(self.chars)

    def encode(self, text: str) -> list[int]:
        try:
            return [self.char_to_ix[c] for c in text]
        except KeyError as exc:
            raise ValueError(f"character {exc.args[0]!r} is not in the vocabulary "
                             f"{''.join(self.chars[1:])!r}; build it from texts that contain it.") from None

    def decode(self, ids) -> str:
        return "".join(self.chars[int(i)] for i in ids)

    def language_model_data(self, texts):
        """One-hot inputs X (N, T, V) and target ids Y (N, T) for next-character prediction.

        As in the course, x<1> is the zero vector (nothing read yet), x<t+1> = y<t>, and the
        last target is "\\n" (the name ends). Shorter names are padded to the longest, T =
        max length + 1, with zero inputs and target -1, which ``SequenceCrossEntropy`` ignores.
        """
        encoded = [self.encode(t) + [0] for t in texts]              # targets end with "\n"
        N, T, V = len(encoded), max(len(e) for e in encoded), len(self)
        Y = xp.full((N, T), -1, dtype=xp.int64)
        for n, ids in enumerate(encoded):
            Y[n, :len(ids)] = ids
        X = xp.zeros((N, T, V), dtype=xp.float32)
        prev = Y[:, :-1]                                             # (N, T-1): y<1> ... y<T-1>
        n_idx, t_idx = xp.nonzero(prev >= 0)
        X[n_idx, t_idx + 1, prev[n_idx, t_idx]] = 1                  # x<t+1> = onehot(y<t>)
        return X, Y
