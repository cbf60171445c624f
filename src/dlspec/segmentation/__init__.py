"""Semantic segmentation (course 4, week 3): pixel metrics and mask prediction.

The U-Net itself is ``dlspec.models.unet`` (``conv_block``, ``upsampling_block``,
``unet_model``); its loss is ``dlspec.losses.SparseSoftmaxCrossEntropy``.
"""
from .metrics import confusion_counts, iou_per_class, mean_iou, pixel_accuracy, predict_masks

__all__ = ["confusion_counts", "iou_per_class", "mean_iou", "pixel_accuracy", "predict_masks"]
