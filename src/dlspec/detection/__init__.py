"""Object detection (course 4, week 3): boxes, IoU, score filtering, non-max suppression,
a YOLO-style grid head and loss, ``yolo_eval``, and COCO-style mAP.

Each step is a small function with its own test: ``iou`` replays the course's
0.14285714285714285, NMS is compared with a brute-force version, the loss's gradient is
checked by central differences, and mAP agrees with pycocotools to 1e-6.
"""
from .boxes import (box_iou, center_to_corners, check_boxes, clip_boxes, corners_to_center,
                    corners_to_xywh, iou, scale_boxes, xywh_to_corners, yolo_boxes_to_corners)
from .metrics import COCO_THRESHOLDS, average_precisions, mean_average_precision
from .nms import batched_non_max_suppression, non_max_suppression, yolo_filter_boxes, yolo_non_max_suppression
from .yolo import YoloLoss, kmeans_anchors, shape_iou, yolo_eval, yolo_head, yolo_targets

__all__ = ["box_iou", "center_to_corners", "check_boxes", "clip_boxes", "corners_to_center",
           "corners_to_xywh", "iou", "scale_boxes", "xywh_to_corners", "yolo_boxes_to_corners",
           "COCO_THRESHOLDS", "average_precisions", "mean_average_precision",
           "batched_non_max_suppression", "non_max_suppression", "yolo_filter_boxes",
           "yolo_non_max_suppression", "YoloLoss", "kmeans_anchors", "shape_iou", "yolo_eval",
           "yolo_head", "yolo_targets"]
