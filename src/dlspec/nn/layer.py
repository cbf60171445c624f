"""The layer contract every dlspec layer follows (see docs/design.md)."""
from __future__ import annotations

from ..backend import as_dtype, rng as make_rng
from . import keras_api, recording


class Layer:
    """Base class: holds parameters, gradients, state and the forward cache.

    Subclasses implement ``build`` (create parameters once the input shape is
    known), ``_forward`` and ``_backward``. This class adds the checks that every
    layer needs: shape validation at the boundary and ``backward`` before
    ``forward``.

    Attributes
    ----------
    params : dict name -> array, the trainable parameters.
    grads : dict name -> array, same keys; assigned (not accumulated) by backward.
    state : dict name -> array, non-trainable state (batch-norm running averages).
    input_grad : bool, whether the running ``backward`` must return the input's gradient.
    """

    input_grad = True
    trainable = True        # False: fit, the optimizers and L2 leave the parameters alone

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if hasattr(cls, "call"):        # written as Keras's subclassed layers: see models/subclass.py
            recording.on_subclass(cls)
        # Every constructor takes Keras's input_shape=, trainable=, data_format= (keras_api.py).
        if "__init__" in cls.__dict__:
            cls.__init__ = keras_api.keras_constructor(cls.__dict__["__init__"])

    def __init__(self, name: str | None = None):
        self.name = name or type(self).__name__.lower()
        for attr in ("params", "grads", "state"):
            # Containers (Model, TimeDistributed...) expose these as views of their children.
            if not isinstance(getattr(type(self), attr, None), property):
                setattr(self, attr, {})
        self.built = False
        self._provisional = False   # built by its constructor (input_dim=...), not yet used
        self.input_shape: tuple | None = None   # per-example shape, without N
        self.dtype = None
        self._cache = None

    # -- life cycle -------------------------------------------------------
    def build(self, input_shape, rng=None, dtype=None):
        """Create parameters for per-example ``input_shape``; returns the output shape."""
        sub = self.__dict__.get("_sub")
        if sub is not None and sub.keras_phase:
            return None             # Keras's super().build(input_shape) at the end of a subclass's build
        self.input_shape = tuple(input_shape)
        self.dtype = as_dtype(dtype)
        self._build(self.input_shape, make_rng(rng), self.dtype)
        self.built = True
        self._provisional = False
        return self.output_shape(self.input_shape)

    def _build(self, input_shape, rng, dtype):
        """Create parameters; layers without parameters need not override."""

    def output_shape(self, input_shape):
        """Per-example output shape for a per-example input shape."""
        return tuple(input_shape)

    def get_config(self) -> dict:
        """The constructor arguments, so that the layer can be rebuilt."""
        return {"name": self.name}

    # -- propagation ------------------------------------------------------
    def forward(self, x, training: bool = False):
        """Compute the output for a batch ``x`` and keep what backward needs."""
        check_array(x, self)
        if not self.built:
            self.build(x.shape[1:], dtype=x.dtype if x.dtype.kind == "f" else None)
        elif not self._accepts(tuple(x.shape[1:])):
            hint = " (did you forget Flatten()?)" if x.ndim > len(self.input_shape) + 1 else ""
            raise ValueError(
                f"{type(self).__name__} {self.name!r} was built for inputs of shape "
                f"(N, {_dims(self.input_shape)}); got {tuple(x.shape)}. Check the previous "
                f"layer's output size{hint}."
            )
        y, self._cache = self._forward(x, training)
        return y

    def backward(self, dy, input_grad: bool = True):
        """Return the gradient w.r.t. the input; assign ``self.grads``.

        ``input_grad=False`` tells the layer that nobody needs the gradient w.r.t. its
        input (the input is the training data): a layer may then skip that work and
        return None (Dense skips dA_prev = dZ W^T, a product as large as its dW).
        """
        if self._cache is None:
            raise RuntimeError(f"{self!r}.backward() called before forward(); run forward "
                               "on a batch first (backward uses what forward cached).")
        self.input_grad = input_grad
        self._provisional = False      # trained weights: a model must not re-initialize them
        return self._backward(dy, self._cache)

    def _accepts(self, shape):
        """Whether a built layer takes per-example ``shape`` (its build shape, None = any size)."""
        return shape_matches(shape, self.input_shape)

    def _forward(self, x, training):
        raise NotImplementedError

    def _backward(self, dy, cache):
        raise NotImplementedError

    # -- conveniences -----------------------------------------------------
    def __call__(self, *args, **kwargs):
        """On arrays: ``forward``. On tensors: record the call (one mechanism, two ways).

        ``layer(x)`` on a symbolic tensor (``dlspec.Input``) records a node and returns a
        symbolic output, as in Keras's functional API; calling the same layer again shares its
        weights. ``training=False`` at a symbolic call fixes that call to inference mode (a
        frozen base network's batch norm). On eager tensors, or on arrays while a
        ``dlspec.GradientTape`` records, the call runs at once and is kept on the tape.
        """
        record = _recorder(args) or _recorder(kwargs.values())
        if record is not None:
            return record(self, args, kwargs)
        if recording.TAPES:
            return recording.TAPES[-1].record_call(self, args, kwargs)
        return self.forward(*args, **kwargs)

    def _assign_grads(self, grads):
        """Set the gradients (summed over a shared layer's calls) by parameter name."""
        for key, value in grads.items():
            self.grads[key] = value

    def get_weights(self) -> list:
        """Copies of the weights in Keras's order (``[kernel, bias]``...); see ``keras_api``."""
        return keras_api.get_weights(self)

    def set_weights(self, weights):
        """Copy a list of arrays (as ``get_weights`` returns) into the weights, in place."""
        keras_api.set_weights(self, weights)

    @property
    def trainable_variables(self):
        """The trainable weights as ``dlspec.Variable``s sharing memory with ``params``
        (Keras's ``trainable_variables``); a frozen layer has none."""
        return recording.layer_variables(self) if self.trainable else []

    trainable_weights = trainable_variables

    def count_params(self) -> int:
        return int(sum(p.size for p in self.params.values()))

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items()
                         if k != "name" and v is not None)
        return f"{type(self).__name__}({args})"


def _recorder(values):
    """How to record a call on ``values``: a symbolic tensor's way first, else an eager one's."""
    found = None
    for v in values:
        if isinstance(v, (list, tuple, dict)):
            record = _recorder(v.values() if isinstance(v, dict) else v)
        else:
            record = getattr(v, "_record_call", None)
        if record is not None:
            if getattr(record, "symbolic", False):
                return record
            found = found or record
    return found


def check_array(x, layer):
    """Raise a TypeError that says how to fix it when ``x`` is not an array (a list, a scalar)."""
    if not (hasattr(x, "shape") and hasattr(x, "dtype") and hasattr(x, "ndim")):
        raise TypeError(f"{type(layer).__name__} {layer.name!r} expects a NumPy array with the batch "
                        f"first, such as (N, features); got {type(x).__name__}. Convert it first: "
                        "np.asarray(x, dtype=np.float32).")
    if x.ndim == 0:
        raise ValueError(f"{type(layer).__name__} {layer.name!r} expects a batch of examples (N, ...); "
                         "got a 0-d array. Use x.reshape(1, -1) for one example.")


def shape_matches(shape, expected):
    """``shape`` equals ``expected`` where ``expected`` is known (None matches any size)."""
    return len(shape) == len(expected) and all(e is None or s == e for s, e in zip(shape, expected))


def _dims(shape):
    return ", ".join(str(d) for d in shape)
