"""Gradient checking: central differences in float64, with the course's relative error.

    difference = ||grad - gradapprox||_2 / (||grad||_2 + ||gradapprox||_2)

computed per parameter, so a failure names the parameter and the index of its worst entry.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .backend import xp
from .validation import check_number


# A gradient that is zero in theory (the key bias of attention: softmax ignores a constant added
# to a row of logits) is compared absolutely: the relative error of noise against 0 is 1.
ZERO_GRAD, ZERO_GRAD_NOISE = 1e-10, 1e-7


class GradientCheckError(AssertionError):
    """A backward pass disagrees with the numerical gradient."""


@dataclass
class GradcheckResult:
    """Relative error per parameter, and where each parameter's worst entry is."""

    differences: dict = field(default_factory=dict)   # name -> relative error
    worst: dict = field(default_factory=dict)         # name -> (index, analytic, numeric)
    threshold: float = 1e-7
    analytic: dict = field(default_factory=dict, repr=False)   # name -> backward's gradient
    numeric: dict = field(default_factory=dict, repr=False)    # name -> central differences

    @property
    def overall_difference(self) -> float:
        """The course's single number: the relative difference of all parameters as one vector."""
        if not self.analytic:
            return 0.0
        grad = xp.concatenate([g.ravel() for g in self.analytic.values()])
        approx = xp.concatenate([a.ravel() for a in self.numeric.values()])
        denom = xp.linalg.norm(grad) + xp.linalg.norm(approx)
        return float(xp.linalg.norm(grad - approx) / denom) if denom > 0 else 0.0

    @property
    def ok(self) -> bool:
        return all(d <= self.threshold for d in self.differences.values())

    def failures(self):
        return {k: d for k, d in self.differences.items() if d > self.threshold}

    def raise_if_failed(self):
        if not self.ok:
            raise GradientCheckError(str(self))
        return self

    def __str__(self):
        lines = []
        for name, diff in self.differences.items():
            status = "ok" if diff <= self.threshold else "FAILED"
            index, analytic, numeric = self.worst[name]
            line = f"{name:<24} difference = {diff:.2e}  {status}"
            if diff > self.threshold:
                line += (f"  (worst at index {index}: backward gives {analytic:.6g}, "
                         f"central difference gives {numeric:.6g})")
            lines.append(line)
        return "\n".join(lines)


def numerical_gradient(cost_fn, array, epsilon=1e-7):
    """Central differences dJ/d(array), perturbing ``array`` in place one entry at a time."""
    grad = xp.zeros_like(array)
    flat, gflat = array.reshape(-1), grad.reshape(-1)   # views of the same memory
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + epsilon
        plus = cost_fn()
        flat[i] = old - epsilon
        minus = cost_fn()
        flat[i] = old
        gflat[i] = (plus - minus) / (2 * epsilon)
    return grad


def check_gradients(cost_fn, arrays: dict, analytic: dict, epsilon=1e-7, threshold=1e-7):
    """Compare ``analytic[name]`` with central differences of ``cost_fn`` w.r.t. ``arrays[name]``.

    Parameters
    ----------
    cost_fn : callable () -> float, reading the current values of ``arrays``.
    arrays : dict name -> float64 array, perturbed in place (and restored).
    analytic : dict name -> gradient from backward, same shapes.

    Returns
    -------
    GradcheckResult; call ``raise_if_failed()`` to turn a failure into an error.
    """
    check_number(epsilon, "epsilon", 0, open_min=True, hint="The course's step is 1e-7 (in float64).")
    check_number(threshold, "threshold", 0, open_min=True, hint="The course passes a difference below 1e-7.")
    result = GradcheckResult(threshold=threshold)
    for name, array in arrays.items():
        if array.dtype != xp.float64:
            raise TypeError(f"gradient checks need float64 arrays (central differences in float32 "
                            f"are too noisy); {name} is {array.dtype}. Build the model with "
                            "dtype='float64'.")
        grad = xp.asarray(analytic[name], dtype=xp.float64)
        approx = numerical_gradient(cost_fn, array, epsilon)
        denom = xp.linalg.norm(grad) + xp.linalg.norm(approx)
        diff = float(xp.linalg.norm(grad - approx) / denom) if denom > 0 else 0.0
        if grad.size and xp.abs(grad).max() < ZERO_GRAD and xp.abs(approx).max() < ZERO_GRAD_NOISE:
            diff = 0.0      # zero in theory (attention's key bias): only rounding noise to compare
        worst = int(xp.abs(grad - approx).argmax()) if grad.size else 0
        index = tuple(int(i) for i in xp.unravel_index(worst, grad.shape)) if grad.size else ()
        result.differences[name] = diff
        result.analytic[name], result.numeric[name] = grad, approx
        result.worst[name] = (index, float(grad.reshape(-1)[worst]) if grad.size else 0.0,
                              float(approx.reshape(-1)[worst]) if grad.size else 0.0)
    return result


def gradcheck_layer(layer, x, rng, training=True, epsilon=1e-7, threshold=1e-7, call_kwargs=None):
    """Check a layer's backward for the input and every parameter.

    The cost is J = sum(y * g) for a fixed random g, so dJ/dy = g; for a layer that returns a
    list (a recurrent layer with return_state) J sums sum(y_i * g_i) over its outputs and
    backward gets the list of g_i. Integer inputs (token ids for an Embedding) have no
    gradient: only the parameters are checked then. For a layer with several inputs (Add,
    Concatenate), ``x`` is a list and each input is checked ("input_0", ...).

    ``call_kwargs`` are more arrays for ``forward`` (``initial_state=[a0, c0]``,
    ``mask=...``); backward then returns ``[dx, ...]`` with one entry per array in their
    order, and each float array is checked as well ("initial_state_0", ...). Bool arrays
    (masks) have no gradient: backward must return None for them.
    """
    kwargs = call_kwargs or {}
    extra = named_arrays(kwargs)

    def outputs():
        y = layer.forward(x, training=training, **kwargs)
        return y if isinstance(y, (list, tuple)) else [y]

    first = layer.forward(x, training=training, **kwargs)
    several = isinstance(first, (list, tuple))
    gs = [rng.standard_normal(y.shape) for y in (first if several else [first])]

    def cost():
        return float(sum((y * g).sum() for y, g in zip(outputs(), gs)))

    cost()
    dx = layer.backward(gs if several else gs[0])
    rest = []
    if extra:
        dx, rest = dx[0], dx[1:]
    if isinstance(x, (list, tuple)):
        analytic = {f"input_{i}": xp.array(d) for i, d in enumerate(dx)}
        arrays = {f"input_{i}": x_i for i, x_i in enumerate(x)}
    elif x.dtype.kind == "f":
        analytic, arrays = {"input": dx}, {"input": x}
    else:
        analytic, arrays = {}, {}
    for (name, array), grad in zip(extra, rest):
        if array.dtype.kind == "f":
            analytic[name], arrays[name] = grad, array
        elif grad is not None:
            raise GradientCheckError(f"{name} ({array.dtype}) has no gradient; backward returned "
                                     f"{type(grad).__name__} for it instead of None.")
    analytic.update({k: v.copy() for k, v in layer.grads.items()})
    arrays.update(layer.params)
    return check_gradients(cost, arrays, analytic, epsilon, threshold)


def named_arrays(kwargs):
    """[(name, array)] for forward's keyword arrays, lists flattened: ``initial_state_0``..."""
    named = []
    for key, value in kwargs.items():
        if isinstance(value, (list, tuple)):
            named += [(f"{key}_{i}", v) for i, v in enumerate(value)]
        elif value is not None:
            named.append((key, value))
    return named


def gradcheck_model(model, X, Y, loss=None, epsilon=1e-7, threshold=1e-7, inputs=False):
    """Check every parameter of a model against its cost (the course's final check).

    ``X`` and ``Y`` are as ``fit`` takes them (arrays, or lists/dicts for several inputs and
    outputs). With ``inputs=True`` the gradients w.r.t. the float inputs are checked too
    ("input", or "input_0", "input_1"... for several), which is what optimizing an input
    (style transfer) relies on. Frozen layers are checked too: backward still computes their
    gradients, the optimizer just does not apply them.
    """
    loss = loss or model.loss
    if loss is None:
        raise ValueError("gradcheck_model needs a loss: compile the model first (model.compile(loss)) "
                         "or pass loss=...")
    for x in (X.values() if isinstance(X, dict) else X if isinstance(X, (list, tuple)) else [X]):
        if len(getattr(x, "shape", ())) == 0 or x.shape[0] == 0:
            raise ValueError(f"gradcheck_model needs a batch of at least one example; got X of shape "
                             f"{getattr(x, 'shape', type(x).__name__)}. An empty batch has no cost, so "
                             "every gradient would compare 0 with 0 and look 'ok'.")

    def cost():
        return loss.forward(model.forward(X, training=True), Y)

    cost()
    dX = model.backward(loss.backward())
    analytic = {k: v.copy() for k, v in model.grads.items()}
    arrays = dict(model.params)
    if inputs:
        xs, dxs = (X, dX) if isinstance(X, (list, tuple)) else ([X], [dX])
        if isinstance(X, dict):
            xs, dxs = list(X.values()), [dX[k] for k in X]
        names = ["input"] if len(xs) == 1 else [f"input_{i}" for i in range(len(xs))]
        for name, x, dx in zip(names, xs, dxs):
            if x.dtype.kind == "f":
                arrays[name], analytic[name] = x, xp.array(dx)
    return check_gradients(cost, arrays, analytic, epsilon, threshold)
