"""Face verification and recognition (course 4, week 4): an encoder trained with the triplet
loss, mined triplets, ``verify`` and ``who_is_it``.

An encoder f maps an image to a unit-length encoding; two images show the same identity when
||f(x1) - f(x2)||^2 (here its square root, the course's ``np.linalg.norm``) is below a threshold.
"""
from __future__ import annotations

import numpy as np

from ..models.model import Model
from ..nn import (BatchNormalization, Conv2D, Dense, Flatten, GlobalAveragePooling2D, Input, L2Normalize,
                  MaxPool2D, ReLU)
from ..validation import check_number


def triplet_loss(y_pred, alpha=0.2):
    """The course's triplet loss: sum over the m triplets of
    max(||f(A) - f(P)||^2 - ||f(A) - f(N)||^2 + alpha, 0).

    y_pred : [anchor, positive, negative], encodings (m, D) each. Returns a float.
    """
    if not isinstance(y_pred, (list, tuple)) or len(y_pred) != 3:
        raise ValueError(f"triplet_loss expects y_pred = [anchor, positive, negative] encodings; got "
                         f"{type(y_pred).__name__} of {len(y_pred) if hasattr(y_pred, '__len__') else '?'}.")
    check_number(alpha, "triplet_loss(alpha)", 0, hint="The margin alpha is >= 0; the course's is 0.2.")
    anchor, positive, negative = y_pred
    pos_dist = ((anchor - positive) ** 2).sum(axis=-1)
    neg_dist = ((anchor - negative) ** 2).sum(axis=-1)
    return float(np.maximum(pos_dist - neg_dist + alpha, 0.0).sum())


class TripletLoss:
    """``triplet_loss`` as a loss object for a model with outputs [f(A), f(P), f(N)] (one
    shared encoder called three times): ``model.compile(TripletLoss(0.2))``.

    Notes
    -----
    With L_i = pos_dist_i - neg_dist_i + alpha active (L_i > 0):
    dA = 2 (N - P), dP = -2 (A - P), dN = 2 (A - N); inactive triplets give 0.
    """

    def __init__(self, alpha=0.2):
        if not alpha >= 0:
            raise ValueError(f"TripletLoss(alpha) is a margin >= 0; got {alpha!r}.")
        self.alpha = float(alpha)
        self._cache = None

    def forward(self, out, Y=None):
        if not isinstance(out, (list, tuple)) or len(out) != 3:
            raise ValueError("TripletLoss expects the model's three outputs [anchor, positive, "
                             f"negative]; got {type(out).__name__} of length {len(out)}.")
        self._cache = tuple(out)
        return triplet_loss(out, self.alpha)

    def backward(self):
        if self._cache is None:
            raise RuntimeError("TripletLoss.backward called before forward.")
        a, p, n = self._cache
        on = (((a - p) ** 2).sum(-1) - ((a - n) ** 2).sum(-1) + self.alpha > 0)[:, None].astype(a.dtype)
        return [on * 2 * (n - p), on * -2 * (a - p), on * 2 * (a - n)]


def face_encoder(input_shape=(24, 24, 1), embedding_size=32, filters=(16, 32, 64), pooling="flatten", seed=0):
    """A small stand-in for the course's ``faceRecoModel``: (CONV 3x3 -> BN -> RELU -> MAXPOOL)
    per entry of ``filters``, FLATTEN (``pooling="flatten"``: keeps where the strokes are) or
    global average pooling ("avg"), FC ``embedding_size``, L2 normalization."""
    X_input = Input(tuple(input_shape))
    X = X_input
    for f in filters:
        # beta 0.9 as c4-faces was measured: Keras's 0.99 lags behind its few hundred steps
        X = ReLU()(BatchNormalization(momentum=0.9, epsilon=1e-5, moving_variance="unbiased")(
            Conv2D(f, 3, padding="same", use_bias=False)(X)))
        X = MaxPool2D(2, padding=0)(X)
    X = Flatten()(X) if pooling == "flatten" else GlobalAveragePooling2D()(X)
    X = L2Normalize()(Dense(embedding_size)(X))
    return Model(X_input, X, seed=seed, name="face_encoder")


def triplet_model(encoder):
    """One encoder called on three images: outputs [f(A), f(P), f(N)], shared weights."""
    shape = tuple(encoder.input_spec)
    A, P, N = Input(shape, name="anchor"), Input(shape, name="positive"), Input(shape, name="negative")
    return Model([A, P, N], [encoder(A), encoder(P), encoder(N)], name="triplet_model")


def mine_triplets(encodings, labels, alpha=0.2, strategy="semi-hard", rng=None):
    """Indices (anchor, positive, negative) (T,) each, for every anchor-positive pair of a batch.

    strategy : "random" (any other identity) or "semi-hard" (FaceNet: a negative farther than
        the positive but within the margin, d(A,P) < d(A,N) < d(A,P) + alpha; a random one
        when there is none).
    """
    if strategy not in ("random", "semi-hard"):
        raise ValueError(f"strategy is 'random' or 'semi-hard'; got {strategy!r}.")
    rng = np.random.default_rng(rng)
    labels = np.asarray(labels)
    same = labels[:, None] == labels[None, :]                           # (B, B)
    a, p = np.nonzero(same & ~np.eye(len(labels), dtype=bool))
    if len(a) == 0:
        raise ValueError("mine_triplets needs at least two images of one identity in the batch.")
    if (~same).sum() == 0:
        raise ValueError("mine_triplets needs at least two identities in the batch.")
    D = ((encodings[:, None, :] - encodings[None, :, :]) ** 2).sum(-1)   # (B, B) squared distances
    candidates = ~same[a]                                                # (T, B) negatives
    if strategy == "semi-hard":
        d_ap = D[a, p][:, None]
        semi = candidates & (D[a] > d_ap) & (D[a] < d_ap + alpha)
        has = semi.any(1)
        candidates = np.where(has[:, None], semi, candidates)
    scores = rng.random(candidates.shape) * candidates                   # random among candidates
    return a, p, scores.argmax(1)


def img_to_encoding(images, model):
    """Encodings (N, D) of images (N, H, W, C) (one image (H, W, C) gives (1, D))."""
    images = np.asarray(images)
    return model.predict(images[None] if images.ndim == 3 else images)


def verify(image, identity, database, model, threshold=0.7):
    """The course's ``verify``: is ``image`` the person ``identity`` of ``database``?

    database : dict identity -> encoding (D,). Returns (dist, door_open), dist the L2 distance.
    """
    if identity not in database:
        raise ValueError(f"{identity!r} is not in the database; it holds {sorted(database)[:20]}.")
    check_number(threshold, "verify(threshold)", 0, open_min=True, hint="The course's is 0.7.")
    encoding = img_to_encoding(image, model)[0]
    enrolled = np.asarray(database[identity])
    if enrolled.shape != encoding.shape:
        raise ValueError(f"database[{identity!r}] is an encoding of shape {enrolled.shape}, but the "
                         f"model encodes to {encoding.shape}: enrol the identity with the same model "
                         "(img_to_encoding(image, model)).")
    dist = float(np.linalg.norm(encoding - enrolled))
    return dist, bool(dist < threshold)


def who_is_it(image, database, model, threshold=0.7):
    """The course's ``who_is_it``: the nearest identity of ``database`` and its distance;
    identity None when even the nearest is farther than ``threshold`` (not in the database)."""
    if not database:
        raise ValueError("who_is_it needs a database of at least one identity -> encoding.")
    names = list(database)
    dists = np.linalg.norm(np.stack([database[k] for k in names]) - img_to_encoding(image, model)[0], axis=1)
    i = int(dists.argmin())
    return float(dists[i]), (names[i] if dists[i] <= threshold else None)


def verification_pairs(encodings, labels, rng=None, n_pairs=None):
    """Balanced same/different pairs: (distances (2K,), same (2K,) bool)."""
    rng = np.random.default_rng(rng)
    labels = np.asarray(labels)
    same = labels[:, None] == labels[None, :]
    iu = np.triu_indices(len(labels), 1)
    pos = np.flatnonzero(same[iu])
    neg = np.flatnonzero(~same[iu])
    k = min(len(pos), len(neg), n_pairs or len(pos))
    pick = np.concatenate([rng.choice(pos, k, replace=False), rng.choice(neg, k, replace=False)])
    i, j = iu[0][pick], iu[1][pick]
    return np.linalg.norm(encodings[i] - encodings[j], axis=1), same[i, j]


def roc_curve(distances, same):
    """False and true positive rates as the threshold grows, (fpr, tpr, thresholds), and the
    best verification accuracy with its threshold: "same" is predicted when dist < threshold."""
    order = np.argsort(distances)
    d, s = distances[order], same[order].astype(float)
    tpr = np.concatenate([[0.0], np.cumsum(s) / max(s.sum(), 1)])
    fpr = np.concatenate([[0.0], np.cumsum(1 - s) / max((1 - s).sum(), 1)])
    thresholds = np.concatenate([[d[0] - 1e-6], d + 1e-9])
    accuracy = (np.concatenate([[0.0], np.cumsum(s)]) + (1 - s).sum()
                - np.concatenate([[0.0], np.cumsum(1 - s)])) / len(d)
    best = int(accuracy.argmax())
    return fpr, tpr, thresholds, float(accuracy[best]), float(thresholds[best])


def train_triplets(encoder, X, Y, steps=100, identities_per_batch=16, images_per_identity=4,
                   alpha=0.2, strategy="semi-hard", learning_rate=0.005, seed=0, augment=None,
                   triplets_per_batch=64):
    """Train ``encoder`` with the triplet loss on batches of P identities x K images, the
    triplets mined in each batch from the current encodings (``triplets_per_batch`` of the
    P K (K - 1) anchor-positive pairs, drawn at random). Returns the mean loss per step."""
    from ..optim import Adam
    rng = np.random.default_rng(seed)
    model, loss, optimizer = triplet_model(encoder), TripletLoss(alpha), Adam(learning_rate)
    by_id = {c: np.flatnonzero(Y == c) for c in np.unique(Y)}
    if len(by_id) < 2 or min(len(v) for v in by_id.values()) < images_per_identity:
        raise ValueError(f"train_triplets needs >= 2 identities with >= {images_per_identity} images each.")
    P = min(identities_per_batch, len(by_id))
    costs = []
    for _ in range(steps):
        ids = rng.choice(list(by_id), P, replace=False)
        idx = np.concatenate([rng.choice(by_id[c], images_per_identity, replace=False) for c in ids])
        Xb, Yb = X[idx], Y[idx]
        if augment is not None:
            Xb = augment(Xb, rng)
        a, p, n = mine_triplets(encoder.forward(Xb, training=False), Yb, alpha, strategy, rng)
        if len(a) > triplets_per_batch:
            keep = rng.choice(len(a), triplets_per_batch, replace=False)
            a, p, n = a[keep], p[keep], n[keep]
        costs.append(loss.forward(model.forward([Xb[a], Xb[p], Xb[n]], training=True)) / len(a))
        model.backward(loss.backward(), input_grad=False)
        optimizer.step(list(model.named_params_and_grads()))
    return costs


def pretrain_encoder(encoder, X, Y, epochs=10, learning_rate=0.01, batch_size=64, seed=0, verbose=0):
    """Warm start: train ``encoder`` as the body of a softmax classifier of the training
    identities (a Dense head on the unit-length encodings), then drop the head. Classification
    gives every image a gradient from every identity at once, so the encoder learns in seconds
    what triplets alone learn slowly on small data (face recognition systems since FaceNet often
    start this way). Returns the classifier's training accuracy."""
    from ..optim import Adam
    inputs = Input(tuple(encoder.input_spec))
    classifier = Model(inputs, Dense(int(np.max(Y)) + 1)(encoder(inputs)), seed=seed, name="identity_classifier")
    classifier.compile("softmax_crossentropy", Adam(learning_rate))
    classifier.fit(X, Y, epochs=epochs, batch_size=batch_size, seed=seed, verbose=verbose)
    return classifier.evaluate(X, Y)["accuracy"]
