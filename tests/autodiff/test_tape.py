"""GradientTape, Variable and eager tensors: TensorFlow's semantics, gradients against torch."""
import warnings

import numpy as np
import pytest
import torch

import dlspec
from dlspec import GradientTape, Variable, ops
from dlspec.nn import Dense


def test_gradient_of_a_chain_of_ops_matches_torch_with_broadcasting_both_ways():
    rng = np.random.default_rng(0)
    A, B, W, b = (rng.standard_normal(s) for s in [(4, 1, 3), (5, 1), (3, 2), (2,)])
    a, bv, w, bias = (Variable(v) for v in (A, B, W, b))
    with GradientTape() as tape:
        z = ops.matmul(ops.tanh(a * bv + 1.0), w) + bias        # (4, 5, 3) @ (3, 2) + (2,)
        J = ops.reduce_mean(ops.square(ops.sigmoid(z) - 0.5)) + ops.reduce_sum(ops.exp(-ops.abs(a)) / 3)
    grads = tape.gradient(J, [a, bv, w, bias])
    ts = [torch.tensor(v, requires_grad=True) for v in (A, B, W, b)]
    zt = torch.tanh(ts[0] * ts[1] + 1.0) @ ts[2] + ts[3]
    Jt = ((torch.sigmoid(zt) - 0.5) ** 2).mean() + (torch.exp(-ts[0].abs()) / 3).sum()
    Jt.backward()
    assert J.numpy() == pytest.approx(Jt.item(), rel=1e-12)
    for g, t in zip(grads, ts):
        assert g.shape == t.shape                      # summed back to each operand's shape
        np.testing.assert_allclose(g.numpy(), t.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_variables_keep_numpy_dtype_and_python_numbers_become_float32():
    assert Variable(np.zeros(3)).dtype == np.float64
    assert Variable([1.0, 2.0]).dtype == np.float32
    assert Variable(3).dtype == np.int32
    v = Variable(np.ones(2))
    v.assign_sub(np.array([0.5, 1.5]))
    np.testing.assert_array_equal(v.numpy(), [0.5, -0.5])
    with pytest.raises(ValueError, match="shape"):
        v.assign(np.ones(3))


def test_eager_tensors_look_like_arrays():
    t = ops.constant([[1.0, 2.0]]) * 3.0
    assert isinstance(t, dlspec.Tensor) and t.shape == (1, 2) and t.dtype == np.float32
    np.testing.assert_array_equal(np.asarray(t), [[3.0, 6.0]])
    assert ops.is_tensor(t) and ops.is_tensor(Variable(1.0)) and not ops.is_tensor(np.ones(2))
    assert isinstance(np.ones((2, 1)) @ t, dlspec.Tensor)      # NumPy on the left is recorded too
    assert isinstance(1.0 - t, dlspec.Tensor)


def test_numpy_on_either_side_is_recorded_under_the_tape():
    X = np.arange(6.0).reshape(3, 2)
    v = Variable(np.array([[1.0], [2.0]]))
    with GradientTape() as tape:
        J = ops.reduce_sum(1.0 - X @ v)
    np.testing.assert_allclose(tape.gradient(J, v).numpy(), -X.sum(axis=0, keepdims=True).T)


def test_unreached_variable_and_integer_paths_get_none():
    v, u = Variable(np.array([0.3, 2.0, 1.0])), Variable(np.ones(2))
    with GradientTape() as tape:
        picked = ops.one_hot(ops.argmax(v), 3)               # no gradient through argmax/one_hot
        J = ops.reduce_sum(picked * 2.0) + ops.reduce_sum(ops.cast(v, ops.int32))
    assert tape.gradient(J, [v, u]) == [None, None]


def test_non_scalar_target_is_summed_and_persistent_tapes_answer_twice():
    x = ops.constant([1.0, 2.0, 3.0])
    with GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        z = ops.reduce_sum(y)
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [2.0, 4.0, 6.0])
    np.testing.assert_allclose(tape.gradient(z, x).numpy(), [2.0, 4.0, 6.0])


def test_unwatched_tensor_gets_none_and_finished_tape_says_so():
    x = ops.constant([1.0, 2.0])
    with GradientTape() as tape:
        y = ops.reduce_sum(x * x)
    assert tape.gradient(y, x) is None
    with pytest.raises(RuntimeError, match="persistent=True"):
        tape.gradient(y, x)


def test_layer_calls_under_the_tape_give_gradients_of_their_variables():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((6, 4))
    dense = Dense(3, activation="tanh")
    with GradientTape() as tape:
        h = dense(X)
        h2 = dense(np.tanh(X[:, :4]))                  # the same layer called twice: grads summed
        J = ops.reduce_sum(h * h) + ops.reduce_sum(h2)
    gW, gb = tape.gradient(J, dense.trainable_variables)
    Wt = torch.tensor(dense.params["W"].astype(np.float64), requires_grad=True)
    bt = torch.tensor(dense.params["b"].astype(np.float64), requires_grad=True)
    Xt = torch.tensor(X)
    ht = torch.tanh(Xt.float().double() @ Wt + bt)
    h2t = torch.tanh(torch.tanh(Xt) @ Wt + bt)
    ((ht * ht).sum() + h2t.sum()).backward()
    np.testing.assert_allclose(gW.numpy(), Wt.grad.numpy(), rtol=1e-4, atol=1e-5)   # float32 layer
    np.testing.assert_allclose(gb.numpy(), bt.grad.numpy(), rtol=1e-4, atol=1e-5)


def test_apply_gradients_updates_variables_and_layers_skipping_none_with_a_warning():
    dense = Dense(2)
    dense.build((3,), np.random.default_rng(0), "float64")
    w = Variable(np.array([1.0, -1.0]))
    before = dense.params["W"].copy()
    X = np.ones((4, 3))
    opt = dlspec.Adam(0.1)
    with GradientTape() as tape:
        J = ops.reduce_sum(dense(X)) + ops.reduce_sum(w * w)
    variables = dense.trainable_variables + [w, Variable(np.zeros(1), name="unused")]
    grads = tape.gradient(J, variables)
    assert grads[-1] is None
    with pytest.warns(UserWarning, match="unused"):
        opt.apply_gradients(zip(grads, variables))
    assert not np.allclose(dense.params["W"], before)              # the layer's own array moved
    np.testing.assert_allclose(w.numpy(), [0.9, -0.9])              # Adam's first step: lr * sign
    assert set(opt.slots) == {"dense.W", "dense.b", w.name}


def test_symbolic_ops_build_a_model_that_gradchecks():
    x = dlspec.Input((4,))
    h = Dense(3, activation="tanh")(x)
    y = ops.reduce_sum(ops.square(h[:, :, None] * h[:, None, :]) - 0.5 * h[:, None, :], axis=2)
    model = dlspec.Model(x, ops.softmax(y), dtype="float64")
    X = np.random.default_rng(0).standard_normal((5, 4))
    Y = np.eye(3)[[0, 1, 2, 0, 1]]
    dlspec.gradcheck_model(model, X, Y, loss=dlspec.losses.MeanSquaredError(), inputs=True).raise_if_failed()


def test_python_if_on_a_symbolic_tensor_names_ops_where():
    x = dlspec.Input((3,))
    with pytest.raises(TypeError, match="dlspec.ops.where"):
        if x > 0:
            pass


def test_shapes_that_do_not_broadcast_name_the_op_and_both_shapes():
    with pytest.raises(ValueError, match=r"add: shapes \(2, 3\) and \(4,\) do not broadcast"):
        ops.add(np.ones((2, 3)), np.ones(4))
    x = dlspec.Input((3,))
    with pytest.raises(ValueError, match=r"multiply: shapes \(N, 3\) and \(4,\)"):
        x * np.ones(4)


def test_random_is_seeded():
    ops.random.set_seed(3)
    a = ops.random.uniform((2, 2)).numpy()
    ops.random.set_seed(3)
    np.testing.assert_array_equal(a, ops.random.uniform((2, 2)).numpy())
    assert a.dtype == np.float32 and (a >= 0).all() and (a < 1).all()


def test_shape_is_a_slice_bound_and_band_part_makes_the_look_ahead_mask():
    x = ops.constant(np.zeros((2, 3, 4)))
    pe = np.arange(10.0)[None, :, None]
    assert pe[:, :ops.shape(x)[1], :].shape == (1, 3, 1)
    mask = ops.linalg.band_part(ops.ones((3, 3)), -1, 0)
    np.testing.assert_array_equal(mask.numpy(), np.tril(np.ones((3, 3))))


def test_no_warning_for_a_complete_step():
    v = Variable(np.ones(2))
    with GradientTape() as tape:
        J = ops.reduce_sum(v * 2.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dlspec.GradientDescent(0.5).apply_gradients(zip([tape.gradient(J, v)], [v]))
    np.testing.assert_allclose(v.numpy(), [0.0, 0.0])
