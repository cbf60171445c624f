"""`dlspec run NAME --checkpoint-dir DIR --resume`: experiments checkpoint their fits and resume them."""
import json

from dlspec.cli import main
from dlspec.experiments.context import Context
from dlspec.experiments.runner import run_experiment


def test_run_checkpoints_and_resumes_c1_deep(tmp_path):
    ck = tmp_path / "ck"
    first = run_experiment("c1-deep", out=tmp_path / "a", verbose=0, checkpoint_dir=ck, checkpoint_every=500)
    runs = ck / "c1-deep"
    assert sorted(p.name for p in (runs / "l_layer").iterdir()) == ["ckpt-epoch0500.npz", "ckpt-epoch0800.npz"]
    for tag in ("l_layer", "two_layer"):       # as if the process had died before epoch 800
        (runs / tag / "ckpt-epoch0800.npz").unlink()
    second = run_experiment("c1-deep", out=tmp_path / "b", verbose=0, checkpoint_dir=ck, resume=True,
                            checkpoint_every=500)
    # Each fit started after its checkpoint of epoch 500 and ran only the last 300 epochs.
    assert {f["fit"]: (f["first_epoch"], f["epochs_run"]) for f in first["fits"]} == {
        "two_layer": (0, 800), "l_layer": (0, 800)}
    assert {f["fit"]: (f["first_epoch"], f["epochs_run"]) for f in second["fits"]} == {
        "two_layer": (500, 300), "l_layer": (500, 300)}
    assert second["metrics"] == first["metrics"]


def test_a_folder_of_checkpoints_needs_resume_or_restart_and_the_same_settings(tmp_path, capsys):
    ck, out = tmp_path / "ck", tmp_path / "out"
    run = ["run", "c1-planar", "--quiet", "--out", str(out), "--checkpoint-dir", str(ck), "--checkpoint-every", "2000"]
    assert main(run + ["--seed", "5"]) == 0
    saved = sorted((ck / "c1-planar").glob("*/*.npz"))
    assert saved and json.loads((ck / "c1-planar" / "run.json").read_text())["seed"] == 5
    capsys.readouterr()
    assert main(run + ["--seed", "5"]) == 2                  # neither flag: refused, nothing deleted
    err = capsys.readouterr().err
    assert "holds" in err and "pass --resume to continue it, or --restart" in err and "nothing was deleted" in err
    assert sorted((ck / "c1-planar").glob("*/*.npz")) == saved
    assert main(run + ["--seed", "6", "--resume"]) == 2      # another seed: refused by name
    assert "cannot resume c1-planar" in (err := capsys.readouterr().err) and "seed: made with 5, now 6" in err
    assert main(run + ["--size", "full", "--seed", "5", "--resume"]) == 2
    assert 'size: made with quick, now full' in capsys.readouterr().err
    assert main(run + ["--seed", "5", "--resume", "--restart"]) == 2
    assert "give one of them" in capsys.readouterr().err
    assert main(run + ["--seed", "6", "--restart"]) == 0     # deleted first, then a new run
    assert "--restart: deleted" in capsys.readouterr().err
    assert json.loads((ck / "c1-planar" / "run.json").read_text())["seed"] == 6
    record = json.loads((out / "c1-planar" / "metrics.json").read_text())
    assert record["seed"] == 6 and all(f["first_epoch"] == 0 for f in record["fits"])


def test_resume_without_a_folder_uses_the_run_folder(tmp_path):
    ctx = Context(out_dir=tmp_path / "c1-deep", resume=True)
    assert ctx.checkpoint_dir == tmp_path / "c1-deep" / "checkpoints"
    assert ctx.resume_from("x") is None                       # nothing saved yet: start afresh
    (ctx.checkpoint_dir / "x").mkdir(parents=True)
    (ctx.checkpoint_dir / "x" / "ckpt-epoch0003.npz").write_bytes(b"")
    assert ctx.resume_from("x") == ctx.checkpoint_dir / "x"   # the folder: damaged files fall back
    assert ctx.checkpoints("x", every=7)[0].every == 7
    assert Context(out_dir=tmp_path).checkpoints("x") == []   # checkpointing off by default


def test_cli_flags(tmp_path, capsys):
    assert main(["run", "c1-deep", "--quiet", "--out", str(tmp_path), "--checkpoint-every", "0"]) == 2
    assert "--checkpoint-every expects an integer >= 1" in capsys.readouterr().err
    assert main(["run", "c1-deep", "--quiet", "--out", str(tmp_path), "--resume",
                 "--checkpoint-every", "1000"]) == 0
    assert (tmp_path / "c1-deep" / "checkpoints" / "l_layer" / "ckpt-epoch0800.npz").exists()
    assert json.loads((tmp_path / "c1-deep" / "metrics.json").read_text())["status"] == "ok"
