"""How models and histories show in Jupyter: a summary table, the training curves."""
import numpy as np

from dlspec.models import Sequential
from dlspec.nn import Dense, Input, ReLU


def test_model_repr_html_is_its_summary_as_a_table():
    model = Sequential([Dense(4), ReLU(), Dense(1)], seed=0)
    model.build((3,))
    page = model._repr_html_()
    lines = []
    model.summary(print_fn=lines.append)
    text = "\n".join(lines)
    assert page.startswith("<table") and page.count("<tr>") == len(text.splitlines()) - 3   # no "=" rules, the name in the caption
    for label, count in (("Total params", 21), ("Trainable params", 21), ("Non-trainable params", 0)):
        assert f"{label}: {count:,}" in text and f"<td colspan='2'>{label}</td><td>{count:,}</td>" in page
    for line in text.splitlines()[3:-4]:
        assert line.split()[0] in page                         # every layer row is in the table


def test_an_unbuilt_model_falls_back_to_repr():
    model = Sequential([Dense(4)])
    assert model._repr_html_() is None


def test_model_html_escapes_names():
    from dlspec.models import Model
    x = Input((2,), name="x<y>")
    model = Model(x, Dense(2)(x), seed=0)
    assert "x&lt;y&gt;" in model._repr_html_() and "x<y>" not in model._repr_html_()


def test_history_shows_its_curves_as_png():
    g = np.random.default_rng(0)
    X, Y = g.standard_normal((32, 3)), g.integers(0, 2, (32, 1))
    model = Sequential([Dense(4), ReLU(), Dense(1, activation="sigmoid")], seed=0)
    model.compile("binary_crossentropy", "adam", metrics=["accuracy"]) if _takes_metrics() else \
        model.compile("binary_crossentropy", "adam")
    history = model.fit(X, Y, epochs=3, verbose=0, validation_data=(X, Y))
    png = history._repr_png_()
    assert png[:4] == b"\x89PNG"
    fig = history.plot()
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[0] == "cost" and "accuracy" in titles
    [cost_axes] = [ax for ax in fig.axes if ax.get_title() == "cost"]
    assert sorted(line.get_label() for line in cost_axes.get_lines()) == ["cost", "val_cost"]


def test_an_empty_history_has_no_picture():
    from dlspec.callbacks import History
    assert History()._repr_png_() is None


def _takes_metrics():
    import inspect
    return "metrics" in inspect.signature(Sequential.compile).parameters
