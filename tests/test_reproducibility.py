"""The same seed gives the same run, bit for bit: initialization, shuffling, dropout, augmentation."""
import hashlib
import subprocess
import sys
from pathlib import Path


sys.path.insert(0, str(Path(__file__).parent / "io"))
from helpers_io import blobs, small_model  # noqa: E402

import dlspec.nn  # noqa: E402


def _stochastic_layers():
    """Test noise plus dlspec's own stochastic layers, when they exist."""
    layers = []
    if hasattr(dlspec.nn, "Dropout"):
        layers.append(dlspec.nn.Dropout(keep_prob=0.8))
    return layers


def _run(seed):
    X, Y = blobs()
    model = small_model(seed=seed)
    for layer in _stochastic_layers():
        model.layers.insert(2, layer)
        model._unique_name(layer)
    jitter = lambda X, rng: X + (0.05 * rng.standard_normal(X.shape)).astype(X.dtype)  # augmentation
    history = model.fit(X, Y, epochs=3, batch_size=16, verbose=0, augment=jitter)
    digest = hashlib.sha256()
    for name, value in sorted(model.params.items()):
        digest.update(name.encode() + value.tobytes())
    return digest.hexdigest(), history.history


def test_same_seed_same_run_bit_for_bit():
    assert _run(7) == _run(7)


def test_another_seed_gives_another_run():
    assert _run(7)[0] != _run(8)[0]


def test_same_run_in_a_fresh_process():
    code = ("import sys; sys.path[:0] = [%r, %r]; import test_reproducibility as t; print(t._run(7)[0])"
            % (str(Path(__file__).parents[1] / "src"), str(Path(__file__).parent)))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == _run(7)[0]
