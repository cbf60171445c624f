"""Symbolic tensors and nodes: what calling a layer on ``Input`` records (the functional API).

``x = Input((64, 64, 3))`` is a symbolic tensor: a per-example shape, a dtype and the node
that produced it. Calling a layer on symbolic tensors runs nothing: it records a ``Node``
(the layer, the tensors it reads, the call's other arguments) and returns symbolic outputs
whose shapes come from ``layer.output_shape``. ``dlspec.Model(inputs, outputs)`` then runs
the nodes; a layer called k times is k nodes sharing one set of weights, each node keeping
its own forward cache (see ``dlspec.models.engine``).
"""
from __future__ import annotations

import inspect
import itertools

from .constant_read import constant as _constant
from .op import Op
from .operators import TensorOperators

_ids = itertools.count()


class SymbolicTensor(TensorOperators):
    """A placeholder for an array of per-example ``shape`` (None for a size known only later).

    Attributes
    ----------
    shape : tuple, without the batch axis N.
    dtype : str or None (None: the model's float dtype).
    node : the Node that produced it (an input node for ``Input``).
    index : which of the node's outputs it is.
    batched : False for a tensor without a batch axis (a weight read in a subclass's
        ``call``, an op on weights only); ``shape`` is then the whole shape.

    Operators (``+ - * / @``, comparisons, ``x[...]``) record ``dlspec.nn.op.Op`` calls.
    """

    symbolic = True

    def __init__(self, shape, dtype, node, index=0, batched=True):
        self.shape = tuple(shape)
        self.dtype = dtype
        self.node = node
        self.index = index
        self.batched = batched

    @property
    def ndim(self):
        return len(self.shape) + (1 if self.batched else 0)

    def _op(self, kind, operands, attrs):
        return symbolic_op(kind, operands, attrs)

    @staticmethod
    def _record_call(layer, args, kwargs):
        return record_call(layer, args, kwargs)

    def __bool__(self):
        raise TypeError(f"{self!r} has no value yet: a model's call() is traced on symbolic "
                        "tensors, so Python's if/while/and/or cannot read it. Choose values "
                        "element-wise with dlspec.ops.where(condition, x, y) (or ops.maximum, "
                        "ops.clip_by_value), or branch on a Python argument such as training.")

    @property
    def name(self):
        node = self.node
        suffix = f"[{self.index}]" if len(node.outputs) > 1 else ""
        return f"{node.name}{suffix}"

    def __repr__(self):
        dims = ", ".join(map(str, self.shape))
        return f"<SymbolicTensor {self.name} shape=({'N, ' + dims if self.batched else dims})>"

    def __iter__(self):
        raise TypeError(f"{self!r} is one symbolic tensor, not a list: a layer with several "
                        "outputs (an LSTM with return_state=True) returns a list to unpack.")


class Node:
    """One call of ``layer``: the flat list of tensors it reads and the outputs it made.

    ``template`` is the call's arguments with each tensor replaced by its position in
    ``inputs``, so that the call can be replayed on arrays (and saved as JSON).
    """

    def __init__(self, layer, inputs, template, training=None, name=None):
        self.id = next(_ids)            # creation order is a topological order
        self.layer = layer
        self.inputs = inputs
        self.template = template        # (args, kwargs) with _Ref(i) for tensors
        self.training = training        # None: the model's mode; True/False: fixed at the call
        self.outputs = []
        self._name = name

    @property
    def name(self):
        return self.layer.name if self.layer is not None else self._name

    def call_arguments(self, values):
        """The call's (args, kwargs) with ``values[i]`` in place of the i-th tensor."""
        return _fill(self.template, values)

    def first_argument(self, values):
        """The call's first argument (what ``output_shape``/``build`` see) filled from ``values``."""
        args, kwargs = _fill(self.template, values)
        return args[0] if args else next(iter(kwargs.values()), None)


class _Ref(int):
    """Marks where the i-th input tensor sits in a call's arguments."""


def Input(shape, dtype=None, name=None):
    """A symbolic input of per-example ``shape`` (the batch axis N is left out).

    Parameters
    ----------
    shape : tuple of int (None for a size that may vary, such as T in ``(None, 16)``).
    dtype : None (the model's float dtype), "float32", "float64", or "int64" for token ids.
    name : the input's name, used by ``fit``/``predict`` when inputs are given as a dict.

    Examples
    --------
    >>> from dlspec.nn import Dense
    >>> x = Input((4,))
    >>> Dense(3)(x).shape
    (3,)
    """
    if isinstance(shape, int):
        shape = (shape,)
    if not isinstance(shape, (tuple, list)) or not all(d is None or (isinstance(d, int) and d > 0)
                                                        for d in shape):
        raise ValueError(f"Input(shape) expects the per-example shape as a tuple of positive ints "
                         f"(None for a size that varies), without the batch axis; got {shape!r}. "
                         "For 64x64 RGB images: Input((64, 64, 3)).")
    node = Node(None, [], ((), {}), name=name or f"input_{next(_input_counter)}")
    node.outputs = [SymbolicTensor(shape, dtype, node)]
    node.input_name = name
    return node.outputs[0]


_input_counter = itertools.count(1)


def is_symbolic(value):
    """True if ``value`` is a symbolic tensor or a (nested) list/dict holding one."""
    if isinstance(value, SymbolicTensor):
        return True
    if isinstance(value, (list, tuple)):
        return any(is_symbolic(v) for v in value)
    if isinstance(value, dict):
        return any(is_symbolic(v) for v in value.values())
    return False


def record_call(layer, args, kwargs):
    """Record ``layer(*args, **kwargs)`` on symbolic tensors; return the symbolic output(s)."""
    training = kwargs.pop("training", None)
    if "inputs" in kwargs and not args and "inputs" not in call_signature(layer).parameters:
        args = (kwargs.pop("inputs"),)      # Keras's layer(inputs=x, ...)
    _check_keywords(layer, kwargs)
    if getattr(layer, "traces_call", False):    # arrays a call reads become nodes: one gradient each
        args = tuple(_constant(a, record_call) for a in args)
        kwargs = {k: _constant(v, record_call) for k, v in kwargs.items()}
    inputs = []
    template = _flatten((tuple(args), _ordered(layer, kwargs)), inputs)
    if hasattr(layer, "bind_symbolic"):
        layer.bind_symbolic(inputs)
    node = Node(layer, inputs, template, training)
    first = args[0] if args else next(iter(kwargs.values()), None)
    if inputs:
        _check_reuse(layer, node.first_argument([t.shape for t in inputs]), first)
    try:
        shapes = call_output_shape(node, [t.shape for t in inputs])
    except (ValueError, TypeError, IndexError) as exc:
        raise ValueError(f"Calling {layer.name} ({type(layer).__name__}) on "
                         f"{_describe(first)}: {exc}") from None
    if isinstance(shapes, dict):
        raise TypeError(f"{layer.name} returns a dict of outputs; a model called inside another "
                        "model must return one tensor or a list. Build it with outputs=[...].")
    many = isinstance(shapes, list)
    dtype = getattr(layer, "output_dtype", None)
    batched = getattr(layer, "out_batched", True)
    node.outputs = [SymbolicTensor(s, dtype, node, i, batched) for i, s in enumerate(shapes if many else [shapes])]
    return node.outputs if many else node.outputs[0]


record_call.symbolic = True     # Layer.__call__ prefers it over an eager tensor's recorder


def symbolic_op(kind, operands, attrs):
    """Record the op ``kind`` on ``operands``: symbolic tensors are read by the call; a
    ``Variable`` (a subclass's weight) is read through its own node; other values (numbers,
    arrays, eager tensors) become the op's constants."""
    tensors, constants = [], {}
    for i, value in enumerate(operands):
        if hasattr(value, "symbolic_read"):
            value = value.symbolic_read()
        if isinstance(value, SymbolicTensor):
            tensors.append(value)
        else:
            constants[i] = value.numpy() if hasattr(value, "numpy") else value
    return record_call(Op(kind, constants=constants, **attrs), tuple(tensors), {})


def call_output_shape(node, shapes):
    """The per-example output shape(s) of a call, from its inputs' ``shapes``.

    ``layer.output_shape`` sees the first argument's shape; a layer whose outputs depend on
    the call's other arguments (``mha(q, v, return_attention_scores=True)``) defines
    ``call_output_shape(*args, **kwargs)``, which gets the whole call with shapes for arrays.
    """
    layer = node.layer
    if hasattr(layer, "call_output_shape"):
        args, kwargs = node.call_arguments(shapes)
        return layer.call_output_shape(*args, **kwargs)
    return layer.output_shape(node.first_argument(shapes))


def _check_reuse(layer, shape, first):
    """A layer called again (shared weights) must see the same rank and number of features
    (the last axis); other sizes (T, H, W) may vary where the layer allows it."""
    known = layer.input_shape if layer.built else getattr(layer, "_call_shape", None)
    if known is None or not isinstance(shape, tuple) or not isinstance(known, tuple):
        layer._call_shape = shape if known is None else known
        return
    same_last = not shape or not known or None in (shape[-1], known[-1]) or shape[-1] == known[-1]
    if len(shape) != len(known) or not same_last:
        raise ValueError(f"{layer.name} ({type(layer).__name__}) is used with inputs of shape "
                         f"(N, {', '.join(map(str, known))}); this call gives {_describe(first)}. "
                         "A layer called again shares its weights, so it needs the same input "
                         "shape; create a new layer for a different shape.")


def _describe(first):
    if first is None:
        return "no tensors"
    tensors = first if isinstance(first, (list, tuple)) else [first]
    return ", ".join(f"{t.name} of shape (N, {', '.join(map(str, t.shape))})" for t in tensors)


def call_signature(layer):
    """The signature a call is checked against: a subclass's ``call``, else ``forward``."""
    return inspect.signature(layer.call if getattr(layer, "traces_call", False) else layer.forward)


def _check_keywords(layer, kwargs):
    if not kwargs:
        return
    accepted = call_signature(layer).parameters
    unknown = [k for k in kwargs if k not in accepted]
    if unknown:
        raise TypeError(f"{type(layer).__name__} does not take {', '.join(map(repr, unknown))} when "
                        f"called; it takes {[k for k in accepted if k != 'x']}.")


def _ordered(layer, kwargs):
    """Keyword arguments in the order of ``layer.forward``'s signature (the gradient order)."""
    order = list(call_signature(layer).parameters)
    return dict(sorted(kwargs.items(), key=lambda kv: order.index(kv[0])))


def _flatten(value, inputs):
    if isinstance(value, SymbolicTensor):
        inputs.append(value)
        return _Ref(len(inputs) - 1)
    if isinstance(value, tuple):
        return tuple(_flatten(v, inputs) for v in value)
    if isinstance(value, list):
        return [_flatten(v, inputs) for v in value]
    if isinstance(value, dict):
        return {k: _flatten(v, inputs) for k, v in value.items()}
    return value


def _fill(value, values):
    if isinstance(value, _Ref):
        return values[value]
    if isinstance(value, tuple):
        return tuple(_fill(v, values) for v in value)
    if isinstance(value, list):
        return [_fill(v, values) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, values) for k, v in value.items()}
    return value
