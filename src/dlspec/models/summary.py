"""Keras-style model summary: one row per call, with what it is connected to, and totals."""
from __future__ import annotations


def summary(model) -> str:
    from . import engine
    shapes = engine.shape_pass(model, model._input_shapes(model.input_shape))
    widths = (44, 22, 12, 30)
    head = ("Layer (type)", "Output Shape", "Param #", "Connected to")
    rows = [f'Model: "{model.name}"', _row(head, widths), "=" * sum(widths)]
    for t in model._inputs:
        rows.append(_row((f"{t.name} (Input)", _shape(shapes[id(t)]), "0", ""), widths))
    seen = set()
    for node in model._nodes:
        layer = node.layer
        shown = [_shape(shapes[id(t)]) for t in node.outputs]
        params = layer.count_params() + _state_size(layer) if id(layer) not in seen else 0
        seen.add(id(layer))
        label = f"{layer.name} ({type(layer).__name__})"
        sources = [t.name for t in node.inputs] or [""]
        rows.append(_row((label, shown[0], f"{params:,}", sources[0]), widths))
        for extra_shape, source in _zip_longest(shown[1:], sources[1:]):
            rows.append(_row(("", extra_shape or "", "", source or ""), widths))
    trainable = sum(int(p.size) for _, p, _ in _trainable(model))
    total = model.count_params(include_state=True)
    rows += ["=" * sum(widths), f"Total params: {total:,}", f"Trainable params: {trainable:,}",
             f"Non-trainable params: {total - trainable:,}"]
    return "\n".join(rows)


def _trainable(model):
    from .model import Model
    for layer in model.layers:
        if isinstance(layer, Model):
            yield from _trainable(layer)
        elif layer.trainable:
            for key, param in layer.params.items():
                yield key, param, None


def _state_size(layer):
    return sum(int(v.size) for v in layer.state.values() if v.dtype.kind == "f")


def _shape(shape):
    return f"(None, {', '.join('None' if d is None else str(d) for d in shape)})"


def _row(cells, widths):
    return "".join(str(c)[:w - 1].ljust(w) for c, w in zip(cells, widths)).rstrip()


def _zip_longest(a, b):
    n = max(len(a), len(b))
    return [(a[i] if i < len(a) else None, b[i] if i < len(b) else None) for i in range(n)]
