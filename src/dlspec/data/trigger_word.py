"""The course's trigger-word data (course 5 week 3): words inserted into background noise.

Times are in milliseconds, as in the course (which used pydub); audio is float32 arrays at
``rate`` samples per second. The course's clips are 10 s (``clip_ms=10000``) with Ty = 1375
output steps; a smaller ``clip_ms`` shrinks everything in proportion.
"""
from __future__ import annotations

import numpy as np

from ..audio.signal import match_target_amplitude, spectrogram


def get_random_time_segment(segment_ms: int, rng, clip_ms: int = 10000):
    """A random (start, end) in ms, inclusive, for a segment of ``segment_ms`` inside the clip.

    Raises
    ------
    ValueError
        When the segment does not fit in the clip (a word longer than the clip).
    """
    if segment_ms >= clip_ms:
        raise ValueError(f"A word of {segment_ms} ms does not fit in a clip of {clip_ms} ms: the clip "
                         "is shorter than the word. Use longer clips (clip_ms) or shorter words.")
    segment_start = int(rng.integers(0, clip_ms - segment_ms))
    return segment_start, segment_start + segment_ms - 1


def is_overlapping(segment_time, previous_segments) -> bool:
    """Whether ``segment_time`` (start, end) overlaps any of ``previous_segments`` (ends included)."""
    segment_start, segment_end = segment_time
    return any(segment_start <= previous_end and segment_end >= previous_start
               for previous_start, previous_end in previous_segments)


def insert_audio_clip(background, audio_clip, previous_segments, rng, rate: int = 16000):
    """Overlay ``audio_clip`` on ``background`` at a random time that overlaps no previous segment.

    As the course: up to 5 retries; when none fits, the background comes back unchanged and
    the segment is (clip_ms, clip_ms), which ``insert_ones`` ignores. ``previous_segments``
    gets the new segment appended.

    Returns
    -------
    new_background : array like ``background``.
    segment_time : (start_ms, end_ms).
    """
    clip_ms = int(round(1000 * len(background) / rate))
    segment_ms = int(np.ceil(1000 * len(audio_clip) / rate))
    segment_time = get_random_time_segment(segment_ms, rng, clip_ms)
    retry = 5
    while is_overlapping(segment_time, previous_segments) and retry >= 0:
        segment_time = get_random_time_segment(segment_ms, rng, clip_ms)
        retry -= 1
    if is_overlapping(segment_time, previous_segments):
        return background, (clip_ms, clip_ms)
    previous_segments.append(segment_time)
    new_background = background.copy()
    start = segment_time[0] * rate // 1000
    end = min(len(background), start + len(audio_clip))
    new_background[start:end] += audio_clip[:end - start]
    return new_background, segment_time


def insert_ones(y, segment_end_ms: int, clip_ms: int = 10000, n_ones: int = 50):
    """Set the ``n_ones`` output steps strictly after ``segment_end_ms`` to 1 (the course's 50).

    Parameters
    ----------
    y : (Ty,) labels, changed in place and returned.
    segment_end_ms : the trigger word's end.
    """
    Ty = y.shape[-1]
    segment_end_y = int(segment_end_ms * Ty / clip_ms)
    y[..., segment_end_y + 1:segment_end_y + 1 + n_ones] = 1
    return y


def create_training_example(background, activates, negatives, Ty: int, rng, rate: int = 16000,
                            nfft: int = 200, noverlap: int = 120, n_ones: int = 50,
                            max_activates: int = 4, max_negatives: int = 2):
    """The course's ``create_training_example``: a clip with 0-4 "activate"s and 0-2 other words.

    The background is lowered by 20 dB, the words inserted without overlaps, the mixture
    brought to -20 dBFS (``match_target_amplitude``) and turned into a spectrogram.

    Returns
    -------
    x : (Tx, nfft // 2 + 1) spectrogram in dB.
    y : (Ty,) float32, 1 on the ``n_ones`` steps after each "activate".
    audio : the mixed clip (n,), to listen to.
    segments : list of (start_ms, end_ms) of the inserted "activate"s.
    """
    clip_ms = int(round(1000 * len(background) / rate))
    background = background * 10 ** (-20 / 20)
    y = np.zeros(Ty, dtype=np.float32)
    previous_segments, activated = [], []
    for i in rng.integers(len(activates), size=int(rng.integers(0, max_activates + 1))):
        background, segment_time = insert_audio_clip(background, activates[i], previous_segments, rng, rate)
        if segment_time[0] < clip_ms:
            y = insert_ones(y, segment_time[1], clip_ms, n_ones)
            activated.append(segment_time)
    for i in rng.integers(len(negatives), size=int(rng.integers(0, max_negatives + 1))):
        background, _ = insert_audio_clip(background, negatives[i], previous_segments, rng, rate)
    audio = match_target_amplitude(background, -20.0)
    return spectrogram(audio, nfft, noverlap, rate), y, audio, sorted(activated)


def background_noise(n: int, rng, rate: int = 16000, babble=()):
    """Background noise made here: coloured noise, a mains-like hum, and optional babble.

    Parameters
    ----------
    n : samples.
    babble : words (arrays) mixed in quietly at random places, as people talking far away.

    Returns
    -------
    float32 (n,) at -20 dBFS.
    """
    colour = rng.uniform(0.0, 2.0)                  # 0 white, 1 pink, 2 brown
    freqs = np.fft.rfftfreq(n, 1 / rate)
    spectrum = (rng.standard_normal(len(freqs)) + 1j * rng.standard_normal(len(freqs)))
    spectrum /= np.maximum(freqs, 20.0) ** (colour / 2)
    x = np.fft.irfft(spectrum, n)
    x /= x.std() + 1e-12
    t = np.arange(n) / rate
    x += rng.uniform(0, 0.5) * np.sin(2 * np.pi * rng.choice([50.0, 60.0, 120.0]) * t)
    for i in rng.integers(len(babble), size=len(babble) and int(rng.integers(0, 6))):
        word = babble[i][:n] * rng.uniform(0.05, 0.3) * x.std() / (babble[i].std() + 1e-12)
        start = int(rng.integers(0, n - len(word) + 1))
        x[start:start + len(word)] += word
    return match_target_amplitude(x.astype(np.float32), -20.0)
