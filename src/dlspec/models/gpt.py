"""A decoder-only transformer language model (GPT-style) from the course's blocks."""
from __future__ import annotations

from ..backend import xp
from ..functional.masks import create_look_ahead_mask
from ..nn.composite import Composite
from ..nn.dense import Dense
from .transformer import Encoder


class GPT(Composite):
    """Next-token logits from token ids with causal self-attention: ids (N, T) -> (N, T, V).

    Parameters
    ----------
    num_layers, embedding_dim, num_heads, fully_connected_dim : as ``EncoderLayer``.
    vocab_size : int, V.
    maximum_position_encoding : int, the longest T.
    dropout_rate, layernorm_eps : as ``EncoderLayer``.

    Notes
    -----
    The course's ``Encoder`` (embedding * sqrt(d_model) + positional encoding, post-norm
    ``EncoderLayer`` blocks) run with the look-ahead mask, so position t sees tokens <= t
    only, then a Dense to V logits: a decoder-only transformer (a decoder without the
    encoder-decoder attention). Train with ``sequence_crossentropy`` on the ids shifted
    by one; sample with ``dlspec.decoding``.

    Examples
    --------
    >>> import numpy as np
    >>> GPT(1, 8, 2, 16, vocab_size=27, maximum_position_encoding=12).forward(
    ...     np.array([[0, 5, 6]])).shape
    (1, 3, 27)
    """

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6, name=None):
        super().__init__(name)
        self.config = {"num_layers": num_layers, "embedding_dim": embedding_dim,
                       "num_heads": num_heads, "fully_connected_dim": fully_connected_dim,
                       "vocab_size": vocab_size, "maximum_position_encoding": maximum_position_encoding,
                       "dropout_rate": dropout_rate, "layernorm_eps": layernorm_eps}
        self.children = {"decoder": Encoder(num_layers, embedding_dim, num_heads, fully_connected_dim,
                                            vocab_size, maximum_position_encoding, dropout_rate,
                                            layernorm_eps),
                         "final_layer": Dense(vocab_size, init="glorot")}

    def _build(self, input_shape, rng, dtype):
        self._build_children({"decoder": (None,), "final_layer": (None, self.config["embedding_dim"])},
                             rng, dtype)

    def output_shape(self, input_shape):
        return (*input_shape, self.config["vocab_size"])

    def forward(self, x, training: bool = False):
        x = xp.asarray(x)
        if not self.built:
            self.build(x.shape[1:])
        self._begin()
        mask = create_look_ahead_mask(x.shape[1], bool) if x.ndim == 2 else None
        h = self.call("decoder", x, training=training, mask=mask)
        self._cache = (self._calls, None)
        return self.call("final_layer", h, training=training)

    def _backward(self, dlogits, cache):
        self.back("decoder", self.back("final_layer", dlogits))
        return None

    def get_config(self):
        return {**self.config, "name": self.name}
