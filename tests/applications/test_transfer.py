"""The course's alpaca_model: frozen base in inference mode, new head, fine-tuning from layer N."""
import numpy as np
import pytest

from dlspec.applications.graph import headless, layer_output
from dlspec.applications.transfer import alpaca_model, data_augmenter, fine_tune
from dlspec.data.augment import RandomRotation
from dlspec.models import zoo
from dlspec.optim import Adam

rng = np.random.default_rng(0)


def _base():
    source = zoo.small_resnet((16, 16, 1), 5, width=4, seed=0)
    return source, headless(source)


def test_only_the_head_trains_and_the_frozen_batch_norms_keep_their_statistics():
    source, base = _base()
    model = alpaca_model(base, (16, 16, 1), num_classes=3)
    before = {k: v.copy() for k, v in base.params.items()}
    state = {k: v.copy() for k, v in base.state.items()}
    assert state, "the small ResNet has batch norms"
    model.compile("softmax_crossentropy", Adam(0.01))
    model.fit(rng.random((12, 16, 16, 1)), rng.integers(0, 3, 12), epochs=2, batch_size=4, verbose=0)
    for k in before:
        np.testing.assert_array_equal(base.params[k], before[k])
    for k in state:
        np.testing.assert_array_equal(base.state[k], state[k])
    assert [n for n, _, _ in model.named_params_and_grads()] == ["dense.W", "dense.b"]
    # the base shares the source model's layers: its weights are the pretrained ones
    assert base.layers[1] is source.layers[1]


def test_fine_tuning_unfreezes_from_layer_n_only():
    _, base = _base()
    model = alpaca_model(base, (16, 16, 1), num_classes=3)
    n = len(base.layers) // 2
    trainable = fine_tune(model, base, n, learning_rate=0.001)
    assert model.optimizer.learning_rate == pytest.approx(0.001)
    assert [l.trainable for l in base.layers] == [False] * n + [True] * (len(base.layers) - n)
    frozen = {k: v.copy() for k, v in base.layers[2].params.items()}
    model.fit(rng.random((8, 16, 16, 1)), rng.integers(0, 3, 8), epochs=1, batch_size=4, verbose=0)
    for k, v in frozen.items():
        np.testing.assert_array_equal(base.layers[2].params[k], v)
    assert 0 < trainable < model.count_params()
    with pytest.raises(ValueError, match="fine_tune_at must be a layer index"):
        fine_tune(model, base, 999, 0.001)


def test_images_of_the_wrong_size_for_a_frozen_base_are_a_clear_error():
    _, base = _base()
    with pytest.raises(ValueError, match=r"built for images of shape \(16, 16, 1\); got image_shape=\(32, 32, 3\)"):
        alpaca_model(base, (32, 32, 3))
    model = alpaca_model(base, (16, 16, 1))
    with pytest.raises(ValueError, match=r"expects arrays of shape \(N, 16, 16, 1\)"):
        model.predict(np.zeros((2, 32, 32, 1)))


def test_data_augmenter_is_the_courses_flip_and_rotation():
    augment = data_augmenter()
    assert [type(t).__name__ for t in augment.transforms] == ["RandomFlip", "RandomRotation"]
    assert augment.transforms[1].max_degrees == pytest.approx(72.0)     # Keras's factor 0.2 of a turn
    assert isinstance(data_augmenter(flip=False).transforms[0], RandomRotation)
    X = rng.random((4, 8, 8, 1)).astype(np.float32)
    assert augment(X, np.random.default_rng(0)).dtype == np.float32


def test_layer_lookup_errors_name_the_layers():
    source, _ = _base()
    with pytest.raises(ValueError, match="has no layer named 'nope'; its layers are"):
        layer_output(source, "nope")
    with pytest.raises(ValueError, match="no GlobalAveragePooling2D layer"):
        headless(zoo.vgg19((32, 32, 3), include_top=False, width=0.05))
