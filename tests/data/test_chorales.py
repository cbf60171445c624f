"""Chorale melodies as values, the vocabulary, training windows, and MIDI round trips."""
import json

import numpy as np
import pytest

from dlspec.audio.midi import midi_bytes
from dlspec.data.chorales import MusicVocabulary, windows


def test_vocabulary_and_windows():
    melodies = [[(60, 1.0), (62, 0.5), (60, 1.0), (None, 1.0)], [(64, 2.0), (60, 1.0)]]
    vocab = MusicVocabulary(melodies)
    assert len(vocab) == 5 and vocab.values[1] == (60, 1.0)          # most frequent first, 0 = other
    ids = vocab.encode(melodies[0] + [(99, 3.0)])
    assert ids[-1] == 0 and vocab.decode(ids) == melodies[0]
    X, Y = windows([np.arange(10)], Tx=4, stride=3)
    np.testing.assert_array_equal(X, [[0, 1, 2, 3], [3, 4, 5, 6]])
    np.testing.assert_array_equal(Y, X + 1)
    with pytest.raises(ValueError, match="smaller Tx"):
        windows([np.arange(4)], Tx=4)


def test_bach_chorales_from_music21():
    pytest.importorskip("music21")
    from dlspec.data.chorales import chorale_melodies
    melodies = chorale_melodies(3)
    assert len(melodies) == 3 and all(len(m) > 20 for m in melodies)
    pitches = [p for m in melodies for p, _ in m if p is not None]
    assert 55 <= min(pitches) and max(pitches) <= 88                  # a soprano's range
    assert {q for m in melodies for _, q in m} <= {0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0}


def test_melodies_are_cached_and_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    music21 = pytest.importorskip("music21")
    from dlspec.data.chorales import chorale_melodies
    monkeypatch.setenv("HOME", str(tmp_path))
    first = chorale_melodies(2, start=5)
    [cache] = (tmp_path / ".cache" / "dlspec" / "chorales").iterdir()
    assert music21.__version__ in cache.name
    real_parse = music21.corpus.parse
    monkeypatch.setattr(music21.corpus, "parse", lambda path: pytest.fail("parsed again"))
    assert chorale_melodies(2, start=5) == first                       # from the cache
    cache.write_text('{"truncated')
    monkeypatch.setattr(music21.corpus, "parse", real_parse)
    assert chorale_melodies(2, start=5) == first                       # parsed again, rewritten
    assert len(json.loads(cache.read_text())) == 2


def test_midi_file_reads_back_in_music21(tmp_path):
    music21 = pytest.importorskip("music21")
    notes = [(60, 1.0), (None, 0.5), (64, 0.5), (67, 2.0)]
    (tmp_path / "a.mid").write_bytes(midi_bytes(notes))
    score = music21.converter.parse(tmp_path / "a.mid")
    back = [(n.pitch.midi if n.isNote else None, float(n.quarterLength)) for n in score.flatten().notesAndRests]
    assert back == notes
    with pytest.raises(ValueError, match="0..127"):
        midi_bytes([(200, 1.0)])
