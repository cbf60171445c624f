"""Vector files: the GloVe text format and word2vec's text and binary formats.

GloVe (``glove.6B.50d.txt``): one ``word v1 ... vD`` line per word, no header.
word2vec text: a header line ``V D``, then the same lines. word2vec binary: the header
line, then per word its UTF-8 bytes, a space and D little-endian float32 (gensim and
word2vec.c may end each vector with a newline; both layouts are read).
"""
from __future__ import annotations

from pathlib import Path

from ..backend import xp
from ..io.files import atomic_write
from .vectors import WordVectors


def _parse_lines(lines, path, first_line, dim=None, limit=None):
    words, rows = [], []
    for number, line in enumerate(lines, first_line):
        if limit is not None and len(words) >= limit:
            break
        parts = line.rstrip("\n").rstrip(" ").split(" ")
        if len(parts) == 1 and not parts[0].strip():
            continue
        if dim is None:
            dim = len(parts) - 1
            if dim < 1:
                raise ValueError(f"{path}, line {number}: expected 'word v1 v2 ...'; got {line[:60]!r}.")
        if len(parts) - 1 != dim:
            raise ValueError(f"{path}, line {number}: the vector of {parts[0]!r} has {len(parts) - 1} "
                             f"values, expected {dim} like the lines before. The file is truncated or "
                             "its words contain spaces.")
        words.append(parts[0])
        rows.append(parts[1:])
    try:
        vectors = xp.array(rows, dtype=xp.float32).reshape(len(rows), dim or 0)
    except ValueError:
        i, value = next((i, v) for i, row in enumerate(rows) for v in row if not _is_number(v))
        raise ValueError(f"{path}, line {first_line + i}: the vector of {words[i]!r} holds {value[:20]!r}, "
                         "which is not a number. Expected 'word v1 v2 ...' with decimal values.") from None
    return words, _finite(vectors, words, path)


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def _finite(vectors, words, path):
    """Refuse NaN and infinite values, naming the first word that holds one."""
    finite = xp.isfinite(vectors).all(axis=1)
    if not finite.all():
        i = int(xp.flatnonzero(~finite)[0])
        raise ValueError(f"{path}: the vectors of {int((~finite).sum())} words hold NaN or infinite "
                         f"values (first: {words[i]!r}, vector {i + 1}). The file is damaged; "
                         "download or export it again.")
    return vectors


def _decode_error(path, exc, line_hint=""):
    return ValueError(f"{path} is not UTF-8 text{line_hint} (byte {exc.object[exc.start:exc.start + 1]!r} "
                      f"at position {exc.start}): word-vector files are UTF-8. Convert it first, "
                      f"for example with 'iconv -f latin1 -t utf-8'.")


def _words(words, vectors, path):
    try:
        return WordVectors(words, vectors)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


def read_glove(path, limit=None) -> WordVectors:
    """Read a GloVe text file (no header) into :class:`WordVectors`.

    Parameters
    ----------
    path : str or Path, such as ``glove.6B.50d.txt``
    limit : int, optional, read only the first ``limit`` words
    """
    try:
        with open(path, encoding="utf-8", errors="strict") as f:
            first = f.readline()
            head = first.split()
            if len(head) == 2 and all(h.isdigit() for h in head):
                raise ValueError(f"{path} starts with a header line {first.strip()!r}: it is a word2vec "
                                 "text file. Read it with read_word2vec(path).")
            words, vectors = _parse_lines([first] + f.readlines(), path, 1, limit=limit)
    except UnicodeDecodeError as exc:
        raise _decode_error(path, exc) from None
    if not words:
        raise ValueError(f"{path} holds no vectors (it is empty); expected lines 'word v1 v2 ...'.")
    return _words(words, vectors, path)


def write_glove(wv: WordVectors, path):
    """Write ``wv`` in the GloVe text format (float32 values as ``repr`` prints them)."""
    with atomic_write(path, "w") as f:
        f.writelines(_line(w, v) for w, v in zip(wv.words, wv.vectors.astype(xp.float32)))


def _line(word, vector):
    return word + " " + " ".join(repr(float(x)) for x in vector) + "\n"


def _header(path, line):
    parts = line.split()
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or int(parts[1]) < 1:
        raise ValueError(f"{path}: a word2vec file starts with a header 'V D' (vocabulary size and "
                         f"vector size); got {line[:60]!r}. A GloVe file has no header: use read_glove.")
    return int(parts[0]), int(parts[1])


def read_word2vec(path, binary=False, limit=None) -> WordVectors:
    """Read a word2vec text (``binary=False``) or binary file, as gensim's ``load_word2vec_format``.

    Raises ValueError for a bad header, a vector of the wrong size, or fewer vectors than
    the header announces.
    """
    path = Path(path)
    if not binary:
        try:
            with open(path, encoding="utf-8") as f:
                V, D = _header(path, f.readline())
                words, vectors = _parse_lines(f, path, 2, dim=D, limit=min(V, limit or V))
        except UnicodeDecodeError as exc:
            raise _decode_error(path, exc) from None
        _check_count(path, len(words), V, limit)
        return _words(words, vectors, path)
    data = path.read_bytes()
    end = data.find(b"\n")
    V, D = _header(path, data[:end].decode("utf-8", errors="replace"))
    V = min(V, limit or V)
    if V * (4 * D + 2) > len(data) - end:          # at least a 1-byte word and a space per vector
        _check_count(path, (len(data) - end) // (4 * D + 2), V, limit)
    _not_text(path, data[end + 1:], D)
    words, vectors, pos, width = [], xp.empty((V, D), dtype=xp.float32), end + 1, 4 * D
    for i in range(V):
        while pos < len(data) and data[pos:pos + 1] in (b"\n", b" "):
            pos += 1                                      # the optional newline after a vector
        space = data.find(b" ", pos)
        if space < 0 or space + 1 + width > len(data):
            _check_count(path, i, V, limit)
        try:
            words.append(data[pos:space].decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise _decode_error(path, exc, f" in the word of vector {i + 1}") from None
        vectors[i] = xp.frombuffer(data, dtype="<f4", count=D, offset=space + 1)
        pos = space + 1 + width
    return _words(words, _finite(vectors, words, path), path)


def _not_text(path, body, D):
    """A text word2vec file read with binary=True would give garbage floats: refuse it."""
    line = body.split(b"\n", 1)[0]
    try:
        parts = line.decode("ascii").split(" ")
    except UnicodeDecodeError:
        return
    if len(parts) == D + 1 and all(_is_number(p) for p in parts[1:]):
        raise ValueError(f"{path} is a word2vec text file (its vectors are written as decimal "
                         "numbers), not a binary one. Read it with read_word2vec(path, binary=False).")


def _check_count(path, got, expected, limit):
    if got < expected:
        raise ValueError(f"{path}: the header announces {expected} vectors but the file holds only "
                         f"{got}. The file is truncated (or the header is wrong).")


def write_word2vec(wv: WordVectors, path, binary=False):
    """Write ``wv`` in word2vec's text or binary format (readable by gensim and word2vec.c)."""
    vectors = wv.vectors.astype(xp.float32)
    header = f"{len(wv)} {wv.vector_size}\n"
    if not binary:
        with atomic_write(path, "w") as f:
            f.write(header)
            f.writelines(_line(w, v) for w, v in zip(wv.words, vectors))
        return
    little = vectors.astype("<f4")
    parts = [header.encode()]
    for word, row in zip(wv.words, little):
        parts += [word.encode("utf-8"), b" ", row.tobytes(), b"\n"]
    with atomic_write(path, "wb") as f:
        f.write(b"".join(parts))
