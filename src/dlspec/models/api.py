"""The Keras-like training API of a Model: compile, fit, predict, evaluate, save.

Inputs and targets follow the model's structure: one array for one input (or output), a
list for a list, a dict (keyed as the model's dict) for a dict.
"""
from __future__ import annotations

from .. import optim
from ..multi_loss import for_outputs
from ..backend import as_dtype, xp
from ..metrics import accuracy
from ..validation import OrderError, check_array, check_bool, check_int, too_large


class TrainingAPI:
    """compile/fit/predict/evaluate for ``Model`` (which provides the graph and structures)."""

    def compile(self, loss=None, optimizer="gd", l2=0.0, loss_weights=None, metrics=None):
        """Choose the cost, the optimizer and the L2 strength lambda used by ``fit``.

        Parameters
        ----------
        loss : a name ("binary_crossentropy"...), a Loss, or any object with
            ``forward(output, Y) -> cost`` and ``backward() -> dJ/d(output)`` (a triplet or
            style cost). For several outputs: one loss for all, or a list/dict, one per output.
        optimizer : a name or an optimizer from ``dlspec.optim``.
        l2 : lambda; adds lambda / (2 m) sum ||W||^2 over the weight matrices (kernels,
            recurrent weights, embeddings; never biases or batch norm), see
            ``dlspec.regularization``. A layer's own ``l2`` overrides it.
        loss_weights : with several outputs, the weight of each output's cost (list or dict).
        metrics : Keras's list, such as ["accuracy"] (``dlspec.compiled_metrics``): reported by
            ``fit`` in the history and the progress bar, and by ``evaluate``.
        """
        from ..compiled_metrics import check_metrics
        if loss is None:
            raise ValueError("compile needs a loss, such as compile(loss='binary_crossentropy', "
                             "optimizer='adam', metrics=['accuracy']).")
        from ..regularization import check_lambda
        check_model(self)
        from ..crossentropy import link_outputs
        self.loss = for_outputs(loss, self._out_keys if self.layers else None, loss_weights)
        link_outputs(self.loss, self)       # the fused logits path under Keras's cross-entropies
        self.optimizer = optim.get(optimizer)
        self.l2 = check_lambda(l2, "compile(l2=...)")
        self.metrics = check_metrics(metrics)
        from ..compiled_metrics import require_classes
        require_classes(self.metrics, self.loss)
        return self

    def fit(self, X, Y, epochs=1, batch_size=None, **kwargs):
        """Train; see ``dlspec.train.fit`` for the arguments. Returns a History."""
        from ..train import fit
        self._require_compiled("fit")
        return fit(self, X, Y, epochs=epochs, batch_size=batch_size, **kwargs)

    def predict(self, X, batch_size=None, keep_caches=True):
        """Model output for X (inference mode): as the outputs were given (array, list, dict).

        ``keep_caches=False`` frees the layers' caches as the forward goes (less memory and
        faster on large convolutional models), when no ``backward`` will follow; ``evaluate``
        and ``predict_classes`` pass it.
        """
        batch_size = check_int(batch_size, "predict(batch_size)", allow_none=True,
                               hint="Give the number of examples per forward pass, such as 256, or "
                                    "None for all at once.")
        keep_caches = check_bool(keep_caches, "predict(keep_caches)")
        xs = self.prepare_inputs(X)
        try:
            if batch_size is None:
                return self.forward(self._pack(self._in_keys, xs), training=False, keep_caches=keep_caches)
            parts = [self.forward(self._pack(self._in_keys, [x[i:i + batch_size] for x in xs]),
                                  training=False, keep_caches=keep_caches)
                     for i in range(0, len(xs[0]), batch_size)]
        except MemoryError as exc:
            n = min(len(xs[0]), batch_size or len(xs[0]))
            raise too_large(exc, f"predict on {n} examples at once", n) from None
        outs = [self._flatten(p, self._out_keys, "outputs") for p in parts]
        return self._pack(self._out_keys, [xp.concatenate(col) for col in zip(*outs)])

    def predict_classes(self, X):
        """Class ids (N,) for X, decided the way the compiled loss reads the output."""
        self._require_compiled("predict_classes")
        classes = _classes(self.loss, self.predict(X, keep_caches=False))
        if classes is None:
            raise ValueError(f"{type(self.loss).__name__} is not a classification loss; use predict().")
        return classes

    def evaluate(self, X, Y) -> dict:
        """Return {"cost": J, "accuracy": acc} (accuracy only for classification losses)."""
        self._require_compiled("evaluate")
        from ..train import masked_targets
        out = self.predict(X, keep_caches=False)
        ys = masked_targets(self, self.prepare_targets(Y))
        result = {"cost": self.loss.forward(out, self._pack(self._out_keys, ys))}
        classes = _classes(self.loss, out)
        if classes is not None:
            from ..compiled_metrics import extra_metrics
            result["accuracy"] = accuracy(ys[0], classes)
            result.update(extra_metrics(getattr(self, "metrics", []), ys[0], classes))
        return result

    def save(self, path, include_optimizer=True):
        """Save architecture, weights and compile settings to one .npz (``dlspec.load_model``)."""
        from pathlib import Path

        from ..io import save_model
        if Path(path).is_dir():
            raise ValueError(f"save({str(path)!r}): that is a folder; give a file name such as "
                             f"{Path(path) / 'model.npz'}.")
        return save_model(self, path, include_optimizer)

    def load_weights(self, path, strict=True, name_map=None):
        """Load weights (.npz, .safetensors, PyTorch .pth, Keras .h5); see ``dlspec.io.load_weights``."""
        from ..io import load_weights
        return load_weights(self, path, strict=strict, name_map=name_map)

    # -- checks at the boundary -------------------------------------------------
    def prepare_inputs(self, X):
        """The input arrays as a list in the model's input order, checked, floats in the
        model's dtype (integer inputs declared ``Input(dtype="int64")`` stay integers)."""
        check_model(self)
        if self._in_keys is None and isinstance(X, (dict, list, tuple)) and self.layers:
            name = self._inputs[0].node.input_name if self._inputs else None
            raise TypeError(f"{self.name} has one input{f' ({name!r})' if name else ''}; give it one "
                            f"array (N, ...), not a {type(X).__name__}.")
        xs = self._flatten(X, self._in_keys, "inputs")
        names = self._names(self._in_keys, "X")
        dtype = self.dtype if self.built else self._default_dtype()
        out = []
        for x, name, t in zip(xs, names, self._inputs or [None] * len(xs)):
            ints = t is not None and t.dtype is not None and xp.dtype(t.dtype).kind in "iub"
            out.append(check_array(x, name, dtype=None if ints else dtype))
        _same_length(out, names)
        if not self.built:
            try:
                self.build(out[0].shape[1:] if self._in_keys is None else [x.shape[1:] for x in out])
            except MemoryError as exc:
                raise too_large(exc, f"building {self.name}'s parameters") from None
        return out

    def prepare_targets(self, Y):
        """The targets as a list in the model's output order (None for an output without one)."""
        ys = self._flatten(Y, self._out_keys, "targets", allow_none=True) if Y is not None else [None] * len(self._outputs)
        return [None if y is None else check_array(y, name, min_ndim=1)
                for y, name in zip(ys, self._names(self._out_keys, "Y"))]

    @staticmethod
    def _names(keys, base):
        if keys is None:
            return [base]
        return [f"{base}[{k!r}]" for k in (range(keys) if isinstance(keys, int) else keys)]

    def _check_input(self, X):
        return self._pack(self._in_keys, self.prepare_inputs(X))

    def _default_dtype(self):
        return as_dtype(self.model_dtype)

    def _require_compiled(self, what):
        if self.loss is None:
            raise OrderError(f"Call model.compile(loss=..., optimizer=...) before {what}(); "
                               "for example model.compile('binary_crossentropy', GradientDescent(1.2)).")


def _classes(loss, out):
    predict_classes = getattr(loss, "predict_classes", None)
    return predict_classes(out) if predict_classes is not None else None


_INPUT_DTYPES = ("float32", "float64", "int64", "int32", "bool")    # ids: int64 or Keras's int32


def check_model(model):
    """What a model's structure may hold, checked at compile, fit and predict (a typo in an
    ``Input`` dtype or a ``trainable`` flag would otherwise pass unseen)."""
    seed = model.seed
    if seed is not None and not isinstance(seed, xp.random.Generator) and (
            isinstance(seed, bool) or not isinstance(seed, (int, xp.integer)) or seed < 0):
        from ..backend import rng
        rng(seed)            # refuses it in the words every seed check uses
    if model.model_dtype is not None and _dtype_name(model.model_dtype) not in ("float32", "float64"):
        raise TypeError(f"{model.name}(dtype={model.model_dtype!r}): a model's parameters are "
                        "'float32' (the default, None) or 'float64' (for gradient checks).")
    for t in getattr(model, "_inputs", None) or []:
        if any(isinstance(d, bool) for d in t.shape):
            raise TypeError(f"Input(shape={t.shape!r}) holds True/False; give the per-example "
                            "shape as positive ints, such as Input((64, 64, 3)).")
        if t.dtype is not None and _dtype_name(t.dtype) not in _INPUT_DTYPES:
            raise TypeError(f"Input(dtype={t.dtype!r}) of {model.name}: expected None (the model's "
                            f"float dtype), 'float32', 'float64', 'int64' or 'int32' for token ids, or 'bool' for a mask.")
    stack = list(getattr(model, "layers", ()))
    while stack:                       # every layer, nested ones too (cheap: predict calls it)
        layer = stack.pop()
        if layer.trainable is not True and layer.trainable is not False:
            check_bool(layer.trainable, f"{layer.name}.trainable")
        stack.extend(getattr(layer, "layers", ()))


def _dtype_name(dtype):
    try:
        return xp.dtype(dtype).name
    except TypeError:
        return repr(dtype)


def _same_length(arrays, names):
    if len({len(a) for a in arrays}) > 1:
        sizes = ", ".join(f"{n}: {len(a)}" for n, a in zip(names, arrays))
        raise ValueError(f"Every input needs one row per example; got {sizes}.")
