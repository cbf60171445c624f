"""Campaign (issue 28): BLEU, NMS, IoU and mAP with mismatched lengths, NaN scores, no ground truth."""
import numpy as np

from dlspec.detection.boxes import box_iou, check_boxes, iou
from dlspec.detection.metrics import average_precisions, mean_average_precision
from dlspec.detection.nms import (batched_non_max_suppression, non_max_suppression,
                                  yolo_filter_boxes, yolo_non_max_suppression)
from dlspec.text.bleu import corpus_bleu, sentence_bleu

from campaign import cases, clean_error

H, R = ["the cat sat"], [["the cat sat"]]
BOX = np.array([[0, 0, 2, 2], [1, 1, 3, 3.]])
SC = np.array([0.9, 0.8])
DET = (np.array([0, 0]), BOX, SC, np.array([0, 0]))
GT = (np.array([0]), BOX[:1], np.array([0]))


def det(**kw):
    d = dict(zip(("image_ids", "boxes", "scores", "classes"), DET))
    d.update(kw)
    return tuple(d.values())


def gt(**kw):
    g = dict(zip(("image_ids", "boxes", "classes"), GT))
    g.update(kw)
    return tuple(g.values())


BLEU = cases(
    ("bleu-max-order-0", lambda: corpus_bleu(H, R, max_order=0), r"max_order"),
    ("bleu-max-order-float", lambda: corpus_bleu(H, R, max_order=2.0), r"max_order"),
    ("bleu-smoothing-typo", lambda: corpus_bleu(H, R, smoothing="expo"), r"smoothing.*expo"),
    ("bleu-smooth-value-neg", lambda: corpus_bleu(H, R, smoothing="floor", smooth_value=-1), r"smooth_value"),
    ("bleu-smooth-value-nan", lambda: corpus_bleu(H, R, smoothing="add-k", smooth_value=float("nan")), r"smooth_value"),
    ("bleu-smooth-value-str", lambda: corpus_bleu(H, R, smoothing="floor", smooth_value="0.1"), r"smooth_value"),
    ("bleu-effective-order-str", lambda: corpus_bleu(H, R, effective_order="yes"), r"effective_order"),
    ("bleu-more-refs-than-hyps", lambda: corpus_bleu(H, R * 3), r"one list of references per hypothesis"),
    ("bleu-refs-none", lambda: corpus_bleu(H, None), r"references"),
    ("bleu-hyps-none", lambda: corpus_bleu(None, R), r"hypotheses"),
    ("bleu-hyp-none-entry", lambda: corpus_bleu([None], R), r"hypothesis 0"),
    ("bleu-ref-number", lambda: corpus_bleu(H, [[3]]), r"reference"),
    ("bleu-hyp-dict", lambda: corpus_bleu([{"a": 1}], R), r"hypothesis"),
    ("bleu-refs-generator-short", lambda: corpus_bleu(H * 2, (r for r in R)), r"2 hypotheses"),
    ("bleu-sentence-refs-empty", lambda: sentence_bleu("the cat", []), r"no reference"),
    ("bleu-hyp-set", lambda: sentence_bleu({"a", "b"}, ["a b"]), r"hypothesis 0.*list of tokens"),
    ("bleu-hyp-nested", lambda: corpus_bleu([[["a"]]], R), r"hypothesis 0"),
    ("bleu-ref-none", lambda: corpus_bleu(H, [[None]]), r"reference of hypothesis 0"),
    ("bleu-hyps-a-string", lambda: corpus_bleu("the cat", R), r"sentence_bleu"),
    ("bleu-refs-a-string", lambda: corpus_bleu(H, "the cat"), r"references"),
)


@BLEU
def test_bleu(thunk, match):
    clean_error(thunk, match)


DETECTION = cases(
    ("nms-scores-short", lambda: non_max_suppression(BOX, SC[:1]), r"scores.*one value per box \(2"),
    ("nms-scores-long", lambda: non_max_suppression(BOX, np.ones(5)), r"scores.*one value per box \(2 of them\); got 5"),
    ("nms-scores-nan", lambda: non_max_suppression(BOX, np.array([0.9, np.nan])), r"scores.*NaN"),
    ("nms-scores-str", lambda: non_max_suppression(BOX, np.array(["a", "b"])), r"scores"),
    ("nms-scores-2d", lambda: non_max_suppression(BOX, np.ones((2, 2))), r"scores"),
    ("nms-max-boxes-0", lambda: non_max_suppression(BOX, SC, max_boxes=0), r"max_boxes"),
    ("nms-max-boxes-neg", lambda: non_max_suppression(BOX, SC, max_boxes=-1), r"max_boxes"),
    ("nms-max-boxes-float", lambda: non_max_suppression(BOX, SC, max_boxes=1.5), r"max_boxes"),
    ("nms-iou-nan", lambda: non_max_suppression(BOX, SC, iou_threshold=float("nan")), r"iou_threshold"),
    ("nms-iou-str", lambda: non_max_suppression(BOX, SC, iou_threshold="0.5"), r"iou_threshold"),
    ("nms-boxes-3", lambda: non_max_suppression(np.ones((2, 3)), SC), r"\(\.\.\., 4\)"),
    ("nms-boxes-nan", lambda: non_max_suppression(np.full((2, 4), np.nan), SC), r"NaN"),
    ("nms-boxes-strings", lambda: non_max_suppression(np.array([["a"] * 4] * 2), SC), r"boxes"),
    ("batched-groups-short", lambda: batched_non_max_suppression(BOX, SC, np.array([0])), r"groups"),
    ("batched-groups-float", lambda: batched_non_max_suppression(BOX, SC, np.array([0.5, 1])), r"groups"),
    ("batched-scores-nan", lambda: batched_non_max_suppression(BOX, np.array([np.nan, 1]), np.array([0, 1])), r"NaN"),
    ("yolo-nms-classes-short", lambda: yolo_non_max_suppression(SC, BOX, np.array([0])), r"classes"),
    ("yolo-nms-scores-nan", lambda: yolo_non_max_suppression(np.array([np.nan, 1]), BOX, np.array([0, 0])), r"NaN"),
    ("yolo-nms-max-boxes-0", lambda: yolo_non_max_suppression(SC, BOX, np.array([0, 0]), max_boxes=0), r"max_boxes"),
    ("yolo-nms-max-boxes-neg", lambda: yolo_non_max_suppression(SC, BOX, np.array([0, 0]), max_boxes=-3), r"max_boxes"),
    ("yolo-filter-threshold-nan", lambda: yolo_filter_boxes(BOX, np.ones((2, 1)), np.ones((2, 3)), threshold=float("nan")), r"threshold"),
    ("yolo-filter-threshold-str", lambda: yolo_filter_boxes(BOX, np.ones((2, 1)), np.ones((2, 3)), threshold="0.6"), r"threshold"),
    ("yolo-filter-confidence-mismatch", lambda: yolo_filter_boxes(BOX, np.ones((3, 1)), np.ones((2, 3))), r"box_confidence"),
    ("yolo-filter-boxes-mismatch", lambda: yolo_filter_boxes(np.ones((5, 4)), np.ones((2, 1)), np.ones((2, 3))), r"boxes"),
    ("yolo-filter-probs-nan", lambda: yolo_filter_boxes(BOX, np.ones((2, 1)), np.full((2, 3), np.nan)), r"NaN"),
    ("iou-short-box", lambda: iou((0, 0, 1), (0, 0, 1, 1)), r"4"),
    ("iou-nan", lambda: iou((0, 0, np.nan, 1), (0, 0, 1, 1)), r"NaN"),
    ("iou-swapped", lambda: iou((2, 2, 0, 0), (0, 0, 1, 1)), r"x2 < x1"),
    ("box-iou-3-columns", lambda: box_iou(np.ones((2, 3)), BOX), r"\(\.\.\., 4\)"),
    ("check-boxes-image-shape-bad", lambda: check_boxes(BOX, image_shape=(2,)), r"image_shape"),
    ("map-scores-short", lambda: mean_average_precision(det(scores=SC[:1]), GT), r"scores"),
    ("map-classes-short", lambda: mean_average_precision(det(classes=np.array([0])), GT), r"classes"),
    ("map-image-ids-short", lambda: mean_average_precision(det(image_ids=np.array([0])), GT), r"image_ids"),
    ("map-gt-classes-short", lambda: mean_average_precision(DET, gt(classes=np.array([0, 0]))), r"classes"),
    ("map-scores-nan", lambda: mean_average_precision(det(scores=np.array([np.nan, 0.5])), GT), r"NaN"),
    ("map-no-ground-truth", lambda: mean_average_precision(DET, gt(image_ids=np.zeros(0), boxes=np.zeros((0, 4)), classes=np.zeros(0))), r"ground truth|no true box"),
    ("map-negative-class", lambda: mean_average_precision(det(classes=np.array([0, -1])), GT), r"class"),
    ("map-float-class", lambda: mean_average_precision(det(classes=np.array([0, 0.5])), GT), r"class"),
    ("map-threshold-nan", lambda: mean_average_precision(DET, GT, iou_thresholds=(float("nan"),)), r"threshold"),
    ("map-thresholds-empty", lambda: mean_average_precision(DET, GT, iou_thresholds=()), r"iou_thresholds"),
    ("map-threshold-scalar", lambda: mean_average_precision(DET, GT, iou_thresholds=0.5), r"iou_thresholds"),
    ("map-max-dets-0", lambda: mean_average_precision(DET, GT, max_dets=0), r"max_dets"),
    ("map-max-dets-float", lambda: mean_average_precision(DET, GT, max_dets=2.5), r"max_dets"),
    ("map-detections-three", lambda: mean_average_precision(DET[:3], GT), r"detections"),
    ("map-ground-truth-four", lambda: mean_average_precision(DET, DET), r"ground_truth"),
    ("ap-scores-str", lambda: average_precisions(det(scores=np.array(["a", "b"])), GT), r"scores"),
)


@DETECTION
def test_detection(thunk, match):
    clean_error(thunk, match)
