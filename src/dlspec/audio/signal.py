"""Signals: resampling, the windowed short-time Fourier transform's power, loudness."""
from __future__ import annotations

import numpy as np

from ..backend import xp
from ..validation import check_number


def resample(x, rate_in: int, rate_out: int):
    """Resample a mono signal ``x`` (n,) from ``rate_in`` to ``rate_out`` samples per second.

    Band-limited by an FFT: the spectrum is cut (or zero-padded) to the new Nyquist
    frequency, as ``scipy.signal.resample``; exact for periodic signals, good enough for
    speech clips whose ends are quiet.

    Returns
    -------
    array (round(n * rate_out / rate_in),), same dtype as ``x``.
    """
    x = xp.asarray(x)
    if x.ndim != 1:
        raise ValueError(f"resample expects a mono signal of shape (n,); got {x.shape}. "
                         "Average the channels first: x.mean(axis=1).")
    for what, r in (("rate_in", rate_in), ("rate_out", rate_out)):
        if not isinstance(r, (int, np.integer)) or r <= 0:
            raise ValueError(f"resample({what}) expects a positive integer rate; got {r!r}.")
    if rate_in == rate_out or len(x) == 0:
        return x.copy()
    n, num = len(x), int(round(len(x) * rate_out / rate_in))
    m = min(n, num)                  # frequency bins both signals have
    X = xp.fft.rfft(x.astype(np.float64))[:m // 2 + 1]
    if m % 2 == 0:                   # the unpaired bin at m/2: as scipy.signal.resample
        X[m // 2] *= 2 if num < n else 0.5
    return xp.fft.irfft(X * (num / n), num).astype(x.dtype)


def hann(nfft: int):
    """The periodic Hann window (``scipy.signal.get_window("hann", nfft)``): 0.5 - 0.5 cos(2 pi n / nfft)."""
    return 0.5 - 0.5 * xp.cos(2 * np.pi * xp.arange(nfft) / nfft)


def stft_power(x, nfft: int = 200, noverlap: int = 120, rate: float = 1.0):
    """Power spectral density of each windowed frame of ``x`` (n,).

    Frames of ``nfft`` samples start every ``nfft - noverlap`` samples; each is multiplied by a
    periodic Hann window w and transformed: P[t, f] = s |sum_n w[n] x[t*hop + n] e^(-2 pi i f n / nfft)|^2
    with s = 1 / (rate * sum w^2), doubled for the frequencies that stand for a negative twin
    (all but 0 and nfft/2). This is ``scipy.signal.spectrogram(x, rate, window="hann",
    nperseg=nfft, noverlap=noverlap, detrend=False)`` transposed, batch first.

    Returns
    -------
    P : (frames, nfft // 2 + 1), frames = (n - nfft) // (nfft - noverlap) + 1.

    Raises
    ------
    ValueError
        When the signal is shorter than one frame, or noverlap is not in [0, nfft).
    """
    x = xp.asarray(x, dtype=np.float64)
    if not xp.isfinite(x).all():
        raise ValueError(f"stft_power: the signal holds {int((~xp.isfinite(x)).sum())} NaN or infinite "
                         "samples; fix them first (np.nan_to_num) or check how it was read.")
    if not 0 <= noverlap < nfft:
        raise ValueError(f"stft_power expects 0 <= noverlap < nfft; got noverlap={noverlap}, nfft={nfft}.")
    if x.ndim != 1 or len(x) < nfft:
        raise ValueError(f"stft_power expects a mono signal (n,) with at least nfft={nfft} samples; "
                         f"got shape {x.shape}. Pad the clip or use a smaller nfft.")
    hop = nfft - noverlap
    frames = xp.lib.stride_tricks.sliding_window_view(x, nfft)[::hop]    # (frames, nfft), a view
    w = hann(nfft)
    P = xp.abs(xp.fft.rfft(frames * w, axis=1)) ** 2 / (rate * (w ** 2).sum())
    P[:, 1:(nfft + 1) // 2] *= 2          # fold the negative frequencies onto the positive
    return P


def spectrogram(x, nfft: int = 200, noverlap: int = 120, rate: float = 1.0, floor: float = 1e-10):
    """The course's ``graph_spectrogram`` as an array: STFT power in decibels, 10 log10(P + floor).

    With the course's nfft 200 and noverlap 120 on 10 s at 44.1 kHz: (5511, 101), the model's
    Tx x n_freq. Time first (batch first for a batch of clips), unlike matplotlib's (101, 5511).

    Examples
    --------
    >>> spectrogram(np.zeros(441000)).shape
    (5511, 101)
    """
    return (10 * xp.log10(stft_power(x, nfft, noverlap, rate) + floor)).astype(np.float32)


def dbfs(x) -> float:
    """Loudness of ``x`` in dB relative to full scale (RMS; -inf for silence), as pydub's ``dBFS``."""
    x = xp.asarray(x, dtype=np.float64)
    if x.size == 0 or not xp.isfinite(x).all():
        raise ValueError(f"dbfs needs a non-empty signal of finite samples; got "
                         f"{'no samples' if x.size == 0 else 'NaN or infinite samples'}.")
    rms = float(xp.sqrt(xp.mean(x ** 2)))
    return 20 * np.log10(rms) if rms > 0 else -np.inf


def match_target_amplitude(x, target_dBFS: float):
    """The course's ``match_target_amplitude``: scale ``x`` so that its loudness is ``target_dBFS``."""
    check_number(target_dBFS, "match_target_amplitude(target_dBFS)", maximum=0,
                 hint="Loudness relative to full scale is <= 0, such as -20.")
    level = dbfs(x)
    if not np.isfinite(level):
        return x.copy()
    return (x * 10 ** ((target_dBFS - level) / 20)).astype(x.dtype)
