"""Vector files round-trip with gensim's readers and writers; bad files give clear errors."""
import numpy as np
import pytest

from dlspec.text import WordVectors, read_glove, read_word2vec, write_glove, write_word2vec

gensim_models = pytest.importorskip("gensim.models")


def _wv(V=20, D=7, seed=0):
    r = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(V - 2)] + ["café", "naïve"]           # non-ASCII survives
    return WordVectors(words, r.standard_normal((V, D)).astype(np.float32))


@pytest.mark.parametrize("binary", [False, True])
def test_word2vec_format_round_trips_with_gensim(tmp_path, binary):
    ours = _wv()
    write_word2vec(ours, tmp_path / "a.vec", binary=binary)
    kv = gensim_models.KeyedVectors.load_word2vec_format(tmp_path / "a.vec", binary=binary)
    assert kv.index_to_key == ours.words
    np.testing.assert_array_equal(kv.vectors, ours.vectors)
    kv.save_word2vec_format(str(tmp_path / "b.vec"), binary=binary)
    back = read_word2vec(tmp_path / "b.vec", binary=binary)
    assert back.words == ours.words
    np.testing.assert_array_equal(back.vectors, ours.vectors)


def test_glove_format_round_trips_with_gensim(tmp_path):
    ours = _wv()
    write_glove(ours, tmp_path / "glove.txt")
    kv = gensim_models.KeyedVectors.load_word2vec_format(tmp_path / "glove.txt", binary=False,
                                                         no_header=True)
    np.testing.assert_array_equal(kv.vectors, ours.vectors)
    back = read_glove(tmp_path / "glove.txt")
    assert back.words == ours.words and np.array_equal(back.vectors, ours.vectors)


def test_course_cosine_on_a_glove_file(tmp_path):
    (tmp_path / "g.txt").write_text("father 1 2 3\nmother 1 2 2.5\n")
    wv = read_glove(tmp_path / "g.txt")
    u, v = np.array([1, 2, 3.0]), np.array([1, 2, 2.5])
    assert wv.similarity("father", "mother") == pytest.approx(u @ v / np.linalg.norm(u) / np.linalg.norm(v))


def test_bad_files_say_what_is_wrong(tmp_path):
    (tmp_path / "dims.txt").write_text("a 1 2 3\nb 1 2\n")
    with pytest.raises(ValueError, match="line 2.*2 values, expected 3"):
        read_glove(tmp_path / "dims.txt")
    (tmp_path / "head.vec").write_text("three 2\na 1 2\n")
    with pytest.raises(ValueError, match="header 'V D'"):
        read_word2vec(tmp_path / "head.vec")
    (tmp_path / "short.vec").write_text("3 2\na 1 2\nb 1 2\n")
    with pytest.raises(ValueError, match="announces 3 vectors but the file holds only 2"):
        read_word2vec(tmp_path / "short.vec")
    write_word2vec(_wv(), tmp_path / "cut.bin", binary=True)
    (tmp_path / "cut.bin").write_bytes((tmp_path / "cut.bin").read_bytes()[:-40])
    with pytest.raises(ValueError, match="truncated"):
        read_word2vec(tmp_path / "cut.bin", binary=True)
    (tmp_path / "w2v.txt").write_text("2 2\na 1 2\nb 1 2\n")
    with pytest.raises(ValueError, match="read_word2vec"):
        read_glove(tmp_path / "w2v.txt")
    (tmp_path / "nan.txt").write_text("a 1 x\n")
    with pytest.raises(ValueError, match="not a number"):
        read_glove(tmp_path / "nan.txt")
