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
