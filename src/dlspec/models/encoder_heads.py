"""A transformer encoder with a per-token head: the models of the course's two transformer labs.

The labs fine-tune DistilBERT with a head on every token: ``TFDistilBertForTokenClassification``
(a label per token, named-entity recognition) and ``TFDistilBertForQuestionAnswering`` (two
scores per token, the answer's start and end). Offline there is no pretrained DistilBERT,
so ``encoder_with_head`` builds the course's ``Encoder`` (week 4's assignment: embeddings
times sqrt(d_model) plus positional encodings, then encoder layers) with a ``Dense`` head
on each token, as a functional model of two inputs: token ids (N, T) and the padding mask
(N, 1, T) (1 for tokens, 0 for padding), to be trained from scratch.
"""
from __future__ import annotations

from ..backend import xp
from ..nn import Dense, Input
from .model import Model
from .transformer import Encoder


def encoder_with_head(num_outputs, vocab_size, max_length, num_layers=1, embedding_dim=64,
                      num_heads=4, fully_connected_dim=None, dropout_rate=0.1, seed=0):
    """Model([ids (N, T) int64, mask (N, 1, T)], logits (N, T, num_outputs)).

    Parameters
    ----------
    num_outputs : labels per token (NER: the tags; question answering: 2, start and end).
    vocab_size, max_length : the tokenizer's vocabulary and the sequence length T.
    num_layers, embedding_dim, num_heads, fully_connected_dim : the encoder's sizes
        (DistilBERT's: 6, 768, 12, 3072); ``fully_connected_dim`` defaults to 2 embedding_dim.
    dropout_rate : the encoder's dropout (DistilBERT's: 0.1).
    seed : initial weights.
    """
    ids = Input((max_length,), dtype="int64")
    mask = Input((1, max_length))
    encoder = Encoder(num_layers, embedding_dim, num_heads, fully_connected_dim or 2 * embedding_dim,
                      vocab_size, max_length, dropout_rate=dropout_rate)
    logits = Dense(num_outputs)(encoder(ids, mask=mask))
    return Model([ids, mask], logits, seed=seed, name="encoder_with_head")


def padding_mask(ids, pad_id=0):
    """(N, 1, T) float32: 1 for tokens, 0 for padding (the model's second input)."""
    return (xp.asarray(ids) != pad_id).astype(xp.float32)[:, None, :]
