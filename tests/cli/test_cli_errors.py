import pytest

from dlspec.cli import main

PREDICTIONS = "id,label,prediction\n" + "".join(
    f"img{i},cat,{'dog' if i < 4 else 'cat'}\n" for i in range(20))
TAGS = "id,dog,blurry,mislabeled,comments\nimg0,1,0,0,pitbull\nimg1,1,1,0,\nimg2,0,1,0,\nimg3,0,0,1,label says cat\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "p.csv").write_text(PREDICTIONS)
    (tmp_path / "t.csv").write_text(TAGS)
    return tmp_path / "p.csv", tmp_path / "t.csv"


def test_prints_the_table_and_writes_the_chart(files, tmp_path, capsys):
    p, t = files
    assert main(["errors", str(p), str(t), "--plot", str(tmp_path / "e.png")]) == 0
    out = capsys.readouterr().out
    assert "4 errors in 20 dev examples: error 20.00%" in out
    assert "dog                        2    50.0%    10.00p" in out
    assert "mislabeled examples: 5.00 points" in out
    assert (tmp_path / "e.png").read_bytes()[:4] == b"\x89PNG"


def test_tags_option_restricts_and_rejects_unknown_columns(files, capsys):
    p, t = files
    assert main(["errors", str(p), str(t), "--tags", "blurry"]) == 0
    assert "dog " not in capsys.readouterr().out
    assert main(["errors", str(p), str(t), "--tags", "cat"]) == 2
    assert "unknown tag column(s) ['cat']" in capsys.readouterr().err


def test_bad_file_exits_2(files, tmp_path, capsys):
    p, _ = files
    (tmp_path / "bad.csv").write_text("id,label\nx,1\n")
    assert main(["errors", str(tmp_path / "bad.csv"), str(p)]) == 2
    assert "id,label,prediction" in capsys.readouterr().err


def test_help_documents_both_formats(capsys):
    with pytest.raises(SystemExit):
        main(["errors", "--help"])
    out = capsys.readouterr().out
    assert "id,label,prediction" in out and "id,tags" in out
