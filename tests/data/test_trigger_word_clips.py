"""The course's trigger-word clip logic: segments, overlaps, insertion, labels."""
import numpy as np
import pytest

from dlspec.data.trigger_word import (background_noise, create_training_example, get_random_time_segment,
                                      insert_audio_clip, insert_ones, is_overlapping)


def test_is_overlapping_as_the_course():
    assert is_overlapping((950, 1430), [(2000, 2550), (260, 949)]) is False
    assert is_overlapping((2305, 2950), [(824, 1532), (1900, 2305), (3424, 3656)]) is True
    assert is_overlapping((100, 200), []) is False


def test_insert_ones_sets_the_50_steps_after_the_end():
    y = insert_ones(np.zeros(1375), 9700)
    assert y.sum() == 1375 - int(9700 * 1375 / 10000) - 1 and y[1333] == 0 and y[1334] == 1   # cut at Ty
    y = insert_ones(np.zeros(1375), 4251)
    assert y.sum() == 50 and y[int(4251 * 1375 / 10000) + 1] == 1
    assert insert_ones(np.zeros(1375), 10000).sum() == 0        # the "did not fit" segment


def test_insert_audio_clip_avoids_previous_segments():
    rng = np.random.default_rng(0)
    background, word = np.zeros(8000, np.float32), np.ones(800, np.float32)      # 1 s at 8 kHz, 100 ms
    segments = [(0, 449), (551, 999)]
    new, segment = insert_audio_clip(background, word, segments, rng, rate=8000)
    assert not is_overlapping(segment, [(0, 449), (551, 999)]) or segment == (1000, 1000)
    full = [(0, 999)]
    same, segment = insert_audio_clip(background, word, full, rng, rate=8000)
    assert segment == (1000, 1000) and same is background and full == [(0, 999)]
    new, segment = insert_audio_clip(background, word, [], rng, rate=8000)
    start = segment[0] * 8
    assert new[start:start + 800].sum() == 800 and new.sum() == 800 and background.sum() == 0


def test_a_clip_shorter_than_a_word_says_so():
    with pytest.raises(ValueError, match="shorter than the word"):
        get_random_time_segment(1200, np.random.default_rng(0), clip_ms=1000)


def test_create_training_example_labels_each_activate():
    rng = np.random.default_rng(1)
    rate, Ty = 8000, 90
    background = background_noise(3 * rate, rng, rate, babble=[np.ones(400, np.float32)])
    activates = [np.sin(np.arange(3000) / 3).astype(np.float32)]
    negatives = [np.sin(np.arange(2000) / 7).astype(np.float32)]
    for _ in range(5):
        x, y, audio, segments = create_training_example(background, activates, negatives, Ty, rng, rate,
                                                        nfft=128, noverlap=64, n_ones=18)
        assert x.shape == (374, 65) and y.shape == (Ty,) and audio.shape == (3 * rate,)
        expected = np.zeros(Ty, np.float32)
        for _, end in segments:
            insert_ones(expected, end, clip_ms=3000, n_ones=18)
        np.testing.assert_array_equal(y, expected)
        assert all(not is_overlapping(a, [b]) for a, b in zip(segments, segments[1:]))
        assert np.sqrt(np.mean(audio.astype(np.float64) ** 2)) == pytest.approx(0.1, rel=1e-3)   # -20 dBFS
