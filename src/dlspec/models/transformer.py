"""The course's transformer (course 5, week 4): ``Encoder``, ``Decoder`` and ``Transformer``."""
from __future__ import annotations

import math

from .. import ops
from ..backend import xp
from ..functional.masks import create_look_ahead_mask, create_padding_mask
from ..functional.positional import positional_encoding
from ..nn.dense import Dense
from ..nn.dropout import Dropout
from ..nn.embedding import Embedding
from ..nn.layer import Layer
from ..nn.transformer import DecoderLayer, EncoderLayer


class _Stack(Layer):
    """Embedding * sqrt(d_model) + positional encoding, dropout, then ``num_layers`` blocks."""

    block = None          # EncoderLayer or DecoderLayer
    input_dtype = "int64"

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, vocab_size,
                 maximum_position_encoding, dropout_rate=0.1, layernorm_eps=1e-6, key_dim=None,
                 name=None):
        super().__init__(name)
        if isinstance(num_layers, bool) or not isinstance(num_layers, int) or num_layers < 1:
            raise ValueError(f"{type(self).__name__}(num_layers) expects a positive int; got {num_layers!r}.")
        self.num_layers, self.embedding_dim = num_layers, embedding_dim
        self.num_heads, self.fully_connected_dim = num_heads, fully_connected_dim
        self.vocab_size, self.maximum_position_encoding = vocab_size, maximum_position_encoding
        self.dropout_rate, self.layernorm_eps, self.key_dim = dropout_rate, layernorm_eps, key_dim
        # float64, cast to the model's dtype where it is added: a float64 model gets the full table
        self.pos_encoding = positional_encoding(maximum_position_encoding, embedding_dim, dtype="float64")
        self.embedding = Embedding(vocab_size, embedding_dim, init="xavier")
        self.dropout = Dropout(rate=dropout_rate)

    def _blocks(self):
        return [self.block(self.embedding_dim, self.num_heads, self.fully_connected_dim,
                           self.dropout_rate, self.layernorm_eps, self.key_dim)
                for _ in range(self.num_layers)]

    def output_shape(self, input_shape):
        return (*input_shape, self.embedding_dim)

    def call_output_shape(self, x, *args, **kwargs):
        return (*x, self.embedding_dim)

    def _embed(self, x, training):
        """dropout(Embedding(ids) sqrt(d_model) + PE[:T]) for ids (N, T)."""
        if len(x.shape) != 1:
            raise ValueError(f"{type(self).__name__} expects token ids of shape (N, T); got "
                             f"(N, {', '.join(map(str, x.shape))}).")
        seq_len = ops.shape(x)[1]
        if seq_len is not None and seq_len > self.maximum_position_encoding:
            raise ValueError(f"{type(self).__name__}: sequences of length {seq_len} are longer than "
                             f"maximum_position_encoding={self.maximum_position_encoding}; "
                             "create it with a larger maximum, or cut the sequences.")
        x = self.embedding(x) * math.sqrt(self.embedding_dim)
        x = x + self.pos_encoding[:, :seq_len, :]
        return self.dropout(x, training=training)

    def get_config(self):
        return {"num_layers": self.num_layers, "embedding_dim": self.embedding_dim,
                "num_heads": self.num_heads, "fully_connected_dim": self.fully_connected_dim,
                "vocab_size": self.vocab_size,
                "maximum_position_encoding": self.maximum_position_encoding,
                "dropout_rate": self.dropout_rate, "layernorm_eps": self.layernorm_eps,
                "key_dim": self.key_dim, "name": self.name}


class Encoder(_Stack):
    """The course's ``Encoder``: token ids (N, Tx) -> encodings (N, Tx, d_model).

    Notes
    -----
    x = dropout(Embedding(ids) sqrt(d_model) + PE[:Tx]), then ``num_layers`` EncoderLayers
    (``enc_layers``) with the padding ``mask`` ((N, 1, Tx), (N, Tx) or None). ``vocab_size``
    is the course's ``input_vocab_size``. Backward returns None for the ids (and the mask).

    Examples
    --------
    >>> import numpy as np
    >>> Encoder(2, 8, 2, 16, vocab_size=10, maximum_position_encoding=20).forward(
    ...     np.array([[1, 2, 3, 0]])).shape
    (1, 4, 8)
    """

    block = EncoderLayer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.enc_layers = self._blocks()

    def call(self, x, training=False, mask=None):
        x = self._embed(x, training)
        for enc_layer in self.enc_layers:
            x = enc_layer(x, training, mask)
        return x


class Decoder(_Stack):
    """The course's ``Decoder``: target ids (N, Ty) and the encoder's output -> (N, Ty, d_model).

    Attributes
    ----------
    attention_weights : dict after each forward, the course's keys
        ``"decoder_layer{i}_block1_self_att"`` (N, h, Ty, Ty) and
        ``"decoder_layer{i}_block2_decenc_att"`` (N, h, Ty, Tx).

    Notes
    -----
    x = dropout(Embedding(ids) sqrt(d_model) + PE[:Ty]), then ``num_layers`` DecoderLayers
    (``dec_layers``), each attending to ``enc_output`` (N, Tx, d_model). Backward returns
    [None, d_enc_output] (and None per mask): the encoder's gradient summed over the layers.
    """

    block = DecoderLayer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dec_layers = self._blocks()

    def call(self, x, enc_output, training=False, look_ahead_mask=None, padding_mask=None):
        x = self._embed(x, training)
        for dec_layer in self.dec_layers:
            x = dec_layer(x, enc_output, training, look_ahead_mask, padding_mask)
        return x

    def example_inputs(self, input_shape):
        T = input_shape[0] or 1
        return xp.zeros((1, T), dtype=xp.int64), xp.zeros((1, 1, self.embedding_dim), dtype=self.dtype)

    @property
    def attention_weights(self):
        weights = {}
        for i, layer in enumerate(self.dec_layers, start=1):
            w = layer.attention_weights
            if w:
                weights[f"decoder_layer{i}_block1_self_att"] = w["block1"]
                weights[f"decoder_layer{i}_block2_decenc_att"] = w["block2"]
        return weights


class Transformer(Layer):
    """The course's ``Transformer``: Encoder, Decoder and a final Dense to the target vocabulary.

    Parameters
    ----------
    num_layers, embedding_dim, num_heads, fully_connected_dim : as ``EncoderLayer``.
    input_vocab_size, target_vocab_size : int.
    max_positional_encoding_input, max_positional_encoding_target : int, the longest Tx, Ty.
    dropout_rate, layernorm_eps, key_dim : as ``EncoderLayer``.
    pad_id : int or None
        The padding id of both vocabularies: masks not given are made from the ids (a padding
        mask on the source, the look-ahead mask on the target). None: no automatic masks.

    Notes
    -----
    ``forward(input_sentence, output_sentence, training, enc_padding_mask, look_ahead_mask,
    dec_padding_mask)`` as the course; also ``forward([input_sentence, output_sentence])``,
    the form to use in a functional ``Model``. Returns the logits (N, Ty, target_vocab_size):
    the course ends with a softmax, dlspec's ``sequence_crossentropy`` takes the logits (a
    stable log-softmax). ``decoder.attention_weights`` holds the maps of the last forward.

    Examples
    --------
    >>> import numpy as np
    >>> t = Transformer(1, 8, 2, 16, 12, 9, 10, 10)
    >>> t.forward(np.array([[3, 4, 0]]), np.array([[1, 5]])).shape
    (1, 2, 9)
    """

    def __init__(self, num_layers, embedding_dim, num_heads, fully_connected_dim, input_vocab_size,
                 target_vocab_size, max_positional_encoding_input, max_positional_encoding_target,
                 dropout_rate=0.1, layernorm_eps=1e-6, key_dim=None, pad_id: int | None = 0,
                 name=None):
        super().__init__(name)
        self.config = {"num_layers": num_layers, "embedding_dim": embedding_dim,
                       "num_heads": num_heads, "fully_connected_dim": fully_connected_dim,
                       "input_vocab_size": input_vocab_size, "target_vocab_size": target_vocab_size,
                       "max_positional_encoding_input": max_positional_encoding_input,
                       "max_positional_encoding_target": max_positional_encoding_target,
                       "dropout_rate": dropout_rate, "layernorm_eps": layernorm_eps,
                       "key_dim": key_dim, "pad_id": pad_id}
        self.pad_id = pad_id
        common = (num_layers, embedding_dim, num_heads, fully_connected_dim)
        rest = (dropout_rate, layernorm_eps, key_dim)
        self.encoder = Encoder(*common, input_vocab_size, max_positional_encoding_input, *rest)
        self.decoder = Decoder(*common, target_vocab_size, max_positional_encoding_target, *rest)
        self.final_layer = Dense(target_vocab_size, init="glorot")

    input_dtype = "int64"

    def output_shape(self, input_shape):
        if not (isinstance(input_shape, (list, tuple)) and len(input_shape) == 2
                and isinstance(input_shape[0], (list, tuple))):
            raise ValueError("In a functional Model call the Transformer on a list: "
                             "transformer([input_ids, target_ids]).")
        return (*tuple(input_shape[1]), self.config["target_vocab_size"])

    def call_output_shape(self, input_sentence, output_sentence=None, *args, **kwargs):
        return self.output_shape([input_sentence, output_sentence] if output_sentence is not None
                                 else input_sentence)

    def call(self, input_sentence, output_sentence=None, training=False, enc_padding_mask=None,
             look_ahead_mask=None, dec_padding_mask=None):
        """Logits (N, Ty, target_vocab_size) for source ids (N, Tx) and target ids (N, Ty)."""
        if output_sentence is None:
            if not (isinstance(input_sentence, (list, tuple)) and len(input_sentence) == 2):
                raise ValueError("Transformer expects (input_sentence, output_sentence) or a list "
                                 "[input_sentence, output_sentence] of token ids.")
            input_sentence, output_sentence = input_sentence
        if self.pad_id is not None:      # masks not given: made from the ids, as the course does
            if enc_padding_mask is None:
                enc_padding_mask = ops.not_equal(input_sentence, self.pad_id)[:, None, :]   # (N, 1, Tx)
            if dec_padding_mask is None:
                dec_padding_mask = enc_padding_mask
            if look_ahead_mask is None:
                look_ahead_mask = create_look_ahead_mask(ops.shape(output_sentence)[1], bool)
        enc_output = self.encoder(input_sentence, training, enc_padding_mask)
        dec_output = self.decoder(output_sentence, enc_output, training, look_ahead_mask, dec_padding_mask)
        return self.final_layer(dec_output)

    def step_function(self, input_sentence):
        """A one-step decoder for ``dlspec.decoding``: encodes ``input_sentence`` (N, Tx) once
        and returns ``step(tokens (B, t), index (B,)) -> log-probabilities (B, V)`` of the next
        target token (inference mode; the decoder re-reads the prefix at every step)."""
        from ..decoding import log_softmax_last
        inp = xp.asarray(input_sentence).astype(xp.int64)
        mask = create_padding_mask(inp, self.pad_id, bool) if self.pad_id is not None else None
        enc = self.encoder.forward(inp, mask=mask)
        final = self.final_layer

        def step(tokens, index):
            look = create_look_ahead_mask(tokens.shape[1], bool)
            dec = self.decoder.forward(tokens, enc[index], look_ahead_mask=look,
                                       padding_mask=None if mask is None else mask[index])
            return log_softmax_last(final.forward(dec[:, -1:])[:, 0])
        return step

    def get_config(self):
        return {**self.config, "name": self.name}
