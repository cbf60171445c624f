"""Graph: a network whose layers form a directed acyclic graph (skip connections, branches)."""
from __future__ import annotations

from ..nn.layer import Layer
from .model import Model


class Graph(Model):
    """A model of layers wired by their inputs, like the course's Keras functional models.

    Each ``add(layer, inputs)`` names the node(s) the layer reads (``"input"`` is the model's
    input) and returns the new node's name, so a residual block reads like the course's code.
    Forward runs the nodes in the order they were added (each only reads earlier nodes);
    backward runs them in reverse and sums the gradients of a node that feeds several layers
    (dA_prev of a skip connection = main path + shortcut).

    Parameters
    ----------
    seed, dtype, name : as for Sequential.

    Examples
    --------
    >>> import numpy as np
    >>> from dlspec.nn import Conv2D, ReLU, Add
    >>> g = Graph(seed=0)
    >>> x = g.add(Conv2D(4, 3, padding="same"), "input")
    >>> y = g.add(Conv2D(4, 3, padding="same"), g.add(ReLU(), x))
    >>> out = g.add(Add(), [x, y])
    >>> g.predict(np.zeros((2, 5, 5, 3))).shape
    (2, 5, 5, 4)
    """

    INPUT = "input"

    def __init__(self, seed=0, dtype=None, name=None):
        super().__init__(seed=seed, dtype=dtype, name=name)
        self.layers = []
        self.inputs = {}          # node name -> list of input node names
        self.output = None        # name of the output node (the last added by default)

    def add(self, layer, inputs=None):
        """Append ``layer`` reading ``inputs`` (a node name or a list); return the node's name.

        ``inputs=None`` reads the last added node (or the model input for the first layer).
        """
        if not isinstance(layer, Layer):
            raise TypeError(f"Graph.add takes a dlspec layer; got {type(layer).__name__}.")
        if any(layer is other for other in self.layers):
            raise ValueError(f"{layer.name} is already in this graph: a layer has one set of "
                             "weights and one forward cache, so create a new layer for each use.")
        if inputs is None:
            inputs = self.output or self.INPUT
        names = [inputs] if isinstance(inputs, str) else list(inputs)
        known = {self.INPUT, *self.inputs}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ValueError(f"Graph.add({layer.name}): unknown input node(s) {unknown}; nodes "
                             f"so far: {sorted(known)}. Add a layer before reading its output.")
        from ..nn.merge import Merge
        if isinstance(layer, Merge) != (len(names) > 1 or not isinstance(inputs, str)):
            what = "a list of two or more nodes" if isinstance(layer, Merge) else "one node name"
            raise ValueError(f"{type(layer).__name__} reads {what}; got inputs={inputs!r}.")
        self._unique_name(layer)
        if layer.name == self.INPUT:
            layer.name = f"{self.INPUT}_layer"
            self._unique_name(layer)
        self.layers.append(layer)
        self.inputs[layer.name] = names
        self.output = layer.name
        self.built = False
        return layer.name

    def _node_shapes(self, input_shape, build=None):
        shapes = {self.INPUT: tuple(input_shape)}
        for layer in self.layers:
            ins = [shapes[n] for n in self.inputs[layer.name]]
            arg = ins if len(ins) > 1 or _is_merge(layer) else ins[0]
            try:
                if build is not None and not layer.built:
                    shapes[layer.name] = tuple(layer.build(arg, *build))
                else:
                    shapes[layer.name] = tuple(layer.output_shape(arg))
            except ValueError as exc:
                raise ValueError(f"Graph {self.name}, layer {layer.name} (reading "
                                 f"{self.inputs[layer.name]}): {exc}") from None
        return shapes

    def _build(self, input_shape, rng, dtype):
        if not self.layers:
            raise ValueError("Graph has no layers; add some with graph.add(layer, inputs).")
        self._shapes = self._node_shapes(input_shape, build=(rng, dtype))

    def output_shape(self, input_shape):
        return self._node_shapes(input_shape)[self.output]

    def _forward(self, x, training):
        values = {self.INPUT: x}
        remaining = self._consumers()
        for layer in self.layers:
            ins = [values[n] for n in self.inputs[layer.name]]
            values[layer.name] = layer.forward(ins if _is_merge(layer) else ins[0], training)
            for n in self.inputs[layer.name]:      # free activations nobody reads any more
                remaining[n] -= 1
                if remaining[n] == 0 and n != self.output:
                    del values[n]
        return values[self.output], True

    def _consumers(self):
        counts = {self.INPUT: 0, **{name: 0 for name in self.inputs}}
        for names in self.inputs.values():
            for n in names:
                counts[n] += 1
        return counts

    def _backward(self, dy, cache):
        grads = {self.output: dy}
        for layer in reversed(self.layers):
            d = grads.pop(layer.name, None)
            if d is None:          # the node does not reach the output
                continue
            dx = layer.backward(d)
            dxs = dx if _is_merge(layer) else [dx]
            for n, g in zip(self.inputs[layer.name], dxs):
                # Fan-out: sum, never in place (a merge may hand the same array to all inputs).
                grads[n] = g if n not in grads else grads[n] + g
        return grads.get(self.INPUT)

    def summary(self) -> str:
        """A table of nodes, their inputs, output shapes and parameter counts."""
        shapes = self._node_shapes(self.input_shape) if self.input_shape else {}
        rows = [f"{'layer':<48}{'inputs':<28}{'output shape':<20}{'params':>11}"]
        for layer in self.layers:
            shape = shapes.get(layer.name)
            shown = f"(N, {', '.join(map(str, shape))})" if shape else "?"
            rows.append(f"{layer.name + ' (' + type(layer).__name__ + ')':<48}"
                        f"{', '.join(self.inputs[layer.name]):<27} {shown:<20}{layer.count_params():>11,}")
        rows.append(f"{'total':<96}{self.count_params():>11,}")
        return "\n".join(rows)

    def get_config(self):
        return {"layers": [{"class": type(layer).__name__, "config": layer.get_config(),
                            "inputs": self.inputs[layer.name]} for layer in self.layers],
                "output": self.output, "seed": self.seed if isinstance(self.seed, int) else None,
                "dtype": self.model_dtype, "name": self.name}


def _is_merge(layer):
    from ..nn.merge import Merge
    return isinstance(layer, Merge)
