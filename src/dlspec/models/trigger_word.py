"""The course's trigger-word model (course 5 week 3): Conv1D -> GRU -> GRU -> a sigmoid per step."""
from __future__ import annotations

from ..nn import GRU, BatchNormalization, Conv1D, Dense, Dropout, Input, ReLU, TimeDistributed
from .model import Model


def trigger_word_model(input_shape=(5511, 101), filters: int = 196, units: int = 128,
                       keep_prob: float = 0.2, seed: int = 0, dtype=None):
    """The course's ``modelf``: 523,329 parameters on (5511, 101) as Keras counts them.

    Conv1D(196, 15, strides 4) -> BatchNorm -> ReLU -> Dropout -> GRU(128, return_sequences)
    -> Dropout -> BatchNorm -> GRU(128, return_sequences) -> Dropout -> BatchNorm -> Dropout
    -> TimeDistributed(Dense(1, sigmoid)).

    Parameters
    ----------
    input_shape : (Tx, n_freq) spectrogram, time first.
    filters, units : Conv1D filters and GRU units (the course's 196 and 128).
    keep_prob : dropout's probability of keeping a unit: the course's Dropout(rate=0.8) is 0.2.

    Returns
    -------
    Model from (N, Tx, n_freq) to (N, Ty, 1) probabilities, Ty = (Tx - 15) // 4 + 1 (1375).

    Notes
    -----
    The GRUs use ``reset_after=True``, Keras's default. Keras stores two bias vectors per GRU,
    (2, 3H); dlspec keeps b (3H,) and only the candidate's recurrent bias ``bac`` (H,) because
    the update and reset gates' recurrent biases just add to b. So dlspec has 2H fewer
    parameters per GRU: ``keras_count_params`` adds them back, and batch norm's moving
    averages (``count_params(include_state=True)``).
    """
    X_input = Input(input_shape)
    # padding=0: Keras's "valid", which drops the last rows when (Tx - 15) / 4 is not whole
    X = Conv1D(filters, 15, strides=4, padding=0)(X_input)        # (N, Ty, filters)
    X = BatchNormalization()(X)
    X = ReLU()(X)
    X = Dropout(keep_prob=keep_prob)(X)
    X = GRU(units, return_sequences=True, reset_after=True)(X)    # (N, Ty, units)
    X = Dropout(keep_prob=keep_prob)(X)
    X = BatchNormalization()(X)
    X = GRU(units, return_sequences=True, reset_after=True)(X)
    X = Dropout(keep_prob=keep_prob)(X)
    X = BatchNormalization()(X)
    X = Dropout(keep_prob=keep_prob)(X)
    X = TimeDistributed(Dense(1, activation="sigmoid"))(X)       # (N, Ty, 1)
    return Model(inputs=X_input, outputs=X, seed=seed, dtype=dtype, name="trigger_word")


def keras_count_params(model) -> int:
    """Parameters as Keras counts them: dlspec's, batch-norm moving averages, and the 2H
    recurrent biases of the update and reset gates that Keras keeps per ``reset_after`` GRU."""
    extra = sum(2 * layer.units for layer in model.layers
                if isinstance(layer, GRU) and layer.reset_after)
    return model.count_params(include_state=True) + extra
