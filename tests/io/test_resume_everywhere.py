"""Every experiment that trains checkpoints every fit and resumes bit for bit (issue 16, item 1).

The runner installs ``Context.fit_hook`` around the experiment, so each ``fit`` gets a
``ModelCheckpoint`` in ``DIR/NAME/fitKK`` with no code in the experiment. A crash is
simulated by deleting each fit's newest checkpoint (every fit then resumes from the middle),
and once for real with kill -9 on the command line.
"""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import dlspec
from dlspec.callbacks import EarlyStopping
from dlspec.cli import main
from dlspec.experiments import all_experiments
from dlspec.experiments.runner import run_experiment
from dlspec.io import ModelCheckpoint
from dlspec.nn import Dense, Dropout, ReLU
from dlspec.schedules import LearningRateScheduler, StaircaseDecay
from helpers_io import EpochLog

SRC = Path(__file__).resolve().parents[2] / "src"


MID_FIT = ("c1-planar", "c2-optimizers", "c2-regularization", "c4-lenet")   # crashed mid-fit, every fit


def _crash(directory):
    """As if the process had died after each fit's second-newest checkpoint; {fit: its epoch}."""
    kept = {}
    for fit_dir in sorted(p for p in Path(directory).iterdir() if p.is_dir()):
        files = sorted(fit_dir.glob("*-epoch*.npz"))
        assert len(files) == 2, files
        files[-1].unlink()
        kept[fit_dir.name] = int(files[0].stem.rsplit("-epoch", 1)[1])
    return kept


def _starts(record):
    return {f["fit"]: (f["first_epoch"], f["epochs_run"]) for f in record["fits"]}


@pytest.mark.parametrize("name", MID_FIT)
def test_experiment_resumes_bit_identically(tmp_path, name):
    ck = tmp_path / "ck"
    every = {"c1-planar": 500, "c2-optimizers": 100, "c2-regularization": 1000, "c4-lenet": 2}[name]
    whole = run_experiment(name, out=tmp_path / "a", verbose=0, checkpoint_dir=ck, checkpoint_every=every)
    kept = _crash(ck / name)
    resumed = run_experiment(name, out=tmp_path / "b", verbose=0, checkpoint_dir=ck, resume=True,
                             checkpoint_every=every)
    # Each fit starts after its kept checkpoint and runs only the rest.
    total = {fit: run for fit, (_, run) in _starts(whole).items()}
    assert _starts(resumed) == {fit: (kept[fit], total[fit] - kept[fit]) for fit in total}
    assert resumed["metrics"] == whole["metrics"]


@pytest.mark.parametrize("name", [e.name for e in all_experiments() if e.checkpoints and e.name not in MID_FIT])
def test_every_training_experiment_resumes_bit_identically(tmp_path, name, request):
    """The process dies during the last fit: the earlier fits come back from their checkpoints
    (the data, random streams and models between fits must be rebuilt exactly) and the last
    one resumes from its older checkpoint, or from scratch when it had written one only."""
    if name == "c5-trigger-word":
        request.getfixturevalue("espeak")
    ck = tmp_path / "ck"
    whole = run_experiment(name, out=tmp_path / "a", verbose=0, checkpoint_dir=ck)
    fits = sorted(p for p in (ck / name).iterdir() if p.is_dir())
    assert fits, f"{name} trains with fit() but wrote no checkpoint"
    files = sorted(fits[-1].glob("*-epoch*.npz"))
    files[-1].unlink()
    kept = int(files[0].stem.rsplit("-epoch", 1)[1]) if len(files) == 2 else 0
    resumed = run_experiment(name, out=tmp_path / "b", verbose=0, checkpoint_dir=ck, resume=True)
    assert resumed["status"] == "ok", resumed.get("error")
    # The finished fits run no epoch again; the last one starts after its kept checkpoint.
    total, starts = _starts(whole), _starts(resumed)
    last = fits[-1].name
    assert {f: n for f, (_, n) in starts.items() if f != last} == {f: 0 for f in total if f != last}
    assert starts[last] == (kept, total[last][1] - kept)
    results = lambda record: {k: v for k, v in record["metrics"].items() if "seconds" not in k}  # noqa: E731
    assert results(resumed) == results(whole)     # all but the timings (a resumed run trains less)


def test_every_experiment_checkpoints_or_refuses(tmp_path, capsys):
    refusing = [e.name for e in all_experiments() if not e.checkpoints]
    assert {"c2-gradcheck", "c4-conv-step", "c5-gradients", "c4-style"} <= set(refusing)
    for name in refusing:
        assert main(["run", name, "--quiet", "--out", str(tmp_path), "--checkpoint-dir", str(tmp_path)]) == 2
        assert "does not train with fit()" in capsys.readouterr().err


def test_resume_without_a_checkpoint_says_so(tmp_path, capsys):
    assert main(["run", "c1-planar", "--quiet", "--out", str(tmp_path), "--resume"]) == 0
    err = capsys.readouterr().err
    assert "--resume: no checkpoint of c1-planar" in err and "starting from the beginning" in err


def _model():
    model = dlspec.Sequential([Dense(8), ReLU(), Dropout(keep_prob=0.8), Dense(1)], seed=0)
    return model.compile("binary_crossentropy_with_logits", dlspec.GradientDescent(0.5))


def _data():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((64, 2))
    return X, (X[:, 0] * X[:, 1] > 0).astype(np.int64)


def _fit(folder, resume=False):
    X, Y = _data()
    model = _model()
    stop = EarlyStopping("cost", patience=2, min_delta=0.02)
    schedule = LearningRateScheduler(StaircaseDecay(1.0, 5))
    model.log = EpochLog()
    history = model.fit(X, Y, epochs=200, batch_size=16, callbacks=[
        stop, schedule, ModelCheckpoint(folder, every=1, keep=None), model.log], verbose=0,
        resume_from=folder if resume else None)
    return model, history, stop, schedule


def test_early_stopping_and_schedule_state_resume(tmp_path):
    folder = tmp_path / "ck"
    model, history, stop, schedule = _fit(folder)
    assert stop.stopped_epoch is not None and stop.stopped_epoch < 199          # it did stop early
    files = sorted(folder.glob("*.npz"))
    for later in files[len(files) // 2:]:   # died halfway
        later.unlink()
    again, history2, stop2, schedule2 = _fit(folder, resume=True)
    assert again.log.epochs == list(range(len(files) // 2, stop.stopped_epoch + 1))   # only the rest
    assert history2.history == history.history and schedule2.rates == schedule.rates
    assert (stop2.best, stop2.best_epoch, stop2.stopped_epoch) == (stop.best, stop.best_epoch, stop.stopped_epoch)
    for key, value in model.params.items():
        np.testing.assert_array_equal(again.params[key], value)
    # Resuming a run that had stopped early trains no further.
    third, history3, _, _ = _fit(folder, resume=True)
    assert history3.history == history.history and third.log.epochs == []


def test_kill_9_then_resume(tmp_path):
    """A real kill -9 during the second fit of c1-planar, then --resume: the same metrics.json."""
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    cmd = [sys.executable, "-c", "import sys; from dlspec.cli import main; sys.exit(main())", "run",
           "c1-planar", "--quiet", "--checkpoint-dir", str(tmp_path / "ck"), "--checkpoint-every", "50"]
    assert subprocess.run(cmd + ["--out", str(tmp_path / "whole")], env=env, capture_output=True).returncode == 0
    proc = subprocess.Popen(cmd[:-4] + ["--checkpoint-dir", str(tmp_path / "ck2"), "--checkpoint-every", "50",
                                        "--out", str(tmp_path / "killed")], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    target = tmp_path / "ck2" / "c1-planar" / "fit02"
    deadline = time.time() + 60
    while time.time() < deadline and not (target.is_dir() and any(target.glob("*.npz"))):
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (tmp_path / "killed" / "c1-planar" / "metrics.json").exists(), "killed too late"
    done = subprocess.run(cmd[:-4] + ["--checkpoint-dir", str(tmp_path / "ck2"), "--checkpoint-every", "50",
                                      "--out", str(tmp_path / "killed"), "--resume"], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    read = lambda d: json.loads((tmp_path / d / "c1-planar" / "metrics.json").read_text())  # noqa: E731
    assert read("killed")["metrics"] == read("whole")["metrics"]
    total, resumed = _starts(read("whole")), _starts(read("killed"))
    assert resumed["fit01"] == (None, 0)                       # finished before the kill: not rerun
    first, run = resumed["fit02"]
    assert first > 0 and first % 50 == 0 and run == total["fit02"][1] - first   # only the rest


def test_checkpoints_by_time_cost_one_file_per_interval(tmp_path):
    X, Y = _data()
    model = _model()
    model.fit(X, Y, epochs=300, verbose=0, callbacks=[ModelCheckpoint(tmp_path, every=None, seconds=60, keep=None)])
    assert [p.name for p in tmp_path.glob("*.npz")] == ["ckpt-epoch0300.npz"]     # the end only
    with pytest.raises(ValueError, match="every=N epochs or seconds=S"):
        ModelCheckpoint(tmp_path, every=None)
