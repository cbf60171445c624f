"""Campaign (issue 28): word-vector files, analogies, WAV and MIDI, beam search and sampling."""
import struct
import wave

import numpy as np
import pytest

from dlspec.audio.midi import midi_bytes
from dlspec.audio.wav import read_wav, wav_bytes, write_wav
from dlspec.decoding import beam_search, greedy_decode, sample_decode
from dlspec.text.formats import read_glove, read_word2vec
from dlspec.text.vectors import WordVectors, cosine_similarity

from campaign import cases, clean_error

GLOVE = read_glove
W2V = read_word2vec
W2V_BIN = lambda p: read_word2vec(p, binary=True)   # noqa: E731

FILES = [   # (id, bytes, reader, what the message must name besides the file)
    ("glove-nan", b"man 0.1 nan\nwoman 0.2 0.3\n", GLOVE, r"NaN|not finite"),
    ("glove-inf", b"man 0.1 inf\nwoman 0.2 0.3\n", GLOVE, r"inf|not finite"),
    ("glove-latin1", "caf\xe9 0.1 0.2\n".encode("latin-1"), GLOVE, r"UTF-8"),
    ("glove-empty", b"", GLOVE, r"no vectors|empty"),
    ("glove-only-blank", b"\n\n", GLOVE, r"no vectors|empty"),
    ("glove-word-only", b"man\nwoman\n", GLOVE, r"word v1"),
    ("glove-text-value", b"man 0.1 abc\n", GLOVE, r"not a number"),
    ("glove-duplicate", b"man 0.1 0.2\nman 0.3 0.4\n", GLOVE, r"twice"),
    ("glove-ragged", b"man 0.1 0.2\nwoman 0.3\n", GLOVE, r"line 2"),
    ("glove-binary-junk", bytes(range(256)), GLOVE, r"UTF-8"),
    ("w2v-empty-header", b"\nman 0.1 0.2\n", W2V, r"header"),
    ("w2v-empty-file", b"", W2V, r"header"),
    ("w2v-header-words", b"two dims\nman 0.1 0.2\n", W2V, r"header"),
    ("w2v-header-zero-dim", b"1 0\nman\n", W2V, r"header"),
    ("w2v-header-negative", b"-1 2\nman 0.1 0.2\n", W2V, r"header"),
    ("w2v-header-too-many", b"3 2\nman 0.1 0.2\n", W2V, r"announces 3"),
    ("w2v-nan", b"2 2\nman 0.1 nan\nwoman 0.2 0.3\n", W2V, r"NaN|not finite"),
    ("w2v-latin1", b"1 2\n" + "caf\xe9 0.1 0.2\n".encode("latin-1"), W2V, r"UTF-8"),
    ("w2v-wrong-dim", b"1 3\nman 0.1 0.2\n", W2V, r"3"),
    ("w2v-bin-empty-header", b"\n", W2V_BIN, r"header"),
    ("w2v-bin-truncated", b"2 2\nman " + struct.pack("<2f", 0.1, 0.2), W2V_BIN, r"announces 2"),
    ("w2v-bin-nan", b"1 2\nman " + struct.pack("<2f", np.nan, 0.2), W2V_BIN, r"NaN|not finite"),
    ("w2v-bin-latin1", b"1 2\n" + "caf\xe9 ".encode("latin-1") + struct.pack("<2f", 0.1, 0.2), W2V_BIN, r"UTF-8"),
    ("w2v-bin-text-file", b"1 2\nman 0.1 0.2\n", W2V_BIN, r"binary|truncated|announces"),
    ("w2v-bin-huge-header", b"9999999999 9999999\nman ", W2V_BIN, r"header|announces|too large"),
]


def _wav(width=2, channels=1, rate=8000, frames=b"\x00\x00" * 8):
    import io
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as f:
        f.setnchannels(channels)
        f.setsampwidth(width)
        f.setframerate(rate)
        f.writeframes(frames)
    return buffer.getvalue()


def _lying(data, frames=None, rate=None, byte_rate=None):
    """A WAV whose header says something else than its data."""
    data = bytearray(data)
    if rate is not None:
        data[24:28] = struct.pack("<I", rate)
    if byte_rate is not None:
        data[28:32] = struct.pack("<I", byte_rate)
    if frames is not None:
        data[40:44] = struct.pack("<I", frames)
    return bytes(data)


WAV = _wav()
FILES += [
    ("wav-data-size-lies", _lying(WAV, frames=10_000), read_wav, r"truncated|announces"),
    ("wav-truncated-odd", WAV[:-1], read_wav, r"truncated|whole"),
    ("wav-rate-zero", _lying(WAV, rate=0), read_wav, r"rate"),
    ("wav-rate-absurd", _lying(WAV, rate=4_000_000_000), read_wav, r"rate"),
    ("wav-empty", b"", read_wav, r"not a PCM WAV"),
    ("wav-text", b"hello, this is not a wav file at all....", read_wav, r"not a PCM WAV"),
    ("wav-24-bit", _wav(width=3, frames=b"\x00" * 24), read_wav, r"24-bit"),
    ("wav-riff-only", WAV[:12], read_wav, r"not a PCM WAV|truncated"),
]


@pytest.mark.parametrize("data,read,match", [pytest.param(d, r, m, id=i) for i, d, r, m in FILES])
def test_file(tmp_path, data, read, match):
    path = tmp_path / "bad.file"
    path.write_bytes(data)
    message = clean_error(lambda: read(path), match)
    assert "bad.file" in message, f"POOR: the file is not named: {message}"


WV = WordVectors(["man", "woman", "king", "queen"], np.eye(4, 3))
WV_NAN = lambda: WordVectors(["a", "b"], np.array([[0.1, np.nan], [1, 2]]))   # noqa: E731


def step(tokens, index):
    """A toy model over a 4-token vocabulary: log-probabilities (n, 4)."""
    return np.log(np.full((len(tokens), 4), 0.25))


def nan_step(tokens, index):
    return np.full((len(tokens), 4), np.nan)


def short_step(tokens, index):
    return np.zeros((len(tokens) + 1, 4))


API = cases(
    ("analogy-all-same", lambda: WV.analogy("man", "man", "man"), r"distinct|same word"),
    ("analogy-two-same", lambda: WV.analogy("man", "man", "woman"), r"distinct|same word"),
    ("analogy-unknown", lambda: WV.analogy("man", "king", "zebra"), r"zebra"),
    ("analogy-not-a-string", lambda: WV.analogy("man", "king", 3), r"3"),
    ("analogy-method-typo", lambda: WV.analogy("man", "king", "woman", method="cosadd"), r"method"),
    ("most-similar-topn-0", lambda: WV.most_similar("man", topn=0), r"topn"),
    ("most-similar-topn-neg", lambda: WV.most_similar("man", topn=-1), r"topn"),
    ("most-similar-restrict-0", lambda: WV.most_similar("man", restrict_vocab=0), r"restrict_vocab"),
    ("most-similar-nothing", lambda: WV.most_similar([]), r"at least one word"),
    ("cosmul-nothing", lambda: WV.most_similar_cosmul([]), r"at least one word"),
    ("vectors-nan", WV_NAN, r"NaN"),
    ("vectors-1d", lambda: WordVectors(["a"], np.ones(3)), r"shape"),
    ("vectors-strings", lambda: WordVectors(["a"], np.array([["x", "y"]])), r"numbers|dtype"),
    ("vectors-words-not-str", lambda: WordVectors([1, 2], np.ones((2, 2))), r"words"),
    ("vectors-counts-short", lambda: WordVectors(["a", "b"], np.ones((2, 2)), counts=[1]), r"counts"),
    ("vectors-empty", lambda: WordVectors([], np.ones((0, 2))), r"no words|at least one"),
    ("cosine-shapes", lambda: cosine_similarity(np.ones(3), np.ones(4)), r"shape|same length"),
    ("cosine-nan", lambda: cosine_similarity(np.ones(3), np.array([1, np.nan, 1])), r"NaN"),
    ("beam-end-outside-vocab", lambda: beam_search(step, 1, 0, 9, 5), r"end_id.*9.*vocabulary|0 to 3"),
    ("beam-end-negative", lambda: beam_search(step, 1, 0, -1, 5), r"end_id"),
    ("beam-start-outside-vocab", lambda: beam_search(step, 1, 7, 1, 5), r"start_id"),
    ("beam-end-float", lambda: beam_search(step, 1, 0, 1.5, 5), r"end_id"),
    ("beam-alpha-nan", lambda: beam_search(step, 1, 0, 1, 5, alpha=float("nan")), r"alpha"),
    ("beam-alpha-str", lambda: beam_search(step, 1, 0, 1, 5, alpha="0.7"), r"alpha"),
    ("beam-alpha-negative", lambda: beam_search(step, 1, 0, 1, 5, alpha=-1), r"alpha"),
    ("beam-max-length-float", lambda: beam_search(step, 1, 0, 1, 5.0), r"max_length"),
    ("beam-max-length-bool", lambda: beam_search(step, 1, 0, 1, True), r"max_length"),
    ("beam-step-nan", lambda: beam_search(nan_step, 1, 0, 1, 5), r"NaN"),
    ("beam-step-wrong-rows", lambda: beam_search(short_step, 1, 0, 1, 5), r"step"),
    ("beam-step-not-callable", lambda: beam_search("model", 1, 0, 1, 5), r"step"),
    ("greedy-end-outside-vocab", lambda: greedy_decode(step, 1, 0, 9, 5), r"end_id"),
    ("greedy-step-nan", lambda: greedy_decode(nan_step, 1, 0, 1, 5), r"NaN"),
    ("sample-temperature-nan", lambda: sample_decode(step, 1, 0, 1, 5, temperature=float("nan")), r"temperature"),
    ("sample-temperature-str", lambda: sample_decode(step, 1, 0, 1, 5, temperature="1"), r"temperature"),
    ("sample-end-outside-vocab", lambda: sample_decode(step, 1, 0, 4, 5), r"end_id"),
    ("sample-seed-negative", lambda: sample_decode(step, 1, 0, 1, 5, seed=-1), r"seed"),
    ("midi-pitch-128", lambda: midi_bytes([(128, 1.0)]), r"pitch"),
    ("midi-pitch-negative", lambda: midi_bytes([(-1, 1.0)]), r"pitch"),
    ("midi-pitch-float", lambda: midi_bytes([(60.5, 1.0)]), r"pitch"),
    ("midi-pitch-nan", lambda: midi_bytes([(float("nan"), 1.0)]), r"pitch"),
    ("midi-duration-negative", lambda: midi_bytes([(60, -1.0)]), r"quarter_length|duration"),
    ("midi-duration-nan", lambda: midi_bytes([(60, float("nan"))]), r"quarter_length|duration"),
    ("midi-velocity-200", lambda: midi_bytes([(60, 1.0)], velocity=200), r"velocity"),
    ("midi-velocity-negative", lambda: midi_bytes([(60, 1.0)], velocity=-1), r"velocity"),
    ("midi-program-128", lambda: midi_bytes([(60, 1.0)], program=128), r"program"),
    ("midi-bpm-zero", lambda: midi_bytes([(60, 1.0)], bpm=0), r"bpm"),
    ("midi-bpm-nan", lambda: midi_bytes([(60, 1.0)], bpm=float("nan")), r"bpm"),
    ("midi-bpm-tiny", lambda: midi_bytes([(60, 1.0)], bpm=1), r"bpm"),
    ("midi-ticks-zero", lambda: midi_bytes([(60, 1.0)], ticks_per_quarter=0), r"ticks_per_quarter"),
    ("midi-ticks-huge", lambda: midi_bytes([(60, 1.0)], ticks_per_quarter=40000), r"ticks_per_quarter"),
    ("midi-note-not-a-pair", lambda: midi_bytes([60, 62]), r"notes|pair"),
    ("midi-pitch-string", lambda: midi_bytes([("C4", 1.0)]), r"pitch"),
    ("wav-write-nan", lambda: wav_bytes(np.array([0.0, np.nan]), 8000), r"NaN"),
    ("wav-write-rate-float", lambda: wav_bytes(np.zeros(4), 8000.5), r"rate"),
    ("wav-write-rate-huge", lambda: wav_bytes(np.zeros(4), 10**10), r"rate"),
    ("wav-write-rate-bool", lambda: wav_bytes(np.zeros(4), True), r"rate"),
    ("wav-write-strings", lambda: wav_bytes(np.array(["a", "b"]), 8000), r"numbers|dtype"),
    ("wav-write-3-channels", lambda: wav_bytes(np.zeros((4, 3)), 8000), r"\(n, 2\)"),
    ("wav-write-complex", lambda: wav_bytes(np.zeros(4, complex), 8000), r"complex|dtype|real"),
    ("wav-write-folder", lambda: write_wav("/", np.zeros(4), 8000), r"'/'|/ is a folder|folder"),
)


@API
def test_api(thunk, match):
    clean_error(thunk, match)
