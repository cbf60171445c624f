"""Batch norm beyond the harness: Keras's defaults, running statistics against torch, axis, bad input."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dlspec.functional.batchnorm import batch_statistics
from dlspec.nn import TORCH_BATCHNORM, BatchNormalization, LayerNormalization


@pytest.mark.parametrize("shape", [(16, 5), (4, 3, 3, 6)])
def test_running_statistics_match_torch_over_many_steps(shape):
    """Our momentum is the course's beta: torch's momentum = 1 - beta; with
    moving_variance="unbiased" both use the unbiased batch variance for the running variance."""
    rng = np.random.default_rng(0)
    bn = BatchNormalization(momentum=0.8, epsilon=1e-5, moving_variance="unbiased")
    C = shape[-1]
    rm, rv = torch.zeros(C, dtype=torch.float64), torch.ones(C, dtype=torch.float64)
    for step in range(10):
        x = rng.standard_normal(shape) * (step + 1) + step
        y = bn.forward(x, training=True)
        y_t = F.batch_norm(torch.tensor(x.reshape(-1, C)), rm, rv, training=True, momentum=0.2, eps=1e-5)
        np.testing.assert_allclose(y.reshape(-1, C), y_t.numpy(), rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(bn.state["running_mean"], rm.numpy(), rtol=1e-10)
    np.testing.assert_allclose(bn.state["running_var"], rv.numpy(), rtol=1e-10)
    x = rng.standard_normal(shape)
    y_t = F.batch_norm(torch.tensor(x.reshape(-1, C)), rm, rv, training=False, eps=1e-5)
    np.testing.assert_allclose(bn.forward(x).reshape(-1, C), y_t.numpy(), rtol=1e-7, atol=1e-10)


def test_training_output_is_normalized_per_channel_over_n_h_w():
    x = np.random.default_rng(1).standard_normal((8, 4, 4, 3)) * [1, 5, 10] + [0, -3, 7]
    y = BatchNormalization().forward(x, training=True)
    np.testing.assert_allclose(y.mean(axis=(0, 1, 2)), 0, atol=1e-12)
    var = x.var(axis=(0, 1, 2))
    np.testing.assert_allclose(y.var(axis=(0, 1, 2)), var / (var + 1e-3), rtol=1e-9)   # epsilon 1e-3


def test_statistics_are_taken_over_every_axis_but_the_last():
    x = np.random.default_rng(2).standard_normal((2, 3, 4))
    mu, var = batch_statistics(x)
    np.testing.assert_allclose(mu, x.reshape(-1, 4).mean(0))
    np.testing.assert_allclose(var, x.reshape(-1, 4).var(0))


def test_float32_state_stays_float32():
    bn = BatchNormalization()
    bn.forward(np.ones((4, 3), np.float32) * np.arange(4, dtype=np.float32)[:, None], training=True)
    assert bn.state["running_mean"].dtype == np.float32 and bn.state["running_var"].dtype == np.float32


def test_a_single_value_per_feature_in_training_is_a_clear_error():
    with pytest.raises(ValueError, match="more than one value per feature"):
        BatchNormalization().forward(np.ones((1, 3)), training=True)
    BatchNormalization().forward(np.ones((1, 3)))      # inference is fine


@pytest.mark.parametrize("kwargs, match", [({"momentum": 1.0}, r"momentum.*\[0, 1\)"),
                                           ({"momentum": -0.1}, "momentum"),
                                           ({"epsilon": 0}, "epsilon")])
def test_bad_hyperparameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        BatchNormalization(**kwargs)


def test_the_defaults_are_keras_epsilon_momentum_and_biased_moving_variance():
    """The silent trap of issue 24: dlspec's defaults were PyTorch's (1e-5, 0.9, unbiased),
    so the course's Keras checks missed by about 0.15%."""
    bn = BatchNormalization()
    assert (bn.epsilon, bn.momentum, bn.moving_variance) == (1e-3, 0.99, "biased")
    rng = np.random.default_rng(3)
    mean, var = np.zeros(4), np.ones(4)
    for step in range(5):                   # Keras's update, written out
        x = rng.standard_normal((10, 4)) * (step + 2) + step
        y = bn.forward(x, training=True)
        mean = 0.99 * mean + 0.01 * x.mean(0)
        var = 0.99 * var + 0.01 * x.var(0)
        np.testing.assert_allclose(y, (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-3), rtol=1e-10)
    np.testing.assert_allclose(bn.state["running_mean"], mean, rtol=1e-12)
    np.testing.assert_allclose(bn.state["running_var"], var, rtol=1e-12)
    assert LayerNormalization().epsilon == 1e-3


def test_torch_values_are_one_explicit_argument():
    bn = BatchNormalization(**TORCH_BATCHNORM)
    assert (bn.epsilon, bn.momentum, bn.moving_variance) == (1e-5, 0.9, "unbiased")


@pytest.mark.parametrize("axis, shape", [(3, (2, 3, 3, 4)), (-1, (2, 3, 3, 4)), (1, (5, 4))])
def test_axis_names_the_last_axis_as_keras_writes_it(axis, shape):
    y = BatchNormalization(axis=axis).forward(np.random.default_rng(0).standard_normal(shape), training=True)
    np.testing.assert_allclose(y.reshape(-1, 4).mean(0), 0, atol=1e-12)


def test_another_axis_is_refused_with_the_reason():
    with pytest.raises(ValueError, match=r"axis=1.*last axis.*NHWC"):
        BatchNormalization(axis=1).forward(np.ones((2, 3, 3, 4)), training=True)


def test_a_config_saved_before_keras_defaults_keeps_the_unbiased_update():
    from dlspec.io.registry import deserialize
    old = deserialize({"class": "BatchNormalization",
                       "config": {"momentum": 0.9, "epsilon": 1e-5, "name": "bn"}})
    assert (old.epsilon, old.momentum, old.moving_variance) == (1e-5, 0.9, "unbiased")
    new = deserialize({"class": "BatchNormalization", "config": BatchNormalization().get_config()})
    assert new.get_config() == BatchNormalization(name=new.name).get_config()
