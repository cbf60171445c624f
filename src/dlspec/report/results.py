"""Read stored results: every ``DIR/<experiment>/metrics.json``, checked, with its folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..io import read_json

STATUSES = ("ok", "failed")
_REQUIRED = {"name": str, "status": str, "metrics": dict}
_OPTIONAL = {"course": int, "title": str, "summary": str, "size": str, "seed": int,
             "seconds": (int, float), "reference": dict, "targets": dict, "sources": dict, "plots": list, "audio": list, "modules": list,
             "hparams": dict, "error": str, "traceback": str}


@dataclass(frozen=True)
class Result:
    """One experiment's stored record (the parsed ``metrics.json``) and the folder it is in."""

    record: dict
    folder: Path

    @property
    def name(self) -> str:
        return self.record["name"]


def load_results(folder) -> dict:
    """Every result under ``folder``, by experiment name.

    Parameters
    ----------
    folder : path of a folder written by ``dlspec tour --out`` or ``dlspec run --out``,
        holding one sub-folder per experiment with a ``metrics.json`` and its plots.

    Returns
    -------
    dict of str -> Result

    Raises
    ------
    FileNotFoundError
        When ``folder`` does not exist.
    ValueError
        When it holds no results, or a ``metrics.json`` is corrupt or not a results file
        (the message names the file).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder. Expected a results folder written by "
                                f"'dlspec tour --out {folder}'; run that first.")
    files = sorted(folder.glob("*/metrics.json"))
    if not files:
        raise ValueError(f"No results in {folder}: expected {folder}/<experiment>/metrics.json files, "
                         f"as written by 'dlspec tour --out {folder}' or 'dlspec run NAME --out {folder}'; "
                         "found none. Run the tour first, or give the folder it wrote.")
    results = {}
    for path in files:
        record = read_json(path)        # names the file when it is corrupt
        check_record(record, path)
        name = record["name"]
        if name in results:
            raise ValueError(f"Two results for experiment {name!r}: {results[name].folder / 'metrics.json'} "
                             f"and {path}. Remove one of them.")
        results[name] = Result(record, path.parent)
    return results


def check_record(record, path) -> None:
    """Raise a ValueError naming ``path`` when ``record`` is not a results record."""
    fix = "It should be written by 'dlspec run' or 'dlspec tour'; re-run the experiment to write it again."
    if not isinstance(record, dict):
        raise ValueError(f"{path} is not a dlspec results file: expected a JSON object, "
                         f"got a JSON {type(record).__name__}. {fix}")
    missing = [k for k in _REQUIRED if k not in record]
    if missing:
        raise ValueError(f"{path} is not a dlspec results file: missing key(s) "
                         f"{', '.join(map(repr, missing))}. {fix}")
    for key, kind in {**_REQUIRED, **_OPTIONAL}.items():
        if key in record and record[key] is not None and not isinstance(record[key], kind):
            expected = kind.__name__ if isinstance(kind, type) else "number"
            raise ValueError(f"{path}: {key!r} should be a {expected}, got {record[key]!r}. {fix}")
    if record["status"] not in STATUSES:
        raise ValueError(f"{path}: 'status' should be one of {STATUSES}, got {record['status']!r}. {fix}")
