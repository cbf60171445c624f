"""Keras-style model summary: one row per call, with what it is connected to, and totals."""
from __future__ import annotations


HEAD = ("Layer (type)", "Output Shape", "Param #", "Connected to")


def summary_rows(model):
    """The summary's table as data: (rows of 4 cells, then the totals as (label, count))."""
    from . import engine
    shapes = engine.shape_pass(model, model._input_shapes(model.input_shape))
    rows = [(f"{t.name} (Input)", _shape(shapes[id(t)]), "0", "") for t in model._inputs]
    seen = set()
    for node in model._nodes:
        layer = node.layer
        shown = [_shape(shapes[id(t)]) for t in node.outputs]
        params = layer.count_params() + _state_size(layer) if id(layer) not in seen else 0
        seen.add(id(layer))
        label = f"{layer.name} ({type(layer).__name__})"
        sources = [t.name for t in node.inputs] or [""]
        rows.append((label, shown[0], f"{params:,}", sources[0]))
        for extra_shape, source in _zip_longest(shown[1:], sources[1:]):
            rows.append(("", extra_shape or "", "", source or ""))
    trainable = sum(int(p.size) for _, p, _ in _trainable(model))
    total = model.count_params(include_state=True)
    totals = [("Total params", total), ("Trainable params", trainable),
              ("Non-trainable params", total - trainable)]
    return rows, totals


def summary(model) -> str:
    widths = (44, 22, 12, 30)
    rows, totals = summary_rows(model)
    lines = [f'Model: "{model.name}"', _row(HEAD, widths), "=" * sum(widths),
             *(_row(r, widths) for r in rows), "=" * sum(widths)]
    return "\n".join(lines + [f"{label}: {count:,}" for label, count in totals])


def summary_html(model) -> str:
    """The same table as HTML, for Jupyter (``Model._repr_html_``)."""
    from html import escape
    rows, totals = summary_rows(model)
    head = "".join(f"<th>{escape(h)}</th>" for h in HEAD)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    foot = "".join(f"<tr><td colspan='2'>{escape(label)}</td><td>{count:,}</td><td></td></tr>"
                   for label, count in totals)
    return (f"<table class='dlspec-summary'><caption>{escape(model.name)} "
            f"({escape(type(model).__name__)})</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody><tfoot>{foot}</tfoot></table>")


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
