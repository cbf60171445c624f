"""``dlspec tour --ray``: the experiments as Ray tasks on a real local cluster, the same metrics."""
import json

import pytest

from dlspec.cli import main
from dlspec.experiments.tour import run_tour

ONLY = "c2-gradcheck,c4-conv-step"       # two fast experiments; the second runs conv and pooling kernels


def _metrics(folder):
    return {p.parent.name: json.loads(p.read_text())["metrics"] for p in sorted(folder.glob("*/metrics.json"))}


def _files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_a_tour_on_a_local_ray_cluster_matches_the_local_tour(tmp_path, capsys, monkeypatch):
    pytest.importorskip("ray", reason="Ray is an optional extra (pip install 'dlspec[ray]')")
    # NOTE: on a loaded machine (load 10 on 2 cores) Ray's agents took ~40 s to start and the
    # raylet gave up waiting for them after its default ~30 s; these raise its patience.
    monkeypatch.setenv("RAY_agent_register_timeout_ms", "180000")
    monkeypatch.setenv("RAY_raylet_start_wait_time_s", "180")
    local = tmp_path / "local"
    run_tour(only=ONLY, seed=3, out=local, verbose=0)
    on_ray = tmp_path / "ray"
    assert main(["tour", "--ray", "local", "--threads", "1", "--only", ONLY, "--seed", "3",
                 "--out", str(on_ray), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "2 experiments: 2 ok, 0 failed" in out and (on_ray / "index.html").is_file()
    assert _metrics(on_ray) == _metrics(local) and len(_metrics(local)) == 2
    # The CLI's tour also writes the page and the notebooks; run_tour writes only the run folders.
    runs = {f for f in _files(on_ray) if f != "index.html" and not f.startswith("notebooks/")}
    assert runs == set(_files(local))
    records = {p.parent.name: json.loads(p.read_text()) for p in on_ray.glob("*/metrics.json")}
    assert all(r["status"] == "ok" and r["seed"] == 3 for r in records.values())
    import ray
    assert not ray.is_initialized()                 # the tour shut its cluster down


def test_bad_thread_counts_and_addresses_are_clear_errors(tmp_path, capsys):
    from dlspec.experiments.on_ray import run_on_ray
    with pytest.raises(ValueError, match="threads must be an integer >= 1"):
        run_on_ray("local", only="c2-gradcheck", threads=0, out=tmp_path)
    assert main(["tour", "--threads", "0", "--only", "c2-gradcheck", "--out", str(tmp_path)]) == 2
    assert "--threads expects an integer >= 1; got 0" in capsys.readouterr().err
    pytest.importorskip("ray", reason="Ray is an optional extra")
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["run", "c2-gradcheck", "--ray", f"127.0.0.1:{port}", "--out", str(tmp_path)]) == 2
    assert "Cannot reach a Ray cluster" in capsys.readouterr().err


def test_a_task_returns_its_run_folder_and_the_driver_rebuilds_it(tmp_path):
    """run_task (what each Ray task runs) in this process: the folder it returns is the local run's."""
    from dlspec import backend
    from dlspec.experiments.on_ray import run_task
    from dlspec.experiments.runner import run_experiment
    before = backend._threads
    try:
        record, files = run_task("c2-gradcheck", "quick", 5, 1)
    finally:
        backend.set_num_threads(before or backend.machine_threads())
        backend._threads = before
    local = run_experiment("c2-gradcheck", seed=5, out=tmp_path, verbose=0, echo=False)
    assert record["metrics"] == local["metrics"] and record["status"] == "ok" and record["host"]
    assert json.loads(files["metrics.json"])["metrics"] == local["metrics"]
    assert set(files) == set(_files(tmp_path / "c2-gradcheck"))
