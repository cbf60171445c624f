"""``dlspec.GradientTape``: record calls as they run, then chain their hand-derived backwards.

Inside ``with GradientTape() as tape:`` every op on a watched tensor and every layer call
(layers hold trainable variables) runs at once and is kept on the tape as a node: the layer
or op, the cache its forward made, the tensors it read and made. ``tape.gradient(J, vars)``
walks the nodes in reverse, each node's own ``backward`` with its own cache: the same step as
a model's backward (``models/engine.py``), for calls recorded as they happened. A layer
called several times keeps one cache per call and its parameter gradients are summed.
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from ..nn import recording
from .tensor import Tensor, eager_call


class GradientTape:
    """Record eager calls to differentiate them (``tf.GradientTape``).

    Parameters
    ----------
    persistent : bool; False (default): ``gradient`` may be called once, then the tape
        frees what it recorded. True: as often as needed.
    watch_accessed_variables : bool; True: trainable variables read inside the block are
        watched without ``tape.watch``.

    Notes
    -----
    A non-scalar target is summed first (its gradient seed is all ones), as TensorFlow does.
    A source the target does not depend on (or reaches only through ``argmax``, ``one_hot``,
    comparisons or casts to integers) gets None, as TensorFlow does. Calls that read no watched
    tensor and hold no trainable weights are not kept.

    Examples
    --------
    >>> import dlspec
    >>> w = dlspec.Variable([2.0, -1.0])
    >>> with dlspec.GradientTape() as tape:
    ...     J = dlspec.ops.reduce_sum(w * w)
    >>> tape.gradient(J, w).numpy()
    array([ 4., -2.], dtype=float32)
    """

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self.persistent = bool(persistent)
        self.watch_accessed_variables = bool(watch_accessed_variables)
        self._entries, self._keep, self._watched = [], [], set()
        self._finished = False

    def __enter__(self):
        recording.TAPES.append(self)
        return self

    def __exit__(self, *exc):
        recording.TAPES.remove(self)
        return False

    # -- what is watched ------------------------------------------------------------
    def watch(self, tensor):
        """Differentiate with respect to ``tensor`` (a Tensor, Variable, or a list of them)."""
        for t in tensor if isinstance(tensor, (list, tuple)) else [tensor]:
            if not isinstance(t, Tensor):
                raise TypeError(f"tape.watch expects a dlspec tensor or Variable; got "
                                f"{type(t).__name__}. Wrap an array first: x = dlspec.ops.constant(x).")
            self._watched.add(t._key)
            self._keep.append(t)

    def _watch_variable(self, variable):
        if self.watch_accessed_variables:
            self._watched.add(variable._key)
            self._keep.append(variable)       # its key is its id: it must outlive the tape's use

    # -- recording -----------------------------------------------------------------
    def _record(self, layer, keys, outs, params=False, structure=None):
        watched = any(k in self._watched for k in keys if k is not None)
        if not (watched or (params and layer.trainable and layer.params)):
            return
        # NOTE: keys are ids. An input that is not watched (a tensor computed outside the tape's
        # graph, such as a Gram matrix of constants) is not kept alive, so its id may be reused
        # by a later, watched tensor; storing it would send that tensor someone else's gradient.
        # It needs no gradient anyway: store None in its place.
        keys = [k if k in self._watched else None for k in keys]
        self._entries.append((layer, layer._cache, tuple(keys), [o._key for o in outs],
                              [(o.shape, o.dtype) for o in outs], structure))
        self._keep.extend(outs)
        self._watched.update(o._key for o in outs)

    def record_call(self, layer, args, kwargs):
        """``layer(...)`` on arrays while this tape records: run and keep it (``eager_call``)."""
        return eager_call(layer, args, kwargs)

    # -- gradients -----------------------------------------------------------------
    def gradient(self, target, sources, output_gradients=None):
        """dtarget/dsource for each source (a Variable/Tensor, or a list or dict of them).

        Returns Tensors shaped as the sources, in the same structure; None for a source the
        target does not depend on.
        """
        if self._finished:
            raise RuntimeError("This GradientTape already gave its gradients and freed what it "
                               "recorded: a non-persistent tape answers one gradient() call. Use "
                               "GradientTape(persistent=True) to ask several times.")
        targets = target if isinstance(target, (list, tuple)) else [target]
        seeds = output_gradients if isinstance(output_gradients, (list, tuple)) else [output_gradients] * len(targets)
        grads = {}
        for t, g in zip(targets, seeds):
            if not isinstance(t, Tensor):
                raise TypeError(f"tape.gradient(target, ...) expects a tensor computed inside the "
                                f"tape's block; got {type(t).__name__}. Compute the cost with "
                                "dlspec.ops (or layers) on tensors or variables.")
            seed = np.ones_like(t.value) if g is None else np.asarray(getattr(g, "value", g), dtype=t.dtype)
            grads[t._key] = seed if t._key not in grads else grads[t._key] + seed
        grads = self._backprop(grads)
        if not self.persistent:
            self._finished = True
            self._entries, self._keep = [], []

        def one(source):
            if not isinstance(source, Tensor):
                raise TypeError(f"tape.gradient(..., sources) expects Variables or watched tensors; "
                                f"got {type(source).__name__}.")
            g = grads.get(source._key)
            return None if g is None else Tensor(g)
        if isinstance(sources, dict):
            return {k: one(v) for k, v in sources.items()}
        if isinstance(sources, (list, tuple)):
            return [one(s) for s in sources]
        return one(sources)

    def _backprop(self, grads):
        uses = Counter(id(entry[0]) for entry in self._entries)
        for layer, cache, in_keys, out_keys, metas, structure in reversed(self._entries):
            dys = [grads.get(k) for k in out_keys]
            if all(d is None for d in dys):
                continue
            dys = [np.zeros(*m) if d is None else d for d, m in zip(dys, metas)]
            dy = _pack(structure, dys)
            layer._cache = cache
            need_dx = any(k is not None and k in self._watched for k in in_keys)
            dx = layer.backward(dy, input_grad=need_dx)
            copy = uses[id(layer)] > 1          # its next backward may reuse these buffers
            for param, g in _param_grads(layer):
                _add(grads, id(param), np.array(g) if copy else g)
            if need_dx:
                for k, g in zip(in_keys, _input_grads(dx, in_keys, structure)):
                    if k is not None and g is not None:
                        _add(grads, k, g)
        return grads


def _add(grads, key, g):
    grads[key] = g if key not in grads else grads[key] + g     # never in place: g may be shared


def _param_grads(layer):
    if not (layer.trainable and layer.params):
        return
    if hasattr(layer, "named_params_and_grads"):
        for _, param, grad in layer.named_params_and_grads():
            yield param, grad
        return
    for key, param in layer.params.items():
        if key in layer.grads:
            yield param, layer.grads[key]


def _pack(structure, values):
    if structure is None:
        return values[0]
    if isinstance(structure, list):
        return dict(zip(structure, values))
    return list(values)


def _input_grads(dx, in_keys, structure):
    if isinstance(dx, dict):
        return list(dx.values())
    if len(in_keys) == 1 and not isinstance(dx, (list, tuple)):
        return [dx]
    return list(dx) if dx is not None else []
