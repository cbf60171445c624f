"""Embedding: integer token ids (N, T) -> vectors (N, T, emb_dim)."""
from __future__ import annotations

from .. import init as initializers
from ..backend import xp
from ..functional.embedding import embedding_backward, embedding_forward
from .. import initializers as keras_initializers
from .layer import Layer


class Embedding(Layer):
    """A learned lookup table: row w of E is the embedding e_w of token w.

    Parameters
    ----------
    input_dim : int
        V, the vocabulary size; ids must lie in [0, V).
    output_dim : int
        The embedding size (300 for the course's word vectors).
    init : str or callable
        Initializer of E (default "random": standard normal x 0.01).
    mask_zero : bool
        True: id 0 is padding. ``compute_mask(ids)`` then gives ``ids != 0``, which the
        functional API passes on to the recurrent layers downstream (they skip padded steps).

    Notes
    -----
    Input: integer ids of any shape (N, ...), usually (N, T); floats holding whole numbers are
    accepted too (``Model.predict`` converts inputs to floats). Output (N, ..., output_dim).
    Params: ``E`` (V, output_dim). Backward sums the gradient of every position into its row
    of dE (:mod:`dlspec.functional.embedding`) and returns None: ids have no gradient, so an
    Embedding must be the first layer of a model. Matches ``torch.nn.functional.embedding``.

    Examples
    --------
    >>> import numpy as np
    >>> Embedding(10, 4).forward(np.array([[1, 2, 3]])).shape
    (1, 3, 4)
    """

    def __init__(self, input_dim: int, output_dim: int, init="random", name: str | None = None,
                 mask_zero: bool = False, embeddings_initializer=None, input_length=None):
        super().__init__(name)
        for arg, value in (("input_dim", input_dim), ("output_dim", output_dim)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"Embedding({arg}) expects a positive integer; got {value!r}. "
                                 "Embedding(input_dim=vocabulary size, output_dim=vector size).")
        self.input_dim = input_dim
        self.output_dim = output_dim
        if not isinstance(mask_zero, bool):
            raise TypeError(f"Embedding(mask_zero) must be True or False; got {mask_zero!r}.")
        if embeddings_initializer is not None:      # Keras's spelling of init
            if init != "random":
                raise ValueError("Embedding: give init (dlspec's name) or embeddings_initializer "
                                 f"(Keras's), not both; got init={init!r}, "
                                 f"embeddings_initializer={embeddings_initializer!r}.")
            init = embeddings_initializer
        self.init = init
        self.mask_zero = mask_zero
        self.input_length = input_length    # Keras 2's argument: the sequences' length (checked by shape)
        self._initializer = keras_initializers.get(init)

    def _build(self, input_shape, rng, dtype):
        self.params["E"] = self._initializer((self.input_dim, self.output_dim), rng, dtype)

    def output_shape(self, input_shape):
        return (*input_shape, self.output_dim)

    def forward(self, x, training: bool = False):
        """Embeddings of the ids ``x`` (N, ...); the sequence length may vary between calls."""
        ids = self._check_ids(x)
        if not self.built:
            self.build(ids.shape[1:])
        y, self._cache = embedding_forward(ids, self.params["E"])
        return y

    def compute_mask(self, ids, mask=None):
        """``ids != 0`` as a bool mask (N, T) when mask_zero (id 0 pads), else None.

        In a model, the mask goes with the embeddings to the layers that use it (recurrent
        layers skip the padded steps), as in Keras."""
        if not self.mask_zero:
            return None
        return xp.asarray(ids) != 0

    def _check_ids(self, x):
        x = xp.asarray(x)
        if x.ndim < 1:
            raise ValueError(f"Embedding expects token ids of shape (N, T); got a scalar {x!r}.")
        if x.dtype.kind == "f":
            if not (xp.isfinite(x).all() and (x == xp.round(x)).all()):
                raise TypeError("Embedding expects integer token ids; got floats that are not whole "
                                "numbers. Map tokens to ids 0 ... V-1 first (for example with a "
                                "dict), and pass them as an int array.")
        elif x.dtype.kind == "b":
            raise TypeError("Embedding expects integer token ids; got booleans (True/False), which "
                            "would silently read as ids 1 and 0. Pass ids as an int array, for "
                            "example ids.astype('int64') if they really are 0/1 tokens.")
        elif x.dtype.kind not in "iu":
            raise TypeError(f"Embedding expects integer token ids; got dtype {x.dtype}.")
        ids = x.astype(xp.int64, copy=False)
        if ids.size and (ids.min() < 0 or ids.max() >= self.input_dim):
            raise ValueError(f"Embedding(input_dim={self.input_dim}) expects ids in [0, "
                             f"{self.input_dim - 1}]; got ids from {ids.min()} to {ids.max()}. "
                             "Increase input_dim to the vocabulary size, or map unknown tokens "
                             "to an <unk> id.")
        return ids

    def _backward(self, dy, cache):
        self.grads["E"] = embedding_backward(dy, cache)
        return None

    def get_config(self):
        init = self.init if isinstance(self.init, str) else "custom"
        return {"input_dim": self.input_dim, "output_dim": self.output_dim, "init": init,
                "name": self.name, "mask_zero": self.mask_zero}
