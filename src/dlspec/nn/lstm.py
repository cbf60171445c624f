"""LSTM layer: the course's long short-term memory cell over a sequence."""
from __future__ import annotations

from ..backend import xp
from ..functional.lstm import lstm_backward, lstm_forward
from .recurrent import Recurrent
from .rnn import _torch_arrays


class LSTM(Recurrent):
    """Long short-term memory over sequences x (N, T, D).

    Parameters
    ----------
    units, return_sequences, kernel_init, recurrent_init, input_dim :
        as for :class:`dlspec.nn.recurrent.Recurrent`.
    unit_forget_bias : bool
        Start the forget gate's bias bf at 1 (default True), so that Γf is near σ(1) = 0.73 at
        first and the memory cell carries information across steps from the start.
    return_state : bool
        True: forward returns ``[output, a<T>, c<T>]`` (see ``Recurrent``).

    Notes
    -----
    Params: ``Wx`` (D, 4H), ``Wa`` (H, 4H), ``b`` (4H,), gate blocks in the course's order
    (Γf, Γu, c~, Γo). Forward:
    c<t> = Γf * c<t-1> + Γu * c~,  a<t> = Γo * tanh(c<t>),  a<0> = c<0> = 0
    unless ``initial_state=[a0, c0]`` is given.
    Equations and backward: :mod:`dlspec.functional.lstm`. ``LSTM.from_torch`` copies the
    weights of a ``torch.nn.LSTM`` (gate order i, f, g, o) in the right order.

    Examples
    --------
    >>> import numpy as np
    >>> LSTM(8).forward(np.zeros((2, 5, 3), np.float32)).shape
    (2, 8)
    """

    gates = 4
    n_states = 2

    def __init__(self, units: int, return_sequences: bool = False, kernel_init="xavier",
                 recurrent_init="orthogonal", unit_forget_bias: bool = True,
                 input_dim: int | None = None, name: str | None = None,
                 return_state: bool = False):
        self.unit_forget_bias = unit_forget_bias
        super().__init__(units, return_sequences, kernel_init, recurrent_init, input_dim, name,
                         return_state)

    def _build_weights(self, D, H, rng, dtype):
        super()._build_weights(D, H, rng, dtype)
        if self.unit_forget_bias:
            self.params["b"][:H] = 1

    def _forward(self, x, training, states, mask):
        p = self.params
        a, c, cache = lstm_forward(x, states[0], states[1], p["Wx"], p["Wa"], p["b"], mask)
        return a, [a[:, -1], c[:, -1]], cache

    def _backward_core(self, da, d_last, cache):
        dc_last = d_last[0] if d_last else None
        dx, da0, dc0, dWx, dWa, db = lstm_backward(da, dc_last, cache, self.input_grad)
        self.grads.update(Wx=dWx, Wa=dWa, b=db)
        return dx, [da0, dc0]

    def get_config(self):
        return {**super().get_config(), "unit_forget_bias": self.unit_forget_bias}

    @classmethod
    def from_torch(cls, module, return_sequences=False, dtype="float32"):
        """An LSTM with the weights of a one-layer ``torch.nn.LSTM`` (batch_first).

        PyTorch stacks the gates (i, f, g, o); ours are (f, u, c~, o) with u = i and c~ = g,
        so the first two blocks of H swap. Its two biases add up into our b.
        """
        w = _torch_arrays(module, "LSTM")
        if getattr(module, "proj_size", 0):
            raise ValueError("from_torch does not copy an LSTM with proj_size > 0.")
        H = module.hidden_size
        order = xp.r_[H:2 * H, 0:H, 2 * H:4 * H]          # torch rows (i, f, g, o) -> (f, i, g, o)
        layer = cls(H, return_sequences=return_sequences)
        layer.build((1, module.input_size), dtype=dtype)
        layer.params["Wx"][...] = w["weight_ih_l0"][order].T
        layer.params["Wa"][...] = w["weight_hh_l0"][order].T
        layer.params["b"][...] = (w["bias_ih_l0"] + w["bias_hh_l0"])[order]
        return layer
