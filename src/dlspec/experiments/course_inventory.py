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
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|\binf\b|\bnan\b")


@lru_cache(maxsize=1)
def rows() -> tuple:
    with open(PATH, newline="", encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


def printed_numbers(text: str):
    """The numbers in a printed value, with the tolerance each was printed to."""
    values, tols = [], []
    for token in NUMBER.findall(text):
        if token in ("inf", "nan"):
            values.append(float(token)), tols.append(0.0)
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


def card_reference(assignments) -> tuple[dict, dict]:
    """(reference, notes) for an experiment's card, from the inventory alone: each replayed
    value's first printed number, named ``course_<inventory id>``, with its notebook."""
    reference, notes = {}, {}
    for row in rows():
        if row["assignment"] in assignments and row["status"] == "replayed":
            key = f"course_{row['id']}"
            reference[key] = float(printed_numbers(row["printed"])[0][0])
            notes[key] = (f"{row['notebook']} @ {row['commit']}, cell {row['cell']} "
                          f"({row['function'] or 'output'}): first number of {row['printed'][:48]}")
    return reference, notes


def card_metrics(assignments, replays) -> dict:
    """The replayed values for ``card_reference``'s keys (runs each cell's replay once)."""
    metrics, results = {}, {}
    for row in rows():
        if row["assignment"] in assignments and row["status"] == "replayed":
            cell = row["id"].rsplit(".", 1)[0]
            if cell not in results:
                results[cell] = replays[cell]()
            metrics[f"course_{row['id']}"] = float(flatten(results[cell][row["label"]])[0])
    return metrics
