"""Every Python block of the README runs as written (item 6 of issue 16).

Blocks fenced as ``bash`` are commands, not Python, and are not run. The blocks run in
order in one namespace each, in a temporary folder (they write ``ckpt/`` and ``model.npz``).
The checkpoint block loads ``resnet50.pth``, a torchvision file the user downloads; here
it is made with torch (a test dependency) in torchvision's names with a 10-class head.
"""
import importlib.util
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)


def _torch_sources():
    spec = importlib.util.spec_from_file_location("torch_sources", Path(__file__).parent / "io" / "torch_sources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_has_python_blocks():
    assert len(BLOCKS) >= 6


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_block_runs(index, tmp_path, monkeypatch, capsys):
    code = BLOCKS[index]
    monkeypatch.chdir(tmp_path)
    if "resnet50.pth" in code:
        _torch_sources().torchvision_resnet50_pth(tmp_path / "resnet50.pth", num_classes=10)
    exec(compile(code, f"README.md block {index}", "exec"), {"__name__": "__readme__"})
    out = capsys.readouterr().out
    assert out.strip(), f"README block {index} prints nothing: a reader cannot see what it did"
    for claim in _printed_claims(code):        # the numbers its comments promise, reproduced
        claim(out)


def _printed_claims(code):
    """Checks for the numbers a block's print comments state: an exact count ("# 25557032")
    must be printed; "~0.9 accuracy" must be within 0.05 of the printed accuracy."""
    checks = []
    for line in code.splitlines():
        if "print(" not in line or "#" not in line:
            continue
        comment = line.split("#", 1)[1]
        for count in re.findall(r"\b\d{5,}\b", comment):
            checks.append(lambda out, c=count: _assert(c in out, f"README promises {c}; printed {out!r}"))
        for approx in re.findall(r"~(\d+\.\d+)", comment):
            checks.append(lambda out, a=float(approx): _assert(
                abs(float(re.findall(r"'accuracy': (?:np\.float64\()?([\d.]+)", out)[-1]) - a) <= 0.05,
                f"README promises accuracy ~{a}; printed {out!r}"))
    return checks


def _assert(ok, message):
    assert ok, message


def test_readme_counts_are_tested():
    """Every parameter count the README states (23,600,006 ...) is asserted by a test."""
    tests = " ".join(p.read_text() for p in Path(__file__).parent.rglob("test_*.py"))
    for count in set(re.findall(r"\b\d{1,3}(?:,\d{3})+\b", README.read_text())):
        digits = count.replace(",", "")
        assert count.replace(",", "_") in tests or digits in tests, f"README's {count} is not tested"
