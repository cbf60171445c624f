"""The experiments' own step loops checkpoint and resume bit for bit, as fits do (issue 16)."""
import numpy as np
import pytest

from dlspec.experiments import step_checkpoints
from dlspec.experiments.context import Context
from dlspec.experiments.transformer_train import train_steps
from dlspec.losses import SequenceCrossEntropy
from dlspec.models import Sequential
from dlspec.nn import Dense, Dropout, Embedding


def _run(tmp_path, resume=False):
    rng = np.random.default_rng(0)
    X = rng.integers(1, 9, (40, 5))
    model = Sequential([Embedding(9, 6), Dropout(keep_prob=0.8), Dense(9)], seed=0)
    model.build((5,))
    ctx = Context(out_dir=tmp_path / "run", checkpoint_dir=tmp_path / "ck", checkpoint_every=3, resume=resume)
    costs, _ = train_steps(model, [X], X, SequenceCrossEntropy(), 10, 8, 6, 4, seed=0, ctx=ctx)
    _run.log = ctx.fit_log
    return costs, {k: v.copy() for k, v in model.params.items()}


def test_a_step_loop_resumes_from_its_older_checkpoint_bit_for_bit(tmp_path, monkeypatch):
    costs, params = _run(tmp_path)
    folder = tmp_path / "ck" / "fit01"
    assert [p.name for p in sorted(folder.iterdir())] == ["steps-epoch0009.npz", "steps-epoch0010.npz"]
    (folder / "steps-epoch0010.npz").unlink()          # died after step 9: step 10 runs again
    starts = []
    real = step_checkpoints.StepCheckpoints.restore
    monkeypatch.setattr(step_checkpoints.StepCheckpoints, "restore",
                        lambda self: starts.append(real(self)) or starts[-1])
    again, params2 = _run(tmp_path, resume=True)
    assert starts == [9] and again == costs and len(costs) == 10
    assert _run.log == [{"fit": "fit01", "first_epoch": 9, "epochs_run": 1}]    # step 10 only
    for k, v in params.items():
        np.testing.assert_array_equal(params2[k], v)


def test_a_file_that_is_not_a_step_checkpoint_is_refused_by_name(tmp_path):
    _run(tmp_path)
    folder = tmp_path / "ck" / "fit01"
    for p in folder.iterdir():
        p.unlink()
    from dlspec.io.archive import write_archive
    write_archive(folder / "steps-epoch0005.npz", {"format": "dlspec-model"}, {})
    with pytest.raises(ValueError, match="steps-epoch0005.npz.*not a step checkpoint"):
        _run(tmp_path, resume=True)


def test_a_damaged_newest_step_checkpoint_falls_back_to_the_one_before(tmp_path):
    costs, params = _run(tmp_path)
    newest = tmp_path / "ck" / "fit01" / "steps-epoch0010.npz"
    newest.write_bytes(newest.read_bytes()[:100])
    with pytest.warns(UserWarning, match="steps-epoch0010.npz is damaged"):
        again, params2 = _run(tmp_path, resume=True)
    assert again == costs and _run.log[0]["first_epoch"] == 9
