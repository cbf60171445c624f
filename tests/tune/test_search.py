import pytest

import tune_trials
from dlspec.tune import PoolExecutor, TrialStore, UnknownParameterError, tune
from dlspec.tune.examples import course2_trial
from dlspec.tune.search import ObjectiveNotFoundError


def test_random_search_finds_the_minimum_and_reports_the_best_first():
    result = tune(tune_trials.quadratic, "x=uniform:0:1", trials=50, seed=1, objective="cost")
    assert result.mode == "min" and len(result.ok) == 50
    best = result.best(3)
    assert best[0].objective <= best[1].objective <= best[2].objective
    assert abs(best[0].config["x"] - 0.3) < 0.05
    assert all(r.seed == 1 for r in result.results)      # every trial gets the search's seed


def test_same_seed_same_results():
    a = tune(tune_trials.quadratic, "x=uniform:0:1", trials=8, seed=5, objective="cost")
    b = tune(tune_trials.quadratic, "x=uniform:0:1", trials=8, seed=5, objective="cost")
    assert [r.config for r in a.results] == [r.config for r in b.results]


def test_failing_trials_are_recorded_with_the_reason_and_the_search_goes_on(tmp_path):
    result = tune(tune_trials.flaky, "x=uniform:0:1", trials=40, objective="cost",
                  store=tmp_path / "s.sqlite")
    raised = [r for r in result.failed if r.config["x"] > 0.8]
    nan = [r for r in result.failed if r.config["x"] < 0.2]
    assert raised and nan and len(result.ok) == 40 - len(raised) - len(nan)
    assert all("RuntimeError: boom: x too large" in r.error for r in raised)
    assert all("is nan (diverged)" in r.error for r in nan)
    stored = TrialStore(tmp_path / "s.sqlite", _identity_of(tmp_path / "s.sqlite"), resume=True).results()
    assert [(r.status, r.error) for r in stored] == [(r.status, r.error) for r in result.results]


def test_a_missing_objective_stops_the_search_at_the_first_trial(tmp_path):
    # issue 16: a typo in --objective used to fail every trial, one after the other
    store = tmp_path / "s.sqlite"
    with pytest.raises(ObjectiveNotFoundError, match="returns no metric of that name.*cost"):
        tune(tune_trials.quadratic, "x=uniform:0:1", trials=5, objective="accuracy", store=store)
    assert not store.exists()     # so the corrected command starts afresh


def test_the_store_keeps_every_trial_and_resume_skips_finished_ones(tmp_path):
    store = tmp_path / "search.sqlite"
    tune_trials.CALLS.clear()
    first = tune(tune_trials.slow_quadratic, "x=uniform:0:1", trials=5, seed=1, objective="cost", store=store)
    assert len(tune_trials.CALLS) == 5
    tune_trials.CALLS.clear()
    more = tune(tune_trials.slow_quadratic, "x=uniform:0:1", trials=8, seed=1, objective="cost",
                store=store, resume=True)
    assert len(tune_trials.CALLS) == 3                         # only trials 5, 6, 7 ran
    assert [r.config for r in more.results[:5]] == [r.config for r in first.results]
    assert [r.trial_id for r in more.results] == list(range(8))


def test_a_store_with_trials_needs_resume(tmp_path):
    store = tmp_path / "s.sqlite"
    tune(tune_trials.quadratic, "x=uniform:0:1", trials=2, objective="cost", store=store)
    with pytest.raises(ValueError, match="already holds 2 finished trial.*Pass --resume"):
        tune(tune_trials.quadratic, "x=uniform:0:1", trials=2, objective="cost", store=store)


@pytest.mark.parametrize("change", [dict(space="x=uniform:0:2"), dict(seed=9), dict(sampler="grid"),
                                    dict(objective="seed")])
def test_a_store_from_a_different_search_is_refused(tmp_path, change):
    store = tmp_path / "s.sqlite"
    base = dict(space="x=uniform:0:1", seed=0, sampler="random", objective="cost")
    tune(tune_trials.quadratic, trials=2, store=store, **base)
    with pytest.raises(ValueError, match="belongs to a different search"):
        tune(tune_trials.quadratic, trials=2, store=store, resume=True, **{**base, **change})


def test_a_file_that_is_not_a_store(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("hello, I am not a database" * 10)
    with pytest.raises(ValueError, match="is not a dlspec trial store"):
        tune(tune_trials.quadratic, "x=uniform:0:1", trials=1, objective="cost", store=path)


def test_unknown_parameter_names_are_refused_before_any_trial():
    with pytest.raises(UnknownParameterError, match="no hyperparameter 'alpha'.*learning_rate"):
        tune(course2_trial, "alpha=log:1e-3:1", trials=2, objective="dev_accuracy")


def test_bad_arguments():
    with pytest.raises(ValueError, match="sampler must be one of"):
        tune(tune_trials.quadratic, "x=uniform:0:1", sampler="bayes", objective="cost")
    with pytest.raises(ValueError, match="trials must be an integer >= 1"):
        tune(tune_trials.quadratic, "x=uniform:0:1", trials=0, objective="cost")
    with pytest.raises(ValueError, match="Name the metric to optimize"):
        tune(tune_trials.quadratic, "x=uniform:0:1")
    with pytest.raises(ValueError, match="mode must be 'max' or 'min'"):
        tune(tune_trials.quadratic, "x=uniform:0:1", objective="cost", mode="up")


def test_coarse_to_fine_samples_the_second_stage_near_the_best_and_is_reproducible(tmp_path):
    kwargs = dict(trials=20, seed=2, sampler="coarse-to-fine", objective="cost", stages=2)
    result = tune(tune_trials.quadratic, "x=uniform:0:1", **kwargs)
    coarse = [r.config["x"] for r in result.results if r.stage == 0]
    fine = [r.config["x"] for r in result.results if r.stage == 1]
    assert len(coarse) == len(fine) == 10
    assert max(abs(x - 0.3) for x in fine) < max(abs(x - 0.3) for x in coarse)
    assert max(fine) - min(fine) < 0.5
    again = tune(tune_trials.quadratic, "x=uniform:0:1", **kwargs)
    assert [r.config for r in again.results] == [r.config for r in result.results]
    # Interrupted in the middle of the fine stage, a resumed search draws the same trials.
    store = tmp_path / "c2f.sqlite"
    tune(tune_trials.quadratic, "x=uniform:0:1", store=store, **kwargs)
    import sqlite3
    with sqlite3.connect(store) as db:            # as if killed after trial 13
        db.execute("DELETE FROM trials WHERE trial_id >= 14")
    resumed = tune(tune_trials.quadratic, "x=uniform:0:1", store=store, resume=True, **kwargs)
    assert [r.config for r in resumed.results] == [r.config for r in result.results]


def test_grid_search_runs_its_grid():
    result = tune(tune_trials.quadratic, "x=uniform:0:1", trials=5, sampler="grid", objective="cost")
    assert [r.config["x"] for r in result.results] == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_in_process_and_process_pool_give_identical_results():
    space = "learning_rate=log:1e-3:3,hidden_units=int:2:12,epochs=5"
    local = tune(course2_trial, space, trials=4, seed=4, objective="dev_accuracy")
    pooled = tune(course2_trial, space, trials=4, seed=4, objective="dev_accuracy",
                  executor=PoolExecutor(2))
    key = lambda r: (r.trial_id, r.config, r.status, r.metrics)
    assert [key(r) for r in local.results] == [key(r) for r in pooled.results]
    assert len({r.worker for r in pooled.results}) >= 1
    assert {r.worker for r in pooled.results}.isdisjoint({r.worker for r in local.results})


def test_a_killed_worker_stops_the_search_with_a_clear_error_and_loses_no_finished_trial(tmp_path):
    store = tmp_path / "s.sqlite"
    with pytest.raises(RuntimeError, match="A worker process died.*--resume"):
        tune(tune_trials.killer, "x=uniform:0:1", trials=30, seed=0, objective="cost", store=store,
             executor=PoolExecutor(1))
    saved = TrialStore(store, _identity_of(store), resume=True).results()
    assert saved and all(r.status == "ok" and r.config["x"] <= 0.9 for r in saved)


def _identity_of(store):
    import json
    import sqlite3
    with sqlite3.connect(store) as db:
        return json.loads(db.execute("SELECT value FROM meta").fetchone()[0])


def test_pool_workers_run_with_one_blas_thread():
    from dlspec.tune.executors import PoolExecutor as Pool
    from dlspec.tune.trial import Job
    pool = Pool(1)
    try:
        (res,) = list(pool.run(tune_trials.blas_threads, [Job(0, 0, {}, 0)], None))
    finally:
        pool.close()
    assert res.status == "ok", res.error
    assert res.metrics["env"] == "1" and res.metrics["max_threads"] == 1



def test_a_pool_needs_an_importable_trial_function():
    with pytest.raises(TypeError, match="cannot be sent to a process pool.*top level of an importable module"):
        tune(lambda config, seed: {"cost": 0.0}, "x=uniform:0:1", trials=2, objective="cost",
             executor=PoolExecutor(2))


def test_course2_trial_tunes_beta1_with_adam():
    result = tune(course2_trial, "learning_rate=log:1e-3:1e-1,beta1=beta:0.8:0.999,epochs=3", trials=2,
                  objective="dev_accuracy")
    assert len(result.ok) == 2 and not result.failed
    assert all(0.8 <= t.config["beta1"] <= 0.999 for t in result.ok)
