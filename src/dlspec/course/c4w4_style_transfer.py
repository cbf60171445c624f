"""Course 4, week 4, "Art Generation with Neural Style Transfer", as the 2021 notebook writes it:
the costs with ``tf``-style ops and ``train_step`` under a ``GradientTape``.

Each cost is a composition of ``dlspec.ops`` (reshape, transpose, matmul, square, reduce_sum),
every op with its hand-derived backward, so ``train_step`` differentiates them on the tape.
``dlspec.applications.style`` computes the same costs on arrays with explicit gradients; the
tests hold the two to each other (values and dJ/dG).

The course's ``train_step(generated_image)`` reads notebook globals (``vgg_model_outputs``,
``a_C``, ``a_S``, ``optimizer``); ``make_train_step`` binds them and returns that function.

Pinned source: the 2021 notebook is listed but absent from the mirror of
amanchadha/coursera-deep-learning-specialization @ e9de0f4 (a large file), so the steps are
the ones ``dlspec.applications.style`` documents; its printed values come from TensorFlow's
random generator and VGG-19 weights: not replayable.
"""
from __future__ import annotations

from .. import ops
from ..applications.style import STYLE_LAYERS
from ..autodiff.tape import GradientTape

__all__ = ["compute_content_cost", "gram_matrix", "compute_layer_style_cost", "compute_style_cost",
           "total_cost", "clip_0_1", "make_train_step", "STYLE_LAYERS"]


def compute_content_cost(content_output, generated_output):
    """J_content = 1 / (4 n_H n_W n_C) sum (a_C - a_G)^2 on the last activations (the content layer)."""
    a_C, a_G = content_output[-1], generated_output[-1]
    m, n_H, n_W, n_C = a_G.shape
    a_C_unrolled = ops.reshape(a_C, [m, -1, n_C])           # (m, n_H n_W, n_C)
    a_G_unrolled = ops.reshape(a_G, [m, -1, n_C])
    return ops.reduce_sum(ops.square(a_C_unrolled - a_G_unrolled)) / (4.0 * n_H * n_W * n_C)


def gram_matrix(A):
    """GA = A A^T for A (n_C, n_H n_W)."""
    return ops.matmul(A, A, transpose_b=True)


def compute_layer_style_cost(a_S, a_G):
    """J_style^[l] = 1 / (4 n_C^2 (n_H n_W)^2) sum (G_S - G_G)^2 for one layer's (1, n_H, n_W, n_C)."""
    _, n_H, n_W, n_C = a_G.shape
    a_S = ops.transpose(ops.reshape(a_S, [-1, n_C]))        # (n_H n_W, n_C) -> (n_C, n_H n_W)
    a_G = ops.transpose(ops.reshape(a_G, [-1, n_C]))
    GS, GG = gram_matrix(a_S), gram_matrix(a_G)
    return ops.reduce_sum(ops.square(GS - GG)) / (4.0 * n_C ** 2 * (n_H * n_W) ** 2)


def compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    """sum of lambda^[l] J_style^[l] over the style layers (every output but the last)."""
    a_S, a_G = style_image_output[:-1], generated_image_output[:-1]
    if len(a_S) != len(STYLE_LAYERS):
        raise ValueError(f"compute_style_cost got {len(a_S)} style activations for {len(STYLE_LAYERS)} "
                         "STYLE_LAYERS: the model's outputs are the style layers, then the content layer.")
    J_style = 0
    for s, g, (_, weight) in zip(a_S, a_G, STYLE_LAYERS):
        J_style = J_style + weight * compute_layer_style_cost(s, g)
    return J_style


def total_cost(J_content, J_style, alpha=10, beta=40):
    """J = alpha J_content + beta J_style."""
    return alpha * J_content + beta * J_style


def clip_0_1(image):
    """Pixel values clipped to [0, 1] (``ops.clip_by_value``)."""
    return ops.clip_by_value(image, 0.0, 1.0)


def make_train_step(vgg_model_outputs, a_C, a_S, optimizer=None, STYLE_LAYERS=STYLE_LAYERS, alpha=10, beta=40):
    """The course's ``train_step(generated_image)`` bound to its notebook globals.

    ``vgg_model_outputs``: a model from the image to the style layers' and the content layer's
    activations; ``a_C``, ``a_S``: its outputs on the content and style images; ``optimizer``:
    the course's ``Adam(learning_rate=0.01)`` by default. Each call: J under a GradientTape,
    dJ/dG, one optimizer step on the ``dlspec.Variable`` G, G clipped to [0, 1]; returns J.
    """
    if optimizer is None:
        from ..optim import Adam
        optimizer = Adam(learning_rate=0.01)

    def train_step(generated_image):
        if not hasattr(generated_image, "assign"):
            raise TypeError("train_step(generated_image) expects a dlspec.Variable (the image is what "
                            "trains): generated_image = dlspec.Variable(image); got "
                            f"{type(generated_image).__name__}.")
        with GradientTape() as tape:
            a_G = vgg_model_outputs(generated_image)
            J_style = compute_style_cost(a_S, a_G, STYLE_LAYERS)
            J_content = compute_content_cost(a_C, a_G)
            J = total_cost(J_content, J_style, alpha=alpha, beta=beta)
        grad = tape.gradient(J, generated_image)
        optimizer.apply_gradients([(grad, generated_image)])
        generated_image.assign(clip_0_1(generated_image))
        return J
    train_step.optimizer = optimizer
    return train_step
