"""GRU layer: the course's gated recurrent unit over a sequence."""
from __future__ import annotations

from .. import init as initializers
from ..backend import xp
from ..functional.gru import gru_backward, gru_forward
from .recurrent import Recurrent
from .rnn import _torch_arrays


class GRU(Recurrent):
    """Gated recurrent unit over sequences x (N, T, D).

    Parameters
    ----------
    units, return_sequences, kernel_init, recurrent_init, input_dim :
        as for :class:`dlspec.nn.recurrent.Recurrent`.
    reset_after : bool
        False (default): the course's GRU, c~ = tanh(x Wxc + (Γr * a<t-1>) Wac + bc).
        True: PyTorch's (and Keras's default) form, c~ = tanh(x Wxc + bc + Γr * (a<t-1> Wac + bac)),
        with one more parameter ``bac`` (H,). Use it to load ``torch.nn.GRU`` weights.

    Notes
    -----
    Params: ``Wx`` (D, 3H), ``Wa`` (H, 3H), ``b`` (3H,), blocks (Γu, Γr, c~). Forward:
    a<t> = Γu * c~ + (1 - Γu) * a<t-1>, a<0> = 0 unless
    ``initial_state=[a0]`` is given (see ``Recurrent``). Equations and backward:
    :mod:`dlspec.functional.gru`. PyTorch's update gate z is 1 - Γu (``GRU.from_torch``).

    Examples
    --------
    >>> import numpy as np
    >>> GRU(8, return_sequences=True).forward(np.zeros((2, 5, 3), np.float32)).shape
    (2, 5, 8)
    """

    gates = 3

    def __init__(self, units: int, return_sequences: bool = False, kernel_init="xavier",
                 recurrent_init="orthogonal", reset_after: bool = False,
                 input_dim: int | None = None, name: str | None = None,
                 return_state: bool = False):
        if not isinstance(reset_after, bool):
            raise TypeError(f"reset_after must be True or False; got {reset_after!r}.")
        self.reset_after = reset_after
        super().__init__(units, return_sequences, kernel_init, recurrent_init, input_dim, name,
                         return_state)

    def _build_weights(self, D, H, rng, dtype):
        super()._build_weights(D, H, rng, dtype)
        if self.reset_after:
            self.params["bac"] = initializers.zeros((H,), rng, dtype)

    def _forward(self, x, training, states, mask):
        p = self.params
        a, cache = gru_forward(x, states[0], p["Wx"], p["Wa"], p["b"], p.get("bac"), mask)
        return a, [a[:, -1]], cache

    def _backward_core(self, da, d_last, cache):
        dx, da0, dWx, dWa, db, dbac = gru_backward(da, cache, self.input_grad)
        self.grads.update(Wx=dWx, Wa=dWa, b=db)
        if self.reset_after:
            self.grads["bac"] = dbac
        return dx, [da0]

    def get_config(self):
        return {**super().get_config(), "reset_after": self.reset_after}

    @classmethod
    def from_torch(cls, module, return_sequences=False, dtype="float32"):
        """A GRU (reset_after=True) with the weights of a one-layer ``torch.nn.GRU`` (batch_first).

        PyTorch's blocks are (r, z, n) with h = (1 - z) n + z h_prev; ours are (u, r, c~) with
        a = Γu c~ + (1 - Γu) a_prev. So Γu = 1 - z = σ(-s_z): the update block takes minus
        z's weights and biases. r and n map directly; n's recurrent bias is our ``bac``.
        """
        w = _torch_arrays(module, "GRU")
        H = module.hidden_size
        sign = xp.r_[-xp.ones(H), xp.ones(2 * H)]          # negate the update gate's block
        order = xp.r_[H:2 * H, 0:H, 2 * H:3 * H]           # torch rows (r, z, n) -> (z, r, n)
        layer = cls(H, return_sequences=return_sequences, reset_after=True)
        layer.build((1, module.input_size), dtype=dtype)
        b_ih, b_hh = w["bias_ih_l0"], w["bias_hh_l0"]
        b_sum = xp.concatenate([b_ih[:2 * H] + b_hh[:2 * H], b_ih[2 * H:]])
        layer.params["Wx"][...] = (w["weight_ih_l0"][order] * sign[:, None]).T
        layer.params["Wa"][...] = (w["weight_hh_l0"][order] * sign[:, None]).T
        layer.params["b"][...] = b_sum[order] * sign
        layer.params["bac"][...] = b_hh[2 * H:]
        return layer
