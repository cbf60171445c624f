"""Neural style transfer (Gatys et al., 2015; course 4, week 4) with the course's names.

The generated image G is optimized, the network's weights stay: the costs are computed on
inner activations of a frozen network (``get_layer_outputs``), their gradients are sent back
through it (``model.backward`` returns the gradient w.r.t. the image) and Adam moves G.

Activations are (m, n_H, n_W, n_C) as in the course (m = 1). Each cost has a ``*_gradient``
twin giving dJ/da_G, so the chain rule is explicit:

    J_content = 1 / (4 n_H n_W n_C) sum (a_C - a_G)^2
    G_gram = A A^T with A (n_C, n_H n_W) the unrolled activation
    J_style^[l] = 1 / (4 n_C^2 (n_H n_W)^2) sum (G_gram^(S) - G_gram^(G))^2
    J_style = sum over layers of lambda^[l] J_style^[l];  J = alpha J_content + beta J_style
"""
from __future__ import annotations

import numpy as np

from .graph import layer_names, layer_output

# The course's choice: the first convolution of every block, equally weighted.
STYLE_LAYERS = [("block1_conv1", 0.2), ("block2_conv1", 0.2), ("block3_conv1", 0.2),
                ("block4_conv1", 0.2), ("block5_conv1", 0.2)]
CONTENT_LAYER = [("block5_conv4", 1)]
# torchvision's ImageNet statistics: its VGG-19 expects (x - mean) / std of [0, 1] images.
IMAGENET_MEAN, IMAGENET_STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)


def compute_content_cost(content_output, generated_output):
    """J_content from the last entries of the two lists of activations (the content layer)."""
    a_C, a_G = content_output[-1], generated_output[-1]
    _check_same(a_C, a_G, "compute_content_cost")
    m, n_H, n_W, n_C = a_G.shape
    return float(((a_C - a_G) ** 2).sum() / (4 * n_H * n_W * n_C))


def content_cost_gradient(a_C, a_G):
    """dJ_content / da_G = -(a_C - a_G) / (2 n_H n_W n_C)."""
    m, n_H, n_W, n_C = a_G.shape
    return -(a_C - a_G) / (2 * n_H * n_W * n_C)


def gram_matrix(A):
    """GA = A A^T for A (n_C, n_H n_W): the correlations between channels."""
    return A @ A.T


def _unroll(a):
    """(1, n_H, n_W, n_C) -> (n_C, n_H n_W), the course's transpose then reshape."""
    m, n_H, n_W, n_C = a.shape
    if m != 1:
        raise ValueError(f"style costs take one image's activations (1, n_H, n_W, n_C); got {a.shape}.")
    return a.reshape(n_H * n_W, n_C).T


def compute_layer_style_cost(a_S, a_G):
    """J_style^[l] = 1 / (4 n_C^2 (n_H n_W)^2) ||G_gram(S) - G_gram(G)||_F^2."""
    _check_same(a_S, a_G, "compute_layer_style_cost")
    _, n_H, n_W, n_C = a_G.shape
    GS, GG = gram_matrix(_unroll(a_S)), gram_matrix(_unroll(a_G))
    return float(((GS - GG) ** 2).sum() / (4 * n_C ** 2 * (n_H * n_W) ** 2))


def layer_style_cost_gradient(a_S, a_G):
    """dJ_style^[l] / da_G = -4 k (GS - GG) A_G (k the cost's factor), folded back to a_G's shape."""
    _, n_H, n_W, n_C = a_G.shape
    A_G = _unroll(a_G)
    GS, GG = gram_matrix(_unroll(a_S)), gram_matrix(A_G)
    k = 1.0 / (4 * n_C ** 2 * (n_H * n_W) ** 2)
    dA = -4 * k * (GS - GG) @ A_G                                   # (n_C, n_H n_W)
    return dA.T.reshape(a_G.shape).astype(a_G.dtype)                # -> (1, n_H, n_W, n_C)


def compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    """J_style = sum of lambda^[l] J_style^[l] over the style layers (all outputs but the last,
    which is the content layer, as in the course)."""
    a_S, a_G = style_image_output[:-1], generated_image_output[:-1]
    if len(a_S) != len(STYLE_LAYERS):
        raise ValueError(f"compute_style_cost got {len(a_S)} style activations for "
                         f"{len(STYLE_LAYERS)} STYLE_LAYERS.")
    return float(sum(w * compute_layer_style_cost(s, g) for s, g, (_, w) in zip(a_S, a_G, STYLE_LAYERS)))


def total_cost(J_content, J_style, alpha=10, beta=40):
    """J(G) = alpha J_content + beta J_style (the course's alpha = 10, beta = 40)."""
    return alpha * J_content + beta * J_style


def get_layer_outputs(vgg, layer_names_and_weights):
    """The course's ``get_layer_outputs``: a model from ``vgg``'s input to the named layers'
    outputs, in order. A convolution's name reads its activation (the ReLU after it when the
    network has one: Keras's ``block1_conv1`` includes its ReLU). Unknown names are a
    ValueError listing the layers."""
    from ..models.model import Model
    names = layer_names(vgg)
    missing = [n for n, _ in layer_names_and_weights if n not in names]
    if missing:
        convs = [n for n in names if "conv" in n] or names
        raise ValueError(f"style/content layers {missing} do not exist in {vgg.name!r}; its "
                         f"layers are {', '.join(convs)}. Use those names (Keras's VGG-19 names).")
    outputs = []
    for name, _ in layer_names_and_weights:
        relu = name.replace("_conv", "_relu")
        outputs.append(layer_output(vgg, relu if relu != name and relu in names else name))
    return Model(vgg.inputs, outputs, name="vgg_model_outputs")


def style_transfer(vgg, content_image, style_image, STYLE_LAYERS=STYLE_LAYERS, content_layer=CONTENT_LAYER,
                   alpha=10, beta=40, epochs=200, learning_rate=0.03, noise=0.25, seed=0, callback=None,
                   mean=None, std=None):
    """Optimize G from the content image plus uniform noise, clipped to [0, 1] after each Adam
    step, as the course's ``train_step``. Returns (G (1, H, W, C), costs: list of dicts).

    mean, std : per-channel statistics the network was trained with (``IMAGENET_MEAN`` and
        ``IMAGENET_STD`` for torchvision's weights): it then reads (G - mean) / std, and the
        gradient w.r.t. G is the network's input gradient / std. None: the course feeds [0, 1].
    """
    from ..optim import Adam
    content_image, style_image = _image(content_image, "content_image"), _image(style_image, "style_image")
    if content_image.shape != style_image.shape:
        raise ValueError(f"content and style images must have one shape; got {content_image.shape} "
                         f"and {style_image.shape}. Resize one of them.")
    expected = tuple(vgg.input_spec)
    if content_image.shape[1:] != expected and None not in expected:
        raise ValueError(f"{vgg.name!r} takes images of shape {expected}; got {content_image.shape[1:]}.")
    vgg.trainable = False
    model = get_layer_outputs(vgg, list(STYLE_LAYERS) + list(content_layer))
    mean = np.zeros(1, np.float32) if mean is None else np.asarray(mean, np.float32)
    std = np.ones(1, np.float32) if std is None else np.asarray(std, np.float32)
    a_S = model.forward((style_image - mean) / std, training=False)
    a_C = model.forward((content_image - mean) / std, training=False)
    rng = np.random.default_rng(seed)
    G = np.clip(content_image + rng.uniform(-noise, noise, content_image.shape), 0, 1).astype(content_image.dtype)
    optimizer, costs = Adam(learning_rate), []
    for i in range(epochs + 1):
        cost, d_G = cost_and_gradient(model, G, a_S, a_C, STYLE_LAYERS, alpha, beta, mean, std,
                                      gradient=i < epochs)
        costs.append(cost)
        if callback is not None:
            callback(i, G, cost)
        if i == epochs:
            break
        optimizer.step([("generated_image", G, d_G)])
        np.clip(G, 0, 1, out=G)
    return G, costs


def cost_and_gradient(model, G, a_S, a_C, STYLE_LAYERS, alpha, beta, mean, std, gradient=True):
    """J(G) and its parts for the generated image G, and dJ/dG (None when ``gradient`` is False):
    the costs' gradients w.r.t. the activations, sent back through ``model`` to its input."""
    a_G = model.forward((G - mean) / std, training=False)
    J_content, J_style = compute_content_cost(a_C, a_G), compute_style_cost(a_S, a_G, STYLE_LAYERS)
    cost = {"J": total_cost(J_content, J_style, alpha, beta), "J_content": J_content, "J_style": J_style}
    if not gradient:
        return cost, None
    d_out = [beta * w * layer_style_cost_gradient(s, g) for s, g, (_, w) in zip(a_S, a_G, STYLE_LAYERS)]
    d_out.append(alpha * content_cost_gradient(a_C[-1], a_G[-1]))
    return cost, model.backward(d_out) / std


def _image(x, what):
    x = np.asarray(x)
    x = x[None] if x.ndim == 3 else x
    if x.ndim != 4 or x.shape[0] != 1:
        raise ValueError(f"{what} must be one image (H, W, C) or (1, H, W, C) in [0, 1]; got {x.shape}.")
    return x.astype(np.float32) if x.dtype.kind != "f" else x


def _check_same(a, b, who):
    if a.shape != b.shape:
        raise ValueError(f"{who}: activations of different shapes {a.shape} and {b.shape}.")
