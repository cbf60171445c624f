"""Figures a reader can read: coinciding curves told apart, no label over another (issue 28)."""
from types import SimpleNamespace

import numpy as np
import pytest

from dlspec import plots


def _saved(fig, tmp_path):
    from dlspec.experiments.context import Context
    Context(out_dir=tmp_path).save_figure(fig, "f.png")      # text raised to the legible size
    return fig


def test_coinciding_cost_curves_are_drawn_apart():
    fig, [ax] = plots.new_figure()
    same = list(np.linspace(1, 0.1, 50))
    plots.cost_curves(ax, {"gradient descent": same, "momentum": same, "adam": same})
    styles = {(line.get_linestyle(), line.get_marker()) for line in ax.get_lines()}
    assert len(styles) == 3


class _Ctx:
    def __init__(self, tmp_path):
        self.figures, self.tmp_path = [], tmp_path

    def save_figure(self, fig, name):
        from dlspec.experiments.context import Context
        Context(out_dir=self.tmp_path).save_figure(fig, name)
        self.figures.append(fig)


def test_detection_labels_of_neighbouring_boxes_do_not_overlap(tmp_path):
    from dlspec.experiments.c4_detection import _plot
    X = np.zeros((1, 48, 48, 3))
    boxes = np.array([[4, 10, 20, 30], [6, 11, 24, 28], [5, 12, 30, 40.]])   # three boxes, one corner
    dets = (np.zeros(3, int), boxes, np.array([0.9, 0.8, 0.7]), np.array([0, 1, 2]))
    truth = (np.zeros(1, int), boxes[:1])
    ctx = _Ctx(tmp_path)
    _plot(ctx, {"cost": [1.0, 0.5]}, X, dets, truth, ["circle", "square", "triangle"], shown=1)
    assert plots.overlapping_texts(ctx.figures[0]) == []


def test_the_check_finds_labels_that_overlap(tmp_path):
    fig, [ax] = plots.new_figure()
    ax.text(0.5, 0.5, "circle 0.90")
    ax.text(0.51, 0.5, "square 0.80")
    assert plots.overlapping_texts(_saved(fig, tmp_path)) == [("circle 0.90", "square 0.80")]


@pytest.mark.parametrize("human", [0.0, 0.5])
def test_mismatch_legend_stays_off_the_bars(tmp_path, human):
    from dlspec.experiments.c3_mismatch import error_bars
    errors = {"train": 0.02, "train_dev": 0.03, "dev": 0.4, "test": 0.41}
    runs = {name: (None, errors, SimpleNamespace(largest=None)) for name in
            ("baseline: clean training data only", "with synthesized (corrupted) training data")}
    fig, axes = plots.new_figure(ncols=3, width=4.4, height=3.6)
    error_bars(axes[0], runs, human)
    assert plots.overlapping_texts(_saved(fig, tmp_path)) == []
    fig, [ax] = plots.new_figure()                              # the check sees a legend on a bar
    ax.bar([0, 1], [10, 10], label="a long label for the legend")
    ax.legend(loc="center")
    assert ("the legend", "the bar at x = -0.40") in plots.overlapping_texts(fig)
