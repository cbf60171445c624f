"""`dlspec run NAME --checkpoint-dir DIR --resume`: experiments checkpoint their fits and resume them."""
import json

import dlspec.io.checkpoint as checkpoint
from dlspec.cli import main
from dlspec.experiments.context import Context
from dlspec.experiments.runner import run_experiment


def test_run_checkpoints_and_resumes_c1_deep(tmp_path, monkeypatch):
    ck = tmp_path / "ck"
    first = run_experiment("c1-deep", out=tmp_path / "a", verbose=0, checkpoint_dir=ck, checkpoint_every=500)
    runs = ck / "c1-deep"
    assert sorted(p.name for p in (runs / "l_layer").iterdir()) == ["ckpt-epoch0500.npz", "ckpt-epoch0800.npz"]
    for tag in ("l_layer", "two_layer"):       # as if the process had died before epoch 800
        (runs / tag / "ckpt-epoch0800.npz").unlink()
    resumed_from = []
    real = checkpoint.restore_training
    monkeypatch.setattr(checkpoint, "restore_training",
                        lambda trainer, path: resumed_from.append(path.name) or real(trainer, path))
    second = run_experiment("c1-deep", out=tmp_path / "b", verbose=0, checkpoint_dir=ck, resume=True,
                            checkpoint_every=500)
    assert resumed_from == ["ckpt-epoch0500.npz", "ckpt-epoch0500.npz"]
    assert second["metrics"] == first["metrics"]


def test_resume_without_a_folder_uses_the_run_folder(tmp_path):
    ctx = Context(out_dir=tmp_path / "c1-deep", resume=True)
    assert ctx.checkpoint_dir == tmp_path / "c1-deep" / "checkpoints"
    assert ctx.resume_from("x") is None                       # nothing saved yet: start afresh
    assert ctx.checkpoints("x", every=7)[0].every == 7
    assert Context(out_dir=tmp_path).checkpoints("x") == []   # checkpointing off by default


def test_cli_flags(tmp_path, capsys):
    assert main(["run", "c1-deep", "--quiet", "--out", str(tmp_path), "--checkpoint-every", "0"]) == 2
    assert "--checkpoint-every expects an integer >= 1" in capsys.readouterr().err
    assert main(["run", "c1-deep", "--quiet", "--out", str(tmp_path), "--resume",
                 "--checkpoint-every", "1000"]) == 0
    assert (tmp_path / "c1-deep" / "checkpoints" / "l_layer" / "ckpt-epoch0800.npz").exists()
    assert json.loads((tmp_path / "c1-deep" / "metrics.json").read_text())["status"] == "ok"
