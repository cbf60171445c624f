"""The course's custom training loops under a GradientTape, against dlspec's hand-written ones.

- Style transfer (course 4 week 4): the course's ``train_step`` (costs written with tensor
  ops, ``tape.gradient(J, generated_image)``) gives the same image gradient as
  ``applications.style.cost_and_gradient`` (the costs' hand-derived gradients sent back
  through the network), to 1e-12 in float64.
- TensorFlow introduction (course 2 week 3): a [25, 12, 6] network trained with a tape loop
  and ``optimizer.apply_gradients`` ends with the same weights as the same network trained
  with ``fit`` (full batch, same seed and optimizer).
"""
import numpy as np

import dlspec
from dlspec import GradientTape, Variable, ops
from dlspec.applications.style import cost_and_gradient, get_layer_outputs
from dlspec.nn import Conv2D, Dense, MaxPool2D, ReLU

STYLE_LAYERS = [("block1_conv1", 0.5), ("block2_conv1", 0.5)]
CONTENT_LAYER = [("block2_conv2", 1)]


def _small_vgg():
    x = dlspec.Input((12, 12, 3))
    h = ReLU(name="block1_relu1")(Conv2D(4, 3, padding="same", name="block1_conv1")(x))
    h = MaxPool2D(2, name="block1_pool")(h)
    h = ReLU(name="block2_relu1")(Conv2D(6, 3, padding="same", name="block2_conv1")(h))
    h = ReLU(name="block2_relu2")(Conv2D(6, 3, padding="same", name="block2_conv2")(h))
    return dlspec.Model(x, h, name="vgg", seed=0, dtype="float64")


# The course's cost functions, written with dlspec.ops where the notebook writes tf.*.
def compute_content_cost(content_output, generated_output):
    a_C, a_G = content_output[-1], generated_output[-1]
    _, n_H, n_W, n_C = a_G.shape
    return ops.reduce_sum(ops.square(ops.subtract(a_C, a_G))) / (4.0 * n_H * n_W * n_C)


def gram_matrix(A):
    return ops.matmul(A, ops.transpose(A))


def compute_layer_style_cost(a_S, a_G):
    _, n_H, n_W, n_C = a_G.shape
    a_S = ops.transpose(ops.reshape(a_S, shape=[-1, n_C]))
    a_G = ops.transpose(ops.reshape(a_G, shape=[-1, n_C]))
    GS, GG = gram_matrix(a_S), gram_matrix(a_G)
    return ops.reduce_sum(ops.square(ops.subtract(GS, GG))) / (4.0 * n_C ** 2 * (n_H * n_W) ** 2)


def compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    J_style = 0
    for i, (_, weight) in enumerate(STYLE_LAYERS):
        J_style += weight * compute_layer_style_cost(style_image_output[i], generated_image_output[i])
    return J_style


def test_style_transfer_train_step_with_a_tape_gives_the_hand_written_image_gradient():
    vgg = _small_vgg()
    vgg.trainable = False
    model = get_layer_outputs(vgg, STYLE_LAYERS + CONTENT_LAYER)
    rng = np.random.default_rng(0)
    content, style = rng.uniform(0, 1, (1, 12, 12, 3)), rng.uniform(0, 1, (1, 12, 12, 3))
    a_C, a_S = model.forward(content), model.forward(style)
    G = np.clip(content + rng.uniform(-0.25, 0.25, content.shape), 0, 1)
    generated_image = Variable(G)
    alpha, beta = 10, 40

    with GradientTape() as tape:                         # the course's train_step
        a_G = model(generated_image)
        J_style = compute_style_cost(a_S, a_G)
        J_content = compute_content_cost(a_C, a_G)
        J = alpha * J_content + beta * J_style
    grad = tape.gradient(J, generated_image)

    cost, d_G = cost_and_gradient(model, G, a_S, a_C, STYLE_LAYERS, alpha, beta, np.zeros(1), np.ones(1))
    assert abs(float(J) - cost["J"]) <= 1e-12 * abs(cost["J"])
    assert np.abs(d_G).max() > 1e-6
    np.testing.assert_allclose(grad.numpy(), d_G, rtol=1e-12, atol=1e-12 * np.abs(d_G).max())

    optimizer = dlspec.Adam(0.03)                        # and the rest of the step moves G
    optimizer.apply_gradients([(grad, generated_image)])
    generated_image.assign(ops.clip_by_value(generated_image, 0.0, 1.0))
    assert not np.allclose(generated_image.numpy(), G) and generated_image.numpy().max() <= 1


def _network():
    x = dlspec.Input((25,))
    h = Dense(12, activation="relu")(x)
    return dlspec.Model(x, Dense(6)(h), seed=1, dtype="float64")


def test_tape_loop_with_apply_gradients_equals_fit():
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((40, 25)), np.eye(6)[rng.integers(0, 6, 40)]
    fitted = _network().compile("mse", dlspec.Adam(0.01))
    fitted.fit(X, Y, epochs=25, batch_size=None, verbose=False)

    model, optimizer = _network(), dlspec.Adam(0.01)
    for _ in range(25):
        with GradientTape() as tape:
            Z = model(X)
            J = ops.reduce_mean(ops.square(Z - Y))
        variables = model.trainable_variables
        optimizer.apply_gradients(zip(tape.gradient(J, variables), variables))
    assert set(model.params) == set(fitted.params)
    moved = max(np.abs(model.params[k] - _network().params[k]).max() for k in model.params)
    assert moved > 1e-3
    for key in fitted.params:
        np.testing.assert_allclose(model.params[key], fitted.params[key], rtol=1e-10, atol=1e-12, err_msg=key)


def test_tape_loop_with_a_keras_loss_object_equals_fit():
    """The TensorFlow introduction's cost, a Keras loss called on the logits under the tape."""
    from dlspec.losses import CategoricalCrossentropy
    rng = np.random.default_rng(1)
    X, Y = rng.standard_normal((40, 25)), np.eye(6)[rng.integers(0, 6, 40)]
    fitted = _network().compile(CategoricalCrossentropy(from_logits=True), dlspec.Adam(0.01))
    fitted.fit(X, Y, epochs=10, batch_size=None, verbose=False)
    model, optimizer, loss = _network(), dlspec.Adam(0.01), CategoricalCrossentropy(from_logits=True)
    for _ in range(10):
        with GradientTape() as tape:
            J = loss(Y, model(X))
        assert isinstance(J, dlspec.Tensor) and J.shape == ()
        variables = model.trainable_variables
        optimizer.apply_gradients(zip(tape.gradient(J, variables), variables))
    for key in fitted.params:
        np.testing.assert_allclose(model.params[key], fitted.params[key], rtol=1e-10, atol=1e-12, err_msg=key)
    assert isinstance(loss(Y, np.zeros((40, 6))), float)          # on arrays: a float, as before
