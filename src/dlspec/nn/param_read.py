"""ParamRead: a weight read inside a traced ``call`` (``ops.matmul(x, self.w) + self.b``).

When a subclass's ``call`` is traced on symbolic tensors, a ``Variable`` it reads becomes the
output of a node without inputs: this layer, whose only parameter is the variable's own array.
Its backward hands the incoming gradient to that parameter; a weight read twice is one layer
called twice, so the model's engine sums the two gradients (as for any shared layer).
"""
from __future__ import annotations

from .layer import Layer
from .node import record_call


class ParamRead(Layer):
    """Output the array of ``variable`` (no batch axis); its gradient is the parameter's."""

    out_batched = False

    def __init__(self, variable):
        super().__init__(variable.name.replace(".", "_"))
        self.variable = variable
        self.built = True
        self.output_dtype = None if variable.dtype.kind == "f" else str(variable.dtype)

    @property
    def params(self):
        return {"value": self.variable.value} if self.variable.trainable else {}

    @property
    def state(self):
        return {} if self.variable.trainable else {"value": self.variable.value}

    def call_output_shape(self):
        return tuple(self.variable.shape)

    def forward(self, training=False):
        self._cache = True
        return self.variable.value

    def backward(self, dy, input_grad=True):
        if self._cache is None:
            raise RuntimeError(f"{self!r}.backward() called before forward().")
        self.grads = {"value": dy} if self.variable.trainable else {}
        return []

    def get_config(self):
        raise TypeError(f"{self.variable.name!r} is a weight read inside a subclass's call(); save "
                        "the subclassed layer (its get_config), not its traced graph.")

    def __repr__(self):
        return f"ParamRead({self.variable.name!r})"


def read_variable(variable):
    """A symbolic tensor holding ``variable``'s value: a call of its (one) ParamRead layer."""
    reader = variable.__dict__.get("_reader")
    if reader is None:
        reader = variable._reader = ParamRead(variable)
    return record_call(reader, (), {})

