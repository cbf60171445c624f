"""Keras's arguments every layer takes and Keras's weight lists, for ``Layer``.

- ``input_shape=`` (per example, as Keras: ``Conv2D(8, 3, input_shape=(64, 64, 3))`` first in a
  ``Sequential``), ``trainable=`` and ``data_format=`` are accepted by every layer's
  constructor: ``Layer.__init_subclass__`` wraps each ``__init__`` that does not name them
  itself (``keras_constructor``), so no constructor repeats them.
- ``get_weights()``/``set_weights()`` in Keras's lists: per layer its parameters in order
  (Dense and convolutions ``[kernel, bias]``, kernels (in, out) or (kh, kw, in, out)), then its
  float state (BatchNormalization ``[gamma, beta, moving_mean, moving_variance]``); a model
  lists its layers' in order. Integer counters (Dropout's step) are not weights.
"""
from __future__ import annotations

import functools
import inspect

KERAS_KWARGS = ("input_shape", "trainable", "data_format")


def keras_constructor(init):
    """Wrap ``init`` to take Keras's ``input_shape``/``trainable``/``data_format`` keywords."""
    params = inspect.signature(init).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return init          # it hands **kwargs on to a parent constructor, wrapped itself
    own = {k for k in KERAS_KWARGS if k in params}
    if len(own) == len(KERAS_KWARGS):
        return init

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        extra = {k: kwargs.pop(k) for k in KERAS_KWARGS if k in kwargs and k not in own}
        if "data_format" in extra:
            _check_data_format(extra.pop("data_format"), type(self).__name__)
        init(self, *args, **kwargs)
        shape = extra.get("input_shape", kwargs.get("input_shape"))     # taken here or by init itself
        if shape is not None:
            self.keras_input_shape = _shape(shape, type(self).__name__)
        if extra.get("trainable") is not None:
            if not isinstance(extra["trainable"], bool):
                raise TypeError(f"{type(self).__name__}(trainable) expects True or False; got "
                                f"{extra['trainable']!r}.")
            self.trainable = extra["trainable"]
    return __init__


def _check_data_format(data_format, who):
    if data_format in (None, "channels_last"):
        return
    if data_format == "channels_first":
        raise ValueError(f"{who}(data_format='channels_first') is not supported: dlspec keeps images "
                         "channels last (N, H, W, C), the course's layout, in every layer. Transpose "
                         "the data once, X.transpose(0, 2, 3, 1), and drop data_format.")
    raise ValueError(f"{who}(data_format) expects 'channels_last' (or None); got {data_format!r}.")


def _shape(shape, who):
    if isinstance(shape, int) and not isinstance(shape, bool):
        shape = (shape,)
    if not isinstance(shape, (tuple, list)) or not all(
            d is None or (isinstance(d, int) and not isinstance(d, bool) and d > 0) for d in shape):
        raise ValueError(f"{who}(input_shape) expects the per-example shape, a tuple such as (64, 64, 3) "
                         f"(None for a free size, without the batch axis); got {shape!r}.")
    return tuple(shape)


def weight_slots(layer):
    """[(dict, key)] of ``layer``'s weights in Keras's order."""
    children = getattr(layer, "layers", None)
    if isinstance(children, list):          # a model: its layers' weights, layer by layer
        return [slot for child in children for slot in weight_slots(child)]
    custom = getattr(layer, "keras_weight_keys", None)
    keys = custom() if custom is not None else \
        [("params", k) for k in layer.params] + [("state", k) for k, v in layer.state.items()
                                                 if getattr(v, "dtype", None) is not None and v.dtype.kind == "f"]
    return [(getattr(layer, attr), key) for attr, key in keys]


def get_weights(layer):
    """Copies of ``layer``'s weights as a list of arrays, in Keras's order."""
    if not layer.built:
        return []
    return [d[k].copy() for d, k in weight_slots(layer)]


def set_weights(layer, weights):
    """Copy ``weights`` (a list as ``get_weights`` returns) into ``layer``, in place."""
    if not layer.built:
        raise ValueError(f"{type(layer).__name__} {layer.name!r} has no weights yet: build it first, "
                         "as the course does (layer.build((None,)) for an Embedding), or call it on data.")
    slots = weight_slots(layer)
    weights = list(weights)
    if len(weights) != len(slots):
        raise ValueError(f"{type(layer).__name__}.set_weights expects {len(slots)} arrays "
                         f"({', '.join(k for _, k in slots)}); got {len(weights)}.")
    import numpy as np
    for (d, k), w in zip(slots, weights):
        w = np.asarray(w)
        if w.shape != d[k].shape:
            raise ValueError(f"{type(layer).__name__}.set_weights: weight {k!r} has shape {d[k].shape}; "
                             f"got an array of shape {w.shape}.")
        d[k][...] = w
