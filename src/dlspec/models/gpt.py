"""A decoder-only transformer language model (GPT-style) from the course's blocks."""
from __future__ import annotations

from .. import ops
from ..functional.masks import create_look_ahead_mask
from ..nn.dense import Dense
from ..nn.layer import Layer
from .transformer import Encoder


class GPT(Layer):
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
        self.decoder = Encoder(num_layers, embedding_dim, num_heads, fully_connected_dim,
                               vocab_size, maximum_position_encoding, dropout_rate, layernorm_eps)
        self.final_layer = Dense(vocab_size, init="glorot")

    input_dtype = "int64"

    def output_shape(self, input_shape):
        return (*input_shape, self.config["vocab_size"])

    def call_output_shape(self, x, *args, **kwargs):
        return self.output_shape(x)

    def call(self, x, training=False):
        """Next-token logits (N, T, V) for ids (N, T): the encoder stack under a causal mask."""
        mask = create_look_ahead_mask(ops.shape(x)[1], bool)         # (1, T, T)
        return self.final_layer(self.decoder(x, training, mask))

    def get_config(self):
        return {**self.config, "name": self.name}
