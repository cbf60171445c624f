"""Executors: the Ray integration test on a real local cluster, and the executor choice."""
import socket
import sys

import pytest

from dlspec.tune import LocalExecutor, PoolExecutor, make_executor, tune
from dlspec.tune.examples import course2_trial
from dlspec.tune.executors import RayExecutor, check_reachable

SPACE = "learning_rate=log:1e-2:10,hidden_units=int:0:6,epochs=5"   # 0 units: a failing trial


def test_a_local_ray_cluster_gives_the_same_results_as_in_process(tmp_path):
    pytest.importorskip("ray", reason="Ray is an optional extra (pip install 'dlspec[ray]'); "
                                      "the Ray integration test needs it")
    executor = RayExecutor("local", num_cpus=2, object_store_memory=80 * 1024 ** 2)
    assert executor.workers == 2
    on_ray = tune(course2_trial, SPACE, trials=6, seed=4, objective="dev_accuracy", executor=executor,
                  store=tmp_path / "ray.sqlite")
    local = tune(course2_trial, SPACE, trials=6, seed=4, objective="dev_accuracy")
    key = lambda r: (r.trial_id, r.config, r.status, r.metrics, r.error)
    assert [key(r) for r in on_ray.results] == [key(r) for r in local.results]
    assert on_ray.failed and on_ray.ok          # failed trials recorded, the search went on
    import ray
    assert not ray.is_initialized()             # the search shut its cluster down


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]               # nothing listens once the socket is closed


def test_an_unreachable_ray_address_is_a_clear_error():
    pytest.importorskip("ray", reason="needs Ray installed to get past the import")
    port = _closed_port()
    with pytest.raises(ConnectionError, match=f"Cannot reach a Ray cluster at '127.0.0.1:{port}'.*--ray local"):
        RayExecutor(f"127.0.0.1:{port}", connect_timeout=1.0)


def test_reachability_check_and_address_format():
    with pytest.raises(ConnectionError, match="Cannot reach"):
        check_reachable(f"ray://127.0.0.1:{_closed_port()}", timeout=1.0)
    with pytest.raises(ValueError, match="HOST:PORT"):
        check_reachable("my-cluster")


def test_without_ray_installed_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)     # makes `import ray` fail
    with pytest.raises(ImportError, match=r"pip install 'dlspec\[ray\]'.*--workers N"):
        RayExecutor("local")


def test_make_executor_picks_what_the_cli_asked_for():
    assert isinstance(make_executor(), LocalExecutor)
    assert isinstance(make_executor(workers=1), LocalExecutor)
    pool = make_executor(workers=3)
    assert isinstance(pool, PoolExecutor) and pool.workers == 3
    with pytest.raises(ValueError, match="not both"):
        make_executor(workers=2, ray="local")
    with pytest.raises(ValueError, match="--workers must be >= 1"):
        make_executor(workers=0)
    with pytest.raises(ValueError, match="workers must be an integer >= 1"):
        PoolExecutor(0)


def test_importing_dlspec_tune_does_not_import_ray():
    import subprocess
    code = "import sys, dlspec.tune, dlspec.cli; dlspec.cli.build_parser(); print('ray' in sys.modules)"
    from pathlib import Path
    import os
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "False"
