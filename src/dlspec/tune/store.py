"""The trial store: an embedded SQLite file, one row per finished trial, committed at once.

SQLite commits are atomic and durable (journal + fsync), so a driver killed with
``kill -9`` right after a commit keeps that trial, and one killed mid-write keeps
everything before it. Only the driver writes; workers return results to it.

Tables
------
meta(key, value)      the search's identity: space, target, seed, sampler, objective
trials(trial_id, ...) params, metrics (JSON), status, objective, seed, duration, error
"""
from __future__ import annotations

import json
import math
import sqlite3
import time
from pathlib import Path

from .trial import TrialResult

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS trials (
    trial_id  INTEGER PRIMARY KEY,
    stage     INTEGER NOT NULL,
    params    TEXT NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    objective REAL,
    metrics   TEXT NOT NULL,
    seed      INTEGER NOT NULL,
    duration  REAL NOT NULL,
    error     TEXT,
    worker    TEXT,
    finished  TEXT NOT NULL
);
"""


class TrialStore:
    """Open (or create) the store at ``path``; ``":memory:"`` keeps it in memory.

    Parameters
    ----------
    path : str or Path of the SQLite file
    identity : dict describing the search (space, target, seed, sampler, objective);
        a store created for a different identity is refused with a clear error.
    resume : an existing store with trials is reused only with ``resume=True``.
    """

    def __init__(self, path, identity: dict, resume=False):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA synchronous=FULL")   # durable: fsync on every commit
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise ValueError(f"{self.path!r} is not a dlspec trial store (SQLite said: {exc}). "
                             "Pass another --store path.") from None
        stored = self.identity()
        if stored is None:
            with self.db:
                self.db.execute("INSERT INTO meta VALUES ('identity', ?)", (json.dumps(identity),))
            return
        if stored != json.loads(json.dumps(identity)):
            diff = ", ".join(f"{k}: stored {stored.get(k)!r}, now {identity.get(k)!r}"
                             for k in sorted(set(stored) | set(identity)) if stored.get(k) != identity.get(k))
            raise ValueError(f"The store {self.path!r} belongs to a different search ({diff}). "
                             "Use the same experiment, space, seed, sampler and objective to resume, "
                             "or pass a new --store path.")
        if self.count() and not resume:
            raise ValueError(f"The store {self.path!r} already holds {self.count()} finished trial(s) "
                             "of this search. Pass --resume to continue it (finished trials are not "
                             "repeated), or a new --store path to start over.")

    def identity(self):
        row = self.db.execute("SELECT value FROM meta WHERE key = 'identity'").fetchone()
        return None if row is None else json.loads(row[0])

    def add(self, result: TrialResult):
        """Write one finished trial and commit before returning."""
        with self.db:   # a transaction: committed on exit
            self.db.execute(
                "INSERT OR REPLACE INTO trials VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (result.trial_id, result.stage, json.dumps(result.config), result.status,
                 result.objective, json.dumps(result.metrics, default=_json_default), result.seed,
                 result.duration, result.error, result.worker,
                 time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())))

    def finished_ids(self) -> set:
        return {row[0] for row in self.db.execute("SELECT trial_id FROM trials")}

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM trials").fetchone()[0]

    def results(self) -> list[TrialResult]:
        """Every stored trial, by trial id."""
        rows = self.db.execute("SELECT trial_id, stage, params, seed, status, metrics, objective, "
                               "error, duration, worker FROM trials ORDER BY trial_id")
        return [TrialResult(tid, stage, json.loads(params), seed, status, json.loads(metrics),
                            objective, error, duration, worker or "")
                for tid, stage, params, seed, status, metrics, objective, error, duration, worker in rows]

    def close(self):
        self.db.close()


def _json_default(value):
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)
