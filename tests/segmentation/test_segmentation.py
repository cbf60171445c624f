"""U-Net, its pixel-wise loss and metrics, the generated scenes, and their bad-input errors."""
import numpy as np
import pytest

from dlspec.data.scenes import draw_scenes
from dlspec.losses import SparseSoftmaxCrossEntropy
from dlspec.models.unet import conv_block, unet_model, upsampling_block
from dlspec.nn import Conv1D, Conv2DTranspose, Input, UpSampling2D
from dlspec.segmentation import iou_per_class, mean_iou, pixel_accuracy


def test_unet_has_the_course_parameter_count_and_shapes():
    model = unet_model((96, 128, 3), n_filters=32, n_classes=23)
    assert model.count_params() == 8640471
    small = unet_model((32, 48, 3), n_filters=4, n_classes=5)
    assert small.predict(np.zeros((2, 32, 48, 3), np.float32)).shape == (2, 32, 48, 5)


def test_blocks_follow_the_course():
    x = Input((16, 16, 3))
    next_layer, skip = conv_block(x, 8, dropout_prob=0.3)
    assert next_layer.shape == (8, 8, 8) and skip.shape == (16, 16, 8)
    assert conv_block(x, 8, max_pooling=False)[0].shape == (16, 16, 8)
    assert upsampling_block(next_layer, skip, 4).shape == (16, 16, 4)


def test_unet_size_not_multiple_of_16_is_a_clear_error():
    with pytest.raises(ValueError, match="multiples of 16"):
        unet_model((100, 128, 3))


def test_metrics_match_scikit_learn():
    sklearn = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(0)
    true, pred = rng.integers(0, 4, (3, 8, 9)), rng.integers(0, 4, (3, 8, 9))
    pred[true == 2] = 2
    np.testing.assert_allclose(iou_per_class(true, pred, 4),
                               sklearn.jaccard_score(true.ravel(), pred.ravel(), average=None))
    assert mean_iou(true, pred, 4) == pytest.approx(sklearn.jaccard_score(true.ravel(), pred.ravel(),
                                                                          average="macro"))
    assert pixel_accuracy(true, pred) == pytest.approx(sklearn.accuracy_score(true.ravel(), pred.ravel()))


def test_absent_class_is_left_out_of_the_mean():
    true = np.array([[0, 0, 1, 1]])
    assert np.isnan(iou_per_class(true, true, 3)[2])
    assert mean_iou(true, true, 3) == 1.0


def test_masks_with_more_classes_than_the_model_are_a_clear_error():
    loss = SparseSoftmaxCrossEntropy()
    with pytest.raises(ValueError, match="model predicts 4 classes"):
        loss.forward(np.zeros((1, 2, 2, 4)), np.array([[[0, 1], [2, 5]]]))
    model = unet_model((16, 16, 3), n_filters=2, n_classes=3)
    model.compile("sparse_softmax_crossentropy", "adam")
    with pytest.raises(ValueError, match="model predicts 3 classes"):
        model.fit(np.zeros((2, 16, 16, 3), np.float32), np.full((2, 16, 16), 3), epochs=1, verbose=0)
    with pytest.raises(ValueError, match="outside"):
        mean_iou(np.array([0, 5]), np.array([0, 1]), 3)


def test_scenes_boxes_are_the_tight_boxes_of_their_masks():
    scenes = draw_scenes(20, size=(48, 64), num_classes=4, rng=1)
    assert scenes.images.shape == (20, 48, 64, 3) and scenes.images.dtype == np.float32
    for n in range(20):
        boxes, classes = scenes.boxes_of(n)
        for box, c in zip(boxes, classes):
            x1, y1, x2, y2 = box
            inside = scenes.masks[n, int(np.ceil(y1 - 0.5)):int(y2 + 0.5), int(np.ceil(x1 - 0.5)):int(x2 + 0.5)]
            assert (inside == c + 1).any()
        assert set(np.unique(scenes.masks[n])) <= {0, *(classes + 1)}
    assert (draw_scenes(3, rng=5).images == draw_scenes(3, rng=5).images).all()


def test_layer_arguments_are_checked():
    with pytest.raises(ValueError, match="smaller than the strides"):
        Conv2DTranspose(4, 3, strides=2, output_padding=2)
    with pytest.raises(ValueError, match="padding"):
        Conv2DTranspose(4, 3, padding="full")
    with pytest.raises(ValueError, match="empty output"):
        Conv2DTranspose(2, 3, padding=3).forward(np.zeros((1, 2, 2, 1)))
    with pytest.raises(ValueError, match="nearest"):
        UpSampling2D(2, interpolation="bilinear")
    with pytest.raises(ValueError, match=r"\(N, T, C\)"):
        Conv1D(4, 3).forward(np.zeros((2, 5, 5, 1)))
