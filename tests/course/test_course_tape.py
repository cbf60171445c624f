"""dlspec.course's functions on the GradientTape (issue 23's ops): style transfer's train_step
and the U-Net's create_mask. The costs are held to dlspec.applications.style (values and
dJ/da_G from its hand-written gradients) and dJ/dG to central differences."""
import numpy as np
import pytest

import dlspec
from dlspec.applications import style as ref
from dlspec.course import c4w3_unet as unet, c4w4_style_transfer as st
from dlspec.gradcheck import numerical_gradient
from dlspec.models.model import Model
from dlspec.nn import Conv2D, Input, ReLU

LAYERS = [("a", 0.5), ("b", 0.5)]


def _vgg_like():
    x = Input((6, 6, 3))
    h1 = ReLU()(Conv2D(4, 3, padding="same")(x))
    h2 = ReLU()(Conv2D(5, 3, padding="same")(h1))
    return Model(x, [h1, h2, Conv2D(3, 3, padding="same")(h2)], seed=0, dtype="float64")


def _images():
    rng = np.random.default_rng(0)
    return rng.random((1, 6, 6, 3)), rng.random((1, 6, 6, 3)), rng.random((1, 6, 6, 3))


def test_costs_equal_the_applications_and_their_gradients():
    model = _vgg_like()
    C, S, G = _images()
    aC, aS, aG = model.forward(C), model.forward(S), model.forward(G)
    assert float(st.compute_content_cost(aC, aG)) == pytest.approx(ref.compute_content_cost(aC, aG), rel=1e-12)
    assert float(st.compute_style_cost(aS, aG, LAYERS)) == pytest.approx(ref.compute_style_cost(aS, aG, LAYERS), rel=1e-12)
    a_G = dlspec.Variable(aG[-1])
    with dlspec.GradientTape() as tape:
        J = st.compute_content_cost(aC, [a_G])
    np.testing.assert_allclose(tape.gradient(J, a_G).numpy(), ref.content_cost_gradient(aC[-1], aG[-1]), rtol=1e-10)
    a_G = dlspec.Variable(aG[0])
    with dlspec.GradientTape() as tape:
        J = st.compute_layer_style_cost(aS[0], a_G)
    np.testing.assert_allclose(tape.gradient(J, a_G).numpy(), ref.layer_style_cost_gradient(aS[0], aG[0]),
                               rtol=1e-9, atol=1e-14)


def test_train_step_follows_the_tape_gradient_and_clips():
    model = _vgg_like()
    C, S, G0 = _images()
    aC, aS = model.forward(C), model.forward(S)

    def cost(image):
        aG = model.forward(image)
        return float(st.total_cost(st.compute_content_cost(aC, aG), st.compute_style_cost(aS, aG, LAYERS)))
    G = dlspec.Variable(G0.copy())
    with dlspec.GradientTape() as tape:
        aG = model(G)
        J = st.total_cost(st.compute_content_cost(aC, aG), st.compute_style_cost(aS, aG, LAYERS))
    box = G0.copy()
    numeric = numerical_gradient(lambda: cost(box), box)
    np.testing.assert_allclose(tape.gradient(J, G).numpy(), numeric, rtol=1e-5, atol=1e-9)
    step = st.make_train_step(model, aC, aS, STYLE_LAYERS=LAYERS)
    costs = [float(step(G)) for _ in range(5)]
    assert costs[0] == pytest.approx(cost(G0), rel=1e-12)
    assert costs[-1] < costs[0]
    image = G.numpy()
    assert image.min() >= 0 and image.max() <= 1 and not np.allclose(image, G0)
    with pytest.raises(TypeError, match="dlspec.Variable"):
        step(G0)


def test_create_mask_takes_the_first_images_argmax():
    scores = np.random.default_rng(1).random((2, 4, 5, 3))
    mask = np.asarray(unet.create_mask(scores))
    assert mask.shape == (4, 5, 1) and (mask[..., 0] == scores[0].argmax(-1)).all()
    with pytest.raises(ValueError, match="batch"):
        unet.create_mask(scores[0])


def test_the_tape_keeps_no_key_of_an_unwatched_input():
    """An unwatched temporary's id can be reused by a later watched tensor: the tape must not
    keep its key (the style costs of several layers hit this in the full test run)."""
    w = dlspec.Variable(np.ones((2, 2)))
    with dlspec.GradientTape() as tape:
        constant = dlspec.ops.matmul(np.ones((2, 2)), np.ones((2, 2)))    # unwatched Tensor
        y = dlspec.ops.reduce_sum(constant - w)
    assert tape._entries[0][2][0] is None and tape._entries[0][2][1] == w._key
    np.testing.assert_allclose(tape.gradient(y, w).numpy(), -np.ones((2, 2)))
