"""The inventory of the course's printed values, and how a replay is compared with one.

``dlspec/course/inventory.csv`` holds one row per value printed by the pinned notebooks (their
code cells' outputs and their "Expected Output" cells): its id, assignment, notebook, commit,
cell, the function that printed it, the seed of its inputs, the printed text, whether its
inputs are NumPy-seeded, and a status: ``replayed`` (a test recomputes it through
``dlspec.course`` and compares every printed number), ``differs`` (recomputed, the difference
measured and explained in ``reason``) or ``not replayable`` (``reason`` says why).

A printed number is matched to its printed precision (half a unit in its last digit), and
never more tightly than 1e-8 (numbers printed with 16 digits are compared to 1e-8).
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

PATH = Path(__file__).resolve().parent.parent / "course" / "inventory.csv"
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|\binf\b|\bnan\b|\bTrue\b|\bFalse\b")


@lru_cache(maxsize=1)
def rows() -> tuple:
    with open(PATH, newline="", encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


def printed_numbers(text: str):
    """The numbers in a printed value, with the tolerance each was printed to."""
    values, tols = [], []
    for token in NUMBER.findall(text):
        if token in ("inf", "nan", "True", "False"):            # booleans print as masks
            values.append({"True": 1.0, "False": 0.0}[token] if token[0] in "TF" else float(token))
            tols.append(0.0)
            continue
        mantissa, _, exponent = token.lower().partition("e")
        decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
        unit = 10.0 ** (int(exponent or 0) - decimals)
        values.append(float(token))
        tols.append(max(0.5 * unit * (1 + 1e-9), 1e-8 * max(1.0, abs(float(token)))))
    return np.array(values), np.array(tols)


def flatten(value) -> np.ndarray:
    """A replayed value (array, number, bool, shape tuple, list) as a flat float array."""
    if isinstance(value, (tuple, list)):
        parts = [flatten(v) for v in value]
        return np.concatenate(parts) if parts else np.zeros(0)
    return np.asarray(value, dtype=np.float64).ravel()


def mismatch(row, value) -> str | None:
    """None when ``value`` prints as the row's printed text; else what differs."""
    printed, tol = printed_numbers(row["printed"])
    ours = flatten(value)
    if ours.shape != printed.shape:
        return f"{row['id']}: {ours.size} numbers replayed, {printed.size} printed ({row['printed'][:60]})"
    same_inf = np.isinf(printed) & (ours == printed)
    with np.errstate(invalid="ignore"):                # inf - inf where both are inf
        bad = ~((np.abs(ours - printed) <= tol) | same_inf)
    if bad.any():
        i = int(np.argmax(bad))
        return (f"{row['id']}: number {i} is {ours[i]!r}, the course printed {printed[i]!r} "
                f"(tolerance {tol[i]:.1e})")
    return None


def replayed_share() -> tuple[int, int, float]:
    """(replayed, NumPy-seeded, share) over the rows whose inputs the course draws with NumPy."""
    seeded = [r for r in rows() if r["numpy_seeded"] == "yes"]
    done = [r for r in seeded if r["status"] == "replayed"]
    return len(done), len(seeded), len(done) / len(seeded)


# Cells that run whole procedures (thousands of full-batch steps): replayed in the tests and
# at an experiment's full size, skipped at its quick size.
SLOW = frozenset({"c1w3.45", "c1w3.52", "c1w3.54", "c1w3.58", "c2w1a1.11", "c2w1a1.22", "c2w1a1.32",
                  "c2w2.44"})


def _cell(row):
    return row["id"].rsplit(".", 1)[0]


def card(assignments) -> tuple[dict, dict, dict]:
    """(reference, tolerance, notes) for an experiment's card, from the inventory alone: each
    replayed value's first printed number under ``course_<inventory id>``, its tolerance the
    printed precision, and one note naming the notebooks the numbers come from."""
    reference, tolerance, books = {}, {}, {}
    for row in rows():
        if row["assignment"] in assignments and row["status"] == "replayed":
            key = f"course_{row['id']}"
            values, tols = printed_numbers(row["printed"])
            reference[key], tolerance[key] = float(values[0]), float(tols[0])
            books[row["notebook"]] = row["commit"]
    notes = {}
    if reference:
        # Notebook names with spaces, so that the note wraps on a phone's width.
        titles = ", ".join(b.replace("_", " ").removesuffix(".ipynb") for b in books)
        notes[f"course_{sorted(assignments)[0]}"] = (
            "course_<assignment>.<cell>.<label>: the first number that this cell of the notebook "
            f"printed ({titles}; repository amanchadha / coursera-deep-learning-specialization, "
            f"commit {', '.join(sorted(set(books.values())))}), replayed through dlspec.course. "
            "Every printed number of each value is checked in tests/course/test_inventory.py; "
            "src/dlspec/course/inventory.csv lists them all. Whole procedures are replayed at the "
            "full size only.")
    return reference, tolerance, notes


def card_metrics(assignments, replays, slow=False) -> dict:
    """The replayed values for ``card``'s keys (each cell's replay runs once; ``SLOW`` cells
    only with ``slow=True``)."""
    metrics, results = {}, {}
    for row in rows():
        cell = _cell(row)
        if row["assignment"] not in assignments or row["status"] != "replayed" or (cell in SLOW and not slow):
            continue
        if cell not in results:
            results[cell] = replays[cell]()
        metrics[f"course_{row['id']}"] = float(flatten(results[cell][row["label"]])[0])
    return metrics
