"""A functional model's config (JSON): its layers once each, and every call with its wiring.

``{"inputs": [...], "layers": [{"class", "config"}...], "nodes": [{"layer": i, "args": ...}],
"outputs": [...]}``: a tensor is written ``{"tensor": [source, index]}`` with source
``"input:k"`` (the k-th input) or the position of the node that made it. Loading replays
the calls in order on new ``Input`` tensors, so shared layers stay shared.
"""
from __future__ import annotations

from ..nn.node import Input, _fill


def model_config(model) -> dict:
    layer_index = {id(layer): i for i, layer in enumerate(model.layers)}
    where = {id(t): f"input:{k}" for k, t in enumerate(model._inputs)}
    nodes = []
    for position, node in enumerate(model._nodes):
        refs = [{"tensor": [where[id(t)], t.index]} for t in node.inputs]
        args, kwargs = _fill(node.template, refs)      # each tensor -> {"tensor": [source, index]}
        nodes.append({"layer": layer_index[id(node.layer)], "args": list(args), "kwargs": kwargs,
                      "training": node.training})
        for t in node.outputs:
            where[id(t)] = position
    return {"inputs": [{"shape": list(t.shape), "dtype": t.dtype, "name": getattr(t.node, "input_name", None)}
                       for t in model._inputs],
            "input_keys": model._in_keys,
            "layers": [{"class": type(layer).__name__, "config": layer.get_config()} for layer in model.layers],
            "nodes": nodes,
            "outputs": [{"tensor": [where[id(t)], t.index]} for t in model._outputs],
            "output_keys": model._out_keys,
            "frozen": [layer.name for layer in model.layers if not layer.trainable],
            "seed": model.seed if isinstance(model.seed, int) else None,
            "dtype": model.model_dtype, "name": model.name}


def model_from_config(cls, config, layers):
    """Rebuild a model of class ``cls`` from ``model_config``'s output and its rebuilt layers."""
    inputs = [Input(tuple(spec["shape"]), dtype=spec["dtype"], name=spec["name"]) for spec in config["inputs"]]
    made = []

    def tensor(ref):
        source, index = ref
        if isinstance(source, str):
            return inputs[int(source.split(":")[1])]
        return made[source][index] if isinstance(made[source], list) else made[source]

    for node in config["nodes"]:
        args = _decode(node["args"], tensor)
        kwargs = _decode(node["kwargs"], tensor)
        if node.get("training") is not None:
            kwargs["training"] = node["training"]
        made.append(layers[node["layer"]](*args, **kwargs))
    outputs = [_decode(ref, tensor) for ref in config["outputs"]]
    return cls(_structure(config["input_keys"], inputs), _structure(config["output_keys"], outputs),
               name=config["name"], seed=config["seed"] if config["seed"] is not None else 0,
               dtype=config["dtype"])


def _structure(keys, values):
    if keys is None:
        return values[0]
    return list(values) if isinstance(keys, int) else dict(zip(keys, values))


def _decode(value, tensor):
    if isinstance(value, dict):
        if set(value) == {"tensor"}:
            return tensor(value["tensor"])
        return {k: _decode(v, tensor) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v, tensor) for v in value]
    return value
