import pytest

from dlspec.project import (error_analysis, read_predictions_csv, read_tags_csv, write_predictions_csv,
                            write_tags_csv)


def _course_like():
    """100 dev examples, 10 errors: 5 dogs, 3 blurry (1 also dog), 2 mislabeled, 1 untagged."""
    ids = [f"img{i:03d}" for i in range(100)]
    y = ["cat"] * 100
    pred = ["dog" if i < 10 else "cat" for i in range(100)]
    tags = {"img000": {"dog"}, "img001": {"dog"}, "img002": {"dog"}, "img003": {"dog"},
            "img004": {"dog", "blurry"}, "img005": {"blurry"}, "img006": {"blurry"},
            "img007": {"mislabeled"}, "img008": {"mislabeled"}, "img009": set()}
    return ids, y, pred, tags


def test_shares_ceilings_and_mislabeled_estimate():
    r = error_analysis(*_course_like())
    assert (r.n_examples, r.n_errors, r.n_reviewed, r.untagged) == (100, 10, 10, 1)
    assert r.error_rate == pytest.approx(0.10)
    assert r.counts == {"blurry": 3, "dog": 5, "mislabeled": 2}
    assert r.share("dog") == pytest.approx(0.5)
    assert r.ceiling("dog") == pytest.approx(0.05)                  # 10% -> 5% at best
    assert r.mislabeled_tag == "mislabeled"
    text = r.report()
    assert "work first on: dog" in text and "mislabeled examples: 2.00 points" in text
    assert "other causes: 8.00 points" in text


def test_a_sample_of_reviewed_errors_extrapolates_and_notes_it():
    ids, y, pred, tags = _course_like()
    sample = {k: tags[k] for k in ("img000", "img001", "img005")}
    sample["img050"] = {"dog"}                                  # a correct prediction: not counted
    r = error_analysis(ids, y, pred, sample)
    assert r.n_reviewed == 3 and r.share("dog") == pytest.approx(2 / 3)
    assert r.ceiling("dog") == pytest.approx(0.10 * 2 / 3)
    assert any("estimated from 3 of 10 errors" in n for n in r.notes)
    assert any("predicted correctly" in n for n in r.notes)


def test_csv_round_trip_in_wide_and_long_forms(tmp_path):
    ids, y, pred, tags = _course_like()
    write_predictions_csv(tmp_path / "p.csv", ids, y, pred)
    write_tags_csv(tmp_path / "t.csv", tags, ["dog", "blurry", "mislabeled"])
    assert read_predictions_csv(tmp_path / "p.csv") == (ids, y, pred)
    assert read_tags_csv(tmp_path / "t.csv") == tags
    (tmp_path / "long.csv").write_text("id,tags\nimg000,dog\nimg000,blurry\nimg001,dog;mislabeled\n")
    assert read_tags_csv(tmp_path / "long.csv") == {"img000": {"dog", "blurry"},
                                                      "img001": {"dog", "mislabeled"}}
    (tmp_path / "sheet.csv").write_text("id,Dog,Blurry,Comments\nimg000,x,,pitbull\nimg001,,yes,rainy day\n")
    assert read_tags_csv(tmp_path / "sheet.csv") == {"img000": {"Dog"}, "img001": {"Blurry"}}
    assert read_tags_csv(tmp_path / "sheet.csv", only=["Dog"]) == {"img000": {"Dog"}, "img001": set()}


def test_plot_draws_one_bar_per_tag():
    from dlspec import plots
    fig, axes = plots.new_figure()
    error_analysis(*_course_like()).plot(axes[0])
    assert len(axes[0].patches) == 3


@pytest.mark.parametrize("content,message", [
    ("id,label\na,1\n", r"needs the header columns id,label,prediction; missing \['prediction'\]"),
    ("", "is empty"),
    ("id,label,prediction\n", "has a header but no rows"),
    ("id,label,prediction\na,1\n", "line 2: expected 3 columns"),
])
def test_bad_predictions_files(tmp_path, content, message):
    (tmp_path / "p.csv").write_text(content)
    with pytest.raises(ValueError, match=message):
        read_predictions_csv(tmp_path / "p.csv")


def test_bad_tags_files(tmp_path):
    (tmp_path / "t.csv").write_text("id,dog,blurry\na,1,maybe\n")
    with pytest.raises(ValueError, match="line 2: tag column 'blurry' holds 'maybe'"):
        read_tags_csv(tmp_path / "t.csv")
    (tmp_path / "t.csv").write_text("id,dog,blurry\na,1,0\n")
    with pytest.raises(ValueError, match=r"unknown tag column\(s\) \['cat'\]; .* has: \['dog', 'blurry'\]"):
        read_tags_csv(tmp_path / "t.csv", only=["cat"])
    (tmp_path / "t.csv").write_text("name,dog\na,1\n")
    with pytest.raises(ValueError, match="must start with an 'id' column"):
        read_tags_csv(tmp_path / "t.csv")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        read_tags_csv(tmp_path / "missing.csv")


def test_bad_analysis_input():
    ids, y, pred, tags = _course_like()
    with pytest.raises(ValueError, match="same length; got 100, 100 and 99"):
        error_analysis(ids, y, pred[:-1], tags)
    with pytest.raises(ValueError, match="must be unique"):
        error_analysis(ids[:-1] + ["img000"], y, pred, tags)
    with pytest.raises(ValueError, match="none of the 1 tagged ids appear"):
        error_analysis(ids, y, pred, {"zzz": {"dog"}})
    with pytest.raises(ValueError, match="mislabeled tag 'wrong' is not among the tags"):
        error_analysis(ids, y, pred, tags, mislabeled="wrong")
