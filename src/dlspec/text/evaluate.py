"""Word-vector benchmarks: analogies (Google's questions-words.txt) and similarity (WordSim-353)."""
from __future__ import annotations

from pathlib import Path

from ..backend import xp


def read_analogies(path):
    """Read an analogy file in the ``questions-words.txt`` format.

    ``: section name`` lines start a section; other lines hold four words ``a b c d``
    (a is to b as c is to d). Malformed lines are counted and reported, not fatal.

    Returns
    -------
    questions : list of (section, a, b, c, d), lowercased
    malformed : list of (line number, line)
    """
    questions, malformed, section = [], [], None
    for number, line in enumerate(Path(path).read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith(":"):
            section = line[1:].strip()
            continue
        words = line.lower().split()
        if len(words) != 4 or section is None:
            malformed.append((number, line))
            continue
        questions.append((section, *words))
    return questions, malformed


def evaluate_analogies(wv, path, restrict_vocab=300000, method="3cosadd", batch_size=512):
    """Accuracy on an analogy file, as gensim's ``evaluate_word_analogies`` computes it.

    A question a : b :: c : d counts as correct when the nearest word to b - a + c
    (3CosAdd, unit vectors; or 3CosMul), among the ``restrict_vocab`` most frequent words and
    leaving out a, b and c, is d. Questions with a word outside those are skipped.

    Returns
    -------
    dict with "accuracy" (correct / answered), "correct", "answered", "skipped",
    "malformed" (count), "malformed_lines" (the first five), and "sections":
    {section: accuracy}.
    """
    questions, malformed = read_analogies(path)
    words = wv.words[:restrict_vocab]
    index = {w: i for i, w in enumerate(words)}
    ok = [q for q in questions if all(w in index for w in q[1:])]
    result = {"answered": len(ok), "skipped": len(questions) - len(ok), "malformed": len(malformed),
              "malformed_lines": malformed[:5], "sections": {}}
    if not ok:
        result.update(accuracy=0.0, correct=0)
        return result
    ids = xp.array([[index[w] for w in q[1:]] for q in ok])          # (Q, 4): a, b, c, d
    unit = wv.unit[:restrict_vocab]
    hits = xp.zeros(len(ok), dtype=bool)
    for s in range(0, len(ok), batch_size):
        a, b, c = (ids[s:s + batch_size, k] for k in range(3))
        if method == "3cosadd":
            q = unit[b] - unit[a] + unit[c]                            # (B, D)
            sims = q @ unit.T                                          # (B, V') argmax as cos
        elif method == "3cosmul":
            cos = [(1 + unit[w] @ unit.T) / 2 for w in (a, b, c)]
            sims = cos[1] * cos[2] / (cos[0] + 1e-6)
        else:
            raise ValueError(f"evaluate_analogies(method) is '3cosadd' or '3cosmul'; got {method!r}.")
        rows = xp.arange(len(a))
        for w in (a, b, c):
            sims[rows, w] = -xp.inf
        hits[s:s + batch_size] = sims.argmax(axis=1) == ids[s:s + batch_size, 3]
    result["correct"] = int(hits.sum())
    result["accuracy"] = float(hits.mean())
    sections = xp.array([q[0] for q in ok])
    for name in dict.fromkeys(q[0] for q in ok):
        result["sections"][name] = float(hits[sections == name].mean())
    return result


def read_word_pairs(path, delimiter="\t"):
    """Read a similarity file in the WordSim-353 format: ``word1 word2 score`` per line.

    Lines starting with ``#`` are comments; malformed lines (not three fields, or a score that
    is not a number) are counted. Returns (pairs as (w1, w2, score), malformed lines).
    """
    pairs, malformed = [], []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split(delimiter) if delimiter else line.split()
        try:
            w1, w2, score = fields
            pairs.append((w1.strip().lower(), w2.strip().lower(), float(score)))
        except ValueError:
            malformed.append((number, line))
    return pairs, malformed


def rankdata(x):
    """Ranks 1..n, ties sharing their mean rank (as ``scipy.stats.rankdata``)."""
    x = xp.asarray(x, dtype=xp.float64)
    order = xp.argsort(x, kind="stable")
    ranks = xp.empty(len(x))
    ranks[order] = xp.arange(1, len(x) + 1)
    _, inverse, counts = xp.unique(x, return_inverse=True, return_counts=True)
    sums = xp.bincount(inverse, weights=ranks)
    return sums[inverse] / counts[inverse]


def pearson(x, y) -> float:
    """Pearson's correlation; NaN when either side is constant (no warning)."""
    x = xp.asarray(x, dtype=xp.float64) - xp.mean(x)
    y = xp.asarray(y, dtype=xp.float64) - xp.mean(y)
    norms = xp.sqrt((x @ x) * (y @ y))
    return float(x @ y / norms) if norms > 0 else float("nan")


def spearman(x, y) -> float:
    """Spearman's rank correlation: Pearson's correlation of the ranks (ties averaged)."""
    return pearson(rankdata(x), rankdata(y))


def evaluate_word_pairs(wv, path, delimiter="\t", restrict_vocab=300000):
    """Spearman and Pearson correlation of cosine similarities with human scores.

    As gensim's ``evaluate_word_pairs``: pairs with a word outside the ``restrict_vocab``
    most frequent are skipped and counted in "oov_ratio" (a fraction here, not a percent).
    """
    pairs, malformed = read_word_pairs(path, delimiter)
    index = {w: i for i, w in enumerate(wv.words[:restrict_vocab])}
    ok = [p for p in pairs if p[0] in index and p[1] in index]
    result = {"pairs": len(ok), "oov_ratio": 1 - len(ok) / max(len(pairs), 1), "malformed": len(malformed)}
    if len(ok) < 2:
        result.update(spearman=float("nan"), pearson=float("nan"))
        return result
    unit = wv.unit.astype(xp.float64)
    i = xp.array([index[p[0]] for p in ok])
    j = xp.array([index[p[1]] for p in ok])
    model = (unit[i] * unit[j]).sum(axis=1)
    human = xp.array([p[2] for p in ok])
    result.update(spearman=spearman(model, human), pearson=pearson(model, human))
    return result
