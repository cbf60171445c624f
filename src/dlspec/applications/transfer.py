"""Transfer learning as the course's "alpaca" assignment (course 4, week 2).

A base network trained on a large source task is frozen (``trainable = False``) and called in
inference mode (``training=False``, so its batch norms keep their statistics), followed by
global average pooling, dropout and a new head; then the top of the base is unfrozen from
layer ``fine_tune_at`` and trained with a lower learning rate::

    base = headless(pretrained)                   # the course: MobileNetV2(include_top=False)
    model = alpaca_model(base, (32, 32, 1), num_classes=10)
    model.compile("softmax_crossentropy", Adam(0.01))
    model.fit(X, Y, epochs=10, augment=data_augmenter())
    fine_tune(model, base, fine_tune_at=10, learning_rate=0.001)
    model.fit(X, Y, epochs=10, augment=data_augmenter())
"""
from __future__ import annotations

import math

from ..data.augment import Compose, RandomFlip, RandomRotation
from ..models.model import Model
from ..nn import Dense, Dropout, GlobalAveragePooling2D, Input
from ..optim import Adam
from .graph import headless  # noqa: F401  (re-exported: the usual way to get a base)


def data_augmenter(flip=True, rotation=0.2):
    """The course's ``data_augmenter``: a random horizontal flip and a random rotation.

    Parameters
    ----------
    flip : bool, mirror left-right with probability 1/2 (Keras's ``RandomFlip('horizontal')``).
    rotation : float, Keras's ``RandomRotation`` factor: a fraction of a full turn (0.2: up to
        +-72 degrees).

    Returns
    -------
    A transform ``(X, rng) -> X`` for ``fit(..., augment=...)``. NOTE: dlspec augments the
    training mini-batches in ``fit`` rather than with layers inside the model, so ``predict``
    never augments, as Keras's augmentation layers do not at inference.
    """
    steps = [RandomFlip()] if flip else []
    if rotation:
        steps.append(RandomRotation(min(180.0, abs(rotation) * 360.0)))
    return Compose(steps)


def alpaca_model(base_model, image_shape, num_classes=1, dropout=0.2, seed=0):
    """The course's ``alpaca_model``: frozen base (inference mode) -> global average pooling
    -> dropout -> a new dense head (logits).

    Parameters
    ----------
    base_model : Model from images (H, W, C) to feature maps (H', W', C'), e.g.
        ``headless(pretrained)``; it is frozen here.
    image_shape : (H, W, C), must be the base's input shape.
    num_classes : 1 for a binary head (the course's alpaca / not alpaca), else the classes.
    dropout : drop rate (the course's 0.2), Keras's meaning, as dlspec's ``Dropout(rate)``.

    Returns
    -------
    Model whose only trainable layer is the head, until ``fine_tune``.
    """
    expected = tuple(base_model.input_spec)
    if tuple(image_shape) != expected:
        raise ValueError(f"alpaca_model: the base {base_model.name!r} was built for images of shape "
                         f"{expected}; got image_shape={tuple(image_shape)}. Resize the images to "
                         f"{expected[:2]} (with {expected[2]} channels) or build the base for this size.")
    base_model.trainable = False
    inputs = Input(tuple(image_shape))
    x = base_model(inputs, training=False)      # batch norms keep the source's statistics
    x = GlobalAveragePooling2D()(x)
    x = Dropout(rate=dropout)(x)
    outputs = Dense(num_classes)(x)
    return Model(inputs, outputs, seed=seed, name="alpaca_model")


def fine_tune(model, base_model, fine_tune_at, learning_rate, loss="softmax_crossentropy"):
    """Unfreeze ``base_model``'s layers from index ``fine_tune_at`` on (the first ones stay
    frozen) and recompile ``model`` with Adam at ``learning_rate`` (the course: a tenth).

    Returns the number of trainable parameters after unfreezing.
    """
    n = len(base_model.layers)
    if not 0 <= fine_tune_at <= n:
        raise ValueError(f"fine_tune_at must be a layer index in [0, {n}] of {base_model.name!r}; "
                         f"got {fine_tune_at}.")
    base_model.trainable = True
    for layer in base_model.layers[:fine_tune_at]:
        layer.trainable = False
    model.compile(loss, Adam(learning_rate))
    return sum(math.prod(v.shape) for layer in model.layers if layer.trainable
               for v in _trainable_arrays(layer))


def _trainable_arrays(layer):
    children = getattr(layer, "layers", None)
    if children is not None:
        return [v for child in children if child.trainable for v in _trainable_arrays(child)]
    return list(layer.params.values())
