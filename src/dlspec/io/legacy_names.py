"""Weight names of the retired ``Composite`` layers, mapped to today's attribute paths.

Until issue 23 the transformer's layers were composites whose parameters were named
``<child>_<key>``, nested with underscores (``encoder_enc_layer1_mha_Wq``). They are now
subclassed layers whose parameters follow attribute paths joined with "."
(``encoder.enc_layers.0.mha.Wq``); ``load_state_dict`` (model files, checkpoints,
``load_weights``) and optimizer state take the old names through this map:

=================================  ==============================================
old (Composite)                    new (attribute path)
=================================  ==============================================
``mha_Wq``, ``mha1_bq``, ``mha2_Wo``  ``mha.Wq``, ``mha1.bq``, ``mha2.Wo``
``ffn1_W``, ``layernorm2_gamma``   ``ffn1.W``, ``layernorm2.gamma``
``dropout_ffn_step``               ``dropout_ffn.step``
``embedding_E``                    ``embedding.E``
``enc_layer3_...``                 ``enc_layers.2. ...`` (numbered from 0)
``dec_layer1_...``                 ``dec_layers.0. ...``
``encoder_...``, ``decoder_...``   ``encoder. ...``, ``decoder. ...`` (Transformer, GPT)
``final_layer_W``                  ``final_layer.W``
=================================  ==============================================

A name is translated only when the model has no tensor of that name and has one of the
translated name, so today's names (``embedding_1.E``) are never touched.
"""
from __future__ import annotations

import re

_BLOCKS = re.compile(r"(?<![A-Za-z0-9])(enc_layer|dec_layer)(\d+)_")
_CHILDREN = re.compile(r"(?<![A-Za-z0-9])(encoder|decoder|final_layer|embedding|mha1|mha2|mha|ffn1|ffn2"
                       r"|layernorm\d+|dropout_ffn|dropout)_")


def translate(name: str) -> str:
    """The attribute-path name of a Composite-era weight name (others come back unchanged)."""
    name = _BLOCKS.sub(lambda m: f"{m.group(1)}s.{int(m.group(2)) - 1}.", name)
    return _CHILDREN.sub(r"\1.", name)


def rename(weights: dict, targets) -> dict:
    """``weights`` with Composite-era names renamed where only the new name is a target."""
    out = {}
    for name, value in weights.items():
        new = translate(name) if name not in targets else name
        out[new if new in targets else name] = value
    return out
