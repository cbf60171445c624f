"""Words spoken by espeak-ng (a Debian package), as arrays: the trigger word's recordings."""
from __future__ import annotations

import shutil
import subprocess

import numpy as np

from .signal import resample
from .wav import read_wav

INSTALL = ("espeak-ng is not installed. Install it with 'sudo apt-get install espeak-ng' "
           "(Debian/Ubuntu), 'brew install espeak-ng' (macOS) or 'dnf install espeak-ng' (Fedora), "
           "then run again.")


def espeak_path():
    """The ``espeak-ng`` executable, or None when it is not installed."""
    return shutil.which("espeak-ng")


def require_espeak() -> str:
    """The ``espeak-ng`` executable; a RuntimeError that says how to install it when missing."""
    path = espeak_path()
    if path is None:
        raise RuntimeError(INSTALL)
    return path


def trim_silence(x, threshold: float = 0.01, pad: int = 0):
    """``x`` without its leading and trailing samples quieter than ``threshold`` (keeping ``pad``)."""
    loud = np.flatnonzero(np.abs(x) > threshold)
    if len(loud) == 0:
        return x[:0]
    return x[max(0, loud[0] - pad):loud[-1] + 1 + pad]


def speak(text: str, voice: str = "en-us", speed: int = 160, pitch: int = 50, rate: int = 16000):
    """``text`` spoken by espeak-ng, as float32 samples at ``rate``, silence trimmed.

    Parameters
    ----------
    text : the words.
    voice : an espeak-ng voice, ``language+variant`` (``"en-gb+f3"``; ``espeak-ng --voices``
        lists the languages, variants are m1-m7, f1-f5, klatt, croak, whisper...).
    speed : words per minute (espeak-ng's 80-450).
    pitch : 0-99.
    rate : sample rate of the result (espeak-ng speaks at 22,050 Hz; resampled).

    Raises
    ------
    RuntimeError
        When espeak-ng is missing (the message says how to install it) or fails on the voice.
    """
    exe = require_espeak()
    cmd = [exe, "-v", voice, "-s", str(int(speed)), "-p", str(int(pitch)), "--stdout", text]
    done = subprocess.run(cmd, capture_output=True, timeout=30)
    if done.returncode != 0 or len(done.stdout) <= 44:
        raise RuntimeError(f"espeak-ng failed for voice {voice!r} on {text!r}: "
                           f"{done.stderr.decode(errors='replace').strip() or 'no audio'}. "
                           "List the voices with 'espeak-ng --voices'.")
    # espeak-ng streams: its header's length field is a placeholder, wave reads what is there
    x, espeak_rate = read_wav(done.stdout)
    return trim_silence(resample(x, espeak_rate, rate), pad=int(0.01 * rate))
