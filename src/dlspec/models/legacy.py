"""Models saved by the retired ``Graph`` class load as functional models.

A Graph's config lists its layers with the names of the nodes each one reads ("input" is
the model's input). The input shape is only known when the file is loaded, so the calls
are replayed at ``build``, on an ``Input`` of that shape.
"""
from __future__ import annotations

from ..nn.node import Input
from .model import Model


class LegacyGraph(Model):
    """A model from a Graph config; once built it is an ordinary functional ``Model``."""

    config_class = "Model"          # saved again, it is written as a functional model

    def __init__(self, config, make_layer):
        super().__init__(name=config.get("name"), seed=config.get("seed") or 0, dtype=config.get("dtype"))
        self._specs = [(make_layer({"class": s["class"], "config": s["config"]}), s["inputs"])
                       for s in config["layers"]]
        self._output_name = config.get("output") or self._specs[-1][0].name
        self.layers = [layer for layer, _ in self._specs]

    def build(self, input_shape=None, rng=None, dtype=None):
        if not self._nodes:
            if input_shape is None:
                raise ValueError("A model saved by Graph needs its input shape: model.build((H, W, C)).")
            x = Input(tuple(input_shape))
            tensors = {"input": x}
            for layer, reads in self._specs:
                name = layer.name
                args = [tensors[n] for n in reads]
                tensors[name] = layer(args if len(reads) > 1 or _is_merge(layer) else args[0])
            self._set_graph(x, tensors[self._output_name])
        return super().build(input_shape, rng, dtype)


def _is_merge(layer):
    from ..nn.merge import Merge
    return isinstance(layer, Merge)
