"""Simple synthesis in NumPy: a chime (the course's ``chime.wav``) and notes as tones."""
from __future__ import annotations

import numpy as np

from ..backend import xp


def _tone(freq, n, rate, decay):
    t = xp.arange(n) / rate
    # a few decaying harmonics: a plucked, bell-like timbre rather than a pure sine
    wave = sum(a * xp.sin(2 * np.pi * k * freq * t) for k, a in ((1, 1.0), (2, 0.4), (3, 0.2), (4, 0.1)))
    attack = xp.minimum(1.0, t / 0.005)        # 5 ms attack: no click
    return (wave * attack * xp.exp(-t / decay)).astype(np.float32)


def chime(rate: int = 16000, duration: float = 0.4):
    """A short two-tone chime (E6 then B6), peak 0.5, to mix in where the trigger word fired."""
    n = int(rate * duration)
    x = _tone(1318.5, n, rate, duration / 4)
    x[n // 4:] += _tone(1975.5, n - n // 4, rate, duration / 4)
    return (0.5 * x / xp.abs(x).max()).astype(np.float32)


def midi_to_hz(pitch):
    """Frequency of MIDI note ``pitch`` (69 = A4 = 440 Hz)."""
    return 440.0 * 2.0 ** ((np.asarray(pitch, dtype=np.float64) - 69) / 12)


def synthesize_notes(notes, rate: int = 16000, seconds_per_quarter: float = 0.5):
    """Render ``notes`` as audio: each a plucked tone of its pitch, one after the other.

    Parameters
    ----------
    notes : iterable of (pitch, quarter_length): MIDI pitch (None for a rest) and duration
        in quarter notes (the tokens of :mod:`dlspec.data.chorales`).
    rate : samples per second.
    seconds_per_quarter : tempo (0.5: 120 beats per minute).

    Returns
    -------
    float32 array (n,), peak 0.8.
    """
    pieces = []
    for pitch, quarters in notes:
        n = max(1, int(round(quarters * seconds_per_quarter * rate)))
        if pitch is None:
            pieces.append(xp.zeros(n, np.float32))
            continue
        tone = _tone(float(midi_to_hz(pitch)), n, rate, decay=0.6)
        release = min(n, int(0.01 * rate))          # 10 ms fade out: no click between notes
        tone[n - release:] *= xp.linspace(1, 0, release, dtype=np.float32)
        pieces.append(tone)
    x = xp.concatenate(pieces) if pieces else xp.zeros(0, np.float32)
    peak = float(xp.abs(x).max()) if len(x) else 0.0
    return (0.8 * x / peak).astype(np.float32) if peak > 0 else x
