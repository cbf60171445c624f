"""Spoken words for trigger-word detection, synthesised by espeak-ng in many voices.

The course recorded "activate" and other words from many speakers; here espeak-ng speaks
them in several accents (languages), voice variants, speeds and pitches. Splitting by voice
variant gives test speakers the model never heard.
"""
from __future__ import annotations

import numpy as np

from ..audio.speech import speak

TRIGGER = "activate"
NEGATIVES = ("cat", "dog", "hello", "computer", "music", "tomorrow", "banana", "window", "morning",
             "yellow", "teacher", "garden", "evening", "coffee", "table", "river", "pencil", "summer",
             "library", "airport", "kitchen", "weather", "telephone", "basket")
ACCENTS = ("en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-gb-x-gbclan")
TRAIN_VARIANTS = ("m1", "m2", "m3", "m5", "m6", "f1", "f2", "f3", "klatt", "klatt3")
TEST_VARIANTS = ("m4", "m7", "f4", "f5", "klatt2")      # held out: never heard in training


def spoken_words(words, variants, n: int, rng, rate: int = 16000, accents=ACCENTS):
    """``n`` recordings, each a random word of ``words`` in a random voice, speed and pitch.

    Parameters
    ----------
    words : sequence of str.
    variants : espeak-ng voice variants to draw from (``TRAIN_VARIANTS`` or ``TEST_VARIANTS``).
    n : recordings.
    rng : numpy Generator.

    Returns
    -------
    clips : list of float32 arrays at ``rate``.
    voices : list of the ``accent+variant`` used for each.

    Raises
    ------
    RuntimeError
        When espeak-ng is missing; the message says how to install it.
    """
    clips, voices = [], []
    for _ in range(n):
        voice = f"{rng.choice(accents)}+{rng.choice(variants)}"
        word = str(rng.choice(words))
        x = speak(word, voice, speed=int(rng.integers(120, 200)), pitch=int(rng.integers(25, 80)), rate=rate)
        clips.append((x * rng.uniform(0.5, 1.0)).astype(np.float32))
        voices.append(voice)
    return clips, voices
