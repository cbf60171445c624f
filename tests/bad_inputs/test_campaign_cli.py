"""Campaign (issue 28): the command line. Exit status 2, one or two lines, no traceback, and
nothing started (the ``work`` fixture of test_bad_inputs counts experiments and benchmarks)."""
import numpy as np
import pytest

from campaign import clean_cli
from test_bad_inputs import work  # noqa: F401  (the fixture)

SPACE = ["--space", "learning_rate=log:0.1:1", "--trials", "1", "--quiet"]


def text_file(tmp_path, name="notes.txt", text="my notes\n"):
    path = tmp_path / name
    path.write_text(text)
    return path


def binary(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(bytes(range(128, 256)))
    return path


def npz(tmp_path):
    path = tmp_path / "w.npz"
    np.savez(path, w=np.ones(2))
    return path


CLI = [   # (id, argv (a function of tmp_path), what the message must name)
    ("tune-stages-0", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--sampler", "coarse-to-fine", "--stages", "0"], r"--stages"),
    ("tune-stages-neg", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--stages", "-2"], r"--stages"),
    ("tune-stages-float", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--stages", "1.5"], r"--stages"),
    ("tune-top-neg", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--top", "-1"], r"--top"),
    ("tune-top-0", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--top", "0"], r"--top"),
    ("tune-trials-0", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--trials", "0"], r"--trials"),
    ("tune-trials-word", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--trials", "ten"], r"--trials"),
    ("tune-workers-0", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--workers", "0"], r"--workers"),
    ("tune-workers-neg", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--workers", "-4"], r"--workers"),
    ("tune-store-text-file", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--store", text_file(t)], r"notes.txt.*--store"),
    ("tune-store-folder", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--store", t], r"--store.*folder"),
    ("tune-store-unwritable", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--store", "/proc/x.sqlite"], r"--store"),
    ("tune-out-file", lambda t: ["tune", "c1-planar", *SPACE, "--out", t, "--out", text_file(t)], r"--out|notes.txt"),
    ("tune-unknown-experiment", lambda t: ["tune", "c9-nothing", *SPACE, "--out", t], r"c9-nothing"),
    ("tune-space-unknown-kind", lambda t: ["tune", "c1-planar", "--out", t, "--space", "learning_rate=logx:1:2"], r"logx"),
    ("tune-space-no-equals", lambda t: ["tune", "c1-planar", "--out", t, "--space", "learning_rate"], r"learning_rate"),
    ("tune-space-unknown-name", lambda t: ["tune", "c1-planar", "--out", t, "--space", "nonsense=1"], r"nonsense"),
    ("tune-space-int-inverted", lambda t: ["tune", "c1-planar", "--out", t, "--space", "hidden_units=int:6:3"], r"hidden_units|6"),
    ("tune-space-log-nan", lambda t: ["tune", "c1-planar", "--out", t, "--space", "learning_rate=log:nan:1"], r"nan|learning_rate"),
    ("tune-space-empty-choice", lambda t: ["tune", "c1-planar", "--out", t, "--space", "activation=choice:|"], r"choice|activation"),
    ("bench-settle-neg", lambda t: ["bench", "dense", "--settle", "-1"], r"--settle"),
    ("bench-settle-nan", lambda t: ["bench", "dense", "--settle", "nan"], r"--settle"),
    ("bench-settle-inf", lambda t: ["bench", "dense", "--settle", "inf"], r"--settle"),
    ("bench-repeats-0", lambda t: ["bench", "dense", "--repeats", "0"], r"--repeats"),
    ("bench-repeats-neg", lambda t: ["bench", "dense", "--repeats", "-5"], r"--repeats"),
    ("bench-threads-0", lambda t: ["bench", "dense", "--threads", "0"], r"--threads"),
    ("bench-threads-neg", lambda t: ["bench", "dense", "--threads", "-2"], r"--threads"),
    ("bench-unknown", lambda t: ["bench", "nothing-like-it"], r"nothing-like-it"),
    ("bench-json-folder", lambda t: ["bench", "dense", "--json", t], r"--json"),
    ("bench-profile-nothing", lambda t: ["bench", "--profile"], r"--profile"),
    ("weights-show-key-npz", lambda t: ["weights", "show", npz(t), "--key", "state_dict"], r"--key.*w.npz|--key"),
    ("weights-convert-key-npz", lambda t: ["weights", "convert", npz(t), t / "o.npz", "--key", "model"], r"--key"),
    ("weights-show-key-empty", lambda t: ["weights", "show", npz(t), "--key", ""], r"--key"),
    ("weights-show-missing", lambda t: ["weights", "show", t / "none.pth"], r"none.pth"),
    ("weights-show-text", lambda t: ["weights", "show", text_file(t, "w.pth")], r"w.pth"),
    ("weights-show-unknown-ext", lambda t: ["weights", "show", text_file(t, "w.bin")], r"w.bin"),
    ("weights-convert-same-file", lambda t: ["weights", "convert", npz(t), t / "w.npz"], r"same file|w.npz"),
    ("weights-convert-bad-ext", lambda t: ["weights", "convert", npz(t), t / "o.txt"], r"o.txt|.safetensors"),
    ("weights-convert-map-unknown", lambda t: ["weights", "convert", npz(t), t / "o.npz", "--map", "nomap"], r"nomap"),
    ("run-checkpoint-every-0", lambda t: ["run", "c1-planar", "--out", t, "--checkpoint-dir", t, "--checkpoint-every", "0"], r"--checkpoint-every"),
    ("run-checkpoint-every-neg", lambda t: ["run", "c1-planar", "--out", t, "--checkpoint-dir", t, "--checkpoint-every", "-3"], r"--checkpoint-every"),
    ("run-checkpoint-dir-file", lambda t: ["run", "c1-planar", "--out", t, "--checkpoint-dir", text_file(t)], r"--checkpoint-dir|notes.txt"),
    ("run-out-file", lambda t: ["run", "c1-planar", "--out", text_file(t)], r"--out|notes.txt"),
    ("run-unknown", lambda t: ["run", "c1-nothing"], r"c1-nothing"),
    ("run-size-typo", lambda t: ["run", "c1-planar", "--size", "small"], r"--size"),
    ("run-seed-word", lambda t: ["run", "c1-planar", "--seed", "one"], r"--seed"),
    ("tour-only-unknown", lambda t: ["tour", "--only", "c1-planar,c9-x", "--out", t], r"c9-x"),
    ("tour-out-file", lambda t: ["tour", "--only", "c1-planar", "--out", text_file(t)], r"--out|notes.txt"),
    ("report-missing", lambda t: ["report", t / "none"], r"none"),
    ("report-file-not-folder", lambda t: ["report", text_file(t)], r"notes.txt"),
    ("report-output-folder", lambda t: ["report", t, "--output", t], r"--output|folder|No results"),
    ("diagnose-nan", lambda t: ["diagnose", "--train", "nan", "--dev", "0.1"], r"--train|train error"),
    ("diagnose-negative", lambda t: ["diagnose", "--train", "-0.1", "--dev", "0.1"], r"--train|train error"),
    ("diagnose-over-100", lambda t: ["diagnose", "--train", "150", "--dev", "10"], r"--train|train error"),
    ("diagnose-from-missing", lambda t: ["diagnose", "--from", t / "m.json"], r"m.json"),
    ("diagnose-from-text", lambda t: ["diagnose", "--from", text_file(t)], r"notes.txt"),
    ("select-missing", lambda t: ["select", t / "c.csv", "--optimize", "acc"], r"c.csv"),
    ("select-unknown-metric", lambda t: ["select", text_file(t, "c.csv", "name,acc\na,0.9\n"), "--optimize", "f1"], r"f1"),
    ("select-satisfy-bad", lambda t: ["select", text_file(t, "c.csv", "name,acc,ms\na,0.9,3\n"), "--optimize", "acc", "--satisfy", "ms <<< 3"], r"--satisfy|constraint for 'ms'"),
    ("select-empty-csv", lambda t: ["select", text_file(t, "c.csv", ""), "--optimize", "acc"], r"c.csv"),
    ("select-non-number", lambda t: ["select", text_file(t, "c.csv", "name,acc\na,high\n"), "--optimize", "acc"], r"high|acc"),
    ("errors-missing", lambda t: ["errors", t / "p.csv", t / "t.csv"], r"p.csv"),
    ("errors-no-header", lambda t: ["errors", text_file(t, "p.csv", ""), text_file(t, "t.csv", "id,dog\n")], r"p.csv"),
    ("errors-tags-missing", lambda t: ["errors", text_file(t, "p.csv", "id,label,prediction\na,cat,dog\n"), t / "x.csv"], r"x.csv"),
    ("errors-tags-binary", lambda t: ["errors", text_file(t, "p.csv", "id,label,prediction\na,cat,dog\n"), binary(t)], r"x.csv"),
]


@pytest.mark.parametrize("argv,match", [pytest.param(a, m, id=i) for i, a, m in CLI])
def test_cli(capsys, tmp_path, work, argv, match):   # noqa: F811
    clean_cli(capsys, argv(tmp_path), match)
    assert work == [] or work == ["an experiment"], work
