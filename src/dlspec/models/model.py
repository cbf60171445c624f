"""Model: a layer made of layers, with the Keras-like compile/fit/predict/evaluate API."""
from __future__ import annotations

from .. import losses as losses_mod, optim
from ..metrics import accuracy
from ..nn.layer import Layer
from ..validation import check_array


class Model(Layer):
    """Base for Sequential and Graph. Subclasses define ``layers`` and propagation.

    ``params``, ``grads`` and ``state`` are flat views of the children's dicts,
    keyed by qualified names such as ``"dense_1.W"``; the arrays are shared, so
    updating them in place updates the layers.
    """

    layers: list

    def __init__(self, seed=0, dtype=None, name=None):
        super().__init__(name)
        self.seed = seed
        self.model_dtype = dtype
        self.loss = None
        self.optimizer = None

    # -- flat views of the children's dicts ------------------------------
    def _flat(self, attr):
        out = {}
        for layer in self.layers:
            for key, value in getattr(layer, attr).items():
                out[f"{layer.name}.{key}"] = value
        return out

    params = property(lambda self: self._flat("params"))
    grads = property(lambda self: self._flat("grads"))
    state = property(lambda self: self._flat("state"))

    def named_params_and_grads(self):
        """Yield ``(qualified name, param, grad)`` for every trainable parameter."""
        for layer in self.layers:
            for key, param in layer.params.items():
                yield f"{layer.name}.{key}", param, layer.grads[key]

    def _unique_name(self, layer):
        taken = {child.name for child in self.layers}
        base, i = layer.name, 1
        while layer.name in taken:
            layer.name = f"{base}_{i}"
            i += 1

    # -- Keras-like API ---------------------------------------------------
    def compile(self, loss, optimizer="gd", l2=0.0):
        """Choose the cost function, the optimizer and the L2 strength lambda used by ``fit``.

        ``l2`` adds lambda / (2 m) sum ||W||^2 to the training cost (see
        ``dlspec.regularization``); a layer's own ``l2`` overrides it.
        """
        from ..regularization import check_lambda
        self.loss = losses_mod.get(loss)
        self.optimizer = optim.get(optimizer)
        self.l2 = check_lambda(l2, "compile(l2=...)")
        return self

    def fit(self, X, Y, epochs=1, batch_size=None, **kwargs):
        """Train; see ``dlspec.train.fit`` for the arguments. Returns a History."""
        from ..train import fit
        self._require_compiled("fit")
        return fit(self, X, Y, epochs=epochs, batch_size=batch_size, **kwargs)

    def predict(self, X, batch_size=None):
        """Model output for X (inference mode): probabilities or logits, per the last layer."""
        X = self._check_input(X)
        if batch_size is None:
            return self.forward(X, training=False)
        from ..backend import xp
        return xp.concatenate([self.forward(X[i:i + batch_size], training=False)
                               for i in range(0, len(X), batch_size)])

    def predict_classes(self, X):
        """Class ids (N,) for X, decided the way the compiled loss reads the output."""
        self._require_compiled("predict_classes")
        classes = self.loss.predict_classes(self.predict(X))
        if classes is None:
            raise ValueError(f"{type(self.loss).__name__} is a regression loss; use predict().")
        return classes

    def evaluate(self, X, Y) -> dict:
        """Return {"cost": J, "accuracy": acc} (accuracy only for classification losses)."""
        self._require_compiled("evaluate")
        out = self.predict(X)
        result = {"cost": self.loss.forward(out, Y)}
        classes = self.loss.predict_classes(out)
        if classes is not None:
            result["accuracy"] = accuracy(Y, classes)
        return result

    def save(self, path, include_optimizer=True):
        """Save architecture, weights and compile settings to one .npz (``dlspec.load_model``)."""
        from ..io import save_model
        return save_model(self, path, include_optimizer)

    def load_weights(self, path, strict=True, name_map=None):
        """Load weights (.npz, .safetensors, PyTorch .pth, Keras .h5); see ``dlspec.io.load_weights``."""
        from ..io import load_weights
        return load_weights(self, path, strict=strict, name_map=name_map)

    def _check_input(self, X):
        X = check_array(X, "X", dtype=self.dtype or self._default_dtype())
        if not self.built:
            self.build(X.shape[1:])
        return X

    def _default_dtype(self):
        from ..backend import as_dtype
        return as_dtype(self.model_dtype)

    def _require_compiled(self, what):
        if self.loss is None:
            raise RuntimeError(f"Call model.compile(loss=..., optimizer=...) before {what}(); "
                               "for example model.compile('binary_crossentropy', GradientDescent(1.2)).")

    def build(self, input_shape, rng=None, dtype=None):
        from ..backend import rng as make_rng
        return super().build(input_shape, make_rng(self.seed if rng is None else rng),
                             dtype if dtype is not None else self.model_dtype)

    def count_params(self):
        return sum(layer.count_params() for layer in self.layers)

    def summary(self) -> str:
        """A table of layers, output shapes and parameter counts."""
        rows = [f"{'layer':<24}{'output shape':<20}{'params':>10}"]
        shape = self.input_shape
        for layer in self.layers:
            shape = layer.output_shape(shape) if shape is not None else None
            shown = f"(N, {', '.join(map(str, shape))})" if shape else "?"
            rows.append(f"{layer.name + ' (' + type(layer).__name__ + ')':<24}{shown:<20}"
                        f"{layer.count_params():>10,}")
        rows.append(f"{'total':<44}{self.count_params():>10,}")
        return "\n".join(rows)
