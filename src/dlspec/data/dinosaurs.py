"""Dinosaur-like names, generated here from syllables (course 5's "Dinosaur Island" data).

The course trains a character-level language model on 1,536 real dinosaur names
(``dinos.txt``). dlspec has no downloads, so this module composes plausible names from
Greek- and Latin-like roots and the usual endings ("saurus", "raptor", "ceratops", ...),
seeded, so that the same seed always gives the same list. The names share the structure a
language model can learn: common roots, common endings, pronounceable letter sequences.
"""
from __future__ import annotations

from ..backend import rng as make_rng

_ROOTS = (
    "acro", "allo", "ankylo", "apato", "archaeo", "arrhino", "bar", "brachio", "bronto",
    "cama", "carno", "cerato", "coelo", "compso", "cory", "cryo", "dasp", "deino", "diplo",
    "dromaeo", "drya", "edmonto", "elaphro", "eo", "euo", "gallimi", "giganto", "gorgo",
    "hadro", "hetero", "hypsilo", "igua", "kentro", "lambeo", "lepto", "maia", "masso",
    "megalo", "micro", "mono", "nano", "nodo", "orni", "ornitho", "ovi", "pachy", "para",
    "plateo", "proto", "psitta", "ptero", "rhabdo", "sauro", "scelido", "spino", "stego",
    "struthio", "styraco", "tarbo", "teno", "thero", "titano", "tri", "troo", "tyranno",
    "utah", "velo", "xeno", "zuni",
)
_MIDDLES = ("", "", "", "", "ce", "do", "la", "ni", "ra", "to", "phy", "lo", "me", "sa")
_ENDINGS = (
    "saurus", "saurus", "saurus", "saurus", "don", "odon", "raptor", "ceratops", "tops", "mimus",
    "nychus", "pteryx", "suchus", "titan", "venator", "rex", "lophus", "cephale", "dactylus",
    "ops", "osaurus", "ia", "tholus", "cheirus", "lestes", "rhinus", "nykus", "gnathus",
)


def dinosaur_names(n: int = 1536, seed=0) -> list[str]:
    """``n`` distinct lower-case dinosaur-like names, such as "stegoceratops".

    Parameters
    ----------
    n : int
        How many names (1,536 in the course's data set); at most a few thousand exist.
    seed : int or numpy.random.Generator

    Returns
    -------
    list of str, letters a-z only, in generation order.
    """
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 10_000:
        raise ValueError(f"dinosaur_names(n) expects an integer between 1 and 10000; got {n!r}.")
    rng = make_rng(seed)
    names: dict[str, None] = {}            # insertion-ordered set
    for _ in range(100 * n):
        root = _ROOTS[rng.integers(len(_ROOTS))]
        middle = _MIDDLES[rng.integers(len(_MIDDLES))]
        ending = _ENDINGS[rng.integers(len(_ENDINGS))]
        if rng.random() < 0.15:            # a double root, as in "pachycephalosaurus"
            root += _ROOTS[rng.integers(len(_ROOTS))]
        name = _join(_join(root, middle), ending)
        names.setdefault(name, None)
        if len(names) == n:
            return list(names)
    raise ValueError(f"could only make {len(names)} distinct names; ask for fewer.")


def _join(left: str, right: str) -> str:
    """Glue two parts, dropping the left vowel of two at the seam ("micro" + "ia" -> "micria")."""
    if left and right and left[-1] in "aeiou" and right[0] in "aeiou":
        return left[:-1] + right
    return left + right
