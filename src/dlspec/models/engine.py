"""Running a graph of calls: forward in creation order, backward in reverse.

A model is a list of nodes (``dlspec.nn.node.Node``), each one call of a layer. Forward
runs them in the order they were created (a node only reads tensors made before it) and
keeps each node's cache, so a layer called several times (shared weights) keeps one cache
per call. Backward runs the nodes in reverse: a tensor read by several nodes gets the sum
of their gradients, and a shared layer's parameter gradients are summed over its calls.
"""
from __future__ import annotations

from collections import Counter

from ..backend import xp


def collect_nodes(outputs, inputs):
    """The nodes that the ``outputs`` depend on, in creation order; checks that every path
    starts at one of ``inputs`` (so nodes that do not reach an output are never run)."""
    input_ids = {id(t) for t in inputs}
    seen, stack = {}, [t for t in outputs]
    while stack:
        t = stack.pop()
        if id(t) in input_ids:
            continue
        node = t.node
        if node.layer is None:
            raise ValueError(f"The outputs depend on {t.name}, which is not among the model's "
                             f"inputs ({', '.join(x.name for x in inputs)}). Pass every Input the "
                             "outputs are computed from: Model(inputs=[...], outputs=...).")
        if node.id not in seen:
            seen[node.id] = node
            stack.extend(node.inputs)
    return [seen[k] for k in sorted(seen)]


def shape_pass(model, input_shapes, build=None):
    """Per-example shapes of every tensor; with ``build=(rng, dtype)`` build unbuilt layers."""
    shapes = {id(t): tuple(s) for t, s in zip(model._inputs, input_shapes)}
    for node in model._nodes:
        arg = node.first_argument([shapes[id(t)] for t in node.inputs])
        layer = node.layer
        try:
            if build is not None and not layer.built:
                out = layer.build(arg, *build)
            else:
                out = layer.output_shape(arg)
        except ValueError as exc:
            raise ValueError(f"{model.name}: layer {layer.name} ({type(layer).__name__}), reading "
                             f"{', '.join(t.name for t in node.inputs)} of shape {arg}: {exc}") from None
        outs = out if len(node.outputs) > 1 else [out]
        for t, s in zip(node.outputs, outs):
            shapes[id(t)] = tuple(s)
    return shapes


def forward(model, xs, training):
    """Run every node on the input arrays ``xs``; return (outputs, cache, output masks)."""
    values = {id(t): x for t, x in zip(model._inputs, xs)}
    masks = {}
    remaining = Counter(model._reads)
    keep = {id(t) for t in model._outputs}
    caches, meta = {}, {}
    for node in model._nodes:
        layer = node.layer
        args, kwargs = node.call_arguments([values[id(t)] for t in node.inputs])
        mode = training if node.training is None else node.training
        if mode and not layer.trainable and getattr(layer, "frozen_runs_inference", False):
            mode = False            # Keras: a frozen batch norm uses its moving averages
        mask = masks.get(id(node.inputs[0])) if node.inputs else None
        implicit = mask is not None and getattr(layer, "supports_masking", False) and "mask" not in kwargs
        if implicit:
            kwargs["mask"] = mask
        y = layer.forward(*args, training=mode, **kwargs)
        caches[node.id] = (layer._cache, implicit)
        ys = y if len(node.outputs) > 1 else [y]
        meta[node.id] = [(v.shape, v.dtype) for v in ys]
        for t, v in zip(node.outputs, ys):
            values[id(t)] = v
        out_mask = _output_mask(layer, args[0] if args else None, mask)
        if out_mask is not None:
            masks[id(node.outputs[0])] = out_mask
        for t in node.inputs:       # free activations nobody reads any more
            remaining[id(t)] -= 1
            if remaining[id(t)] == 0 and id(t) not in keep:
                values.pop(id(t), None)
    return ([values[id(t)] for t in model._outputs], (caches, meta),
            [masks.get(id(t)) for t in model._outputs])


def _output_mask(layer, x, mask):
    if hasattr(layer, "compute_mask"):
        return layer.compute_mask(x, mask)
    return mask if getattr(layer, "propagates_mask", False) else None


def backward(model, cache, dys, input_grad=True):
    """Gradients w.r.t. the model's inputs (a list, None where there is none)."""
    caches, meta = cache
    grads = {}
    for t, d in zip(model._outputs, dys):
        if d is not None:
            grads[id(t)] = d if id(t) not in grads else grads[id(t)] + d
    constant = set() if input_grad else constant_tensors(model)
    shared = {id(layer) for layer, n in model._calls.items() if n > 1}
    summed, ran = {}, set()
    for node in reversed(model._nodes):
        douts = [grads.pop(id(t), None) for t in node.outputs]
        if all(d is None for d in douts) or id(node.outputs[0]) in constant:
            continue
        layer = node.layer
        if len(douts) > 1:          # zeros for the outputs nobody used
            douts = [xp.zeros(*m) if d is None else d for d, m in zip(douts, meta[node.id])]
        layer._cache, implicit = caches[node.id]
        need_dx = not constant or not all(id(t) in constant for t in node.inputs)
        dx = layer.backward(douts if len(douts) > 1 else douts[0], input_grad=need_dx)
        ran.add(id(layer))
        if id(layer) in shared:
            _accumulate(summed, layer)
        if not need_dx:
            continue
        dxs = list(dx) if isinstance(dx, (list, tuple)) else [dx]
        if implicit:                # the mask the engine passed has no gradient
            dxs = dxs[:len(node.inputs)]
        for t, g in zip(node.inputs, dxs):
            if g is not None:       # sum, never in place: a layer may hand one array to all inputs
                grads[id(t)] = g if id(t) not in grads else grads[id(t)] + g
    for layer in model.layers:
        if id(layer) in summed:
            layer._assign_grads(summed[id(layer)][1])
    model._not_run = {id(layer) for layer in model.layers if id(layer) not in ran}
    return [grads.get(id(t)) for t in model._inputs]


def _accumulate(summed, layer):
    grads = dict(layer.grads)
    if id(layer) not in summed:     # a copy: the next call's backward may reuse the buffers
        summed[id(layer)] = (layer, {k: xp.array(v) for k, v in grads.items()})
    else:
        acc = summed[id(layer)][1]
        for k, v in grads.items():
            acc[k] = acc[k] + v


def constant_tensors(model):
    """Tensors that need no gradient when nobody needs the inputs' (``fit``): the inputs, and
    every tensor computed from them by calls without trainable parameters."""
    constant = {id(t) for t in model._inputs}
    for node in model._nodes:
        if not has_trainable_params(node.layer) and all(id(t) in constant for t in node.inputs):
            constant.update(id(t) for t in node.outputs)
    return constant


def has_trainable_params(layer):
    if hasattr(layer, "layers"):
        return any(has_trainable_params(child) for child in layer.layers)
    return bool(layer.trainable and layer.params)
