"""Error analysis: tally tagged dev-set errors, the ceiling per fix, and mislabeled examples.

Course 3, week 2: look at (a sample of) the misclassified dev examples, tag each with what
went wrong ("blurry", "dog", "mislabeled"...), and count. A category holding 5% of the
errors can lower a 10% error to 9.5% at best: that ceiling tells you what is worth fixing.
Mislabeled examples get the same treatment: fix labels when they make up a large share of
the remaining errors.

File formats (CSV with a header row, read with the standard library):

* predictions: columns ``id,label,prediction`` (extra columns are ignored); one row per
  dev example, labels and predictions as class ids or names (compared as text).
* tags, wide form (the course's spreadsheet): ``id,<tag>,<tag>,...`` with cells 1/0,
  x/blank, yes/no or true/false; free-text columns named ``comments`` or ``notes`` are
  skipped. Long form: ``id,tags`` with the tags of a row separated by ";" (an id may
  repeat). Only rows whose id is a dev error count; the reviewed errors may be a sample.
"""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

TRUE = {"1", "x", "yes", "y", "true", "t", "\u2713", "\u2714"}
FALSE = {"", "0", "no", "n", "false", "f", "-"}
FREE_TEXT = {"comment", "comments", "note", "notes", "description"}
MISLABELED = {"mislabeled", "mislabelled", "incorrectly_labeled", "incorrect_label", "wrong_label",
              "label_error", "incorrectly labeled"}


@dataclass
class ErrorAnalysis:
    """Counts per tag over the reviewed dev errors, with the ceiling each fix offers."""

    n_examples: int
    n_errors: int
    n_reviewed: int
    counts: dict          # tag -> number of reviewed errors carrying it
    untagged: int         # reviewed errors with no tag
    mislabeled_tag: str | None
    notes: list = field(default_factory=list)

    @property
    def error_rate(self) -> float:
        return self.n_errors / self.n_examples

    def share(self, tag) -> float:
        """Fraction of the reviewed errors that carry ``tag`` (tags may overlap)."""
        return self.counts[tag] / self.n_reviewed if self.n_reviewed else 0.0

    def ceiling(self, tag) -> float:
        """The most the error rate can drop by fixing every error tagged ``tag``: error x share."""
        return self.error_rate * self.share(tag)

    def ranked(self) -> list:
        return sorted(self.counts, key=lambda t: (-self.counts[t], t))

    def report(self) -> str:
        e = self.error_rate
        lines = [f"{self.n_errors} errors in {self.n_examples} dev examples: error {100 * e:.2f}%; "
                 f"{self.n_reviewed} errors reviewed",
                 "", f"{'tag':<20} {'errors':>7} {'share':>8} {'ceiling':>9} {'error if fixed':>15}"]
        for tag in self.ranked():
            lines.append(f"{tag:<20} {self.counts[tag]:>7} {100 * self.share(tag):>7.1f}% "
                         f"{100 * self.ceiling(tag):>8.2f}p {100 * (e - self.ceiling(tag)):>14.2f}%")
        if self.untagged:
            lines.append(f"{'(no tag)':<20} {self.untagged:>7} "
                         f"{100 * self.untagged / max(self.n_reviewed, 1):>7.1f}%")
        lines.append("share: of the reviewed errors (tags may overlap); ceiling: the most the error "
                     "rate can drop, in percentage points")
        best = [t for t in self.ranked() if t != self.mislabeled_tag]
        if best:
            lines.append(f"\nwork first on: {best[0]} (up to {100 * self.ceiling(best[0]):.2f} points)")
        if self.mislabeled_tag is not None:
            m = self.ceiling(self.mislabeled_tag)
            lines += [f"\nmislabeled examples: {100 * m:.2f} points of the {100 * e:.2f}% dev error "
                      f"({100 * self.share(self.mislabeled_tag):.0f}% of the errors); other causes: "
                      f"{100 * (e - m):.2f} points.",
                      "fix the labels when that share is large next to the other causes (course: 6% of "
                      "errors, not a priority; 30%, worth it); fix dev and test together, and look "
                      "at examples the model got right as well as wrong."]
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)

    def plot(self, ax):
        """Horizontal bars: share of the reviewed errors per tag, labelled with the ceiling."""
        tags = self.ranked()[::-1]
        shares = [100 * self.share(t) for t in tags]
        ax.barh(tags, shares, color=["tab:red" if t == self.mislabeled_tag else "tab:blue" for t in tags])
        for y, t in enumerate(tags):
            ax.text(shares[y], y, f"  -{100 * self.ceiling(t):.2f} pts", va="center", fontsize=8)
        ax.set_xlabel("share of reviewed dev errors (%)")
        ax.set_xlim(0, max(shares + [1]) * 1.35)
        ax.set_title(f"error analysis: {self.n_reviewed} errors reviewed, "
                     f"dev error {100 * self.error_rate:.1f}%", fontsize=10)


def error_analysis(ids, y_true, y_pred, tags, mislabeled=None) -> ErrorAnalysis:
    """Tally the tags of the misclassified examples.

    Parameters
    ----------
    ids : example ids (N,), unique.
    y_true, y_pred : labels and predictions (N,), compared as text (ids or class names).
    tags : dict id -> iterable of tag names, for the reviewed examples.
    mislabeled : the tag meaning "the label is wrong"; default: a tag named like
        "mislabeled" / "incorrect_label", if any.

    Returns
    -------
    ErrorAnalysis, with ``report()`` and ``plot(ax)``.
    """
    ids = [str(i) for i in ids]
    if not (len(ids) == len(y_true) == len(y_pred)):
        raise ValueError(f"ids, labels and predictions must have the same length; got "
                         f"{len(ids)}, {len(y_true)} and {len(y_pred)}.")
    if not ids:
        raise ValueError("no predictions: the predictions file holds no examples.")
    repeated = [i for i, n in Counter(ids).items() if n > 1]
    if repeated:
        raise ValueError(f"example ids must be unique; {len(repeated)} repeat in the predictions "
                         f"(for example {repeated[0]!r}).")
    wrong = {i for i, t, p in zip(ids, y_true, y_pred) if str(t) != str(p)}
    tags = {str(k): set(v) for k, v in tags.items()}
    unknown = [k for k in tags if k not in set(ids)]
    if tags and len(unknown) == len(tags):
        raise ValueError(f"none of the {len(tags)} tagged ids appear in the predictions (for example "
                         f"{unknown[0]!r}); are the two files from the same dev set?")
    notes = []
    if unknown:
        notes.append(f"{len(unknown)} tagged id(s) are not in the predictions and were skipped: "
                     f"{', '.join(unknown[:5])}{' ...' if len(unknown) > 5 else ''}")
    right = [k for k in tags if k not in wrong and k not in unknown]
    if right:
        notes.append(f"{len(right)} tagged example(s) were predicted correctly and are not counted.")
    reviewed = [k for k in tags if k in wrong]
    all_tags = sorted({t for v in tags.values() for t in v})
    counts = {t: sum(t in tags[k] for k in reviewed) for t in all_tags}
    untagged = sum(not tags[k] for k in reviewed)
    if wrong and not reviewed:
        notes.append("no misclassified example has tags: tag some errors to analyse them.")
    elif len(reviewed) < len(wrong):
        notes.append(f"shares are estimated from {len(reviewed)} of {len(wrong)} errors.")
    if mislabeled is None:
        mislabeled = next((t for t in all_tags if t.lower().replace("-", "_") in MISLABELED), None)
    elif mislabeled not in counts:
        raise ValueError(f"the mislabeled tag {mislabeled!r} is not among the tags: {all_tags}.")
    return ErrorAnalysis(len(ids), len(wrong), len(reviewed), counts, untagged, mislabeled, notes)


def read_predictions_csv(path):
    """Read ``id,label,prediction`` rows; return (ids, labels, predictions) lists of strings."""
    header, rows = _read_csv(path)
    missing = [c for c in ("id", "label", "prediction") if c not in header]
    if missing:
        raise ValueError(f"{path}: the predictions file needs the header columns id,label,prediction; "
                         f"missing {missing}, found {header}.")
    col = {c: header.index(c) for c in ("id", "label", "prediction")}
    out = ([], [], [])
    for n, row in rows:
        if len(row) < len(header):
            raise ValueError(f"{path}, line {n}: expected {len(header)} columns, got {len(row)}: {row}.")
        for lst, c in zip(out, ("id", "label", "prediction")):
            lst.append(row[col[c]].strip())
    return out


def read_tags_csv(path, only=None):
    """Read a tags file (wide or long form, see the module docs); return dict id -> set of tags.

    ``only`` restricts to the given tag names; naming a tag that is not in the file is an error.
    """
    header, rows = _read_csv(path)
    if not header or header[0] != "id":
        raise ValueError(f"{path}: the tags file must start with an 'id' column; found {header}.")
    tags = {}
    if header[1:] == ["tags"]:                                 # long form: id,tags
        for _, row in rows:
            names = {t.strip() for t in (row[1] if len(row) > 1 else "").replace("|", ";").split(";")}
            tags.setdefault(row[0].strip(), set()).update(t for t in names if t)
        available = sorted({t for v in tags.values() for t in v})
    else:
        columns = [c for c in header[1:] if c.lower() not in FREE_TEXT]
        available = columns
        for n, row in rows:
            row = row + [""] * (len(header) - len(row))
            found = set()
            for c in columns:
                cell = row[header.index(c)].strip().lower()
                if cell in TRUE:
                    found.add(c)
                elif cell not in FALSE:
                    raise ValueError(f"{path}, line {n}: tag column {c!r} holds {cell!r}. Tag columns "
                                     "hold 1/0, x/blank, yes/no or true/false; free-text columns must be "
                                     f"named one of {sorted(FREE_TEXT)}.")
            tags.setdefault(row[0].strip(), set()).update(found)
    if only:
        unknown = [t for t in only if t not in available]
        if unknown:
            raise ValueError(f"unknown tag column(s) {unknown}; the tags file {path} has: {available}.")
        tags = {k: v & set(only) for k, v in tags.items()}
    return tags


def write_predictions_csv(path, ids, y_true, y_pred):
    """Write ``id,label,prediction`` rows (the format ``dlspec errors`` reads)."""
    from ..io import atomic_write
    with atomic_write(path, "w") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", "prediction"])
        w.writerows(zip(ids, _text(y_true), _text(y_pred)))


def write_tags_csv(path, tags, tag_names):
    """Write the wide form: ``id,<tag>,...`` with 1/0 cells, one row per id in ``tags``."""
    from ..io import atomic_write
    with atomic_write(path, "w") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", *tag_names])
        for i, names in tags.items():
            w.writerow([i, *(int(t in names) for t in tag_names)])


def _text(values):
    return [v.item() if hasattr(v, "item") else v for v in values]


def _read_csv(path):
    path = Path(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            lines = list(csv.reader(f))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path} does not exist.") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"{path} is not a readable CSV text file ({exc}).") from None
    numbered = [(n, row) for n, row in enumerate(lines, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise ValueError(f"{path} is empty; it needs a header row and one row per example.")
    header = [c.strip() for c in numbered[0][1]]
    if not numbered[1:]:
        raise ValueError(f"{path} has a header but no rows.")
    return header, numbered[1:]
