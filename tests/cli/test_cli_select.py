import pytest

from dlspec.cli import main


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("name,accuracy,running_time_ms\nA,0.90,80\nB,0.92,95\nC,0.95,1500\n")
    return str(path)


def test_course_example(csv_file, capsys):
    assert main(["select", csv_file, "--optimize", "accuracy", "--satisfy", "running_time_ms <= 100"]) == 0
    out = capsys.readouterr().out
    assert "* B" in out and "ruled out: running_time_ms 1500 > 100" in out


def test_minimize(csv_file, capsys):
    assert main(["select", csv_file, "--optimize", "running_time_ms", "--minimize"]) == 0
    assert "* A" in capsys.readouterr().out


@pytest.mark.parametrize("argv,message", [
    (["--optimize", "accuracy", "--satisfy", "running_time_ms = 100"], "must look like 'METRIC <= VALUE'"),
    (["--optimize", "f1"], "has no metric 'f1'"),
])
def test_bad_input(csv_file, argv, message, capsys):
    assert main(["select", csv_file, *argv]) == 2
    assert message in capsys.readouterr().err


def test_bad_file(tmp_path, capsys):
    (tmp_path / "b.csv").write_text("model,acc\nA,high\n")
    assert main(["select", str(tmp_path / "b.csv"), "--optimize", "acc"]) == 2
    assert "header row starting with 'name'" in capsys.readouterr().err
    (tmp_path / "b.csv").write_text("name,acc\nA,high\n")
    assert main(["select", str(tmp_path / "b.csv"), "--optimize", "acc"]) == 2
    assert "must hold numbers" in capsys.readouterr().err
