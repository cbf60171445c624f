"""Human-readable dates -> ISO dates: the data of course 5's neural machine translation.

The course generates "the 29th of August 1958", "03/30/1968", "24 JUNE 1987"... with
Faker and translates them to "1958-08-29". Here the dates come from a seeded NumPy
Generator and the course's formats are written out (no Faker, no downloads).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..backend import xp
from ..validation import check_int

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PAD, UNK, START, END = "<pad>", "<unk>", "<start>", "<end>"


def _ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# The course's format list (Babel's short/medium/long/full and its patterns), as functions.
FORMATS = {
    "short": lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",
    "medium": lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}",
    "long": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "full": lambda d: f"{DAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}",
    "d MMM YYY": lambda d: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
    "d MMMM YYY": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "dd MMM YYY": lambda d: f"{d.day:02d} {MONTHS[d.month - 1][:3]} {d.year}",
    "d MMM, YYY": lambda d: f"{d.day} {MONTHS[d.month - 1][:3]}, {d.year}",
    "d MMMM, YYY": lambda d: f"{d.day} {MONTHS[d.month - 1]}, {d.year}",
    "dd, MMM YYY": lambda d: f"{d.day:02d}, {MONTHS[d.month - 1][:3]} {d.year}",
    "d MM YY": lambda d: f"{d.day} {d.month:02d} {d.year % 100:02d}",
    "MMMM d YYY": lambda d: f"{MONTHS[d.month - 1]} {d.day} {d.year}",
    "MMMM d, YYY": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "dd.MM.YY": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
    "the dth of MMMM YYY": lambda d: f"the {_ordinal(d.day)} of {MONTHS[d.month - 1]} {d.year}",
    "MM/dd/YYYY": lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
}


def human_dates(m, seed=0, start=date(1950, 1, 1), end=date(2049, 12, 31)):
    """``m`` (human, ISO) pairs, e.g. ("9 may 1998", "1998-05-09"), seeded.

    Each pair draws a uniform day between ``start`` and ``end``, one of ``FORMATS`` and a
    case (lower, as is, UPPER), as the course's ``load_date``. The default century
    (1950-2049) makes two-digit years unambiguous ("49" is 2049, "50" is 1950).
    """
    check_int(m, "human_dates(m)", minimum=0, hint="It is how many dates to draw.")
    rng = xp.random.default_rng(seed)
    days = rng.integers(0, (end - start).days + 1, m)
    fmts = rng.integers(0, len(FORMATS), m)
    cases = rng.integers(0, 3, m)
    funcs = list(FORMATS.values())
    pairs = []
    for k, f, c in zip(days.tolist(), fmts.tolist(), cases.tolist()):
        d = start + timedelta(days=k)
        h = funcs[f](d)
        h = h.upper() if c == 2 else h.title() if c == 1 else h
        pairs.append((h, d.isoformat()))
    return pairs


class Vocab:
    """Characters <-> ids with padding id 0: ``tokens`` = [<pad>, <unk>/<start>, ..., chars]."""

    def __init__(self, chars, specials):
        self.tokens = list(specials) + sorted(set(chars) - set(specials))
        self.index = {t: i for i, t in enumerate(self.tokens)}

    def __len__(self):
        return len(self.tokens)

    def encode(self, texts, length, prefix=(), suffix=(), strict=False):
        """Ids (len(texts), length): optional prefix/suffix tokens, cut to length, padded with 0.

        Characters outside the vocabulary become <unk>; with ``strict`` they raise a
        ValueError that names them (a date the model has never seen the like of).
        """
        if strict:
            unknown = sorted({ch for t in texts for ch in t} - set(self.index))
            if unknown:
                bad = [t for t in texts if set(t) & set(unknown)]
                raise ValueError(f"the vocabulary cannot encode the characters {unknown} (in "
                                 f"{bad[:3]!r}); it knows {''.join(self.tokens[2:])!r}. Clean the "
                                 f"text as the training data was (data.dates.course_text) or "
                                 f"retrain with these characters.")
        unk = self.index.get(UNK, 0)
        out = xp.zeros((len(texts), length), dtype=xp.int64)
        for i, t in enumerate(texts):
            ids = [self.index[p] for p in prefix] + [self.index.get(c, unk) for c in t] \
                + [self.index[s] for s in suffix]
            out[i, :min(length, len(ids))] = ids[:length]
        return out

    def decode(self, ids, stop=END):
        """Ids (N, T) -> strings, stopping at ``stop`` and skipping <pad>/<start>."""
        stop_id = self.index.get(stop, -1)
        texts = []
        for row in xp.asarray(ids).tolist():
            chars = []
            for i in row:
                if i == stop_id:
                    break
                if self.tokens[i] not in (PAD, START, UNK):
                    chars.append(self.tokens[i])
            texts.append("".join(chars))
        return texts


@dataclass
class DateData:
    """Encoded splits for translation: X (N, Tx) source ids; Y_in (N, Ty) = <start> + ISO
    chars (teacher forcing); Y (N, Ty) = ISO chars + <end>; and the strings."""

    human_vocab: Vocab
    machine_vocab: Vocab
    splits: dict        # name -> {"X", "Y_in", "Y", "human", "iso"}
    Tx: int
    Ty: int


def course_text(human):
    """The course's ``load_date`` clean-up: lower case, no commas ("Saturday, May 9" -> "saturday may 9")."""
    return human.lower().replace(",", "")


def load_dates(n_train=10000, n_dev=1000, n_test=1000, seed=0, Tx=30, course=False):
    """Unique human dates, split into disjoint train/dev/test sets and encoded.

    Parameters
    ----------
    n_train, n_dev, n_test : sizes; every human string occurs in one split only.
    seed : int, the generator's seed (the same seed gives the same splits).
    Tx : source length (longer strings are cut, as the course's Tx = 30).
    course : clean the human dates as the course does (``course_text``): 37 human characters
        (with <pad> and <unk>) instead of about 60.

    Returns
    -------
    DateData, with Ty = 11 (10 ISO characters + <end>).

    Examples
    --------
    >>> d = load_dates(50, 10, 10, seed=1)
    >>> d.splits["train"]["X"].shape, d.splits["train"]["Y"].shape
    ((50, 30), (50, 11))
    """
    for name, n in (("n_train", n_train), ("n_dev", n_dev), ("n_test", n_test)):
        check_int(n, f"load_dates({name})", minimum=0)
    check_int(Tx, "load_dates(Tx)", hint="It is the source length in characters; the course's is 30.")
    total = n_train + n_dev + n_test
    if min(n_train, n_dev, n_test) < 0 or total < 1:
        raise ValueError(f"load_dates expects non-negative split sizes with a positive total; got "
                         f"{n_train}, {n_dev}, {n_test}.")
    pairs, seen, round_ = [], set(), 0
    while len(pairs) < total:
        for h, iso in human_dates(2 * (total - len(pairs)) + 10, seed=[seed, round_]):
            h = course_text(h) if course else h
            if h not in seen and len(pairs) < total:
                seen.add(h)
                pairs.append((h, iso))
        round_ += 1
    human = Vocab("".join(h for h, _ in pairs), [PAD, UNK])
    machine = Vocab("0123456789-", [PAD, START, END])
    Ty = 11
    splits, at = {}, 0
    for name, n in (("train", n_train), ("dev", n_dev), ("test", n_test)):
        part = pairs[at:at + n]
        at += n
        hs, isos = [h for h, _ in part], [i for _, i in part]
        splits[name] = {"X": human.encode(hs, Tx), "Y_in": machine.encode(isos, Ty, prefix=[START]),
                        "Y": machine.encode(isos, Ty, suffix=[END]), "human": hs, "iso": isos}
    return DateData(human, machine, splits, Tx, Ty)
