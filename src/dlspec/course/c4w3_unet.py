"""Course 4, week 3, "Image Segmentation with U-Net": the course's names.

``conv_block``, ``upsampling_block`` and ``unet_model`` are ``dlspec.models.unet``'s (written as
the course writes them); ``create_mask`` is the course's three ``tf`` calls with dlspec's ops
(``ops.argmax``, a new axis, the first image), on a NumPy array or a tensor.

Pinned source: amanchadha/coursera-deep-learning-specialization @ e9de0f4, "C4 .../Week 3/
Image Segmentation Unet/Image_segmentation_Unet_v2.ipynb" (its printed values come from
TensorFlow's initializers and the CARLA images: not replayable).
"""
from __future__ import annotations

import numpy as np

from .. import ops
from ..models.unet import conv_block, unet_model, upsampling_block

__all__ = ["conv_block", "upsampling_block", "unet_model", "create_mask"]


def create_mask(pred_mask):
    """The first image's class per pixel, (n_H, n_W, 1), from scores (m, n_H, n_W, n_classes)."""
    if np.ndim(pred_mask) != 4:
        raise ValueError("create_mask expects the model's scores (m, n_H, n_W, n_classes); got shape "
                         f"{np.shape(pred_mask)}. Pass unet.predict(images), a batch.")
    pred_mask = ops.argmax(pred_mask, axis=-1)          # (m, n_H, n_W) class ids
    pred_mask = pred_mask[..., ops.newaxis]             # (m, n_H, n_W, 1)
    return pred_mask[0]
