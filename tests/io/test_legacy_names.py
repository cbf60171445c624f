"""Files saved while the transformer's layers were Composites (names ``encoder_enc_layer1_mha_Wq``)
load into today's subclassed layers (``encoder.enc_layers.0.mha.Wq``) through the key map.

The two model files in ``data/`` were written by dlspec before issue 23 (a 2-layer Transformer
and a GPT in functional models, float64, one Adam step each) with the predictions they gave.
"""
from pathlib import Path

import numpy as np

import dlspec
from dlspec.io.legacy_names import rename, translate
from dlspec.models.gpt import GPT
from dlspec.models.transformer import Transformer

DATA = Path(__file__).parent / "data"


def test_translate_follows_the_documented_table():
    assert translate("transformer.encoder_enc_layer2_mha_Wq") == "transformer.encoder.enc_layers.1.mha.Wq"
    assert translate("gpt.decoder_embedding_E") == "gpt.decoder.embedding.E"
    assert translate("decoderlayer.mha2_bo") == "decoderlayer.mha2.bo"
    assert translate("t.decoder_dec_layer1_dropout_ffn_step") == "t.decoder.dec_layers.0.dropout_ffn.step"
    assert rename({"embedding_1.E": 1}, {"embedding_1.E"}) == {"embedding_1.E": 1}   # today's names stay


def test_composite_era_files_load_with_the_same_predictions_and_optimizer_state():
    expected = np.load(DATA / "composite_names_expected.npz")
    model = dlspec.load_model(DATA / "transformer_composite_names.npz",
                              custom_objects={"Transformer": Transformer})
    assert "transformer.encoder.enc_layers.1.mha.Wq" in model.params
    np.testing.assert_allclose(model.predict([expected["src"], expected["tar"]]), expected["transformer"],
                               rtol=1e-12, atol=1e-12)
    assert set(model.optimizer.slots) <= set(model.params) and len(model.optimizer.slots) == len(model.params)
    gpt = dlspec.load_model(DATA / "gpt_composite_names.npz", custom_objects={"GPT": GPT})
    np.testing.assert_allclose(gpt.predict(expected["src"]), expected["gpt"], rtol=1e-12, atol=1e-12)
