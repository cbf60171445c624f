"""WAV files with the standard library's ``wave`` module: PCM in, float32 in [-1, 1] out."""
from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np

_DTYPES = {1: np.uint8, 2: np.int16, 4: np.int32}     # sample width in bytes -> PCM type
MAX_RATE = 1_000_000                                  # above any real recording (768 kHz)


def read_wav(path_or_bytes):
    """Read a PCM WAV file.

    Parameters
    ----------
    path_or_bytes : path, or the file's bytes.

    Returns
    -------
    samples : float32 array (n,) for mono, (n, channels) otherwise, in [-1, 1].
    rate : int, samples per second.

    Raises
    ------
    ValueError
        For a sample width other than 8, 16 or 32 bits (24-bit files: convert them first,
        ``sox in.wav -b 16 out.wav``) or a file that is not a PCM WAV.

    Examples
    --------
    >>> x, rate = read_wav(wav_bytes(np.zeros(8), 8000))
    >>> x.shape, rate
    ((8,), 8000)
    """
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, (bytes, bytearray)) else path_or_bytes
    name = "the WAV bytes" if isinstance(source, io.BytesIO) else str(path_or_bytes)
    try:
        with wave.open(source if isinstance(source, io.BytesIO) else str(Path(source)), "rb") as f:
            width, channels, rate, n = f.getsampwidth(), f.getnchannels(), f.getframerate(), f.getnframes()
            raw = f.readframes(n)
    except (wave.Error, EOFError) as err:
        raise ValueError(f"{name} is not a PCM WAV file ({err or 'it ends before its header does'}). "
                         "dlspec reads uncompressed PCM WAV; convert other formats first, e.g. "
                         "'ffmpeg -i in -c:a pcm_s16le out.wav'.") from err
    if width not in _DTYPES:
        raise ValueError(f"{name} has {8 * width}-bit samples; dlspec reads 8-, 16- or 32-bit PCM. "
                         "Convert it first, e.g. 'sox in.wav -b 16 out.wav'.")
    if not 1 <= rate <= MAX_RATE:
        raise ValueError(f"{name}: its header says {rate:,} samples per second; a sound file's rate "
                         f"lies in 1 to {MAX_RATE:,} (44,100 for a CD). The header is damaged.")
    frame = width * channels
    streamed = n * frame >= 0x7FFF0000     # a placeholder size: written to a pipe (espeak --stdout)
    if streamed:
        raw = raw[:len(raw) - len(raw) % frame]
    elif len(raw) < n * frame or len(raw) % frame:
        raise ValueError(f"{name} is truncated: its header announces {n:,} frames "
                         f"({n * frame:,} bytes) but it holds {len(raw):,} bytes"
                         f"{' (not a whole number of frames)' if len(raw) % frame else ''}. "
                         "Copy or record it again.")
    x = np.frombuffer(raw, dtype=np.dtype(_DTYPES[width]).newbyteorder("<")).astype(np.float32)
    if width == 1:
        x = (x - 128.0) / 128.0                  # 8-bit WAV is unsigned, centred on 128
    else:
        x /= float(2 ** (8 * width - 1))
    if channels > 1:
        x = x.reshape(-1, channels)              # interleaved frames -> (n, channels)
    return x, rate


def _pcm16(samples, rate):
    x = np.asarray(samples)
    if x.dtype.kind not in "iuf":
        raise TypeError(f"write_wav expects real numbers (floats in [-1, 1]); got dtype {x.dtype}. "
                        "For a complex signal write its real part (x.real) or its magnitude.")
    if x.ndim not in (1, 2) or (x.ndim == 2 and not 1 <= x.shape[1] <= 2):
        raise ValueError(f"write_wav expects samples of shape (n,) (mono) or (n, 2) (stereo); "
                         f"got {x.shape}. Average the channels or transpose a (channels, n) array.")
    if not np.isfinite(x).all():
        raise ValueError(f"write_wav: {int((~np.isfinite(x)).sum())} samples are NaN or infinite (they "
                         "would be written as silence or clicks). Fix the signal first, for example "
                         "np.nan_to_num(x).")
    if isinstance(rate, bool) or not isinstance(rate, (int, np.integer)) or not 1 <= rate <= MAX_RATE:
        raise ValueError(f"write_wav expects an integer sample rate from 1 to {MAX_RATE:,} (such as "
                         f"16000 or 44100); got {rate!r}.")
    pcm = np.round(np.clip(x, -1.0, 1.0) * 32767).astype("<i2")
    return pcm, (1 if x.ndim == 1 else x.shape[1])


def wav_bytes(samples, rate) -> bytes:
    """``samples`` (floats in [-1, 1], clipped) as the bytes of a 16-bit PCM WAV file."""
    pcm, channels = _pcm16(samples, rate)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as f:
        f.setnchannels(channels)
        f.setsampwidth(2)
        f.setframerate(int(rate))
        f.writeframes(pcm.tobytes())
    return buffer.getvalue()


def write_wav(path, samples, rate) -> Path:
    """Write ``samples`` (n,) or (n, 2), floats in [-1, 1], as a 16-bit PCM WAV file."""
    path = Path(path)
    data = wav_bytes(samples, rate)
    if path.is_dir():
        raise ValueError(f"write_wav: {path} is a folder; give a file name such as {path / 'clip.wav'}.")
    path.write_bytes(data)
    return path
