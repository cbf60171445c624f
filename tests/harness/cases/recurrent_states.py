"""Recurrent layers called with states and masks, and Bidirectional.

Each case passes ``initial_state`` and/or ``mask`` to forward (``make_kwargs``) and many
return their last states (``return_state=True``), so the harness checks the gradients of
the initial states and the flow back from da<T> (and dc<T>) too. The torch twins are
hand-written recurrences on OUR weight layout; a masked step keeps the previous states
with ``torch.where``, as Keras does. tests/nn/test_recurrent_states.py also compares
Bidirectional(LSTM) with ``torch.nn.LSTM(bidirectional=True)``.
"""
import numpy as np
import torch

from dlspec.nn import GRU, LSTM, Bidirectional, SimpleRNN
from harness import LayerCase

N, T, D = 3, 5, 2


def rnn_cell(x_t, states, p, layer):
    return [torch.tanh(x_t @ p["Wx"] + states[0] @ p["Wa"] + p["b"])]


def lstm_cell(x_t, states, p, layer):
    H = layer.units
    a, c = states
    z = x_t @ p["Wx"] + a @ p["Wa"] + p["b"]
    f, u, o = torch.sigmoid(z[:, :H]), torch.sigmoid(z[:, H:2 * H]), torch.sigmoid(z[:, 3 * H:])
    c = f * c + u * torch.tanh(z[:, 2 * H:3 * H])
    return [o * torch.tanh(c), c]


def gru_cell(x_t, states, p, layer):
    H, a, Wa = layer.units, states[0], p["Wa"]
    zx = x_t @ p["Wx"] + p["b"]
    u = torch.sigmoid(zx[:, :H] + a @ Wa[:, :H])
    r = torch.sigmoid(zx[:, H:2 * H] + a @ Wa[:, H:2 * H])
    if layer.reset_after:
        cc = torch.tanh(zx[:, 2 * H:] + r * (a @ Wa[:, 2 * H:] + p["bac"]))
    else:
        cc = torch.tanh(zx[:, 2 * H:] + (r * a) @ Wa[:, 2 * H:])
    return [u * cc + (1 - u) * a]


CELLS = {SimpleRNN: rnn_cell, LSTM: lstm_cell, GRU: gru_cell}


def torch_recurrent(x, p, layer, initial_state=None, mask=None):
    """The layer's recurrence in torch: states carried where the mask is False."""
    cell = CELLS[type(layer)]
    zeros = torch.zeros(x.shape[0], layer.units, dtype=x.dtype)
    states = list(initial_state) if initial_state is not None else [zeros] * layer.n_states
    outs = []
    for t in range(x.shape[1]):
        new = cell(x[:, t], states, p, layer)
        if mask is not None:
            new = [torch.where(mask[:, t, None], n, s) for n, s in zip(new, states)]
        states = new
        outs.append(states[0])
    y = torch.stack(outs, dim=1) if layer.return_sequences else outs[-1]
    return [y, *states] if layer.return_state else y


def torch_bidirectional(x, p, layer, initial_state=None, mask=None):
    fl, bl, k = layer.layer, layer.backward_layer, layer.layer.n_states
    p_f = {key[len("forward_"):]: v for key, v in p.items() if key.startswith("forward_")}
    p_b = {key[len("backward_"):]: v for key, v in p.items() if key.startswith("backward_")}
    init_f = init_b = None
    if initial_state is not None:
        init_f, init_b = initial_state[:k], initial_state[k:]
    out_f = torch_recurrent(x, p_f, fl, init_f, mask)
    out_b = torch_recurrent(x.flip(1), p_b, bl, init_b, None if mask is None else mask.flip(1))
    y_f, s_f = (out_f[0], out_f[1:]) if fl.return_state else (out_f, [])
    y_b, s_b = (out_b[0], out_b[1:]) if fl.return_state else (out_b, [])
    if fl.return_sequences:
        y_b = y_b.flip(1)
    y = {"concat": lambda: torch.cat([y_f, y_b], dim=-1), "sum": lambda: y_f + y_b,
         "ave": lambda: (y_f + y_b) / 2, "mul": lambda: y_f * y_b}[layer.merge_mode]()
    return [y, *s_f, *s_b] if fl.return_state else y


def _mask():
    """(N, T): one full sequence, one with 2 trailing pads, one with a masked middle step."""
    m = np.ones((N, T), dtype=bool)
    m[1, -2:] = False
    m[2, 2] = False
    m[2, -1] = False
    return m


def kwargs(n_states, H, state=True, mask=False):
    def make(rng, dtype):
        out = {}
        if state:
            out["initial_state"] = [rng.standard_normal((N, H)) * 0.5 for _ in range(n_states)]
        if mask:
            out["mask"] = _mask()
        return out
    return make


def case(id, make, n_states, H, state=True, mask=False, twin=torch_recurrent):
    return LayerCase(id, make, (N, T, D), twin, make_kwargs=kwargs(n_states, H, state, mask))


CASES = []
for seq in (True, False):
    tag = "seq" if seq else "last"
    CASES += [
        case(f"simple-rnn-state-{tag}", lambda s=seq: SimpleRNN(4, return_sequences=s, return_state=True), 1, 4),
        case(f"lstm-state-{tag}", lambda s=seq: LSTM(3, return_sequences=s, return_state=True), 2, 3),
        case(f"gru-state-{tag}", lambda s=seq: GRU(3, return_sequences=s, return_state=True), 1, 3),
        case(f"gru-reset-after-state-{tag}",
             lambda s=seq: GRU(3, return_sequences=s, return_state=True, reset_after=True), 1, 3),
    ]
CASES += [
    # Masks: alone (backward gives [dx, None]), with states, with return_state.
    case("simple-rnn-mask-seq", lambda: SimpleRNN(4, return_sequences=True), 1, 4, state=False, mask=True),
    case("simple-rnn-mask-state", lambda: SimpleRNN(4, return_state=True), 1, 4, mask=True),
    case("lstm-mask-seq", lambda: LSTM(3, return_sequences=True), 2, 3, state=False, mask=True),
    case("lstm-mask-state-last", lambda: LSTM(3, return_state=True), 2, 3, mask=True),
    case("lstm-mask-state-seq", lambda: LSTM(3, return_sequences=True, return_state=True), 2, 3, mask=True),
    case("gru-mask-state-seq", lambda: GRU(3, return_sequences=True, return_state=True), 1, 3, mask=True),
    case("gru-reset-after-mask-last", lambda: GRU(3, reset_after=True), 1, 3, state=False, mask=True),
    # Bidirectional: the course needs concat and sum; ave and mul come cheap.
    case("bidir-lstm-concat-seq", lambda: Bidirectional(LSTM(3, return_sequences=True)), 2, 3,
         state=False, twin=torch_bidirectional),
    case("bidir-lstm-concat-last", lambda: Bidirectional(LSTM(3)), 2, 3, state=False, twin=torch_bidirectional),
    case("bidir-gru-sum-seq", lambda: Bidirectional(GRU(3, return_sequences=True), "sum"), 1, 3,
         state=False, twin=torch_bidirectional),
    case("bidir-rnn-sum-last", lambda: Bidirectional(SimpleRNN(4), "sum"), 1, 4, state=False,
         twin=torch_bidirectional),
    case("bidir-lstm-concat-seq-mask", lambda: Bidirectional(LSTM(3, return_sequences=True)), 2, 3,
         state=False, mask=True, twin=torch_bidirectional),
    case("bidir-gru-sum-last-mask", lambda: Bidirectional(GRU(3), "sum"), 1, 3, state=False, mask=True,
         twin=torch_bidirectional),
    case("bidir-rnn-ave-seq", lambda: Bidirectional(SimpleRNN(3, return_sequences=True), "ave"), 1, 3,
         state=False, twin=torch_bidirectional),
    case("bidir-lstm-mul-last", lambda: Bidirectional(LSTM(3), "mul"), 2, 3, state=False,
         twin=torch_bidirectional),
    # Bidirectional with both directions' initial states and return_state.
    LayerCase("bidir-lstm-states", lambda: Bidirectional(LSTM(3, return_sequences=True, return_state=True)),
              (N, T, D), torch_bidirectional, make_kwargs=kwargs(4, 3, mask=True)),
]
