"""Composite layers: a layer made of named sub-layers (the transformer's blocks)."""
from __future__ import annotations

from ..backend import rng as make_rng
from .layer import Layer


class Composite(Layer):
    """Base for a layer built from sub-layers held in ``self.children`` (name -> layer).

    ``params``, ``grads`` and ``state`` are real dicts whose arrays are the sub-layers' own,
    under keys ``"<child>_<key>"``, so in-place optimizer updates reach the sub-layers and
    a model can assign summed gradients by key (as ``Bidirectional``). ``call(name, ...)``
    runs a child and keeps its cache in the running call's cache; ``back(name, dy)`` puts
    that cache back and runs the child's backward, so the composite can itself be shared.
    """

    children: dict
    composite_call = True     # its call(name, ...) is not Keras's call: no subclass machinery

    def _build_children(self, shapes, rng, dtype):
        """Build each child from ``shapes`` (child name -> per-example input shape)."""
        for name, child in self.children.items():
            if not child.built or child._provisional:
                child.build(shapes[name], make_rng(int(rng.integers(2 ** 62))), dtype)
        self._register()

    def _register(self):
        for attr in ("params", "state"):
            target = getattr(self, attr)
            target.clear()
            for name, child in self.children.items():
                target.update({f"{name}_{k}": v for k, v in getattr(child, attr).items()})

    def _begin(self):
        self._calls = {}

    def call(self, name, *args, training=False, **kwargs):
        child = self.children[name]
        y = child.forward(*args, training=training, **kwargs)
        self._calls[name] = child._cache
        return y

    def back(self, name, dy, input_grad=True):
        child = self.children[name]
        child._cache = self._calls_cache[name]
        dx = child.backward(dy, input_grad=input_grad)
        self.grads.update({f"{name}_{k}": g for k, g in child.grads.items()})
        return dx

    def backward(self, dy, input_grad: bool = True):
        if self._cache is not None:
            self._calls_cache = self._cache[0]
        return super().backward(dy, input_grad)
