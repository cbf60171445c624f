"""The atomic writer: files get the mode an ordinary open() gives them (issue 16, item 3)."""
import os
import stat

import pytest

from dlspec.io import atomic_write, write_json


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_new_files_respect_the_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        write_json(tmp_path / "metrics.json", {"a": 1})
        with open(tmp_path / "plain.txt", "w") as f:
            f.write("x")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "metrics.json").stat().st_mode)
    assert mode == stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode) == 0o666 & ~umask


def test_an_existing_files_mode_is_kept(tmp_path):
    path = tmp_path / "best.json"
    path.write_text("{}")
    path.chmod(0o640)
    with atomic_write(path, "w") as f:
        f.write("{}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not list(tmp_path.glob(".*.tmp"))
