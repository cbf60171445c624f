"""The translation benchmark: registered, both sides run, and the PyTorch twin computes the same
logits and gradients as attention_nmt with the same weights (float64)."""
import numpy as np
import torch

from dlspec.bench.registry import BenchContext, all_benchmarks
from dlspec.bench.suite._nmt_twin import copy_attention_nmt, torch_attention_nmt
from dlspec.models.attention import attention_nmt


def test_translation_step_runs_on_both_sides():
    bench = {b.name: b for b in all_benchmarks()}["translation-step"]
    assert bench.group == "recurrent"
    case = bench.make(BenchContext(torch=torch, quick=True))
    case.dlspec()
    case.reference()


def test_the_twin_has_the_same_outputs_and_gradients():
    Tx, Ty, n_a, n_s, Vx, Vy, N = 7, 4, 3, 5, 6, 5, 3
    net = attention_nmt(Tx, Ty, n_a, n_s, Vx, Vy, dtype="float64")
    torch.manual_seed(0)
    module = torch_attention_nmt(torch, Tx, Ty, n_a, n_s, Vx, Vy).double()
    copy_attention_nmt(module, net)
    rng = np.random.default_rng(0)
    X, Y_in, Y = rng.integers(0, Vx, (N, Tx)), rng.integers(0, Vy, (N, Ty)), rng.integers(0, Vy, (N, Ty))
    net.model.compile(["softmax_crossentropy"] * Ty)
    inputs = net.inputs(X, Y_in)
    out = net.model.forward(inputs, training=True)
    cost = net.model.loss.forward(out, list(Y.T))
    net.model.backward(net.model.loss.backward(), input_grad=False)
    logits = module(torch.from_numpy(inputs[0]), torch.from_numpy(inputs[1]))
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, Vy), torch.from_numpy(Y).reshape(-1),
                                             reduction="sum") / N
    loss.backward()
    np.testing.assert_allclose(np.stack(out, 1), logits.detach().numpy(), rtol=1e-10, atol=1e-12)
    assert abs(float(cost) - loss.item()) < 1e-10
    L = net.layers
    order = lambda H: np.r_[H:2 * H, 0:H, 2 * H:4 * H]
    g = lambda name: dict(module.named_parameters())[name].grad.numpy()
    np.testing.assert_allclose(L.output.grads["W"], g("output.weight").T, atol=1e-10)
    np.testing.assert_allclose(L.densor1.grads["W"], g("densor1.weight").T, atol=1e-10)
    np.testing.assert_allclose(L.densor2.grads["b"], g("densor2.bias"), atol=1e-10)
    np.testing.assert_allclose(L.cell.grads["Wx"], g("cell.weight_ih")[order(n_s)].T, atol=1e-10)
    np.testing.assert_allclose(L.encoder.grads["backward_Wa"],
                               g("encoder.weight_hh_l0_reverse")[order(n_a)].T, atol=1e-10)
    np.testing.assert_allclose(L.encoder.grads["forward_b"],
                               (g("encoder.bias_ih_l0"))[order(n_a)], atol=1e-10)
