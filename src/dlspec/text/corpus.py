"""Real English text offline: the GCIDE dictionary from Debian's ``dict-gcide``, else gensim's samples.

GCIDE (GNU Collaborative International Dictionary of English, GPL-3+) is Webster's 1913
dictionary with later additions: about 5.4 million words of definitions and quotations.
Debian ships it as a dictzip file (gzip-readable) in the package ``dict-gcide``. Installing
that package also installs the ``dictd`` server, so dlspec only needs the file:

    apt-get download dict-gcide && dpkg-deb -x dict-gcide_*.deb /tmp/gcide
    mkdir -p ~/.cache/dlspec/dict-gcide
    cp /tmp/gcide/usr/share/dictd/gcide.dict.dz ~/.cache/dlspec/dict-gcide/

(``scripts/get-gcide.sh`` does this, without root, and the README's commands run it;
``apt-get install dict-gcide`` works too.) dlspec itself never calls apt: GCIDE is GPL, so
it is fetched by the user's command, never bundled. Without it, :func:`load_corpus` falls
back to the English Wikipedia and news samples that gensim ships (``english_sample.py``).
"""
from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

from ..backend import rng as make_rng
from . import english_sample
from .tokenize import sentences

GCIDE_WORDS = 4_300_000      # about, once the markup is removed
GCIDE_HOW_TO = ("sh scripts/get-gcide.sh (from a dlspec checkout), or: apt-get download dict-gcide && dpkg-deb -x dict-gcide_*.deb /tmp/gcide && "
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
        every = max(1, int(GCIDE_WORDS / max(max_words, 1)))
        starts = starts[::every]
    out, words = [], 0
    for start in starts:
        for s in sentences(_NOISE.sub(" ", "\n".join(lines[start:start + block]))):
            out.append(s)
            words += len(s)
        if max_words is not None and words >= max_words:
            break
    return out


GCIDE_SOURCE = "GCIDE (Debian dict-gcide)"
EFFECT = {
    GCIDE_SOURCE: ("Webster's 1913 dictionary: old-fashioned definitions, few modern words; "
                   "dlspec and gensim train on the same text"),
    english_sample.DESCRIPTION: (
        "about 525,000 words (an eighth of GCIDE's 4.3 million): noisier vectors, fewer analogies "
        "answered and lower accuracies on every side; dlspec and gensim still train on the same "
        "text, so their ratio still compares the implementations (scripts/get-gcide.sh fetches GCIDE)"),
}


def load_corpus(max_words=None):
    """The word-vector experiments' text: GCIDE where it is, else gensim's English samples.

    Returns
    -------
    (sentences, source) : tokenized sentences, and which corpus they are (a key of ``EFFECT``,
        which says what that corpus does to the comparisons).
    """
    if gcide_path() is not None:
        return load_gcide(max_words=max_words), GCIDE_SOURCE
    return english_sample.load_english_sample(max_words), english_sample.DESCRIPTION


def generated_corpus(n_sentences=2000, seed=0) -> list[list[str]]:
    """Sentences from a small grammar with clear word classes, for unit tests only.

    (43 words: too few to say anything about word vectors; experiments use :func:`load_corpus`.)

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
