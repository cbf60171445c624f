"""Positional encoding (the course's numbers), masks, scaled dot-product attention, layer norm."""
import numpy as np
import pytest
import torch

from dlspec.functional.attention import (scaled_dot_product_attention,
                                         scaled_dot_product_attention_backward,
                                         scaled_dot_product_attention_forward)
from dlspec.functional.layernorm import layer_norm_backward, layer_norm_forward
from dlspec.functional.masks import combine_masks, create_look_ahead_mask, create_padding_mask
from dlspec.functional.positional import get_angles, positional_encoding
from dlspec.gradcheck import check_gradients


def test_get_angles_replays_the_course():
    angles = get_angles(np.arange(4)[:, None], np.arange(8)[None, :], 8)
    assert angles.shape == (4, 8)
    np.testing.assert_allclose(angles[:, 0], angles[:, 1])          # k and k+1 share 2i
    np.testing.assert_allclose(angles[3], 3 / np.power(10000, 2 * (np.arange(8) // 2) / 8))
    np.testing.assert_allclose(angles[1, [0, 2, 4, 6]], [1, 0.1, 0.01, 0.001])


def test_positional_encoding_replays_the_course():
    pe = positional_encoding(50, 512)
    assert pe.shape == (1, 50, 512) and pe.dtype == np.float32
    assert pe.min() >= -1 and pe.max() <= 1
    np.testing.assert_allclose(pe[0, :, 0], np.sin(np.arange(50)), atol=1e-6)   # dimension 2i=0
    np.testing.assert_allclose(pe[0, :, 1], np.cos(np.arange(50)), atol=1e-6)
    np.testing.assert_allclose(pe[0, 0, 1::2], 1) and np.testing.assert_allclose(pe[0, 0, 0::2], 0)
    # The course: the norm of each position's encoding with d = 100 is sqrt(50) = 7.071068.
    assert round(float(np.linalg.norm(positional_encoding(50, 100)[0, 34])), 6) == 7.071068


def test_positional_encoding_rejects_bad_sizes():
    with pytest.raises(ValueError, match="positive ints"):
        positional_encoding(0, 8)


def test_masks_in_the_course_convention():
    ids = np.array([[7, 6, 0, 0, 1], [1, 2, 3, 0, 0], [0, 0, 0, 4, 5]])
    m = create_padding_mask(ids)
    assert m.shape == (3, 1, 5) and m.dtype == np.float32
    assert m[0, 0].tolist() == [1, 1, 0, 0, 1]
    la = create_look_ahead_mask(3)
    assert la.tolist() == [[[1, 0, 0], [1, 1, 0], [1, 1, 1]]]
    both = combine_masks(m[:, :, :3], la)
    assert both.shape == (3, 3, 3) and both.dtype == bool and not both[2].any()
    with pytest.raises(ValueError, match=r"\(N, T\)"):
        create_padding_mask(np.zeros(3, dtype=int))


def _qkv(rng, lead=(2, 3), tq=4, tk=5, dk=6, dv=7):
    return (rng.standard_normal((*lead, tq, dk)), rng.standard_normal((*lead, tk, dk)),
            rng.standard_normal((*lead, tk, dv)))


@pytest.mark.parametrize("mask_kind", [None, "course", "bool", "dropout"])
def test_attention_gradcheck(mask_kind):
    rng = np.random.default_rng(0)
    q, k, v = _qkv(rng)
    mask = drop = None
    if mask_kind == "course":
        mask = create_padding_mask(np.array([[1, 2, 3, 0, 0], [4, 5, 0, 0, 0]]), dtype="float64")[:, None]
    elif mask_kind == "bool":
        mask = rng.random((2, 3, 4, 5)) < 0.7
        mask[..., 0] = True
    elif mask_kind == "dropout":
        drop = (rng.random((2, 3, 4, 5)) < 0.8) / 0.8
    g, gw = rng.standard_normal((2, 3, 4, 7)), rng.standard_normal((2, 3, 4, 5))

    def cost():
        out, w, _ = scaled_dot_product_attention_forward(q, k, v, mask, drop)
        return float((out * g).sum() + (w * gw).sum())

    _, _, cache = scaled_dot_product_attention_forward(q, k, v, mask, drop)
    dq, dk, dv = scaled_dot_product_attention_backward(g, cache, gw)
    check_gradients(cost, {"q": q, "k": k, "v": v}, {"q": dq, "k": dk, "v": dv}).raise_if_failed()


def test_attention_matches_torch_sdpa_and_masks_block():
    rng = np.random.default_rng(1)
    q, k, v = _qkv(rng)
    causal = np.tril(np.ones((4, 5), dtype=bool))
    out, w = scaled_dot_product_attention(q, k, v, causal)
    ref = torch.nn.functional.scaled_dot_product_attention(
        *(torch.tensor(a) for a in (q, k, v)), attn_mask=torch.tensor(causal))
    np.testing.assert_allclose(out, ref.numpy(), rtol=1e-10, atol=1e-12)
    assert (w[..., ~causal] == 0).all()
    with pytest.raises(ValueError, match="does not broadcast"):
        scaled_dot_product_attention(q, k, v, np.ones((3, 5), dtype=bool))


def test_layer_norm_gradcheck():
    rng = np.random.default_rng(2)
    x, gamma, beta = rng.standard_normal((3, 4, 5)), rng.standard_normal(5), rng.standard_normal(5)
    g = rng.standard_normal(x.shape)
    cost = lambda: float((layer_norm_forward(x, gamma, beta)[0] * g).sum())
    dx, dgamma, dbeta = layer_norm_backward(g, layer_norm_forward(x, gamma, beta)[1])
    check_gradients(cost, {"x": x, "gamma": gamma, "beta": beta},
                    {"x": dx, "gamma": dgamma, "beta": dbeta}).raise_if_failed()
