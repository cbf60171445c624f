"""kill -9 of the search driver mid-search: no finished trial lost, --resume repeats none."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import tune_trials
from dlspec.tune import tune

TESTS = Path(__file__).resolve().parents[1]
SRC = TESTS.parent / "src"


def stored_rows(store):
    with sqlite3.connect(store) as db:
        return db.execute("SELECT trial_id, params, objective, finished FROM trials ORDER BY trial_id").fetchall()


def test_a_driver_killed_mid_search_loses_nothing_and_resumes_without_repeats(tmp_path):
    store, trials = tmp_path / "search.sqlite", 40
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(TESTS)]),
           "DLSPEC_TEST_TRIAL_SLEEP": "0.2"}   # 40 trials: 8 s, ample time to kill it mid-way
    driver = subprocess.Popen([sys.executable, "-c", f"import tune_trials; tune_trials.drive({str(store)!r}, {trials})"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and driver.poll() is None:
        try:
            if store.exists() and len(stored_rows(store)) >= 3:
                break
        except sqlite3.OperationalError:     # the driver has not created the tables yet
            pass
        time.sleep(0.05)
    assert driver.poll() is None, driver.stderr.read().decode()
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait(timeout=30)
    assert driver.returncode == -signal.SIGKILL

    before = stored_rows(store)
    assert 3 <= len(before) < trials
    assert [row[0] for row in before] == list(range(len(before)))   # the local executor goes in order
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    tune_trials.CALLS.clear()
    result = tune(tune_trials.slow_quadratic, "x=uniform:0:1", trials=trials, seed=3, store=store,
                  objective="cost", resume=True)
    assert [r.trial_id for r in result.results] == list(range(trials))
    assert len(tune_trials.CALLS) == trials - len(before)              # no finished trial repeated
    assert stored_rows(store)[:len(before)] == before                    # and none rewritten
    finished = {r.trial_id: r.config for r in result.results}
    assert tune_trials.CALLS == [finished[i] for i in range(len(before), trials)]


def _children(pid):
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"       # a zombie has exited; only its exit status is left to collect


def test_pool_workers_die_with_a_killed_driver(tmp_path):
    """issue 16: after kill -9 of `dlspec tune --workers 2`, pool processes lived on."""
    if not Path("/proc/self/stat").exists():
        import pytest
        pytest.skip("needs /proc")
    store = tmp_path / "search.sqlite"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(TESTS)]),
           "DLSPEC_TEST_TRIAL_SLEEP": "0.5"}
    driver = subprocess.Popen([sys.executable, "-c", f"import tune_trials; tune_trials.drive_pool({str(store)!r}, 40)"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = [p for p in _children(driver.pid) if "spawn_main" in Path(f"/proc/{p}/cmdline").read_text()]
        time.sleep(0.1)
    assert len(workers) == 2, "the pool did not start"
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers), "pool workers outlived the killed driver"
