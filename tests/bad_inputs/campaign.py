"""The bad-input campaign of issue 28: what "clean" means, checked the same way for every case.

From the API, a clean error is a ``ValueError`` or ``TypeError`` (or a dlspec error deriving
from one) whose message names the argument or file (``match``), never an internal message
(an IndexError, a KeyError, a NumPy broadcasting complaint). From the CLI, exit status 2,
one or two lines on stderr, no traceback. Anything else fails, and the failure says which
way: TRACEBACK (another exception), SILENT (accepted), POOR (the message does not name it).
The table of cases is docs/bad-inputs.md, rows 32 on.
"""
from __future__ import annotations

import re

import pytest

# Messages that leak an implementation: NumPy's own wording, Python's internals.
INTERNAL = re.compile(r"operands could not be broadcast|index \d+ is out of bounds|"
                      r"object of type .* has no len|unsupported operand|not subscriptable|"
                      r"object is not iterable|invalid literal for int|could not convert string|"
                      r"division by zero|has no attribute|must be real number, not|"
                      r"cannot be interpreted as an integer|zero-size array|Unable to allocate")


def clean_error(thunk, match):
    """Run ``thunk``; pass when it raises a clean ValueError/TypeError matching ``match``."""
    try:
        thunk()
    except (ValueError, TypeError) as exc:
        message = str(exc)
        if INTERNAL.search(message) or not re.search(match, message, re.I | re.S):
            pytest.fail(f"POOR {type(exc).__name__}: {message}")
        return message
    except Exception as exc:        # noqa: BLE001 - the campaign classifies every other outcome
        pytest.fail(f"TRACEBACK {type(exc).__name__}: {exc}")
    pytest.fail("SILENT: accepted")


def clean_cli(capsys, argv, match):
    """Run the CLI; pass on exit status 2 with one or two lines naming ``match``."""
    from dlspec.cli import main
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    except Exception as exc:        # noqa: BLE001
        pytest.fail(f"TRACEBACK {type(exc).__name__}: {exc}")
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line.strip()]
    if code in (0, None):
        pytest.fail(f"SILENT: exit {code}; stdout {out[-300:]!r}")
    if "Traceback" in err or code != 2:
        pytest.fail(f"TRACEBACK exit {code}: {err[-500:]}")
    if len(lines) > 2 or not re.search(match, err, re.I | re.S) or INTERNAL.search(err):
        pytest.fail(f"POOR ({len(lines)} lines): {err}")
    return err


def cases(*rows):
    """pytest parameters from (id, thunk, match) rows."""
    return pytest.mark.parametrize("thunk,match", [pytest.param(t, m, id=i) for i, t, m in rows])
