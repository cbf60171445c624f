"""Course 5 layers and losses: recurrent layers, Embedding, TimeDistributed, sequence loss.

The recurrent layers' torch twin is ``torch_recurrent`` of recurrent_states.py: one
hand-written torch cell per layer on OUR weight layout (so autograd gives the gradients in our
layout); tests/nn/test_recurrent_torch.py also checks against torch.nn.LSTM,
torch.nn.GRU and torch.nn.RNN modules with copied weights.
"""
import torch
import torch.nn.functional as F

from dlspec import losses
from dlspec.nn import GRU, LSTM, Dense, Embedding, SimpleRNN, Tanh, TimeDistributed
from harness import LayerCase, LossCase
from harness.cases.recurrent_states import torch_recurrent


def _ids(V):
    return lambda rng, shape: rng.integers(0, V, size=shape)


def _ids_with_repeats(rng, shape):
    """Few distinct ids among many positions, so rows of dE sum several gradients."""
    return rng.integers(0, 3, size=shape)


def _sequence_ids(rng, shape):
    """Token ids (N, T) with the end of some sequences padded by -1 (ignored)."""
    ids = rng.integers(0, shape[2], size=shape[:2])
    ids[0, -2:] = -1
    ids[1, -1] = -1
    return ids


def _torch_sequence_ce(z, y):
    return F.cross_entropy(z.reshape(-1, z.shape[-1]), torch.tensor(y).reshape(-1),
                           ignore_index=-1, reduction="sum") / z.shape[0]


CASES = [
    LayerCase("simple-rnn-seq", lambda: SimpleRNN(5, return_sequences=True), (3, 4, 6), torch_recurrent),
    LayerCase("simple-rnn-last", lambda: SimpleRNN(4), (2, 7, 3), torch_recurrent),
    LayerCase("simple-rnn-one-step", lambda: SimpleRNN(3, return_sequences=True), (2, 1, 2), torch_recurrent),
    LayerCase("lstm-seq", lambda: LSTM(4, return_sequences=True), (3, 5, 6), torch_recurrent),
    LayerCase("lstm-last", lambda: LSTM(5, recurrent_init="xavier"), (2, 6, 3), torch_recurrent),
    LayerCase("gru-seq", lambda: GRU(4, return_sequences=True), (3, 5, 6), torch_recurrent),
    LayerCase("gru-last", lambda: GRU(5), (2, 6, 3), torch_recurrent),
    LayerCase("gru-reset-after", lambda: GRU(4, return_sequences=True, reset_after=True), (3, 5, 2),
              torch_recurrent),
    LayerCase("embedding", lambda: Embedding(7, 4, init="xavier"), (3, 5),
              lambda x, p, l: F.embedding(x, p["E"]), make_input=_ids(7), integer_input=True),
    LayerCase("embedding-repeats", lambda: Embedding(5, 3, init="xavier"), (4, 6),
              lambda x, p, l: F.embedding(x, p["E"]), make_input=_ids_with_repeats, integer_input=True),
    LayerCase("time-distributed-dense", lambda: TimeDistributed(Dense(5)), (3, 4, 6),
              lambda x, p, l: x @ p["W"] + p["b"]),
    LayerCase("time-distributed-tanh", lambda: TimeDistributed(Tanh()), (2, 3, 4),
              lambda x, p, l: torch.tanh(x)),

    LossCase("sequence-ce", losses.SequenceCrossEntropy, (3, 4, 5), _sequence_ids, _torch_sequence_ce),
    LossCase("sequence-ce-no-padding", losses.SequenceCrossEntropy, (2, 3, 6),
             lambda rng, s: rng.integers(0, s[2], size=s[:2]), _torch_sequence_ce),
]
