"""One ported idiom per op of docs/tensorflow-ops.md: the course's TensorFlow lines with only
``tf.`` replaced (``tf.X`` -> ``ops.X``, ``tf.linalg`` -> ``ops.linalg``...), checked against NumPy."""
import math

import numpy as np
import pytest

import dlspec
from dlspec import GradientTape, Variable, ops, optimizers
from dlspec.nn import Dense, Lambda

rng = np.random.default_rng(0)


def test_scaled_dot_product_attention_as_the_course_writes_it():
    q, k, v = (rng.standard_normal((2, 3, 4)) for _ in range(3))
    mask = np.array([[[1.0, 1.0, 0.0]]])
    matmul_qk = ops.matmul(q, k, transpose_b=True)
    dk = ops.cast(ops.shape(k)[-1], ops.float32)
    scaled_attention_logits = matmul_qk / ops.sqrt(dk)
    scaled_attention_logits += (1. - mask) * -1e9
    attention_weights = ops.keras.activations.softmax(scaled_attention_logits, axis=-1)
    output = ops.matmul(attention_weights, v)
    logits = q @ k.transpose(0, 2, 1) / 2.0 + (1 - mask) * -1e9
    w = np.exp(logits - logits.max(-1, keepdims=True))
    w /= w.sum(-1, keepdims=True)
    np.testing.assert_allclose(output.numpy(), w @ v, rtol=1e-6)


def test_masks_with_newaxis_equal_cast_and_band_part():
    seq = np.array([[7, 6, 0, 0, 1], [1, 2, 3, 0, 0]])
    padding = 1 - ops.cast(ops.equal(seq, 0), ops.float32)
    padding = padding[:, ops.newaxis, :]
    np.testing.assert_array_equal(padding.numpy(), (seq != 0)[:, None, :].astype(np.float32))
    look_ahead = ops.linalg.band_part(ops.ones((1, 3, 3)), -1, 0)
    np.testing.assert_array_equal(look_ahead.numpy(), np.tril(np.ones((1, 3, 3))))
    assert ops.not_equal(seq, 0).dtype == bool and (ops.greater(seq, 2).numpy() == (seq > 2)).all()
    assert (ops.less(seq, 2).numpy() == (seq < 2)).all() and (ops.less_equal(seq, 2).numpy() == (seq <= 2)).all()
    assert (ops.greater_equal(seq, 2).numpy() == (seq >= 2)).all()


def test_jazz_one_hot_of_argmax_and_tensorflow_intro_one_hot_on_axis_0():
    x = rng.standard_normal((4, 90))
    picked = ops.one_hot(ops.argmax(x, -1), 90)
    np.testing.assert_array_equal(picked.numpy(), np.eye(90)[x.argmax(-1)])
    assert ops.argmax(np.array([[1, 5], [9, 2]])).numpy().tolist() == [1, 0]      # axis 0 by default
    label = np.array(3)
    one_hot = ops.reshape(ops.one_hot(label, 6, axis=0), shape=[6, ])
    np.testing.assert_array_equal(one_hot.numpy(), np.eye(6)[3])
    np.testing.assert_array_equal(ops.one_hot(np.array([1, 2]), 3, axis=0).numpy(), np.eye(3)[[1, 2]].T)


def test_tensorflow_intro_forward_propagation_with_variables():
    X = rng.standard_normal((12288, 2)).astype(np.float32)
    image = ops.cast(X[:, 0], ops.float32) / 255.
    assert ops.reshape(image, [-1, ]).shape == (12288,)
    W1 = Variable(rng.standard_normal((25, 12288)).astype(np.float32), name="W1")
    b1 = Variable(np.zeros((25, 1), np.float32), name="b1")
    Z1 = ops.add(ops.matmul(W1, X), b1)
    A1 = ops.relu(Z1)
    Z2 = ops.transpose(ops.sigmoid(A1))
    np.testing.assert_allclose(Z2.numpy(), (1 / (1 + np.exp(-np.maximum(W1.numpy() @ X, 0)))).T, rtol=1e-5)
    assert ops.is_tensor(W1) and not ops.is_tensor(X) and Z2.dtype == np.float32


def test_elementwise_functions_and_reductions():
    x = rng.uniform(0.5, 2.0, (3, 4))
    np.testing.assert_allclose(ops.reduce_sum(ops.square(ops.subtract(x, 1.0))).numpy(), ((x - 1) ** 2).sum())
    np.testing.assert_allclose(ops.reduce_mean(ops.log(x), axis=1, keepdims=True).numpy(), np.log(x).mean(1, keepdims=True))
    np.testing.assert_allclose(ops.reduce_max(ops.exp(-x), axis=0).numpy(), np.exp(-x).max(0))
    np.testing.assert_allclose(ops.divide(ops.sqrt(x), ops.multiply(x, 2.0)).numpy(), np.sqrt(x) / (2 * x))
    np.testing.assert_allclose(ops.tanh(ops.negative(x)).numpy(), np.tanh(-x))
    np.testing.assert_allclose(ops.abs(x - 1.0).numpy(), np.abs(x - 1))
    np.testing.assert_allclose(ops.maximum(0.0, x - 1.0).numpy(), np.maximum(0, x - 1))
    np.testing.assert_allclose(ops.minimum(x, 1.0).numpy(), np.minimum(x, 1))
    np.testing.assert_allclose(ops.softmax(x).numpy().sum(-1), 1.0)


def test_style_transfer_clip_0_1_and_leaky_relu_with_where():
    image = Variable(rng.uniform(-0.5, 1.5, (1, 4, 4, 3)))
    image.assign(ops.clip_by_value(image, clip_value_min=0.0, clip_value_max=1.0))
    assert image.numpy().min() >= 0 and image.numpy().max() <= 1
    x = rng.standard_normal((5,))
    np.testing.assert_allclose(ops.where(x > 0, x, 0.01 * x).numpy(), np.where(x > 0, x, 0.01 * x))


def test_shapes_concat_stack_expand_dims_and_positional_slice():
    a, b = rng.standard_normal((2, 3)), rng.standard_normal((2, 3))
    assert ops.concat([a, b], axis=-1).shape == (2, 6)
    assert ops.stack([a, b], axis=1).shape == (2, 2, 3)
    assert ops.expand_dims(a, 0).shape == (1, 2, 3)
    x = ops.zeros((2, 5, 4))
    pos_encoding = np.arange(40.0).reshape(1, 10, 4)
    seq_len = ops.shape(x)[1]
    x += pos_encoding[:, :seq_len, :]
    np.testing.assert_array_equal(x.numpy()[1], pos_encoding[0, :5])
    assert ops.transpose(ops.ones((2, 3, 4)), perm=[0, 2, 1]).shape == (2, 4, 3)


def test_constants_random_and_lambda():
    assert ops.constant(2.0).dtype == np.float32 and ops.constant([1, 2]).dtype == np.int32
    ops.random.set_seed(1)
    u = ops.random.uniform((3,), minval=-1, maxval=1)
    ops.random.set_seed(1)
    np.testing.assert_array_equal(u.numpy(), ops.random.uniform((3,), minval=-1, maxval=1).numpy())
    assert ops.random.normal((2, 2)).shape == (2, 2)
    x = dlspec.Input((5, 3))
    y = Lambda(lambda z: z[:, 2, :])(x)                 # the course's X[:, t, :] through Lambda
    model = dlspec.Model(x, Dense(2)(y), seed=0)
    assert model.predict(np.ones((4, 5, 3), np.float32)).shape == (4, 2)


def test_gradient_tape_idiom_of_the_tensorflow_introduction():
    w = Variable(0.0, dtype=np.float32)
    optimizer = optimizers.Adam(learning_rate=0.1)        # tf.keras.optimizers.Adam
    for _ in range(500):
        with GradientTape() as tape:
            cost = w ** 2 - 10 * w + 25
        trainable_variables = [w]
        grads = tape.gradient(cost, trainable_variables)
        optimizer.apply_gradients(zip(grads, trainable_variables))
    assert float(w.numpy()) == pytest.approx(5.0, abs=1e-3)
    assert math.isclose(float(cost.numpy()), 0.0, abs_tol=1e-4)
