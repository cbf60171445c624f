"""Checkpoints: every N, keep K, atomic under kill -9, and bit-identical resume."""
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from dlspec.callbacks import Callback
from dlspec.io import ModelCheckpoint, latest_checkpoint, list_checkpoints, load_model, save_model
from helpers_io import CUSTOM, EpochLog, blobs, small_model

SRC = Path(__file__).resolve().parents[2] / "src"


class Crash(Callback):
    """Simulates a crash right after epoch ``at`` (after the checkpoint was written)."""

    order = 200

    def __init__(self, at):
        self.at = at

    def on_epoch_end(self, trainer, epoch, logs):
        if epoch == self.at:
            raise KeyboardInterrupt("simulated crash")


def _weights(model):
    return {k: v.copy() for k, v in {**model.params, **model.state}.items()}


def test_resume_is_bit_identical_to_an_uninterrupted_run(tmp_path):
    X, Y = blobs()
    full = small_model(seed=4)
    full_history = full.fit(X, Y, epochs=7, batch_size=20, verbose=0)

    crashed = small_model(seed=4)
    with pytest.raises(KeyboardInterrupt):
        crashed.fit(X, Y, epochs=7, batch_size=20, verbose=0,
                    callbacks=[Crash(at=4), ModelCheckpoint(tmp_path, every=2)])
    assert [p.name for p in list_checkpoints(tmp_path)] == ["ckpt-epoch0002.npz", "ckpt-epoch0004.npz"]

    resumed = small_model(seed=4)      # a fresh process would build the model again
    log = EpochLog()
    history = resumed.fit(X, Y, epochs=7, batch_size=20, verbose=0, resume_from=tmp_path, callbacks=[log])
    assert log.epochs == [4, 5, 6]     # from the epoch after the newest checkpoint: only the rest
    for name, value in _weights(full).items():
        np.testing.assert_array_equal(resumed.params.get(name, resumed.state.get(name)), value, err_msg=name)
    assert resumed.optimizer.iterations == full.optimizer.iterations == 7 * 5
    assert history.history == full_history.history and history.epochs == list(range(7))


def test_resume_needs_the_saved_rng_state(tmp_path):
    # Control: the same restore without the shuffling/noise Generators' state gives other weights,
    # so the test above really checks that the RNG state is carried over.
    X, Y = blobs()
    full = small_model(seed=4)
    full.fit(X, Y, epochs=4, batch_size=20, verbose=0)
    half = small_model(seed=4)
    half.fit(X, Y, epochs=2, batch_size=20, verbose=0)
    half.fit(X, Y, epochs=2, batch_size=20, verbose=0)   # weights and moments kept, RNGs restarted
    assert not np.array_equal(half.params["dense.W"], full.params["dense.W"])


def test_every_and_keep_and_final_epoch(tmp_path):
    X, Y = blobs()
    ckpt = ModelCheckpoint(tmp_path, every=3, keep=2, prefix="run")
    small_model().fit(X, Y, epochs=10, batch_size=32, verbose=0, callbacks=[ckpt])
    names = [p.name for p in list_checkpoints(tmp_path)]
    assert names == ["run-epoch0009.npz", "run-epoch0010.npz"]       # 3, 6 pruned; final saved
    assert latest_checkpoint(tmp_path) == ckpt.last_saved == tmp_path / "run-epoch0010.npz"
    assert latest_checkpoint(tmp_path / "absent") is None


def test_a_checkpoint_is_a_loadable_model(tmp_path):
    X, Y = blobs()
    model = small_model()
    model.fit(X, Y, epochs=2, batch_size=32, verbose=0, callbacks=[ModelCheckpoint(tmp_path)])
    loaded = load_model(latest_checkpoint(tmp_path), custom_objects=CUSTOM)
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))


def test_resume_errors(tmp_path):
    X, Y = blobs()
    with pytest.raises(FileNotFoundError, match="no checkpoint"):
        small_model().fit(X, Y, epochs=2, verbose=0, resume_from=tmp_path)
    with pytest.raises(FileNotFoundError, match="no such checkpoint file or folder"):
        small_model().fit(X, Y, epochs=2, verbose=0, resume_from=tmp_path / "x.npz")
    model = small_model()
    model.build((4,))
    save_model(model, tmp_path / "model.npz")
    with pytest.raises(ValueError, match="not a checkpoint.*load_model"):
        small_model().fit(X, Y, epochs=2, verbose=0, resume_from=tmp_path / "model.npz")
    small_model().fit(X, Y, epochs=1, verbose=0, callbacks=[ModelCheckpoint(tmp_path / "c")])
    other = small_model().compile("softmax_crossentropy", "gd")
    with pytest.raises(ValueError, match="optimizer: made with .*Momentum.*now .*GradientDescent"):
        other.fit(X, Y, epochs=2, verbose=0, resume_from=tmp_path / "c")


@pytest.mark.parametrize("kwargs, match", [
    ({"every": 0}, "every"), ({"keep": 0}, "keep"), ({"prefix": "a/b"}, "prefix")])
def test_bad_arguments(tmp_path, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ModelCheckpoint(tmp_path, **kwargs)


def test_kill_9_while_writing_leaves_the_previous_checkpoint_loadable(tmp_path):
    # The child trains with a checkpoint every epoch; while writing the second one it stops
    # half-way (a slow disk), tells us, and we kill -9 it.
    script = textwrap.dedent(f"""
        import sys, time
        sys.path[:0] = [{str(SRC)!r}, {str(Path(__file__).parent)!r}]
        import numpy as np
        import dlspec.io.archive as archive
        from dlspec.io import ModelCheckpoint
        from helpers_io import blobs, small_model
        real_savez, calls = np.savez, []
        def slow_savez(f, **arrays):
            calls.append(1)
            if len(calls) == 2:
                f.write(b"PK\\x03\\x04 half a checkpoint")
                f.flush()
                print("WRITING", flush=True)
                time.sleep(60)
            real_savez(f, **arrays)
        archive.np.savez = slow_savez
        X, Y = blobs()
        small_model().fit(X, Y, epochs=3, batch_size=32, verbose=0,
                          callbacks=[ModelCheckpoint({str(tmp_path)!r})])
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "WRITING"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert [p.name for p in list_checkpoints(tmp_path)] == ["ckpt-epoch0001.npz"]
    assert list(tmp_path.glob(".ckpt-epoch0002.npz.*.tmp"))        # the half-written file
    X, Y = blobs()
    assert load_model(latest_checkpoint(tmp_path), custom_objects=CUSTOM).predict(X).shape == (96, 2)
    # Resuming continues from epoch 1 and cleans the debris up.
    log = EpochLog()
    history = small_model().fit(X, Y, epochs=3, batch_size=32, verbose=0, resume_from=tmp_path,
                                callbacks=[ModelCheckpoint(tmp_path), log])
    assert history.epochs == [0, 1, 2] and log.epochs == [1, 2]
    assert not list(tmp_path.glob(".*.tmp"))


def test_resume_with_adam_dropout_batch_norm_schedule_and_augmentation(tmp_path):
    import dlspec
    from dlspec.nn import BatchNormalization, Dense, Dropout, ReLU
    from dlspec.schedules import ExponentialDecay, LearningRateScheduler

    def model():
        net = dlspec.Sequential([Dense(16), BatchNormalization(), ReLU(), Dropout(keep_prob=0.7), Dense(2)], seed=3)
        return net.compile("softmax_crossentropy", dlspec.Adam(0.01, clipnorm=1.0))

    def noise(X, rng):
        return X + np.float32(0.05) * rng.standard_normal(X.shape).astype(X.dtype)

    X, Y = blobs()
    kwargs = dict(epochs=6, batch_size=24, verbose=0, augment=noise)
    full = model()
    full_history = full.fit(X, Y, callbacks=[LearningRateScheduler(ExponentialDecay(0.8))], **kwargs)
    with pytest.raises(KeyboardInterrupt):
        model().fit(X, Y, callbacks=[Crash(at=2), LearningRateScheduler(ExponentialDecay(0.8)),
                                     ModelCheckpoint(tmp_path, every=3)], **kwargs)
    resumed = model()
    log = EpochLog()
    history = resumed.fit(X, Y, callbacks=[LearningRateScheduler(ExponentialDecay(0.8)), log],
                          resume_from=tmp_path, **kwargs)
    assert log.epochs == [3, 4, 5]      # the checkpoint after epoch 3 (index 2): only the rest
    for name, value in _weights(full).items():
        np.testing.assert_array_equal({**resumed.params, **resumed.state}[name], value, err_msg=name)
    for name, slots in full.optimizer.slots.items():
        for key, value in slots.items():
            np.testing.assert_array_equal(resumed.optimizer.slots[name][key], value, err_msg=f"{name}/{key}")
    assert resumed.optimizer.learning_rate == full.optimizer.learning_rate
    assert history.history == full_history.history


def test_a_finished_run_may_be_asked_for_more_epochs(tmp_path):
    X, Y = blobs()
    whole = small_model(seed=2)
    whole.fit(X, Y, epochs=7, batch_size=20, verbose=0)
    small_model(seed=2).fit(X, Y, epochs=4, batch_size=20, verbose=0, callbacks=[ModelCheckpoint(tmp_path, every=4)])
    more, log = small_model(seed=2), EpochLog()
    history = more.fit(X, Y, epochs=7, batch_size=20, verbose=0, resume_from=tmp_path, callbacks=[log])
    assert log.epochs == [4, 5, 6] and history.epochs == list(range(7))
    for name, value in _weights(whole).items():
        np.testing.assert_array_equal({**more.params, **more.state}[name], value, err_msg=name)


@pytest.mark.parametrize("change, named", [
    (dict(seed=9), "seed: made with 0, now 9"),
    (dict(batch_size=16), "batch_size: made with 20, now 16"),
    (dict(shuffle=False), "shuffle: made with true, now false"),
    (dict(X=lambda X: X + 1), "data: other arrays"),
    (dict(version="9.9"), "dlspec_version: made with 0.1.0, now 9.9"),
])
def test_resume_refuses_other_settings_naming_them(tmp_path, monkeypatch, change, named):
    X, Y = blobs()
    small_model().fit(X, Y, epochs=2, batch_size=20, verbose=0, callbacks=[ModelCheckpoint(tmp_path)])
    if "version" in change:
        import dlspec
        monkeypatch.setattr(dlspec, "__version__", change["version"])
    kwargs = dict(epochs=4, batch_size=change.get("batch_size", 20), shuffle=change.get("shuffle", True),
                  seed=change.get("seed"), verbose=0, resume_from=tmp_path)
    with pytest.raises(ValueError, match=f"cannot resume from .*ckpt-epoch0002.npz.*{re.escape(named)}"):
        small_model().fit(change.get("X", lambda X: X)(X), Y, **kwargs)


def test_a_damaged_newest_checkpoint_falls_back_to_the_one_before(tmp_path):
    X, Y = blobs()
    whole = small_model(seed=1)
    whole.fit(X, Y, epochs=5, batch_size=20, verbose=0)
    with pytest.raises(KeyboardInterrupt):
        small_model(seed=1).fit(X, Y, epochs=5, batch_size=20, verbose=0,
                                callbacks=[Crash(at=3), ModelCheckpoint(tmp_path, every=1, keep=2)])
    newest = tmp_path / "ckpt-epoch0004.npz"
    newest.write_bytes(newest.read_bytes()[:300])               # truncated: a crash while copying
    resumed, log = small_model(seed=1), EpochLog()
    with pytest.warns(UserWarning, match="ckpt-epoch0004.npz is damaged .*resuming from the checkpoint before it"):
        resumed.fit(X, Y, epochs=5, batch_size=20, verbose=0, resume_from=tmp_path, callbacks=[log])
    assert log.epochs == [3, 4]
    for name, value in _weights(whole).items():
        np.testing.assert_array_equal({**resumed.params, **resumed.state}[name], value, err_msg=name)
    for path in list_checkpoints(tmp_path):
        path.write_bytes(b"PK\x03\x04 nothing")
    with pytest.raises(ValueError, match="every checkpoint in .* is damaged"), pytest.warns(UserWarning):
        small_model(seed=1).fit(X, Y, epochs=5, verbose=0, resume_from=tmp_path)
