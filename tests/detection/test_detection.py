"""Detection steps, each against a reference: the course's IoU, brute force, pycocotools, central differences."""
import numpy as np
import pytest

from dlspec.detection import (YoloLoss, box_iou, center_to_corners, check_boxes, corners_to_center,
                              corners_to_xywh, iou, mean_average_precision, COCO_THRESHOLDS,
                              non_max_suppression, xywh_to_corners, yolo_eval, yolo_filter_boxes,
                              yolo_head, yolo_non_max_suppression, yolo_targets)
from dlspec.gradcheck import check_gradients


def _random_boxes(rng, n, size=50.0):
    xy = rng.uniform(0, size * 0.8, (n, 2))
    return np.concatenate([xy, xy + rng.uniform(1, size * 0.3, (n, 2))], axis=1)


def test_iou_replays_the_course():
    assert iou((2, 1, 4, 3), (1, 2, 3, 4)) == 0.14285714285714285
    assert iou((1, 2, 3, 4), (5, 6, 7, 8)) == 0.0            # no intersection
    assert iou((1, 1, 2, 2), (2, 1, 3, 2)) == 0.0            # touching at a vertex or an edge
    assert iou((2, 2, 3, 3), (2, 2, 3, 3)) == 1.0


def test_box_iou_matches_the_pairwise_course_iou():
    rng = np.random.default_rng(0)
    a, b = _random_boxes(rng, 7), _random_boxes(rng, 5)
    brute = np.array([[iou(x, y) for y in b] for x in a])
    np.testing.assert_allclose(box_iou(a, b), brute, rtol=1e-12)


def test_box_conversions_round_trip():
    boxes = _random_boxes(np.random.default_rng(1), 6)
    np.testing.assert_allclose(center_to_corners(corners_to_center(boxes)), boxes)
    np.testing.assert_allclose(xywh_to_corners(corners_to_xywh(boxes)), boxes)
    np.testing.assert_allclose(corners_to_center([[0, 0, 4, 2]]), [[2, 1, 4, 2]])


def _brute_nms(boxes, scores, thr):
    keep, alive = [], list(np.argsort(-scores, kind="stable"))
    while alive:
        best = alive.pop(0)
        keep.append(best)
        alive = [j for j in alive if iou(boxes[best], boxes[j]) <= thr]
    return keep


@pytest.mark.parametrize("thr", [0.0, 0.3, 0.5, 0.9, 1.0])
def test_nms_matches_brute_force(thr):
    rng = np.random.default_rng(2)
    boxes, scores = _random_boxes(rng, 40, size=30), rng.uniform(size=40)
    assert non_max_suppression(boxes, scores, thr).tolist() == _brute_nms(boxes, scores, thr)


def test_per_class_nms_keeps_overlapping_boxes_of_other_classes():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 10, 10], [0, 0, 10, 9.5]], float)
    scores, classes = np.array([0.9, 0.8, 0.7]), np.array([0, 0, 1])
    s, b, c = yolo_non_max_suppression(scores, boxes, classes, iou_threshold=0.5)
    assert s.tolist() == [0.9, 0.7] and c.tolist() == [0, 1]
    s, _, _ = yolo_non_max_suppression(scores, boxes, classes, iou_threshold=0.5, per_class=False)
    assert s.tolist() == [0.9]


def test_yolo_filter_boxes_keeps_scores_above_threshold():
    rng = np.random.default_rng(3)
    conf, probs = rng.uniform(size=(4, 4, 2, 1)), rng.dirichlet(np.ones(3), (4, 4, 2))
    boxes = np.broadcast_to(np.array([0, 0, 1, 1.0]), (4, 4, 2, 4))
    scores, kept, classes = yolo_filter_boxes(boxes, conf, probs, threshold=0.3)
    all_scores = (conf * probs).max(-1)
    assert len(scores) == (all_scores >= 0.3).sum() and (scores >= 0.3).all()
    np.testing.assert_allclose(np.sort(scores), np.sort(all_scores[all_scores >= 0.3]))
    assert kept.shape == (len(scores), 4) and classes.dtype == np.int64


def test_targets_decode_back_to_the_true_boxes():
    """yolo_head on logits that reach the targets exactly gives back every true box."""
    anchors = np.array([[1.0, 1.0], [2.5, 2.0]])
    boxes = np.array([[3, 5, 13, 12], [40, 30, 62, 60], [20, 1, 28, 9.5]])
    T = yolo_targets(boxes, [0, 2, 1], [0, 0, 1], 2, (64, 64), (8, 8), anchors)
    assert T[..., 0].sum() == 3
    logit = lambda p: np.log(p / (1 - p))
    feats = np.full(T.shape[:4] + (8,), -30.0)
    o = T[..., 0] > 0
    feats[o, 0:2] = logit(np.clip(T[o, 1:3], 1e-12, 1 - 1e-12))
    feats[o, 2:4] = T[o, 3:5]
    feats[o, 4] = 30.0
    feats[o, 5 + T[o, 5].astype(int)] = 30.0
    xy, wh, conf, probs = yolo_head(feats.reshape(2, 8, 8, -1), anchors, 3)
    for n in range(2):
        scores, found, classes = yolo_eval((xy[n], wh[n], conf[n], probs[n]), (64, 64), score_threshold=0.5)
        truth = boxes[[0, 1] if n == 0 else [2]]
        np.testing.assert_allclose(found[np.argsort(found[:, 0])], truth[np.argsort(truth[:, 0])], atol=1e-6)


def test_yolo_loss_gradient_check():
    rng = np.random.default_rng(4)
    anchors = np.array([[1.0, 1.5], [2.0, 1.0]])
    T = yolo_targets(np.minimum(_random_boxes(rng, 5, 32), 32), rng.integers(0, 3, 5), [0, 0, 1, 2, 2], 3, (32, 32),
                     (4, 4), anchors)
    feats = rng.standard_normal((3, 4, 4, 2 * 8))
    loss = YoloLoss(2)
    loss.forward(feats, T)
    result = check_gradients(lambda: loss.forward(feats, T), {"feats": feats}, {"feats": loss.backward()})
    result.raise_if_failed()


def _coco_reference(dets, gts, n_images):
    pytest.importorskip("pycocotools")
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval
    import contextlib, io
    g_img, g_box, g_cls = gts
    gt = COCO()
    gt.dataset = {"info": {}, "images": [{"id": i} for i in range(n_images)],
                  "categories": [{"id": k} for k in range(int(g_cls.max()) + 2)],
                  "annotations": [{"id": i + 1, "image_id": int(im), "category_id": int(c),
                                   "bbox": corners_to_xywh(b).tolist(), "iscrowd": 0,
                                   "area": float((b[2] - b[0]) * (b[3] - b[1]))}
                                  for i, (im, b, c) in enumerate(zip(g_img, g_box, g_cls))]}
    with contextlib.redirect_stdout(io.StringIO()):
        gt.createIndex()
        d_img, d_box, d_score, d_cls = dets
        dt = gt.loadRes([{"image_id": int(im), "category_id": int(c), "bbox": corners_to_xywh(b).tolist(),
                          "score": float(s)} for im, b, s, c in zip(d_img, d_box, d_score, d_cls)])
        ev = COCOeval(gt, dt, "bbox")
        ev.evaluate(); ev.accumulate(); ev.summarize()
    return ev.stats[0], ev.stats[1]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_map_agrees_with_pycocotools(seed):
    rng = np.random.default_rng(seed)
    n_images, G = 12, 40
    g_img, g_cls = rng.integers(0, n_images, G), rng.integers(0, 3, G)
    g_box = _random_boxes(rng, G, 60)
    # detections: jittered copies of true boxes (some classes wrong, some missed) and clutter
    pick = rng.random(G) < 0.8
    jitter = g_box[pick] + rng.normal(0, 3, (pick.sum(), 4))
    jitter[:, 2:] = np.maximum(jitter[:, 2:], jitter[:, :2] + 0.5)
    d_box = np.concatenate([jitter, _random_boxes(rng, 15, 60)])
    d_img = np.concatenate([g_img[pick], rng.integers(0, n_images, 15)])
    d_cls = np.concatenate([np.where(rng.random(pick.sum()) < 0.9, g_cls[pick], (g_cls[pick] + 1) % 3),
                            rng.integers(0, 4, 15)])
    d_score = rng.uniform(size=len(d_box))
    dets, gts = (d_img, d_box, d_score, d_cls), (g_img, g_box, g_cls)
    coco_ap, coco_ap50 = _coco_reference(dets, gts, n_images)
    assert mean_average_precision(dets, gts, (0.5,)) == pytest.approx(coco_ap50, abs=1e-6)
    assert mean_average_precision(dets, gts, COCO_THRESHOLDS) == pytest.approx(coco_ap, abs=1e-6)


def test_perfect_detections_score_one():
    rng = np.random.default_rng(5)
    g_box, g_img, g_cls = _random_boxes(rng, 10), rng.integers(0, 3, 10), rng.integers(0, 2, 10)
    dets = (g_img, g_box, rng.uniform(size=10), g_cls)
    assert mean_average_precision(dets, (g_img, g_box, g_cls), COCO_THRESHOLDS) == 1.0


# -- bad input --------------------------------------------------------------------

def test_swapped_corners_are_a_clear_error():
    with pytest.raises(ValueError, match="x2 < x1"):
        iou((4, 1, 2, 3), (1, 2, 3, 4))
    with pytest.raises(ValueError, match="x2 < x1 or y2 < y1"):
        non_max_suppression([[0, 5, 4, 2]], [0.9])


def test_boxes_outside_the_image_are_a_clear_error():
    with pytest.raises(ValueError, match="outside the 64x64 image"):
        check_boxes([[10, 10, 70, 20]], (64, 64))
    with pytest.raises(ValueError, match="outside"):
        yolo_targets(np.array([[-5.0, 0, 10, 10]]), [0], [0], 1, (32, 32), (4, 4), [[1.0, 1.0]])


@pytest.mark.parametrize("thr", [-0.1, 1.5, float("nan")])
def test_iou_threshold_outside_unit_interval_is_a_clear_error(thr):
    with pytest.raises(ValueError, match=r"iou_threshold must lie in \[0, 1\]"):
        non_max_suppression([[0, 0, 1, 1]], [0.5], thr)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        yolo_non_max_suppression([0.5], [[0, 0, 1, 1]], [0], iou_threshold=thr)
