"""Op: one tensor op (``x + y``, ``ops.matmul``, ``x[:, None]``) as a small layer without parameters.

Ops are layers so that a model, a traced subclass and a ``GradientTape`` record them exactly
as they record ``Dense``: a node holding the op and its own cache, backward from the op's
hand-derived pair in ``functional/elementwise_ops.py`` and ``functional/shape_ops.py``. One
``Op`` object is made per call (it has no weights to share); operands that are not tensors
(``x * 2.0``, a NumPy mask) are kept in the op as ``constants``, so the recorded call reads
only tensors and backward returns one gradient per tensor operand.
"""
from __future__ import annotations

import numpy as np

from ..backend import xp
from ..functional import elementwise_ops as E
from ..functional import shape_ops as S
from .layer import Layer

UNARY = ["negative", "square", "sqrt", "exp", "log", "tanh", "sigmoid", "relu", "abs",
         "clip_by_value", "softmax", "transpose", "reshape", "expand_dims", "getitem",
         "reduce_sum", "reduce_mean", "reduce_max", "cast", "band_part", "one_hot", "argmax"]
BINARY = ["add", "subtract", "multiply", "divide", "maximum", "minimum", "matmul", *E.COMPARISONS]
VARIADIC = ["concat", "stack"]
TERNARY = ["where"]
ELEMENTWISE = {"add", "subtract", "multiply", "divide", "maximum", "minimum", "where", *E.COMPARISONS}
NO_GRADIENT = {"one_hot", "argmax", *E.COMPARISONS}


def _pair(kind):
    if kind in E.COMPARISONS:
        return E.COMPARISONS[kind]
    module = S if hasattr(S, f"{kind}_forward") else E
    return getattr(module, f"{kind}_forward"), getattr(module, f"{kind}_backward")


KINDS = {kind: _pair(kind) for kind in UNARY + BINARY + VARIADIC + TERNARY}


class Op(Layer):
    """A tensor op recorded as a call: ``y = op(*operands)``, backward from its functional pair.

    Parameters
    ----------
    kind : one of ``KINDS`` ("add", "matmul", "getitem", "reduce_sum"...).
    constants : dict position -> value, the operands that are not tensors.
    **attrs : the op's settings (``axis``, ``transpose_b``, ``key``...).

    Notes
    -----
    Forward: y = f(operands) (``functional``'s ``<kind>_forward``). Backward: the matching
    ``<kind>_backward``, with broadcast gradients summed back to each operand's shape;
    integer and boolean operands, and ops without a gradient (comparisons, argmax,
    one_hot), give None. Shapes of symbolic calls come from running the op on two small
    batches (N = 2 and 3): an axis whose size follows N is the batch axis, others are fixed.

    Examples
    --------
    >>> import numpy as np
    >>> op = Op("multiply")
    >>> op.forward(np.ones((2, 3)), np.full(3, 2.0))[0]
    array([2., 2., 2.])
    >>> [g.shape for g in op.backward(np.ones((2, 3)))]
    [(2, 3), (3,)]
    """

    def __init__(self, kind, constants=None, name=None, **attrs):
        if kind not in KINDS:
            raise ValueError(f"Unknown op {kind!r}; known ops: {sorted(KINDS)}.")
        super().__init__(name or kind)
        self.kind = kind
        self.attrs = {k: _decode(v) for k, v in attrs.items()}
        self.constants = {int(k): _decode(v) for k, v in (constants or {}).items()}
        self._fn, self._grad_fn = KINDS[kind]
        self.batched = None          # per tensor operand: has a batch axis (set by a symbolic call)
        self.in_dtypes = None
        self.out_batched = True
        self.output_dtype = None

    # -- the call ---------------------------------------------------------------
    def operands(self, tensors):
        """The op's operands: the tensors with the constants put back in their places."""
        if not self.constants:
            return list(tensors)
        out, it = [], iter(tensors)
        dtype = next((t.dtype for t in tensors if getattr(t, "dtype", None) is not None
                      and t.dtype.kind == "f"), None)
        for i in range(len(tensors) + len(self.constants)):
            if i in self.constants:
                c = self.constants[i]
                if isinstance(c, tuple):                # a shape (symbolic broadcast check)
                    out.append(c)
                    continue
                if not isinstance(c, np.ndarray):       # 2.0 -> a 0-d array in x's dtype
                    number = isinstance(c, (int, float)) and not isinstance(c, bool)
                    c = xp.asarray(c, dtype=dtype if number and dtype is not None else None)
                elif dtype is not None and c.dtype.kind == "f":
                    c = c.astype(dtype, copy=False)     # a float64 NumPy mask keeps x's float32
                out.append(c)
            else:
                out.append(next(it))
        return out

    def forward(self, *tensors, training=False):
        listed = len(tensors) == 1 and isinstance(tensors[0], (list, tuple))
        tensors = list(tensors[0]) if listed else list(tensors)   # the harness passes a list
        y, cache = self._fn(*self.operands(tensors), **self.attrs)
        floats = tuple(getattr(t, "dtype", None) is not None and t.dtype.kind == "f" for t in tensors)
        self._cache = (cache, floats, listed)
        return y

    def backward(self, dy, input_grad=True):
        if self._cache is None:
            raise RuntimeError(f"{self!r}.backward() called before forward(); run forward first.")
        cache, floats, listed = self._cache
        if self.kind in NO_GRADIENT:
            grads = [None] * len(floats)
        else:
            every = self._grad_fn(dy, cache)
            grads = [g for i, g in enumerate(every) if i not in self.constants]
            grads = [g if f else None for g, f in zip(grads, floats)]
        return grads if listed or len(grads) > 1 else grads[0]

    # -- shapes of symbolic calls -------------------------------------------------
    def bind_symbolic(self, inputs):
        """Remember which operands have a batch axis, and their dtypes (called when recorded)."""
        self.batched = tuple(getattr(t, "batched", True) for t in inputs)
        self.in_dtypes = tuple(t.dtype for t in inputs)

    def call_output_shape(self, *shapes):
        """Output shape from the operands' shapes (per example where they have a batch axis)."""
        if len(shapes) == 1 and isinstance(shapes[0], list) and shapes[0] and isinstance(shapes[0][0], tuple):
            shapes = shapes[0]
        batched = self.batched or (True,) * len(shapes)
        dtypes = self.in_dtypes or (None,) * len(shapes)
        if self.kind in ELEMENTWISE:
            self._check_broadcast(shapes, batched)
        runs = []
        for n, free in ((2, 7), (3, 11)):     # two batch sizes, two sizes for unknown (None) axes
            arrays = [xp.ones(((n,) if b else ()) + tuple(free if d is None else d for d in s),
                              dtype=dt or "float64") for s, b, dt in zip(shapes, batched, dtypes)]
            with np.errstate(all="ignore"):
                y, _ = self._fn(*self.operands(arrays), **self.attrs)
            runs.append(y)
        a, b = runs
        self.output_dtype = None if a.dtype.kind == "f" else str(a.dtype)
        self.out_batched = any(batched) and a.ndim >= 1 and a.shape[0] == 2 and b.shape[0] == 3
        if any(batched) and not self.out_batched:
            raise ValueError(f"{self.kind} would drop or move the batch axis (the first); in a "
                             "model, reduce and transpose the other axes only (axis=1, ...).")
        dims = tuple(None if p != q else p for p, q in zip(a.shape, b.shape))
        return dims[1:] if self.out_batched else dims

    def _check_broadcast(self, shapes, batched):
        """Name the op and the shapes (N for the batch axis) when operands cannot broadcast."""
        full = [(("N",) if b else ()) + tuple(s) for s, b in zip(shapes, batched)]
        full = [f if isinstance(f, tuple) else tuple(xp.shape(f)) for f in self.operands(full)]
        for axis in range(1, max(len(f) for f in full) + 1):
            if len({f[-axis] for f in full if len(f) >= axis and f[-axis] not in (None, 1, "N")}) > 1:
                shown = " and ".join("(" + ", ".join(map(str, f)) + ("," if len(f) == 1 else "") + ")"
                                     for f in full)
                raise ValueError(f"{self.kind}: shapes {shown} do not broadcast (each axis, read "
                                 "from the right, must be equal or 1). Reshape or expand_dims one "
                                 "operand so that the axes line up.")

    def output_shape(self, input_shape):
        arity = len(input_shape) if input_shape and isinstance(input_shape[0], tuple) else 1
        return self.call_output_shape(*(input_shape if arity > 1 else [input_shape]))

    def build(self, input_shape, rng=None, dtype=None):
        """Nothing to create; a model's shape pass asks ``call_output_shape`` for the shapes."""
        self.input_shape = input_shape
        self.built = True

    def get_config(self):
        return {"kind": self.kind, **{k: _encode(v) for k, v in self.attrs.items()},
                "constants": {str(k): _encode(v) for k, v in self.constants.items()}, "name": self.name}

    def __repr__(self):
        return f"Op({self.kind!r})"


def _encode(value):
    """Op settings as JSON: slices, Ellipsis and arrays get a small tagged form."""
    if isinstance(value, slice):
        return {"slice": [value.start, value.stop, value.step]}
    if value is Ellipsis:
        return {"ellipsis": True}
    if isinstance(value, np.ndarray):
        return {"array": value.tolist(), "dtype": str(value.dtype)}
    if isinstance(value, (np.integer, np.floating, np.bool_)):
        return value.item()
    if isinstance(value, (tuple, list)):
        return {"tuple": [_encode(v) for v in value]} if isinstance(value, tuple) else [_encode(v) for v in value]
    return value


def _decode(value):
    if isinstance(value, dict):
        if "slice" in value:
            return slice(*value["slice"])
        if "ellipsis" in value:
            return Ellipsis
        if "array" in value:
            return np.asarray(value["array"], dtype=value["dtype"])
        if "tuple" in value:
            return tuple(_decode(v) for v in value["tuple"])
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value
