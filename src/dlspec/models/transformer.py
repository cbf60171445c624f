"""The course's transformer (course 5, week 4): ``Encoder``, ``Decoder`` and ``Transformer``."""
from __future__ import annotations

import math

from ..backend import xp
from ..functional.masks import create_look_ahead_mask, create_padding_mask
from ..functional.positional import positional_encoding
from ..nn.composite import Composite
from ..nn.dense import Dense
from ..nn.dropout import Dropout
from ..nn.embedding import Embedding
from ..nn.transformer import DecoderLayer, EncoderLayer


class _Stack(Composite):
    """Embedding * sqrt(d_model) + positional encoding, dropout, then ``num_layers`` blocks."""

    block = None          # EncoderLayer or DecoderLayer
    prefix = ""

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
        self.children = {"embedding": Embedding(vocab_size, embedding_dim, init="xavier"),
                         "dropout": Dropout(1.0 - dropout_rate)}
        for i in range(1, num_layers + 1):
            self.children[f"{self.prefix}{i}"] = self.block(
                embedding_dim, num_heads, fully_connected_dim, dropout_rate, layernorm_eps, key_dim)

    def _build(self, input_shape, rng, dtype):
        d = self.embedding_dim          # T = None: any length up to maximum_position_encoding
        self._build_children({k: (None,) if k == "embedding" else (None, d) for k in self.children},
                             rng, dtype)

    def output_shape(self, input_shape):
        return (*input_shape, self.embedding_dim)

    def _embed(self, x, training):
        x = xp.asarray(x)
        if x.ndim != 2:
            raise ValueError(f"{type(self).__name__} expects token ids of shape (N, T); got {x.shape}.")
        T = x.shape[1]
        if T > self.maximum_position_encoding:
            raise ValueError(f"{type(self).__name__}: sequences of length {T} are longer than "
                             f"maximum_position_encoding={self.maximum_position_encoding}; "
                             "create it with a larger maximum, or cut the sequences.")
        if not self.built:
            self.build(x.shape[1:])
        self._begin()
        e = self.call("embedding", x, training=training)
        e *= e.dtype.type(math.sqrt(self.embedding_dim))
        e += self.pos_encoding[:, :T].astype(e.dtype)
        return self.call("dropout", e, training=training)

    def _unembed(self, dy):
        dy = self.back("dropout", dy) * dy.dtype.type(math.sqrt(self.embedding_dim))
        self.back("embedding", dy)

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
    with the padding ``mask`` ((N, 1, Tx), (N, Tx) or None). ``vocab_size`` is the course's
    ``input_vocab_size``. Backward returns None for the ids (and the mask).

    Examples
    --------
    >>> import numpy as np
    >>> Encoder(2, 8, 2, 16, vocab_size=10, maximum_position_encoding=20).forward(
    ...     np.array([[1, 2, 3, 0]])).shape
    (1, 4, 8)
    """

    block, prefix = EncoderLayer, "enc_layer"

    def forward(self, x, training: bool = False, mask=None):
        h = self._embed(x, training)
        for i in range(1, self.num_layers + 1):
            h = self.call(f"enc_layer{i}", h, training=training, mask=mask)
        self._cache = (self._calls, mask is not None)
        return h

    def _backward(self, dy, cache):
        for i in range(self.num_layers, 0, -1):
            dy = self.back(f"enc_layer{i}", dy)
            dy = dy[0] if isinstance(dy, list) else dy
        self._unembed(dy)
        return [None, None] if cache[1] else None


class Decoder(_Stack):
    """The course's ``Decoder``: target ids (N, Ty) and the encoder's output -> (N, Ty, d_model).

    Attributes
    ----------
    attention_weights : dict after each forward, the course's keys
        ``"decoder_layer{i}_block1_self_att"`` (N, h, Ty, Ty) and
        ``"decoder_layer{i}_block2_decenc_att"`` (N, h, Ty, Tx).

    Notes
    -----
    x = dropout(Embedding(ids) sqrt(d_model) + PE[:Ty]), then ``num_layers`` DecoderLayers,
    each attending to ``enc_output`` (N, Tx, d_model). Backward returns [None, d_enc_output]
    (and None per mask): the encoder's gradient summed over the layers.
    """

    block, prefix = DecoderLayer, "dec_layer"

    def forward(self, x, enc_output, training: bool = False, look_ahead_mask=None,
                padding_mask=None):
        h = self._embed(x, training)
        self.attention_weights = {}
        for i in range(1, self.num_layers + 1):
            h = self.call(f"dec_layer{i}", h, enc_output, training=training,
                          look_ahead_mask=look_ahead_mask, padding_mask=padding_mask)
            w = self.children[f"dec_layer{i}"].attention_weights
            self.attention_weights[f"decoder_layer{i}_block1_self_att"] = w["block1"]
            self.attention_weights[f"decoder_layer{i}_block2_decenc_att"] = w["block2"]
        self._cache = (self._calls, [m is not None for m in (look_ahead_mask, padding_mask)])
        return h

    def _backward(self, dy, cache):
        d_enc = 0
        for i in range(self.num_layers, 0, -1):
            g = self.back(f"dec_layer{i}", dy)
            dy, d_enc = g[0], d_enc + g[1]
        self._unembed(dy)
        return [None, d_enc] + [None for given in cache[1] if given]


class Transformer(Composite):
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
        self.children = {"encoder": self.encoder, "decoder": self.decoder,
                         "final_layer": Dense(target_vocab_size, init="glorot")}

    def _build(self, input_shape, rng, dtype):
        shapes = input_shape if isinstance(input_shape, (list, tuple)) and input_shape \
            and isinstance(input_shape[0], (list, tuple)) else [input_shape, (None,)]
        d = self.config["embedding_dim"]
        self._build_children({"encoder": tuple(shapes[0]), "decoder": tuple(shapes[1]),
                              "final_layer": (None, d)}, rng, dtype)

    def output_shape(self, input_shape):
        if not (isinstance(input_shape, (list, tuple)) and len(input_shape) == 2
                and isinstance(input_shape[0], (list, tuple))):
            raise ValueError("In a functional Model call the Transformer on a list: "
                             "transformer([input_ids, target_ids]).")
        return (*tuple(input_shape[1]), self.config["target_vocab_size"])

    def forward(self, input_sentence, output_sentence=None, training: bool = False,
                enc_padding_mask=None, look_ahead_mask=None, dec_padding_mask=None):
        """Logits (N, Ty, target_vocab_size) for source ids (N, Tx) and target ids (N, Ty)."""
        packed = output_sentence is None
        if packed:
            if not (isinstance(input_sentence, (list, tuple)) and len(input_sentence) == 2):
                raise ValueError("Transformer.forward expects (input_sentence, output_sentence) "
                                 "or a list [input_sentence, output_sentence] of token ids.")
            input_sentence, output_sentence = input_sentence
        inp, tar = xp.asarray(input_sentence), xp.asarray(output_sentence)
        if not self.built:
            self.build([inp.shape[1:], tar.shape[1:]])
        given = [m is not None for m in (enc_padding_mask, look_ahead_mask, dec_padding_mask)]
        if self.pad_id is not None:
            if enc_padding_mask is None:
                enc_padding_mask = create_padding_mask(inp.astype(xp.int64), self.pad_id, bool)
            if dec_padding_mask is None:
                dec_padding_mask = enc_padding_mask
            if look_ahead_mask is None:
                look_ahead_mask = create_look_ahead_mask(tar.shape[1], bool)
        self._begin()
        enc = self.call("encoder", inp, training=training, mask=enc_padding_mask)
        dec = self.call("decoder", tar, enc, training=training, look_ahead_mask=look_ahead_mask,
                        padding_mask=dec_padding_mask)
        logits = self.call("final_layer", dec, training=training)
        self._cache = (self._calls, (packed, given, enc_padding_mask is not None))
        return logits

    def _backward(self, dlogits, cache):
        packed, given, enc_masked = cache[1]
        d_dec = self.back("final_layer", dlogits)
        d_enc = self.back("decoder", d_dec)[1]
        self.back("encoder", d_enc)
        return [None, None] + [None for g in given if g]

    def step_function(self, input_sentence):
        """A one-step decoder for ``dlspec.decoding``: encodes ``input_sentence`` (N, Tx) once
        and returns ``step(tokens (B, t), index (B,)) -> log-probabilities (B, V)`` of the next
        target token (inference mode; the decoder re-reads the prefix at every step)."""
        from ..decoding import log_softmax_last
        inp = xp.asarray(input_sentence).astype(xp.int64)
        mask = create_padding_mask(inp, self.pad_id, bool) if self.pad_id is not None else None
        enc = self.encoder.forward(inp, mask=mask)
        final = self.children["final_layer"]

        def step(tokens, index):
            look = create_look_ahead_mask(tokens.shape[1], bool)
            dec = self.decoder.forward(tokens, enc[index], look_ahead_mask=look,
                                       padding_mask=None if mask is None else mask[index])
            return log_softmax_last(final.forward(dec[:, -1:])[:, 0])
        return step

    def get_config(self):
        return {**self.config, "name": self.name}
