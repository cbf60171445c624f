"""The inventory of the course's printed values: every 'replayed' row is recomputed here through
dlspec.course and compared number by number at its printed precision; 'differs' rows are
recomputed too and must still differ by what their reason says; the share is computed."""
import numpy as np
import pytest

from dlspec.experiments import course_inventory as inv
from dlspec.experiments.course_replays_course import REPLAYS

ROWS = inv.rows()
CELLS = sorted({r["id"].rsplit(".", 1)[0] for r in ROWS if r["status"] in ("replayed", "differs")})
# The long procedures (thousands of full-batch steps) run in their own tests below.
SLOW = inv.SLOW


def _check_cell(cell):
    values = REPLAYS[cell]()
    for row in ROWS:
        if row["id"].rsplit(".", 1)[0] != cell:
            continue
        bad = inv.mismatch(row, values[row["label"]])
        if row["status"] == "replayed":
            assert bad is None, bad
        elif row["status"] == "differs":
            assert bad is not None, f"{row['id']} now matches: mark it replayed"
            assert row["reason"].split(" | ")[0].strip(), f"{row['id']} differs without an explanation"


@pytest.mark.parametrize("cell", [c for c in CELLS if c not in SLOW])
def test_replayed_values_match_the_notebook(cell):
    _check_cell(cell)


@pytest.mark.parametrize("cell", sorted(SLOW & set(CELLS)))
def test_whole_procedures_match_the_notebook(cell):
    _check_cell(cell)


def test_every_row_has_a_status_and_every_not_replayable_a_reason():
    assert len(ROWS) > 300
    for row in ROWS:
        assert row["status"] in ("replayed", "differs", "not replayable"), row["id"]
        if row["status"] != "replayed":
            assert row["reason"], row["id"]
    assert {r["id"].rsplit(".", 1)[0] for r in ROWS if r["status"] == "replayed"} <= set(REPLAYS)


def test_the_replayed_share():
    done, seeded, share = inv.replayed_share()
    c12 = [r for r in ROWS if r["numpy_seeded"] == "yes" and r["assignment"][:2] in ("c1", "c2")]
    c12_share = sum(r["status"] == "replayed" for r in c12) / len(c12)
    print(f"replayed {done} of {seeded} NumPy-seeded printed values ({share:.1%}); "
          f"courses 1-2: {c12_share:.1%}")
    assert share >= 0.90 and c12_share >= 0.90


def test_a_wrong_replay_is_caught():
    row = next(r for r in ROWS if r["id"] == "c1w2a2.28.cost")
    assert inv.mismatch(row, 5.801545319394553) is None
    assert inv.mismatch(row, 5.8015452) is not None      # 1e-8 x max(1, |value|) at 16 printed digits
    row = next(r for r in ROWS if r["id"] == "c1w3.52.Cost_after_iteration_1000")
    assert inv.mismatch(row, 0.2880834) is None and inv.mismatch(row, 0.288084) is not None
    assert inv.printed_numbers("[[1.51020075e-05]]")[1][0] == pytest.approx(1e-8)   # half of 1e-13, floored at 1e-8
    assert inv.printed_numbers("0.288083")[1][0] == pytest.approx(5e-7)
    assert np.isinf(inv.printed_numbers("inf")[0][0])


def test_the_cards_show_the_replays_beside_the_course(tmp_path):
    from dlspec.experiments import get
    from dlspec.experiments.runner import run_experiment
    from dlspec.report.tables import off_the_course
    record = run_experiment("c1-activations", size="quick", seed=0, out=tmp_path, verbose=0)
    exp = get("c1-activations")
    shown = [k for k in exp.reference if k.startswith("course_c1w2a1.")]
    assert len(shown) == 8 and all(k in record["metrics"] for k in shown)
    assert not [k for k in off_the_course(record["metrics"], exp.reference, exp) if k in shown]
    assert "Python Basics With Numpy v3a" in " ".join(exp.notes.values())
