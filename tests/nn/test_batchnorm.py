"""Batch norm beyond the harness: running statistics against torch, inference, bad input."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dlspec.functional.batchnorm import batch_statistics
from dlspec.nn import BatchNormalization


@pytest.mark.parametrize("shape", [(16, 5), (4, 3, 3, 6)])
def test_running_statistics_match_torch_over_many_steps(shape):
    """Our momentum is the course's beta: torch's momentum = 1 - beta; both use the unbiased
    batch variance for the running variance."""
    rng = np.random.default_rng(0)
    bn = BatchNormalization(momentum=0.8, epsilon=1e-5)
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
    np.testing.assert_allclose(y.var(axis=(0, 1, 2)), 1, atol=1e-3)


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
