"""Running a graph of calls: forward in creation order, backward in reverse.

A model is a list of nodes (``dlspec.nn.node.Node``), each one call of a layer. Forward
runs them in the order they were created (a node only reads tensors made before it) and
keeps each node's cache, so a layer called several times (shared weights) keeps one cache
per call. Backward runs the nodes in reverse: a tensor read by several nodes gets the sum
of their gradients, and a shared layer's parameter gradients are summed over its calls.
"""
from __future__ import annotations

from ..backend import xp
from ..nn.node import call_output_shape


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
        in_shapes = [shapes[id(t)] for t in node.inputs]
        arg = node.first_argument(in_shapes)
        layer = node.layer
        try:
            if build is not None and not layer.built:
                layer.build(arg, *build)
            out = call_output_shape(node, in_shapes)
        except ValueError as exc:
            raise ValueError(f"{model.name}: layer {layer.name} ({type(layer).__name__}), reading "
                             f"{', '.join(t.name for t in node.inputs)} of shape {arg}: {exc}") from None
        outs = out if len(node.outputs) > 1 else [out]
        for t, s in zip(node.outputs, outs):
            shapes[id(t)] = tuple(s)
    return shapes


class Step:
    """One node, prepared once: the ids of what it reads and makes, and what it frees."""

    __slots__ = ("node", "layer", "ins", "outs", "simple", "frees")

    def __init__(self, node, frees):
        self.node, self.layer = node, node.layer
        self.ins = tuple(id(t) for t in node.inputs)
        self.outs = tuple(id(t) for t in node.outputs)
        self.simple = len(node.inputs) == 1 and node.template == ((0,), {})   # layer(x)
        self.frees = frees


def plan(model):
    """The steps of ``forward``: each tensor is freed after its last reader (outputs are kept)."""
    last_reader = {}
    for k, node in enumerate(model._nodes):
        for t in node.inputs:
            last_reader[id(t)] = k
    keep = {id(t) for t in model._outputs}
    frees = [[] for _ in model._nodes]
    for tid, k in last_reader.items():
        if tid not in keep:
            frees[k].append(tid)
    return [Step(node, tuple(f)) for node, f in zip(model._nodes, frees)]


def forward(model, xs, training, keep_caches=True):
    """Run every node on the input arrays ``xs``; return (outputs, cache, output masks).

    ``keep_caches=False`` (predict): no backward will follow, so each layer's cache is
    dropped as soon as its call returns and the cache returned is None. Why: a convolution's
    cache holds its im2col windows, and ResNet-50 kept all of them alive to the end of the
    forward; dropped, each layer's buffers are free (and already resident) for the next.
    """
    values = {id(t): x for t, x in zip(model._inputs, xs)}
    masks = {} if model._tracks_masks else None
    caches, meta = {}, {}
    for step in model._plan:
        node, layer = step.node, step.layer
        mode = training if node.training is None else node.training
        if mode and not layer.trainable and getattr(layer, "frozen_runs_inference", False):
            mode = False            # Keras: a frozen batch norm uses its moving averages
        implicit = False
        if step.simple and masks is None:
            x = values[step.ins[0]]
            y = layer.forward(x, training=mode)
        else:
            args, kwargs = node.call_arguments([values[i] for i in step.ins])
            x = args[0] if args else None
            mask = masks.get(step.ins[0]) if masks is not None and step.ins else None
            implicit = mask is not None and getattr(layer, "supports_masking", False) and "mask" not in kwargs
            if implicit:
                kwargs["mask"] = mask
            y = layer.forward(*args, training=mode, **kwargs)
            if masks is not None:
                out_mask = _output_mask(layer, x, mask)
                if out_mask is not None:
                    masks[step.outs[0]] = out_mask
        if keep_caches:
            caches[node.id] = (layer._cache, implicit)
        else:
            layer._cache = None
        if len(step.outs) > 1:
            meta[node.id] = [(v.shape, v.dtype) for v in y]
            values.update(zip(step.outs, y))
        else:
            values[step.outs[0]] = y
        for tid in step.frees:      # free activations nobody reads any more
            del values[tid]
    outs = [values[id(t)] for t in model._outputs]
    out_masks = [masks.get(id(t)) for t in model._outputs] if masks is not None else [None] * len(outs)
    return outs, (caches, meta) if keep_caches else None, out_masks


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
    constant, data_only = ((), ()) if input_grad else constant_tensors(model)
    summed, ran = {}, set()
    for step in reversed(model._plan):
        node, layer = step.node, step.layer
        if len(step.outs) == 1:
            dy = grads.pop(step.outs[0], None)
            if dy is None or step.outs[0] in constant:
                continue
        else:                       # zeros for the outputs nobody used
            douts = [grads.pop(i, None) for i in step.outs]
            if all(d is None for d in douts) or step.outs[0] in constant:
                continue
            dy = [xp.zeros(*m) if d is None else d for d, m in zip(douts, meta[node.id])]
        layer._cache, implicit = caches[node.id]
        need_dx = node.id not in data_only
        dx = layer.backward(dy, input_grad=need_dx)
        ran.add(id(layer))
        if id(layer) in model._shared:
            _accumulate(summed, layer)
        if not need_dx:
            continue
        if len(step.ins) == 1 and not isinstance(dx, (list, tuple)):
            dxs = (dx,)
        else:
            dxs = list(dx)[:len(step.ins)] if implicit else dx   # the engine's mask has no gradient
        for i, g in zip(step.ins, dxs):
            if g is not None:       # sum, never in place: a layer may hand one array to all inputs
                grads[i] = g if i not in grads else grads[i] + g
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
    """When nobody needs the inputs' gradient (``fit``): the tensors that need none (the
    inputs, and every tensor computed from them by calls without trainable parameters) and
    the nodes that read only those (they skip their input gradient). Cached until a layer is
    frozen or unfrozen."""
    key = tuple(has_trainable_params(layer) for layer in model.layers)
    if model._constant[0] == key:
        return model._constant[1]
    constant, data_only = {id(t) for t in model._inputs}, set()
    for node in model._nodes:
        if all(id(t) in constant for t in node.inputs):
            data_only.add(node.id)          # reads only the data: skip its input gradient
            if not has_trainable_params(node.layer):
                constant.update(id(t) for t in node.outputs)
    model._constant = (key, (constant, data_only))
    return constant, data_only


def has_trainable_params(layer):
    if hasattr(layer, "layers"):        # a model, or a subclassed layer (which may own weights)
        own = getattr(layer, "has_own_trainable_weights", None)
        return any(has_trainable_params(child) for child in layer.layers) or bool(own and own())
    return bool(layer.trainable and layer.params)
