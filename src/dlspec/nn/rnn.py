"""SimpleRNN: the course's basic RNN cell, a<t> = tanh(x<t> Wax + a<t-1> Waa + ba)."""
from __future__ import annotations

from ..functional.rnn import rnn_backward, rnn_forward
from .recurrent import Recurrent


class SimpleRNN(Recurrent):
    """Basic recurrent layer over sequences x (N, T, D).

    Parameters are those of :class:`dlspec.nn.recurrent.Recurrent` (units, return_sequences,
    kernel_init, recurrent_init, input_dim). Its params are ``Wx`` (D, H), the course's Wax
    transposed, ``Wa`` (H, H), the course's Waa transposed, and ``b`` (H,), the course's ba.

    Notes
    -----
    Forward: a<t> = tanh(x<t> Wx + a<t-1> Wa + b), a<0> = 0 unless
    ``initial_state=[a0]`` is given; masks and return_state as in ``Recurrent``.
    Backward through time: see :func:`dlspec.functional.rnn.rnn_backward`.
    Matches ``torch.nn.RNN(D, H, batch_first=True)`` with Wx = weight_ih_l0.T,
    Wa = weight_hh_l0.T, b = bias_ih_l0 + bias_hh_l0.

    Examples
    --------
    >>> import numpy as np
    >>> layer = SimpleRNN(8, return_sequences=True)
    >>> layer.forward(np.zeros((2, 5, 3), np.float32)).shape
    (2, 5, 8)
    """

    def _forward(self, x, training, states, mask):
        p = self.params
        a, cache = rnn_forward(x, states[0], p["Wx"], p["Wa"], p["b"], mask)
        return a, [a[:, -1]], cache

    def _backward_core(self, da, d_last, cache):
        dx, da0, dWx, dWa, db = rnn_backward(da, cache, self.input_grad)
        self.grads.update(Wx=dWx, Wa=dWa, b=db)
        return dx, [da0]

    @classmethod
    def from_torch(cls, module, return_sequences=False, dtype="float32"):
        """A SimpleRNN with the weights of a one-layer ``torch.nn.RNN`` (tanh, batch_first)."""
        w = _torch_arrays(module, "rnn")
        layer = cls(module.hidden_size, return_sequences=return_sequences)
        layer.build((1, module.input_size), dtype=dtype)
        layer.params["Wx"][...] = w["weight_ih_l0"].T
        layer.params["Wa"][...] = w["weight_hh_l0"].T
        layer.params["b"][...] = w["bias_ih_l0"] + w["bias_hh_l0"]
        return layer


def _torch_arrays(module, kind):
    """The parameters of a one-layer, unidirectional torch recurrent module, as NumPy arrays."""
    if module.num_layers != 1 or module.bidirectional or not module.bias:
        raise ValueError(f"from_torch copies a one-layer, unidirectional torch {kind} with biases; "
                         f"got num_layers={module.num_layers}, bidirectional={module.bidirectional}, "
                         f"bias={module.bias}. Copy each layer into its own dlspec layer.")
    if getattr(module, "nonlinearity", "tanh") != "tanh":
        raise ValueError("SimpleRNN uses tanh, as the course does; got a torch RNN with "
                         f"nonlinearity={module.nonlinearity!r}.")
    return {k: v.detach().cpu().double().numpy() for k, v in module.named_parameters()}
