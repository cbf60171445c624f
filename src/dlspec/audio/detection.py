"""Trigger-word detection output: firing times from per-step probabilities, chimes, scores."""
from __future__ import annotations

import numpy as np

from .synth import chime as make_chime


def detect_triggers(predictions, threshold: float = 0.5, refractory: int = 75):
    """Output steps where the detector fires: probability above ``threshold`` and at least
    ``refractory`` steps since the previous firing (the course's ``consecutive_timesteps > 75``),
    so that the ~50 steps of one word ring once. Unlike the course's loop, whose counter
    starts at 0, the detector may fire in the clip's first ``refractory`` steps.

    Parameters
    ----------
    predictions : (Ty,) or (Ty, 1) probabilities of one clip.

    Returns
    -------
    list of int step indices.
    """
    p = np.asarray(predictions).reshape(-1)         # (Ty, 1) -> (Ty,)
    fired, consecutive_timesteps = [], refractory
    for i in range(len(p)):
        consecutive_timesteps += 1
        if p[i] > threshold and consecutive_timesteps > refractory:
            fired.append(i)
            consecutive_timesteps = 0
    return fired


def chime_on_activate(audio, predictions, threshold: float = 0.5, rate: int = 16000,
                      refractory: int = 75, chime=None):
    """The course's ``chime_on_activate``: ``audio`` (n,) with a chime mixed in at every firing.

    Step i of Ty is at time i / Ty of the clip. Returns a new float32 array, clipped to [-1, 1].
    """
    steps = detect_triggers(predictions, threshold, refractory)
    Ty = np.asarray(predictions).reshape(-1).shape[0]
    sound = make_chime(rate) if chime is None else chime
    out = np.array(audio, dtype=np.float32)
    for i in steps:
        start = int(i / Ty * len(out))
        end = min(len(out), start + len(sound))
        out[start:end] += sound[:end - start]
    return np.clip(out, -1.0, 1.0)


def event_scores(fired, word_end_steps, tolerance: int = 50):
    """Event-level precision and recall: a firing counts when it falls within ``tolerance``
    steps after an unmatched word end (each word matched once); the rest are false alarms.

    Parameters
    ----------
    fired : list, per clip, of firing steps (``detect_triggers``).
    word_end_steps : list, per clip, of the steps where an "activate" ended.

    Returns
    -------
    dict with true_positives, false_positives, false_negatives, precision, recall, f1.
    """
    tp = fp = fn = 0
    for steps, ends in zip(fired, word_end_steps):
        unmatched = list(ends)
        for s in steps:
            match = next((e for e in unmatched if e - 5 <= s <= e + tolerance), None)
            if match is None:
                fp += 1
            else:
                tp += 1
                unmatched.remove(match)
        fn += len(unmatched)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"true_positives": tp, "false_positives": fp, "false_negatives": fn,
            "precision": precision, "recall": recall, "f1": f1}
