"""Course 5 layers and losses: recurrent layers, Embedding, TimeDistributed, sequence loss.

The torch twins are hand-written recurrences on OUR weight layout (so autograd gives the
gradients in our layout); tests/nn/test_recurrent_torch.py also checks against torch.nn.LSTM,
torch.nn.GRU and torch.nn.RNN modules with copied weights.
"""
import numpy as np
import torch
import torch.nn.functional as F

from dlspec import losses
from dlspec.nn import GRU, LSTM, Dense, Embedding, SimpleRNN, Tanh, TimeDistributed
from harness import LayerCase, LossCase


def _output(a_list, layer):
    return torch.stack(a_list, dim=1) if layer.return_sequences else a_list[-1]


def torch_rnn(x, p, layer):
    a = torch.zeros(x.shape[0], layer.units, dtype=x.dtype)
    out = []
    for t in range(x.shape[1]):
        a = torch.tanh(x[:, t] @ p["Wx"] + a @ p["Wa"] + p["b"])
        out.append(a)
    return _output(out, layer)


def torch_lstm(x, p, layer):
    H = layer.units
    a = torch.zeros(x.shape[0], H, dtype=x.dtype)
    c = torch.zeros_like(a)
    out = []
    for t in range(x.shape[1]):
        z = x[:, t] @ p["Wx"] + a @ p["Wa"] + p["b"]
        f, u, cc, o = torch.sigmoid(z[:, :H]), torch.sigmoid(z[:, H:2 * H]), torch.tanh(z[:, 2 * H:3 * H]), torch.sigmoid(z[:, 3 * H:])
        c = f * c + u * cc
        a = o * torch.tanh(c)
        out.append(a)
    return _output(out, layer)


def torch_gru(x, p, layer):
    H = layer.units
    a = torch.zeros(x.shape[0], H, dtype=x.dtype)
    Wx, Wa, b = p["Wx"], p["Wa"], p["b"]
    out = []
    for t in range(x.shape[1]):
        zx = x[:, t] @ Wx + b
        u = torch.sigmoid(zx[:, :H] + a @ Wa[:, :H])
        r = torch.sigmoid(zx[:, H:2 * H] + a @ Wa[:, H:2 * H])
        if layer.reset_after:
            cc = torch.tanh(zx[:, 2 * H:] + r * (a @ Wa[:, 2 * H:] + p["bac"]))
        else:
            cc = torch.tanh(zx[:, 2 * H:] + (r * a) @ Wa[:, 2 * H:])
        a = u * cc + (1 - u) * a
        out.append(a)
    return _output(out, layer)


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
    LayerCase("simple-rnn-seq", lambda: SimpleRNN(5, return_sequences=True), (3, 4, 6), torch_rnn),
    LayerCase("simple-rnn-last", lambda: SimpleRNN(4), (2, 7, 3), torch_rnn),
    LayerCase("simple-rnn-one-step", lambda: SimpleRNN(3, return_sequences=True), (2, 1, 2), torch_rnn),
    LayerCase("lstm-seq", lambda: LSTM(4, return_sequences=True), (3, 5, 6), torch_lstm),
    LayerCase("lstm-last", lambda: LSTM(5, recurrent_init="xavier"), (2, 6, 3), torch_lstm),
    LayerCase("gru-seq", lambda: GRU(4, return_sequences=True), (3, 5, 6), torch_gru),
    LayerCase("gru-last", lambda: GRU(5), (2, 6, 3), torch_gru),
    LayerCase("gru-reset-after", lambda: GRU(4, return_sequences=True, reset_after=True), (3, 5, 2),
              torch_gru),
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
