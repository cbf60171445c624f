"""Train/dev/test splits sized as course 3 teaches, stratified and seeded, and train-dev sets.

Course 3, week 1: with a few thousand examples, 60/20/20 is fine; with a million, dev and
test sets of 10,000 each (1% each) are big enough, so 98/1/1. Dev and test must come
from the same distribution, the one you want to do well on. Week 2: when the training
data comes from another distribution, hold out a *train-dev* set (same distribution as
training, not trained on) to tell variance from data mismatch.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..backend import rng as make_rng, xp

BIG_ENOUGH = 10_000    # dev/test examples that the course calls enough for most projects


def course_ratios(n_examples):
    """The course's (train, dev, test) ratios for ``n_examples``.

    Dev and test get each ``min(20% of N, max(10,000, 1% of N))``: 60/20/20 up to
    50,000 examples, then 10,000 each (80/10/10 at 100,000), then 1% each from
    1,000,000 on (98/1/1).

    >>> course_ratios(1_000), course_ratios(1_000_000)
    ((0.6, 0.2, 0.2), (0.98, 0.01, 0.01))
    """
    if not isinstance(n_examples, (int, xp.integer)) or n_examples < 3:
        raise ValueError(f"n_examples must be an integer >= 3 (one per set); got {n_examples!r}.")
    held = min(0.2 * n_examples, max(BIG_ENOUGH, 0.01 * n_examples))
    r = round(held / n_examples, 6)
    return (round(1 - 2 * r, 6), r, r)


@dataclass
class Splits:
    """Index arrays per set (``indices["train"]``...) and the arrays split by them.

    ``splits["dev"]`` is the tuple of arrays of the dev set, in the order they were passed,
    so ``X_dev, Y_dev = splits["dev"]``.
    """

    indices: dict
    arrays: dict

    def __getitem__(self, name):
        return self.arrays[name]

    def sizes(self) -> dict:
        return {k: len(v) for k, v in self.indices.items()}


def train_dev_test_split(*arrays, ratios=None, sizes=None, stratify=None, seed=0,
                         names=("train", "dev", "test")) -> Splits:
    """Shuffle and split ``arrays`` (same length N) into train, dev and test sets.

    Parameters
    ----------
    *arrays : arrays with N rows (X, Y, ...), split by the same indices.
    ratios : (train, dev, test) fractions summing to 1; default ``course_ratios(N)``.
    sizes : (n_train, n_dev, n_test) instead of ratios; one entry may be None for "the rest",
        as in ``sizes=(None, 10_000, 10_000)``.
    stratify : class ids (N,) to keep each class's share the same in every set
        (each class needs at least one example per set), or None.
    seed : int or Generator: the same seed gives the same split.
    names : the names of the sets.

    Returns
    -------
    Splits: ``splits["train"]`` is the tuple of train arrays; ``splits.indices`` the rows.
    """
    if not arrays:
        raise ValueError("train_dev_test_split needs at least one array to split.")
    N = len(arrays[0])
    for i, a in enumerate(arrays[1:], start=1):
        if len(a) != N:
            raise ValueError(f"every array must have one row per example; array 0 has {N} rows "
                             f"but array {i} has {len(a)}.")
    counts = _counts(N, len(names), ratios, sizes)
    g = make_rng(seed)
    if stratify is None:
        order = g.permutation(N)
        parts = xp.split(order, xp.cumsum(counts)[:-1])
    else:
        parts = _stratified(xp.asarray(stratify).reshape(-1), counts, names, g)
    indices = {name: xp.sort(p) for name, p in zip(names, parts)}
    arrays_out = {name: tuple(xp.asarray(a)[idx] for a in arrays) for name, idx in indices.items()}
    return Splits(indices, arrays_out)


def train_dev_split(X, Y, train_dev=0.1, seed=0) -> Splits:
    """Hold out a train-dev set: a random part of the training data that is not trained on.

    ``train_dev`` is a fraction (0 < f < 1) or a number of examples. Train-dev error minus
    training error is the variance; dev error minus train-dev error is the data mismatch.
    """
    N = len(X)
    n = train_dev if isinstance(train_dev, (int, xp.integer)) and not isinstance(train_dev, bool) \
        else _fraction(train_dev, "train_dev") * N
    return train_dev_test_split(X, Y, sizes=(None, int(round(n))), seed=seed,
                                names=("train", "train_dev"))


def mismatched_split(source, target, target_in_train=0.5, train_dev=0.1, seed=0) -> Splits:
    """The course's recipe when the data you care about (target) is scarce.

    Dev and test are halves of the target data left after moving ``target_in_train`` of it
    into training; training is all the source data plus that share of the target; a
    train-dev set (``train_dev`` of the training data) is held out from training.
    Course 3, week 2: 200,000 web images and 10,000 app images -> train = 200,000 web +
    5,000 app, dev = 2,500 app, test = 2,500 app.

    Parameters
    ----------
    source, target : tuples (X, Y) of arrays.

    Returns
    -------
    Splits with sets "train", "train_dev", "dev", "test"; ``indices`` of the train and
    train-dev sets index the concatenation source + target, dev and test index target.
    """
    (Xs, Ys), (Xt, Yt) = source, target
    if xp.asarray(Xs).shape[1:] != xp.asarray(Xt).shape[1:]:
        raise ValueError(f"source and target examples must have the same shape; got "
                         f"{xp.asarray(Xs).shape[1:]} and {xp.asarray(Xt).shape[1:]}.")
    share = _fraction(target_in_train, "target_in_train", allow_zero=True)
    g = make_rng(seed)
    n_t = len(Xt)
    n_in_train = int(round(share * n_t))
    n_dev = (n_t - n_in_train) // 2
    if n_dev < 1:
        raise ValueError(f"{n_t} target examples leave none for dev and test with "
                         f"target_in_train={share}; lower target_in_train.")
    order = g.permutation(n_t)
    t_train, t_dev, t_test = xp.split(order, [n_in_train, n_in_train + n_dev])
    n_s = len(Xs)
    pool = xp.concatenate([xp.arange(n_s), n_s + t_train])          # rows of source + target
    n_train_dev = max(1, int(round(_fraction(train_dev, "train_dev") * len(pool))))
    pool = g.permutation(pool)
    train, held = xp.sort(pool[n_train_dev:]), xp.sort(pool[:n_train_dev])
    X_all = xp.concatenate([xp.asarray(Xs), xp.asarray(Xt)])
    Y_all = xp.concatenate([xp.asarray(Ys), xp.asarray(Yt)])
    t_dev, t_test = xp.sort(t_dev), xp.sort(t_test)
    indices = {"train": train, "train_dev": held, "dev": t_dev, "test": t_test}
    arrays = {"train": (X_all[train], Y_all[train]), "train_dev": (X_all[held], Y_all[held]),
              "dev": (xp.asarray(Xt)[t_dev], xp.asarray(Yt)[t_dev]),
              "test": (xp.asarray(Xt)[t_test], xp.asarray(Yt)[t_test])}
    return Splits(indices, arrays)


def _fraction(value, name, allow_zero=False):
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and \
        (0 <= value < 1 if allow_zero else 0 < value < 1)
    if not ok:
        bound = "0 <= f < 1" if allow_zero else "0 < f < 1"
        raise ValueError(f"{name} must be a fraction {bound}; got {value!r}.")
    return float(value)


def _counts(N, k, ratios, sizes):
    """Examples per set, from ratios (largest remainder, so they sum to N) or sizes."""
    if ratios is not None and sizes is not None:
        raise ValueError("pass ratios or sizes, not both.")
    if sizes is not None:
        sizes = list(sizes)
        if len(sizes) != k or sizes.count(None) > 1 or any(
                s is not None and (not isinstance(s, (int, xp.integer)) or s < 1) for s in sizes):
            raise ValueError(f"sizes must be {k} integers >= 1, at most one of them None for "
                             f"'the rest'; got {sizes!r}.")
        given = sum(s for s in sizes if s is not None)
        if None in sizes:
            if given >= N:
                raise ValueError(f"sizes {sizes} leave no examples for the set marked None: "
                                 f"{given} of {N} examples are already taken.")
            sizes[sizes.index(None)] = N - given
        elif given != N:
            raise ValueError(f"sizes {sizes} sum to {given} but there are {N} examples; make them "
                             "sum to N, or put None where the rest should go.")
        return xp.asarray(sizes)
    ratios = course_ratios(N) if ratios is None else tuple(ratios)
    if len(ratios) != k or any(not isinstance(r, (int, float)) or r <= 0 for r in ratios):
        raise ValueError(f"ratios must be {k} fractions > 0; got {ratios!r}.")
    if abs(sum(ratios) - 1) > 1e-6:
        raise ValueError(f"split ratios must sum to 1; got {ratios!r} (sum {sum(ratios):.6g}). "
                         "For example (0.6, 0.2, 0.2) or (0.98, 0.01, 0.01).")
    counts = _largest_remainder(N, xp.asarray(ratios, dtype=float))
    if (counts < 1).any():
        raise ValueError(f"{N} examples split by {ratios} leave a set empty ({counts.tolist()}); "
                         "use more data or larger ratios for the small sets.")
    return counts


def _largest_remainder(n, ratios):
    exact = n * ratios
    counts = xp.floor(exact).astype(xp.int64)
    short = n - counts.sum()
    counts[xp.argsort(-(exact - counts), kind="stable")[:short]] += 1
    return counts


def _stratified(labels, counts, names, g):
    """Split every class by the same ratios, so each set keeps the class shares."""
    N = int(counts.sum())
    if len(labels) != N:
        raise ValueError(f"stratify must hold one class id per example: {N} examples, "
                         f"{len(labels)} class ids.")
    classes, inverse, per_class = xp.unique(labels, return_inverse=True, return_counts=True)
    small = per_class < len(names)
    if small.any():
        c, n_c = classes[small][0].item(), per_class[small][0]
        raise ValueError(f"class {c!r} has {n_c} example(s), too few for a stratified split into "
                         f"{len(names)} sets ({', '.join(names)}): each set needs at least one. "
                         "Collect more examples of it, merge it with another class, or pass "
                         "stratify=None.")
    exact = per_class[:, None] * (counts / N)[None, :]          # (classes, sets)
    share = xp.floor(exact).astype(xp.int64)
    deficit = counts - share.sum(axis=0)
    # Hand out each class's leftover examples to the sets furthest below their target size,
    # so the set sizes come out exactly as asked while every class keeps its share.
    for i in range(len(classes)):
        for _ in range(int(per_class[i] - share[i].sum())):
            k = int(xp.argmax(deficit + 1e-6 * (exact[i] - share[i])))
            share[i, k] += 1
            deficit[k] -= 1
        while (share[i] < 1).any():                    # every set gets at least one of each class
            share[i, xp.argmax(share[i])] -= 1
            share[i, xp.argmin(share[i])] += 1
    parts = [[] for _ in names]
    for i in range(len(classes)):
        members = g.permutation(xp.flatnonzero(inverse == i))
        for k, chunk in enumerate(xp.split(members, xp.cumsum(share[i])[:-1])):
            parts[k].append(chunk)
    return [g.permutation(xp.concatenate(p)) for p in parts]
