"""Course 5, week 1, "Improvise a Jazz Solo with an LSTM Network": the course's three functions.

``djmodel`` and ``music_inference_model`` are ``dlspec.models.jazz``'s (written as the course
writes them: one LSTM cell and one Dense called once per step, weights shared);
``predict_and_sample`` runs the inference model and returns what the course's returns:
``results`` (Ty, n_values), the one-hot of each step's argmax, and ``indices`` (Ty, 1).

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C5 .../Week 1/
Jazz improvisation with LSTM/Improvise_a_Jazz_Solo_with_an_LSTM_Network_v4.ipynb". Its printed
values come from Keras weights (TensorFlow's initializers, a trained model): not replayable.
"""
from __future__ import annotations

import numpy as np

from ..models.jazz import djmodel, music_inference_model

__all__ = ["djmodel", "music_inference_model", "predict_and_sample"]


def predict_and_sample(inference_model, x_initializer, a_initializer, c_initializer):
    """results (Ty, n_values) one-hot and indices (Ty, 1) of the inference model's Ty outputs.

    The arguments are the course's: x_initializer (1, 1, n_values), a_initializer and
    c_initializer (1, n_a), for one example.
    """
    pred = inference_model.forward([np.asarray(x_initializer), np.asarray(a_initializer),
                                    np.asarray(c_initializer)])
    pred = np.stack([np.asarray(p) for p in pred])            # Ty outputs of (1, n_values)
    if pred.shape[1] != 1:
        raise ValueError("predict_and_sample generates for one example: pass initializers with a "
                         f"batch of 1 (x (1, 1, n_values)); got a batch of {pred.shape[1]}.")
    indices = np.argmax(pred[:, 0, :], axis=-1).reshape(-1, 1)    # (Ty, 1)
    results = np.eye(pred.shape[-1])[indices[:, 0]]               # (Ty, n_values), the course's to_categorical
    return results, indices
