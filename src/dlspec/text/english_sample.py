"""Real English text that an installed package ships: gensim's Wikipedia and news samples.

Where Debian's GCIDE dictionary cannot be fetched (no apt: macOS, Windows, other Linux
distributions), the word-vector experiments train on the text that gensim (dlspec's ``data``
extra) ships in its test data: the first 106 articles of an English Wikipedia dump
(``enwiki-latest-pages-articles1...-shortened.bz2``, about 465,000 words once the wiki markup
is removed) and the Lee background corpus (300 Australian news articles, about 60,000 words).
Both are read where gensim installed them; dlspec bundles no text.

About half a million words is an eighth of GCIDE: the vectors are noisier and fewer
analogies can be answered, so accuracies are lower on every side, but dlspec and gensim
still train on the same text, so their ratio keeps its meaning.
"""
from __future__ import annotations

import bz2
import importlib.util
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

from .tokenize import sentences

WIKIPEDIA = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
NEWS = "lee_background.cor"
DESCRIPTION = ("English Wikipedia sample + Lee news corpus, as shipped in gensim's test data "
               "(dict-gcide missing)")


def english_sample_dir():
    """gensim's test-data folder when it holds both files, else None (gensim not installed)."""
    spec = importlib.util.find_spec("gensim")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(list(spec.submodule_search_locations)[0]) / "test" / "test_data"
    return data if (data / WIKIPEDIA).is_file() and (data / NEWS).is_file() else None


def load_english_sample(max_words=None) -> list[list[str]]:
    """Tokenized sentences (lowercase words) from gensim's Wikipedia and news samples.

    Parameters
    ----------
    max_words : int, optional, stop after about this many words (news and articles interleaved,
        so that a small sample is not one article).

    Raises
    ------
    FileNotFoundError
        when gensim (or its test data) is not installed, with the fix.
    """
    data = english_sample_dir()
    if data is None:
        raise FileNotFoundError("gensim's test data (an English Wikipedia sample) is not installed: "
                                "pip install gensim (dlspec's 'data' extra), or fetch Debian's "
                                "dict-gcide with scripts/get-gcide.sh.")
    news, wiki = _read(str(data))
    out, words = [], 0
    for k in range(max(len(news), len(wiki))):        # one news sentence per ~9 of Wikipedia's
        for s in news[k:k + 1] + wiki[9 * k:9 * k + 9]:
            out.append(s)
            words += len(s)
        if max_words is not None and words >= max_words:
            break
    return out


@lru_cache(maxsize=1)
def _read(data):
    """(news sentences, Wikipedia sentences), read once per process (the markup filter takes ~7 s)."""
    from gensim.corpora.wikicorpus import filter_wiki      # gensim's own wiki-markup stripper
    data = Path(data)
    news = sentences((data / NEWS).read_text(encoding="utf-8", errors="replace"))
    wiki = []
    with bz2.open(data / WIKIPEDIA) as f:
        for _, element in ElementTree.iterparse(f):
            if element.tag.endswith("}text") and element.text:
                text = filter_wiki(element.text)
                if not text.lstrip().lower().startswith("#redirect"):
                    wiki.extend(sentences(text))
            element.clear()
    return news, wiki
