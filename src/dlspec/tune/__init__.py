"""Hyperparameter search (course 2, week 3): spaces on the right scale, random, grid and
coarse-to-fine sampling, in-process / process-pool / Ray executors, an SQLite trial store.

>>> from dlspec.tune import tune, ExperimentTrial
>>> # result = tune(ExperimentTrial("c1-planar"), "learning_rate=log:1e-2:10", trials=10)
"""
from .executors import LocalExecutor, PoolExecutor, RayExecutor, make_executor
from .samplers import grid_configs, narrow, random_configs
from .search import SearchResult, infer_mode, tune
from .space import Param, Space, parse_space
from .store import TrialStore
from .trial import ExperimentTrial, TrialResult, UnknownParameterError, run_trial

__all__ = ["tune", "SearchResult", "Space", "Param", "parse_space", "random_configs", "grid_configs",
           "narrow", "LocalExecutor", "PoolExecutor", "RayExecutor", "make_executor", "TrialStore",
           "ExperimentTrial", "TrialResult", "UnknownParameterError", "run_trial", "infer_mode"]
