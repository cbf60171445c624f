"""What SimpleRNN, LSTM and GRU share: units, return_sequences/return_state, initializers,
initial states, masks, and the checks at the boundary."""
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
    return_state : bool
        True: ``forward`` returns a list ``[output, a<T>]`` (LSTM: ``[output, a<T>, c<T>]``),
        so that the last states can start another call (the course's music generator
        steps one LSTM cell at a time, feeding [a, c] back).

    Notes
    -----
    ``forward(x, training=False, initial_state=None, mask=None)``:

    - ``initial_state``: ``[a0]`` (LSTM: ``[a0, c0]``), each (N, H); None starts from zeros.
    - ``mask``: bool (N, T), False on padded steps. A masked step carries the state,
      a<t> = a<t-1> (and c<t> = c<t-1>), and with return_sequences outputs that carried
      state (Keras). ``Embedding(mask_zero=True).compute_mask(ids)`` makes one.

    ``backward(dy)``: dy is the output's gradient, or with return_state the list
    ``[dy, da<T>, (dc<T>)]``. It returns dx when only x was passed to forward, otherwise a
    list with one entry per array passed, in the order x, initial states, mask (None):
    e.g. ``[dx, da0, dc0, None]``. ``backward(dy, input_grad=False)`` skips dx (None).

    The number of steps T may differ from one call to the next; the number of features D
    may not. Every per-call array lives in ``self._cache``, so that a caller may save it
    and put it back before that call's backward (one layer called at several steps).
    """

    gates = 1           # blocks of H columns in Wx and Wa
    n_states = 1        # a (LSTM: a and c)
    supports_masking = True

    def __init__(self, units: int, return_sequences: bool = False, kernel_init="xavier",
                 recurrent_init="orthogonal", input_dim: int | None = None, name: str | None = None,
                 return_state: bool = False):
        super().__init__(name)
        if not isinstance(units, int) or isinstance(units, bool) or units < 1:
            raise ValueError(f"{type(self).__name__}(units) expects a positive integer number of "
                             f"hidden units; got {units!r}.")
        if not isinstance(return_sequences, bool):
            raise TypeError(f"return_sequences must be True or False; got {return_sequences!r}.")
        if not isinstance(return_state, bool):
            raise TypeError(f"return_state must be True or False; got {return_state!r}.")
        self.units = units
        self.return_sequences = return_sequences
        self.return_state = return_state
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
        out = (T, self.units) if self.return_sequences else (self.units,)
        return [out] + [(self.units,)] * self.n_states if self.return_state else out

    def compute_mask(self, x, mask):
        """The mask goes on with the sequence of outputs, not with the last state alone."""
        return mask if self.return_sequences else None

    def forward(self, x, training: bool = False, initial_state=None, mask=None):
        """Hidden states for a batch of sequences x (N, T, D); T may vary between calls.

        Returns the output (N, T, H) or (N, H), or with return_state the list
        ``[output, a<T>, (c<T>)]``; see the class Notes for initial_state and mask.
        """
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
        states = self._check_initial_state(initial_state, x)
        mask_given = mask is not None
        mask = self._check_mask(mask, x)
        a, last, core = self._forward(x, training, states, mask)
        # What backward must return depends on what this call received: keep it per call.
        self._cache = (core, a.shape, initial_state is not None, mask_given)
        y = self._output(a)
        return [y, *last] if self.return_state else y

    def _backward(self, dy, cache):
        core, a_shape, state_given, mask_given = cache
        if self.return_state:
            if not isinstance(dy, (list, tuple)) or len(dy) != 1 + self.n_states:
                raise ValueError(f"{self!r} returns {1 + self.n_states} arrays (return_state=True), "
                                 f"so backward expects a list of as many gradients [dy, da<T>"
                                 f"{', dc<T>' if self.n_states == 2 else ''}]; got "
                                 f"{type(dy).__name__} of length {len(dy) if isinstance(dy, (list, tuple)) else 1}. "
                                 "Pass zeros for outputs you did not use.")
            dy, *d_last = dy
        else:
            d_last = [None] * self.n_states
        da = self._upstream(dy, a_shape, d_last[0])
        dx, d_states = self._backward_core(da, d_last[1:], core)
        grads = [dx, *(d_states if state_given else []), *([None] if mask_given else [])]
        return dx if len(grads) == 1 else grads

    def _check_initial_state(self, initial_state, x):
        """[a0] (LSTM: [a0, c0]) as arrays (N, H) of the layer's dtype; zeros when None."""
        N, H, k = x.shape[0], self.units, self.n_states
        if initial_state is None:
            zeros = xp.zeros((N, H), dtype=x.dtype)
            return [zeros] * k
        names = "[a0, c0]" if k == 2 else "[a0]"
        if not isinstance(initial_state, (list, tuple)) or len(initial_state) != k:
            got = (f"a list of {len(initial_state)}" if isinstance(initial_state, (list, tuple))
                   else f"a {type(initial_state).__name__}")
            raise ValueError(f"{self!r} expects initial_state={names}, a list of {k} array(s) of "
                             f"shape (N, {H}); got {got}. Wrap a single state in a list: "
                             f"initial_state=[a0].")
        states = []
        for i, s in enumerate(initial_state):
            shape = tuple(getattr(s, "shape", ()))
            if shape != (N, H):
                raise ValueError(f"{self!r}: initial_state[{i}] must have shape (N, H) = ({N}, {H}) "
                                 f"for inputs {tuple(x.shape)}; got {shape}. Each state has one row "
                                 f"per example and units={H} columns.")
            states.append(xp.asarray(s).astype(x.dtype, copy=False))
        return states

    def _check_mask(self, mask, x):
        """A bool mask (N, T) matching x, or None; an all-True mask is dropped (nothing to skip)."""
        if mask is None:
            return None
        mask = xp.asarray(mask)
        if mask.shape != x.shape[:2] or mask.dtype.kind not in "biu":
            raise ValueError(f"{self!r} expects mask as a bool array (N, T) = {tuple(x.shape[:2])} "
                             f"for inputs {tuple(x.shape)} (True on real steps); got shape "
                             f"{tuple(mask.shape)}, dtype {mask.dtype}. Use ids != 0 for padded "
                             "token ids, or Embedding(mask_zero=True).compute_mask(ids).")
        mask = mask.astype(bool, copy=False)
        return None if mask.all() else mask

    def _shape_message(self, per_example):
        return (f"{type(self).__name__} expects sequences of shape (N, T, D), batch first; got "
                f"per-example shape {tuple(per_example)}. For one feature per step use "
                "x[..., None]; for token ids (N, T) put an Embedding layer first.")

    def _output(self, a):
        return a if self.return_sequences else a[:, -1]

    def _upstream(self, dy, a_shape, da_last=None):
        """dJ/da<t> for all t (N, T, H): dy itself, or dy at the last step and zeros before;
        plus da<T> from the returned state, if any."""
        if self.return_sequences:
            if da_last is None:
                return dy
            da = dy.copy()                               # never write into the caller's dy
            da[:, -1] += da_last
            return da
        da = xp.zeros(a_shape, dtype=self.dtype)
        da[:, -1] = dy if da_last is None else dy + da_last
        return da

    def get_config(self):
        return {"units": self.units, "return_sequences": self.return_sequences,
                "kernel_init": self.kernel_init if isinstance(self.kernel_init, str) else "custom",
                "recurrent_init": self.recurrent_init if isinstance(self.recurrent_init, str) else "custom",
                "input_dim": self.input_dim, "name": self.name, "return_state": self.return_state}
