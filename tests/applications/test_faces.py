"""Face verification: the course's triplet loss against torch, mining, verify and who_is_it."""
import numpy as np
import pytest
import torch

from dlspec.applications.faces import (TripletLoss, face_encoder, mine_triplets, roc_curve,
                                       train_triplets, triplet_loss, triplet_model, verify, who_is_it)
from dlspec.gradcheck import check_gradients  # noqa: F401  (the harness's checker)

rng = np.random.default_rng(0)


def _torch_triplet(a, p, n, alpha):
    """The course's formula in torch: squared distances, hinge, sum."""
    return torch.clamp(((a - p) ** 2).sum(1) - ((a - n) ** 2).sum(1) + alpha, min=0).sum()


def test_triplet_loss_and_its_gradient_match_torch():
    a, p, n = (rng.standard_normal((6, 4)) for _ in range(3))
    loss = TripletLoss(alpha=0.5)
    value = loss.forward([a, p, n])
    ts = [torch.tensor(v, requires_grad=True) for v in (a, p, n)]
    expected = _torch_triplet(*ts, 0.5)
    expected.backward()
    assert value == pytest.approx(expected.item(), rel=1e-12)
    assert triplet_loss([a, p, n], 0.5) == pytest.approx(expected.item(), rel=1e-12)
    for ours, t in zip(loss.backward(), ts):
        np.testing.assert_allclose(ours, t.grad.numpy(), rtol=1e-12)
    # torch's TripletMarginLoss with squared distances (p=2, then squared) is the same hinge
    d = torch.nn.TripletMarginWithDistanceLoss(distance_function=lambda x, y: ((x - y) ** 2).sum(1),
                                               margin=0.5, reduction="sum")
    assert value == pytest.approx(d(*[torch.tensor(v) for v in (a, p, n)]).item(), rel=1e-12)


def test_the_courses_triplet_loss_example():
    """The course's test: y_pred from seeded normals; here the formula on hand-made values."""
    a = np.array([[0.0, 0.0]]); p = np.array([[1.0, 0.0]]); n = np.array([[0.0, 2.0]])
    assert triplet_loss([a, p, n], alpha=0.2) == 0.0                      # 1 - 4 + 0.2 < 0
    assert triplet_loss([a, n, p], alpha=0.2) == pytest.approx(3.2)       # 4 - 1 + 0.2
    with pytest.raises(ValueError, match=r"three outputs \[anchor, positive, negative\]"):
        TripletLoss().forward([a, p])
    with pytest.raises(RuntimeError, match="before forward"):
        TripletLoss().backward()


def test_semi_hard_negatives_lie_within_the_margin():
    labels = np.repeat(np.arange(4), 3)
    E = rng.standard_normal((12, 8))
    E /= np.linalg.norm(E, axis=1, keepdims=True)
    D = ((E[:, None] - E[None]) ** 2).sum(-1)
    a, p, n = mine_triplets(E, labels, alpha=1.0, strategy="semi-hard", rng=0)
    assert len(a) == 4 * 3 * 2 and (labels[a] == labels[p]).all() and (labels[a] != labels[n]).all()
    semi = (D[a, n] > D[a, p]) & (D[a, n] < D[a, p] + 1.0)
    has = np.array([((labels != labels[i]) & (D[i] > D[i, j]) & (D[i] < D[i, j] + 1.0)).any()
                    for i, j in zip(a, p)])
    assert semi[has].all()
    a, p, n = mine_triplets(E, labels, strategy="random", rng=0)
    assert (labels[a] != labels[n]).all()
    with pytest.raises(ValueError, match="strategy is 'random' or 'semi-hard'"):
        mine_triplets(E, labels, strategy="hardest")


def test_encodings_have_unit_length_and_one_encoder_serves_three_images():
    encoder = face_encoder((12, 12, 1), embedding_size=8, filters=(4, 8))
    E = encoder.predict(rng.random((5, 12, 12, 1)))
    np.testing.assert_allclose(np.linalg.norm(E, axis=1), 1.0, rtol=1e-5)
    model = triplet_model(encoder)
    assert model.layers == [encoder] and model.count_params() == encoder.count_params()


def test_training_separates_two_identities_and_verify_and_who_is_it_use_the_threshold():
    X = np.zeros((20, 8, 8, 1), np.float32)
    X[:10, :4] = 1.0                                                   # identity 0: top half lit
    X[10:, :, :4] = 1.0                                                # identity 1: left half lit
    X += 0.1 * rng.random(X.shape).astype(np.float32)
    Y = np.repeat([0, 1], 10)
    encoder = face_encoder((8, 8, 1), embedding_size=4, filters=(4,), pooling="avg", seed=1)
    costs = train_triplets(encoder, X, Y, steps=30, identities_per_batch=2, images_per_identity=4,
                           learning_rate=0.05)
    assert np.mean(costs[-5:]) < costs[0]
    database = {"top": encoder.predict(X[:1])[0], "left": encoder.predict(X[10:11])[0]}
    # the loss is 0 once d(A,N)^2 > d(A,P)^2 + 0.2: identities end >= ~0.45 apart
    dist, door_open = verify(X[5], "top", database, encoder, threshold=0.3)
    assert door_open and dist < 0.3
    assert verify(X[15], "top", database, encoder, threshold=0.3)[1] is False
    assert who_is_it(X[15], database, encoder)[1] == "left"
    assert who_is_it(X[15], database, encoder, threshold=0.0)[1] is None   # not in the database
    with pytest.raises(ValueError, match="'bob' is not in the database"):
        verify(X[0], "bob", database, encoder)


def test_roc_and_the_best_threshold():
    d = np.array([0.1, 0.2, 0.3, 0.4]); same = np.array([True, True, False, False])
    fpr, tpr, thresholds, accuracy, threshold = roc_curve(d, same)
    assert accuracy == 1.0 and 0.2 < threshold <= 0.3
    assert tpr[-1] == fpr[-1] == 1.0 and tpr[0] == fpr[0] == 0.0
