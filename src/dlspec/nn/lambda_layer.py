"""Lambda: a function of tensor ops used as a layer (Keras's ``Lambda``)."""
from __future__ import annotations

from .layer import Layer


class Lambda(Layer):
    """Wrap ``function`` (of ``dlspec.ops`` and operators) as a layer: ``Lambda(lambda z: z[:, t, :])``.

    Parameters
    ----------
    function : callable taking the input tensor(s) and returning tensor(s).
    arguments : dict, optional, more keyword arguments for ``function``.

    Notes
    -----
    A subclassed layer whose ``call`` is ``function``: traced once per input signature on
    symbolic tensors, its ops recorded with their own hand-derived backwards, so forward
    and backward need no code here. A function cannot be saved in a model file; rebuild the
    model from code and load its weights instead.

    Examples
    --------
    >>> import numpy as np
    >>> from dlspec import ops
    >>> Lambda(lambda x: ops.reduce_sum(x, axis=1)).forward(np.ones((2, 3)))
    array([3., 3.])
    """

    def __init__(self, function, arguments=None, name=None):
        if not callable(function):
            raise TypeError(f"Lambda(function) expects a callable; got {type(function).__name__}.")
        super().__init__(name)
        self.function = function
        self.arguments = dict(arguments or {})

    def call(self, inputs):
        return self.function(inputs, **self.arguments)

    def get_config(self):
        raise TypeError(f"Lambda {self.name!r} wraps a Python function, which cannot be saved; "
                        "rebuild the model from code and load its weights (model.load_weights).")

    def __repr__(self):
        return f"Lambda({getattr(self.function, '__name__', 'function')})"
