"""Style transfer's costs against torch autograd, and the optimization of the image."""
import numpy as np
import pytest
import torch

from dlspec.applications.style import (STYLE_LAYERS, compute_content_cost, compute_layer_style_cost,
                                       compute_style_cost, content_cost_gradient, get_layer_outputs,
                                       gram_matrix, layer_style_cost_gradient, style_transfer, total_cost)
from dlspec.models import zoo

rng = np.random.default_rng(0)


def _torch_layer_style_cost(a_S, a_G):
    _, n_H, n_W, n_C = a_G.shape
    unroll = lambda a: a.reshape(n_H * n_W, n_C).T               # (n_C, n_H n_W)
    GS, GG = unroll(a_S) @ unroll(a_S).T, unroll(a_G) @ unroll(a_G).T
    return ((GS - GG) ** 2).sum() / (4 * n_C ** 2 * (n_H * n_W) ** 2)


def test_content_cost_and_gradient_match_torch():
    a_C, a_G = rng.standard_normal((1, 4, 3, 5)), rng.standard_normal((1, 4, 3, 5))
    tC, tG = torch.tensor(a_C), torch.tensor(a_G, requires_grad=True)
    J = ((tC - tG) ** 2).sum() / (4 * 4 * 3 * 5)
    J.backward()
    assert compute_content_cost([a_C], [a_G]) == pytest.approx(J.item(), rel=1e-12)
    np.testing.assert_allclose(content_cost_gradient(a_C, a_G), tG.grad.numpy(), rtol=1e-12)


def test_gram_matrix_is_the_channel_correlations():
    A = rng.standard_normal((3, 7))
    np.testing.assert_allclose(gram_matrix(A), (torch.tensor(A) @ torch.tensor(A).T).numpy())
    assert gram_matrix(A).shape == (3, 3)


def test_layer_style_cost_and_gradient_match_torch():
    a_S, a_G = rng.standard_normal((1, 5, 4, 3)), rng.standard_normal((1, 5, 4, 3))
    tG = torch.tensor(a_G, requires_grad=True)
    J = _torch_layer_style_cost(torch.tensor(a_S), tG)
    J.backward()
    assert compute_layer_style_cost(a_S, a_G) == pytest.approx(J.item(), rel=1e-12)
    np.testing.assert_allclose(layer_style_cost_gradient(a_S, a_G), tG.grad.numpy(), rtol=1e-10)


def test_weighted_style_cost_and_total_cost():
    layers = [("a", 0.3), ("b", 0.7)]
    S = [rng.standard_normal((1, 4, 4, 2)), rng.standard_normal((1, 2, 2, 3)), None]
    G = [rng.standard_normal((1, 4, 4, 2)), rng.standard_normal((1, 2, 2, 3)), None]
    expected = sum(w * _torch_layer_style_cost(torch.tensor(s), torch.tensor(g)).item()
                   for s, g, (_, w) in zip(S, G, layers))
    assert compute_style_cost(S, G, layers) == pytest.approx(expected, rel=1e-12)
    assert total_cost(2.0, 3.0) == 10 * 2.0 + 40 * 3.0
    with pytest.raises(ValueError, match="got 2 style activations for 5"):
        compute_style_cost(S, G)


def test_style_layers_that_do_not_exist_are_a_clear_error():
    vgg = zoo.vgg19((32, 32, 3), include_top=False, width=0.05)
    with pytest.raises(ValueError, match=r"\['block6_conv1'\] do not exist in 'vgg19'; its layers are block1_conv1"):
        get_layer_outputs(vgg, STYLE_LAYERS + [("block6_conv1", 1)])


def test_the_courses_layers_read_the_relu_after_each_convolution():
    vgg = zoo.vgg19((32, 32, 3), include_top=False, width=0.05)
    outputs = get_layer_outputs(vgg, STYLE_LAYERS).predict(rng.random((1, 32, 32, 3)))
    assert [o.shape[1:3] for o in outputs] == [(32, 32), (16, 16), (8, 8), (4, 4), (2, 2)]
    assert all(o.min() >= 0 for o in outputs)


def test_optimizing_the_image_lowers_the_total_cost_tenfold_and_keeps_the_weights():
    vgg = zoo.vgg19((32, 32, 3), include_top=False, width=0.1, pooling="avg", seed=0)
    weights = {k: v.copy() for k, v in vgg.params.items()}
    content, style = rng.random((32, 32, 3)), rng.random((32, 32, 3)) ** 3
    G, costs = style_transfer(vgg, content, style, epochs=60, learning_rate=0.03)
    assert costs[-1]["J"] < 0.1 * costs[0]["J"]
    assert G.shape == (1, 32, 32, 3) and 0 <= G.min() and G.max() <= 1
    for k, v in vgg.params.items():
        np.testing.assert_array_equal(v, weights[k])
    with pytest.raises(ValueError, match="takes images of shape"):
        style_transfer(vgg, rng.random((16, 16, 3)), rng.random((16, 16, 3)), epochs=1)


def test_the_image_gradient_passes_the_courses_gradient_check():
    """dJ/dG through the costs, the network and the input normalisation, by central differences."""
    from dlspec.applications.style import cost_and_gradient
    vgg = zoo.vgg19((32, 32, 3), include_top=False, width=0.05, pooling="avg", seed=1, dtype="float64")
    model = get_layer_outputs(vgg, STYLE_LAYERS[:3] + [("block3_conv2", 1)])
    mean, std = np.array([0.4, 0.5, 0.6]), np.array([0.2, 0.3, 0.25])
    a_S = model.forward((rng.random((1, 32, 32, 3)) - mean) / std)
    a_C = model.forward((rng.random((1, 32, 32, 3)) - mean) / std)
    G = rng.random((1, 32, 32, 3))
    cost = lambda G: cost_and_gradient(model, G, a_S, a_C, STYLE_LAYERS[:3], 10, 40, mean, std, False)[0]["J"]
    _, d_G = cost_and_gradient(model, G, a_S, a_C, STYLE_LAYERS[:3], 10, 40, mean, std)
    eps = 1e-6
    for index in [(0, 3, 5, 0), (0, 17, 2, 1), (0, 30, 31, 2), (0, 0, 0, 1)]:
        plus, minus = G.copy(), G.copy()
        plus[index] += eps
        minus[index] -= eps
        numeric = (cost(plus) - cost(minus)) / (2 * eps)
        assert abs(numeric - d_G[index]) <= 1e-5 * max(1e-3, abs(numeric)), index
