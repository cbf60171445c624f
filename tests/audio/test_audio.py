"""Audio basics: WAV round trips and errors, resampling and the spectrogram against scipy."""
import io
import wave

import numpy as np
import pytest

from dlspec.audio import (chime, match_target_amplitude, read_wav, resample, spectrogram, stft_power,
                          synthesize_notes, wav_bytes, write_wav)
from dlspec.audio.signal import dbfs
from dlspec.audio import speech

signal = pytest.importorskip("scipy.signal")


def _wav(width, channels, frames=b"\x00" * 12):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as f:
        f.setnchannels(channels)
        f.setsampwidth(width)
        f.setframerate(8000)
        f.writeframes(frames)
    return buffer.getvalue()


@pytest.mark.parametrize("nfft,noverlap,n", [(200, 120, 44100), (64, 32, 1000), (31, 0, 500), (16, 15, 100)])
def test_stft_power_equals_scipy_spectrogram(nfft, noverlap, n):
    x = np.random.default_rng(0).standard_normal(n)
    f, t, P = signal.spectrogram(x, 8000, window="hann", nperseg=nfft, noverlap=noverlap, detrend=False)
    ours = stft_power(x, nfft, noverlap, rate=8000)
    assert ours.shape == P.T.shape
    np.testing.assert_allclose(ours, P.T, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(spectrogram(x, nfft, noverlap, 8000), 10 * np.log10(P.T + 1e-10), rtol=1e-5, atol=1e-4)


def test_course_spectrogram_shape():
    assert spectrogram(np.zeros(441000)).shape == (5511, 101)      # 10 s at 44.1 kHz: Tx x n_freq


def test_resample_equals_scipy_and_keeps_a_tone():
    x = np.random.default_rng(1).standard_normal(999)
    for m_rate in (16000, 8000, 48000):
        y = resample(x, 22050, m_rate)
        np.testing.assert_allclose(y, signal.resample(x, len(y)), atol=1e-10)
    t = np.arange(22050) / 22050
    y = resample(np.sin(2 * np.pi * 440 * t), 22050, 16000)
    np.testing.assert_allclose(y, np.sin(2 * np.pi * 440 * np.arange(16000) / 16000), atol=1e-6)
    with pytest.raises(ValueError, match="mono"):
        resample(np.zeros((10, 2)), 8000, 16000)


def test_wav_round_trip_mono_and_stereo(tmp_path):
    x = np.sin(np.linspace(0, 20, 500)).astype(np.float32) * 0.5
    y, rate = read_wav(write_wav(tmp_path / "a.wav", x, 16000))
    assert rate == 16000 and y.dtype == np.float32
    np.testing.assert_allclose(y, x, atol=1 / 32767)
    stereo = np.stack([x, -x], axis=1)
    y, _ = read_wav(wav_bytes(stereo, 8000))
    np.testing.assert_allclose(y, stereo, atol=1 / 32767)
    u8, _ = read_wav(_wav(1, 1, bytes([0, 128, 255])))
    np.testing.assert_allclose(u8, [-1, 0, 127 / 128])


def test_wav_errors_say_what_and_how():
    with pytest.raises(ValueError, match="24-bit.*sox"):
        read_wav(_wav(3, 1))
    with pytest.raises(ValueError, match="not a PCM WAV"):
        read_wav(b"RIFF....not a wav at all")
    with pytest.raises(ValueError, match=r"\(n, 2\)"):
        wav_bytes(np.zeros((10, 5)), 8000)
    with pytest.raises(ValueError, match="sample rate"):
        wav_bytes(np.zeros(10), 0)


def test_stft_errors():
    with pytest.raises(ValueError, match="at least nfft=200"):
        stft_power(np.zeros(100))
    with pytest.raises(ValueError, match="noverlap"):
        stft_power(np.zeros(1000), 200, 200)


def test_loudness_and_synthesis():
    x = np.random.default_rng(2).standard_normal(1000).astype(np.float32)
    assert dbfs(match_target_amplitude(x, -20.0)) == pytest.approx(-20.0, abs=1e-4)
    c = chime(16000)
    assert c.dtype == np.float32 and np.abs(c).max() == pytest.approx(0.5)
    song = synthesize_notes([(60, 1.0), (None, 0.5), (67, 0.5)], rate=8000)
    assert len(song) == 8000 and np.abs(song[4000:6000]).max() == 0


def test_espeak_missing_says_how_to_install(monkeypatch):
    monkeypatch.setattr(speech.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="apt-get install espeak-ng"):
        speech.speak("activate")


@pytest.mark.usefixtures("espeak")
def test_espeak_speaks_a_word():
    x = speech.speak("activate", "en-gb+f3", speed=150, pitch=60, rate=16000)
    assert 0.3 < len(x) / 16000 < 1.5 and np.abs(x).max() > 0.05
