"""Audio in NumPy (course 5's trigger word and jazz assignments): WAV files, resampling,
spectrograms, simple synthesis, MIDI files, and words spoken by espeak-ng."""
from .wav import read_wav, write_wav, wav_bytes
from .signal import resample, spectrogram, stft_power, match_target_amplitude
from .synth import chime, synthesize_notes

__all__ = ["read_wav", "write_wav", "wav_bytes", "resample", "spectrogram", "stft_power",
           "match_target_amplitude", "chime", "synthesize_notes"]
