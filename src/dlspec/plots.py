"""Plots for experiments: decision boundaries and cost curves.

matplotlib is imported only here and only when a plot is drawn, through
``matplotlib.figure.Figure`` (no pyplot, so no GUI backend and no global state).
"""
from __future__ import annotations

import math

from .backend import xp


DPI = 110             # the PNGs' resolution
# The widest box a figure gets in the report: a 70rem (1120 px) page less its padding (2 x 24)
# and a card's border and padding (2 x 1 + 2 x 20). A figure wider than this is shrunk to it;
# with a min-width above it the figure would be cut behind a scroll bar (tested in a browser).
PAGE_PX = 1030
MIN_TEXT_PX = 10      # the smallest text the page shows


def make_legible(fig, page_px=PAGE_PX, dpi=DPI, min_px=MIN_TEXT_PX):
    """Enlarge every text of ``fig`` that would show smaller than ``min_px`` on the page.

    The report shows a PNG at its own size, or shrunk to the page's width when it is wider:
    text of s points shows at s / 72 * min(dpi, page_px / width_in_inches) pixels. A wide
    multi-panel figure with 7-point labels would show them at 6 px; this raises them (and the
    tick labels) to the legible minimum, and the constrained layout makes room. Returns the
    smallest text size in pixels on the page after the change.
    """
    from matplotlib.text import Text
    shown = min(dpi, page_px / fig.get_figwidth())            # pixels per inch on the page
    min_pt = min_px * 72 / shown
    fig.draw_without_rendering()                              # creates the tick labels
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    for t in texts:
        if t.get_fontsize() < min_pt:
            t.set_fontsize(min_pt)
    return min((t.get_fontsize() * shown / 72 for t in texts), default=float(min_px))


def legible_width(fig, smallest_px_on_page, page_px=PAGE_PX, dpi=DPI, min_px=MIN_TEXT_PX) -> int:
    """The narrowest display width (CSS px) at which ``fig``'s smallest text still shows at
    ``min_px``: a phone-width page shows the figure at this width in a scrolling box."""
    shown = min(dpi, page_px / fig.get_figwidth())
    natural_px = fig.get_figwidth() * dpi
    smallest_natural = smallest_px_on_page * dpi / shown
    return math.ceil(min(natural_px, natural_px * min_px / smallest_natural) - 1e-6)


def new_figure(ncols=1, nrows=1, width=4.0, height=3.6):
    """A Figure and a flat list of its axes."""
    from matplotlib.figure import Figure
    fig = Figure(figsize=(width * ncols, height * nrows), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False).reshape(-1).tolist()
    return fig, axes


def decision_boundary(ax, predict_classes, X, Y, title="", resolution=200):
    """Shade the classes ``predict_classes`` assigns over the plane, with the data on top."""
    pad = 0.5
    x0 = xp.linspace(X[:, 0].min() - pad, X[:, 0].max() + pad, resolution)
    x1 = xp.linspace(X[:, 1].min() - pad, X[:, 1].max() + pad, resolution)
    G0, G1 = xp.meshgrid(x0, x1)                               # (res, res) each
    grid = xp.stack([G0.ravel(), G1.ravel()], axis=1)          # (res*res, 2)
    Z = xp.asarray(predict_classes(grid)).reshape(G0.shape)
    ax.contourf(G0, G1, Z, alpha=0.35, cmap="Spectral")
    ax.scatter(X[:, 0], X[:, 1], c=Y, s=8, cmap="Spectral", edgecolors="k", linewidths=0.2)
    ax.set_title(title, fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])


LINE_STYLES = ("-", "--", ":", "-.")
MARKERS = ("o", "s", "^", "D", "v", "x")


def cost_curves(ax, curves: dict, title="cost", ylabel="cost", log=False, xlabel="epoch"):
    """One line per name in ``curves`` (name -> list of values per epoch).

    ``xlabel``: "epoch" for mini-batch training, "iteration" for full-batch training (one
    gradient step per epoch, the course's "Cost after iteration i")."""
    # Curves often coincide (gradient descent under momentum, ReLU under leaky ReLU): each
    # gets its own dash pattern and marker, so that one lying on another still shows.
    for i, (name, values) in enumerate(curves.items()):
        n = len(values)
        every = max(1, n // 8)                     # about 8 markers, shifted per curve
        ax.plot(range(1, n + 1), values, label=name, ls=LINE_STYLES[i % len(LINE_STYLES)],
                marker=MARKERS[i % len(MARKERS)], markersize=4,
                markevery=((i * every // 3) % every if n else 0, every))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if log:
        ax.set_yscale("log")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)



def overlapping_texts(fig) -> list:
    """What a reader cannot read: pairs of visible texts of ``fig`` whose drawn boxes
    (``get_window_extent``) overlap, and a legend drawn over a bar. Tick labels are left
    out (matplotlib spaces them along their axis)."""
    from matplotlib.legend import Legend
    from matplotlib.patches import Rectangle
    from matplotlib.text import Text
    renderer = _renderer(fig)
    ticks = {id(t) for ax in fig.axes for t in (*ax.get_xticklabels(), *ax.get_yticklabels())}
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in ticks]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    pairs = [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:] if box_a.overlaps(box_b)]
    for legend in fig.findobj(Legend):
        frame = legend.get_window_extent(renderer)
        for bar in (legend.axes.patches if legend.axes is not None else []):
            if isinstance(bar, Rectangle) and bar.get_height() and bar.get_window_extent(renderer).overlaps(frame):
                pairs.append(("the legend", f"the bar at x = {bar.get_x():.2f}"))
    return pairs


def _renderer(fig):
    """An Agg renderer for ``fig`` after a layout pass (a bare Figure has no canvas to draw on)."""
    if not hasattr(fig.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        FigureCanvasAgg(fig)
    fig.draw_without_rendering()
    return fig.canvas.get_renderer()


def place_labels(ax, labels, **style):
    """Write ``labels`` [(x, y, text), ...] at their points (data coordinates) so that no two
    overlap: a label that would cover one already placed moves down by its own height until
    it is clear. Returns the Text objects."""
    from matplotlib.transforms import offset_copy
    fig = ax.figure
    renderer = _renderer(fig)
    placed, out = [], []
    for x, y, text in labels:
        t = ax.text(x, y, text, **style)
        box = t.get_window_extent(renderer)
        height_pt = box.height * 72 / fig.dpi
        for step in range(1, 30):
            if not any(box.overlaps(other) for other in placed):
                break
            t.set_transform(offset_copy(ax.transData, fig=fig, y=-height_pt * step, units="points"))
            box = t.get_window_extent(renderer)
        placed.append(box)
        out.append(t)
    return out
