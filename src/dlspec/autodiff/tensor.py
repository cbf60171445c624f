"""Eager tensors: the result of an op or a layer call run at once (TensorFlow 2's eager mode).

A ``Tensor`` wraps a NumPy array (``.numpy()``, ``.shape``, ``.dtype``, ``np.asarray(t)``).
Its operators and ``dlspec.ops`` functions run the op now and, while a ``GradientTape``
records, keep the call (an ``Op``, a layer without parameters) on the tape with its cache.
"""
from __future__ import annotations

import numpy as np

from ..nn import recording
from ..backend import xp
from ..nn.layer import Layer
from ..nn.node import call_signature, symbolic_op
from ..nn.op import Op
from ..nn.operators import TensorOperators


class Tensor(TensorOperators):
    """An array computed eagerly; ``tape.gradient`` reaches it through the recorded calls.

    Parameters
    ----------
    value : array-like.

    Examples
    --------
    >>> import numpy as np
    >>> t = Tensor(np.ones((2, 3))) * 2.0
    >>> t.shape, float(t.numpy().sum())
    ((2, 3), 12.0)
    """

    symbolic = False

    def __init__(self, value):
        self.value = value if isinstance(value, np.ndarray) else np.asarray(value)

    @property
    def _key(self):
        return id(self)

    # -- the array's face --------------------------------------------------------
    def numpy(self):
        return self.value

    @property
    def shape(self):
        return self.value.shape

    @property
    def dtype(self):
        return self.value.dtype

    @property
    def ndim(self):
        return self.value.ndim

    def __array__(self, dtype=None, copy=None):
        return self.value if dtype is None else self.value.astype(dtype)

    def __len__(self):
        return len(self.value)

    def __iter__(self):
        return (self[i] for i in range(len(self.value)))

    def __float__(self):
        return float(self.value)

    def __int__(self):
        return int(self.value)

    def __index__(self):
        return int(self.value)

    def __bool__(self):
        return bool(self.value)

    def __repr__(self):
        return f"<dlspec.Tensor shape={self.shape} dtype={self.dtype} numpy=\n{self.value!r}>"

    # -- recording ---------------------------------------------------------------
    def _op(self, kind, operands, attrs):
        return apply_op(kind, operands, attrs)

    @staticmethod
    def _record_call(layer, args, kwargs):
        return eager_call(layer, args, kwargs)

    @staticmethod
    def _record_loss(loss, prediction, Y):
        """``loss(y_true, y_pred)`` on a tensor: the cost as a recorded call (a tensor)."""
        return eager_call(LossCall(loss, as_value(Y)), (prediction,), {})


def apply_op(kind, operands, attrs):
    """Run the op ``kind`` now; record it on every active tape that watches an operand."""
    symbolic = next((v for v in operands if getattr(v, "symbolic", False)), None)
    if symbolic is not None:         # an eager tensor in a model being built: a constant there
        return symbolic._op(kind, operands, attrs)
    if recording.TRACING and any(hasattr(v, "symbolic_read") for v in operands):
        return symbolic_op(kind, operands, attrs)   # weights only, inside a traced call()
    tensors, keys, constants = [], [], {}
    for i, v in enumerate(operands):
        if isinstance(v, Tensor):
            tensors.append(v.value)
            keys.append(v._key)
            if recording.TAPES and getattr(v, "trainable", False):
                for tape in recording.TAPES:
                    tape._watch_variable(v)
        else:
            constants[i] = v
    op = Op(kind, constants=constants, **attrs)
    out = Tensor(op.forward(*tensors))
    for tape in recording.TAPES:
        tape._record(op, keys, [out])
    return out


class LossCall(Layer):
    """A loss used as ``loss(y_true, y_pred)`` under a tape: forward is ``loss.forward``, the
    cost a 0-d array; backward scales ``loss.backward()`` by the incoming gradient."""

    def __init__(self, loss, Y):
        super().__init__(f"{type(loss).__name__.lower()}_call")
        self.loss, self.Y = loss, Y

    def forward(self, prediction, training=False):
        cost = self.loss.forward(prediction, self.Y)
        self._cache = self.loss._cache
        return xp.asarray(cost, dtype=prediction.dtype)

    def backward(self, dy, input_grad=True):
        if self._cache is None:
            raise RuntimeError(f"{self!r}.backward() called before forward().")
        self.loss._cache = self._cache
        return self.loss.backward() * dy


def as_value(x):
    """A NumPy array for a tensor, else ``x`` itself."""
    return x.value if isinstance(x, Tensor) else x


def eager_call(layer, args, kwargs):
    """Run ``layer(*args, **kwargs)`` now on arrays or tensors; keep it on the active tapes.

    ``training`` not given is the enclosing call's (Keras's call context). Calls made inside
    the layer's own forward are not recorded again: the layer is one node.
    """
    kwargs = dict(kwargs)
    training = kwargs.pop("training", None)
    training = recording.current_training() if training is None else training
    keys, found = [], []
    args = _unwrap(tuple(args), keys, found)
    kwargs = _unwrap(_ordered(layer, kwargs), keys, found)
    tapes = recording.TAPES[:]
    for tape in tapes:
        for t in found:
            if getattr(t, "trainable", False):
                tape._watch_variable(t)
    recording.TAPES.clear()
    recording.TRAINING.append(bool(training))
    try:
        y = layer.forward(*args, training=training, **kwargs)
    finally:
        recording.TRAINING.pop()
        recording.TAPES[:] = tapes
    if isinstance(y, dict):
        structure, outs = list(y), [Tensor(v) for v in y.values()]
        result = dict(zip(structure, outs))
    elif isinstance(y, (list, tuple)):
        structure, outs = len(y), [Tensor(v) for v in y]
        result = outs
    else:
        structure, outs = None, [Tensor(y)]
        result = outs[0]
    for tape in tapes:
        tape._record(layer, keys, outs, params=True, structure=structure)
    return result


def _unwrap(value, keys, found):
    """Arrays in place of tensors; ``keys`` gets one entry per array (None: not a tensor)."""
    if isinstance(value, Tensor):
        keys.append(value._key)
        found.append(value)
        return value.value
    if isinstance(value, np.ndarray):
        keys.append(None)
        return value
    if isinstance(value, tuple):
        return tuple(_unwrap(v, keys, found) for v in value)
    if isinstance(value, list):
        return [_unwrap(v, keys, found) for v in value]
    if isinstance(value, dict):
        return {k: _unwrap(v, keys, found) for k, v in value.items()}
    return value


def _ordered(layer, kwargs):
    """Keyword arrays in the order of ``layer.forward``'s signature (backward's order)."""
    if len(kwargs) < 2:
        return kwargs
    order = list(call_signature(layer).parameters)
    return dict(sorted(kwargs.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))
