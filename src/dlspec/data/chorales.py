"""Melodies from Bach's chorales (music21's bundled corpus) as sequences of value tokens.

The course's jazz assignment learns sequences of 90 musical "values" extracted from jazz
solos; here the values are (pitch, duration) pairs of the chorales' soprano lines, every
chorale transposed to no sharps or flats (C major or A minor) so that the vocabulary stays
small. Needs the optional ``music21`` package (``pip install "dlspec[music]"``).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np

INSTALL = ("The chorales come from music21's bundled corpus; install it with "
           "'pip install \"dlspec[music]\"' (or 'pip install music21').")
REST = None


def _music21():
    try:
        import music21
    except ImportError as err:
        raise ImportError(INSTALL) from err
    return music21


def chorale_melodies(n: int = 60, start: int = 0):
    """The soprano lines of ``n`` Bach chorales (music21's corpus order, from ``start``).

    Returns
    -------
    list of melodies, each a list of (midi_pitch or None for a rest, quarter_length).

    Notes
    -----
    Parsing a score takes music21 about 25 ms, so the melodies are kept in
    ``~/.cache/dlspec/chorales/`` (one JSON file per music21 version, written atomically); a
    damaged cache file is ignored and written again.
    """
    music21 = _music21()
    paths = [p for p in music21.corpus.getComposer("bach") if str(p).endswith(".mxl")]
    if start + n > len(paths):
        raise ValueError(f"music21's corpus has {len(paths)} Bach chorales; asked for {n} from {start}.")
    cache_file = Path.home() / ".cache" / "dlspec" / "chorales" / f"soprano-music21-{music21.__version__}.json"
    cache = _read_cache(cache_file)
    names = [Path(str(path)).name for path in paths[start:start + n]]
    missing = [(name, path) for name, path in zip(names, paths[start:start + n]) if name not in cache]
    for name, path in missing:
        cache[name] = _soprano(music21.corpus.parse(path))
    if missing:
        from ..io.files import write_json
        try:
            write_json(cache_file, cache)
        except OSError:
            pass                              # a read-only home: parse again next time
    return [[(pitch, quarters) for pitch, quarters in cache[name]] for name in names]


def _read_cache(path) -> dict:
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _soprano(score):
    """The soprano line of a parsed chorale, moved to no sharps or flats."""
    soprano = next((p for p in score.parts if "soprano" in (p.partName or p.id or "").lower()),
                   score.parts[0])
    signatures = list(soprano.flatten().getElementsByClass("KeySignature"))
    sharps = signatures[0].sharps if signatures else 0
    shift = -((7 * sharps) % 12)          # each sharp raises the tonic a fifth (7 semitones)
    if shift < -6:
        shift += 12                       # move by at most a tritone: stay in the singing range
    melody = []
    for element in soprano.flatten().notesAndRests:
        quarters = float(element.quarterLength)
        if quarters <= 0:                 # grace notes
            continue
        if element.isRest:
            melody.append((REST, quarters))
        else:
            pitch = element.pitches[-1].midi   # a chord in a melody line: its top note
            melody.append((pitch + shift, quarters))
    return melody


def token_name(value) -> str:
    pitch, quarters = value
    return f"{'R' if pitch is None else pitch}:{quarters:g}"


class MusicVocabulary:
    """The values (pitch, duration) seen in training, each with an id; id 0 is ``"<other>"``
    for values never seen in training.

    Examples
    --------
    >>> vocab = MusicVocabulary([[(60, 1.0), (62, 0.5), (60, 1.0)]])
    >>> vocab.encode([(60, 1.0), (70, 4.0)]).tolist(), len(vocab)
    ([1, 0], 3)
    """

    def __init__(self, melodies):
        counts = Counter(v for melody in melodies for v in melody)
        self.values = [("<other>", 0.0)] + sorted(counts, key=lambda v: (-counts[v], token_name(v)))
        self.ids = {v: i for i, v in enumerate(self.values)}

    def __len__(self):
        return len(self.values)

    def encode(self, melody):
        return np.array([self.ids.get(v, 0) for v in melody], dtype=np.int64)

    def decode(self, ids):
        return [self.values[int(i)] for i in ids if int(i) != 0]


def windows(ids_list, Tx: int, stride: int = 1):
    """Training pairs from id sequences: X[i] = ids[s:s+Tx], Y[i] = ids[s+1:s+Tx+1] (the next value).

    Returns
    -------
    X, Y : int64 (m, Tx); melodies shorter than Tx + 1 give none.
    """
    X, Y = [], []
    for ids in ids_list:
        for s in range(0, len(ids) - Tx, stride):
            X.append(ids[s:s + Tx])
            Y.append(ids[s + 1:s + Tx + 1])
    if not X:
        raise ValueError(f"No melody is longer than Tx + 1 = {Tx + 1} values; use a smaller Tx.")
    return np.stack(X), np.stack(Y)
