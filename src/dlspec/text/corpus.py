"""Real English text offline: the GCIDE dictionary from Debian's ``dict-gcide``, or generated text.

GCIDE (GNU Collaborative International Dictionary of English, GPL-3+) is Webster's 1913
dictionary with later additions: about 5.4 million words of definitions and quotations.
Debian ships it as a dictzip file (gzip-readable) in the package ``dict-gcide``. Installing
that package also installs the ``dictd`` server, so dlspec only needs the file:

    apt-get download dict-gcide && dpkg-deb -x dict-gcide_*.deb /tmp/gcide
    mkdir -p ~/.cache/dlspec/dict-gcide
    cp /tmp/gcide/usr/share/dictd/gcide.dict.dz ~/.cache/dlspec/dict-gcide/

(``.ci/run`` does this; ``apt-get install dict-gcide`` works too.)
"""
from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

from ..backend import rng as make_rng
from .tokenize import sentences

GCIDE_HOW_TO = ("apt-get download dict-gcide && dpkg-deb -x dict-gcide_*.deb /tmp/gcide && "
                "mkdir -p ~/.cache/dlspec/dict-gcide && "
                "cp /tmp/gcide/usr/share/dictd/gcide.dict.dz ~/.cache/dlspec/dict-gcide/")

# Markup of the dictd text that is not prose: source tags, pronunciations between
# backslashes, etymologies and notes in brackets, cross-reference braces, quotation authors.
_NOISE = re.compile(r"\[1913 Webster\]|\[PJC\]|\[WordNet 1\.5\]|\\[^\\\n]*\\|\[[^\]\n]*\]"
                    r"|--\s?[A-Z][\w.'& ]*|\{|\}|\bSyn\s*:")


def gcide_path():
    """Where ``gcide.dict.dz`` is: $DLSPEC_GCIDE, ~/.cache/dlspec/dict-gcide/, or Debian's place.

    Returns None when it is nowhere.
    """
    candidates = [os.environ.get("DLSPEC_GCIDE"),
                  Path.home() / ".cache" / "dlspec" / "dict-gcide" / "gcide.dict.dz",
                  "/usr/share/dictd/gcide.dict.dz"]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    return None


def load_gcide(max_words=None, path=None) -> list[list[str]]:
    """The GCIDE dictionary as tokenized sentences (lowercase words, markup removed).

    Parameters
    ----------
    max_words : int, optional, about this many words, taken in 64 KB blocks spread evenly over
        the dictionary (it is alphabetical: the first words alone would all be A's entries)
    path : str or Path, optional, a ``gcide.dict.dz`` (default: :func:`gcide_path`)

    Raises
    ------
    FileNotFoundError
        with the commands that fetch the file from Debian's package registry.
    """
    path = Path(path) if path else gcide_path()
    if path is None or not path.is_file():
        raise FileNotFoundError("The GCIDE dictionary (Debian package dict-gcide) is not on this "
                                f"machine. Get it with: {GCIDE_HOW_TO}  (or set DLSPEC_GCIDE to the "
                                "file's path).")
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    block = 1500                                        # lines, about 64 KB
    starts = list(range(0, len(lines), block))
    if max_words is not None:
        # The whole text has about 4.3 million words in ~630 blocks: keep every k-th block.
        every = max(1, int(4_300_000 / max(max_words, 1)))
        starts = starts[::every]
    out, words = [], 0
    for start in starts:
        for s in sentences(_NOISE.sub(" ", "\n".join(lines[start:start + block]))):
            out.append(s)
            words += len(s)
        if max_words is not None and words >= max_words:
            break
    return out


def generated_corpus(n_sentences=2000, seed=0) -> list[list[str]]:
    """Sentences from a small grammar with clear word classes, for tests without the dictionary.

    Kings and queens rule, men and women walk, cities lie in countries: words of one class
    share contexts, and gendered pairs differ the same way, so word2vec should learn
    similarity and simple analogies (man : king :: woman : queen) from it.
    """
    r = make_rng(seed)
    people = [("man", "woman"), ("king", "queen"), ("boy", "girl"), ("father", "mother"),
              ("brother", "sister"), ("prince", "princess"), ("son", "daughter")]
    verbs = {"man": "walks", "king": "rules", "boy": "plays", "father": "works", "brother": "runs",
             "prince": "rides", "son": "sleeps"}
    pronoun = ("he", "she")
    places = ["city", "village", "town", "castle", "farm", "river", "forest"]
    adjectives = ["old", "young", "tall", "wise", "kind", "brave", "quiet"]
    out = []
    for _ in range(n_sentences):
        pair = people[r.integers(len(people))]
        g = int(r.integers(2))
        who, verb = pair[g], verbs[pair[0]]
        adj, place = adjectives[r.integers(len(adjectives))], places[r.integers(len(places))]
        out.append(["the", adj, who, verb, "in", "the", place, "and", pronoun[g], "is",
                    "a", "good", who])
    return out


def benchmark_files():
    """Google's analogy file and WordSim-353, as shipped in gensim's test data (None without gensim).

    Returns
    -------
    dict with "analogies" (questions-words.txt) and "wordsim353" (wordsim353.tsv) paths, or None.
    """
    import importlib.util
    spec = importlib.util.find_spec("gensim")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(list(spec.submodule_search_locations)[0]) / "test" / "test_data"
    files = {"analogies": data / "questions-words.txt", "wordsim353": data / "wordsim353.tsv"}
    return files if all(p.is_file() for p in files.values()) else None
