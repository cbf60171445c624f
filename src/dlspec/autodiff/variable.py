"""``dlspec.Variable``: a tensor whose value changes in place (``tf.Variable``).

Variables are what ``GradientTape.gradient`` differentiates with respect to and what
``optimizer.apply_gradients`` updates. A layer's weights are variables too
(``layer.trainable_variables``): each one reads the layer's own array, so updating the
variable updates the layer.
"""
from __future__ import annotations

import itertools

import numpy as np

from ..nn import recording
from .tensor import Tensor

_counter = itertools.count()


class Variable(Tensor):
    """A trainable array: ``W1 = dlspec.Variable(initializer(shape=(25, 12288)), name="W1")``.

    Parameters
    ----------
    value : array-like; a NumPy float array keeps its dtype (as ``tf.Variable``), Python
        numbers and lists become float32 (int32 for integers).
    dtype : optional dtype to cast to.
    trainable : bool; a trainable variable is watched by every tape automatically.
    name : str, optional (optimizer state is kept under it; "Variable_k" by default).

    Examples
    --------
    >>> v = Variable([1.0, 2.0])
    >>> v.assign_sub([0.5, 0.5]).numpy()
    array([0.5, 1.5], dtype=float32)
    """

    def __init__(self, value, dtype=None, trainable=True, name=None):
        if dtype is None and not isinstance(value, (np.ndarray, Tensor)):
            array = np.asarray(value)
            dtype = {"f": np.float32, "i": np.int32}.get(array.dtype.kind)   # TensorFlow's defaults
            value = array
        self._value = np.array(np.asarray(value), dtype=dtype)   # a copy: the variable owns it
        self.trainable = bool(trainable)
        self.name = name or f"Variable_{next(_counter)}"

    @property
    def value(self):
        return self._value

    @property
    def _key(self):
        return id(self.value)        # a layer's weight and its variable share one key

    def assign(self, value):
        """Write ``value`` into the variable (in place, so a layer sharing it sees it)."""
        new = np.asarray(value.value if isinstance(value, Tensor) else value)
        if new.shape != self.value.shape and new.size != 1:
            raise ValueError(f"assign: variable {self.name!r} has shape {self.value.shape}; got a "
                             f"value of shape {new.shape}.")
        self.value[...] = new
        return self

    def assign_sub(self, delta):
        return self.assign(self.value - np.asarray(delta.value if isinstance(delta, Tensor) else delta))

    def assign_add(self, delta):
        return self.assign(self.value + np.asarray(delta.value if isinstance(delta, Tensor) else delta))

    def symbolic_read(self):
        """This variable read inside a traced ``call`` (a node of its own, no batch axis)."""
        from ..nn.param_read import read_variable
        return read_variable(self)

    def __repr__(self):
        return (f"<dlspec.Variable {self.name!r} shape={self.shape} dtype={self.dtype} "
                f"numpy=\n{self.value!r}>")


class LayerVariable(Variable):
    """A layer's weight seen as a variable: reads ``layer.params[key]`` (or its state) live."""

    def __init__(self, layer, key, path, trainable=True):
        self.layer, self.key = layer, key
        self.trainable = bool(trainable)
        self.name = path

    @property
    def value(self):
        params = self.layer.params
        return params[self.key] if self.key in params else self.layer.state[self.key]


def layer_variables(layer, path=None):
    """``layer``'s trainable weights as Variables named by their path (``"dense_1.W"``; ``path``
    is the prefix of this layer's keys); the same Variable objects on every call, so optimizer
    state stays with them."""
    if not layer.trainable:
        return []
    path = f"{layer.name}." if path is None else path
    if hasattr(layer, "named_variables"):         # a subclassed layer: attribute paths
        return [v for _, v in layer.named_variables(path)]
    children = getattr(layer, "layers", None)
    if children is not None:
        return [v for child in children for v in layer_variables(child, f"{path}{child.name}.")]
    cache = layer.__dict__.setdefault("_variables", {})
    out = []
    for key in layer.params:
        if key not in cache:
            cache[key] = LayerVariable(layer, key, path + key)
        out.append(cache[key])
    return out


recording.layer_variables = layer_variables
