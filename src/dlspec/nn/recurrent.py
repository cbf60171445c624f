"""What SimpleRNN, LSTM and GRU share: units, return_sequences, initializers, input checks."""
from __future__ import annotations

from .. import init as initializers
from ..backend import as_dtype, xp
from .layer import Layer


def orthogonal(shape, rng, dtype=None):
    """A random orthogonal matrix per (H, H) block, so that a<t-1> Waa keeps its norm at init.

    For a recurrent weight (H, k H) each of the k gate blocks is orthogonal on its own.
    """
    H, cols = shape
    blocks = []
    for _ in range(cols // H):
        q, r = xp.linalg.qr(rng.standard_normal((H, H)))
        blocks.append(q * xp.sign(xp.diag(r)))           # sign fix: uniform over orthogonal matrices
    return xp.concatenate(blocks, axis=1).astype(as_dtype(dtype))


def _initializer(init):
    return orthogonal if init == "orthogonal" else initializers.get(init)


class Recurrent(Layer):
    """Base for recurrent layers over batch-first sequences x (N, T, D).

    Parameters
    ----------
    units : int
        H, the number of hidden units (the course's n_a).
    return_sequences : bool
        True: return every hidden state a<1> ... a<T>, shape (N, T, H) (to stack another
        recurrent layer, or to predict at every step as a language model does);
        False (default): only the last one a<T>, shape (N, H).
    kernel_init : str or callable
        Initializer of the input weights Wx (default "xavier", variance 1 / D).
    recurrent_init : str or callable
        Initializer of the recurrent weights Wa (default "orthogonal").
    input_dim : int, optional
        D; if given the layer is built at once (the number of steps T may vary).

    Notes
    -----
    The initial state a<0> (and c<0>) is zeros. The number of steps T may differ from one
    call to the next; the number of features D may not.
    """

    gates = 1       # blocks of H columns in Wx and Wa

    def __init__(self, units: int, return_sequences: bool = False, kernel_init="xavier",
                 recurrent_init="orthogonal", input_dim: int | None = None, name: str | None = None):
        super().__init__(name)
        if not isinstance(units, int) or isinstance(units, bool) or units < 1:
            raise ValueError(f"{type(self).__name__}(units) expects a positive integer number of "
                             f"hidden units; got {units!r}.")
        if not isinstance(return_sequences, bool):
            raise TypeError(f"return_sequences must be True or False; got {return_sequences!r}.")
        self.units = units
        self.return_sequences = return_sequences
        self.kernel_init = kernel_init
        self.recurrent_init = recurrent_init
        self.input_dim = input_dim
        self._kernel_init = _initializer(kernel_init)
        self._recurrent_init = _initializer(recurrent_init)
        if input_dim is not None:
            self.build((1, input_dim))
            self._provisional = True    # a model's build re-initializes it from the model's seed

    def _build(self, input_shape, rng, dtype):
        if len(input_shape) != 2:
            raise ValueError(self._shape_message(input_shape))
        D, H = input_shape[1], self.units
        self.input_dim = D
        self._build_weights(D, H, rng, dtype)

    def _build_weights(self, D, H, rng, dtype):
        k = self.gates
        self.params["Wx"] = self._kernel_init((D, k * H), rng, dtype)
        self.params["Wa"] = self._recurrent_init((H, k * H), rng, dtype)
        self.params["b"] = initializers.zeros((k * H,), rng, dtype)

    def output_shape(self, input_shape):
        T = input_shape[0]
        return (T, self.units) if self.return_sequences else (self.units,)

    def forward(self, x, training: bool = False):
        """Hidden states for a batch of sequences x (N, T, D); T may vary between calls."""
        if getattr(x, "ndim", 0) != 3:
            raise ValueError(self._shape_message(tuple(getattr(x, "shape", ()))[1:]))
        if not self.built:
            self.build(x.shape[1:], dtype=x.dtype if x.dtype.kind == "f" else None)
        elif x.shape[2] != self.input_dim:
            raise ValueError(f"{self!r} was built for {self.input_dim} features per step, inputs "
                             f"(N, T, {self.input_dim}); got {tuple(x.shape)}. Check the previous "
                             "layer's output size (or the Embedding's output_dim).")
        if x.shape[1] < 1:
            raise ValueError(f"{type(self).__name__} needs at least one time step; got {tuple(x.shape)}.")
        x = x.astype(self.dtype, copy=False)
        y, self._cache = self._forward(x, training)
        return y

    def _shape_message(self, per_example):
        return (f"{type(self).__name__} expects sequences of shape (N, T, D), batch first; got "
                f"per-example shape {tuple(per_example)}. For one feature per step use "
                "x[..., None]; for token ids (N, T) put an Embedding layer first.")

    def _initial_state(self, x):
        return xp.zeros((x.shape[0], self.units), dtype=x.dtype)

    def _output(self, a):
        return a if self.return_sequences else a[:, -1]

    def _upstream(self, dy, cache_a):
        """dJ/da<t> for all t (N, T, H): dy itself, or dy at the last step and zeros before."""
        if self.return_sequences:
            return dy
        da = xp.zeros_like(cache_a)
        da[:, -1] = dy
        return da

    def get_config(self):
        return {"units": self.units, "return_sequences": self.return_sequences,
                "kernel_init": self.kernel_init if isinstance(self.kernel_init, str) else "custom",
                "recurrent_init": self.recurrent_init if isinstance(self.recurrent_init, str) else "custom",
                "input_dim": self.input_dim, "name": self.name}
