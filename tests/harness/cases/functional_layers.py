"""Layers for the course's functional-API models (course 5's attention, Jazz, triplet
encoders): RepeatVector, Softmax over an axis, Reshape, Permute, Multiply, Dot, and Dense over
the last axis of (N, T, D) with Keras's ``activation``."""
import torch
import torch.nn.functional as F

from dlspec.nn import Dense, Dot, Multiply, Permute, RepeatVector, Reshape, Slice, Softmax
from harness import LayerCase


def _cosine(x, y, dim_x, dim_y):
    return F.normalize(x, dim=dim_x, eps=1e-12), F.normalize(y, dim=dim_y, eps=1e-12)


def torch_dense(activation):
    def forward(x, p, layer):
        Z = x @ p["W"] + p["b"]
        return {None: Z, "linear": Z, "tanh": torch.tanh(Z), "relu": torch.relu(Z),
                "sigmoid": torch.sigmoid(Z), "softmax": torch.softmax(Z, dim=-1)}[activation]
    return forward


def _dense(activation, shape=(3, 4, 5)):
    return LayerCase(f"dense-{activation}-{len(shape)}d", lambda: Dense(6, activation=activation),
                     shape, torch_dense(activation))


CASES = [
    # the course's Jazz model takes X[:, t, :] at every step
    LayerCase("slice-time-step", lambda: Slice((2, slice(None))), (3, 5, 4), lambda x, p, l: x[:, 2, :]),
    LayerCase("slice-range-and-index", lambda: Slice((slice(1, 4), 0)), (2, 5, 3), lambda x, p, l: x[:, 1:4, 0]),
    LayerCase("repeat-vector", lambda: RepeatVector(3), (2, 5),
              lambda x, p, l: x[:, None, :].repeat(1, 3, 1)),
    # the course's attention: energies (N, Tx, 1) -> alphas that sum to 1 over Tx
    LayerCase("softmax-axis1-attention", lambda: Softmax(axis=1), (3, 6, 1),
              lambda x, p, l: torch.softmax(x, dim=1)),
    LayerCase("softmax-axis1-3-features", lambda: Softmax(axis=1), (2, 5, 3),
              lambda x, p, l: torch.softmax(x, dim=1)),
    LayerCase("reshape-infer", lambda: Reshape((3, -1)), (2, 12), lambda x, p, l: x.reshape(2, 3, 4)),
    LayerCase("reshape-3d-to-2d", lambda: Reshape((6, 2)), (2, 3, 4), lambda x, p, l: x.reshape(2, 6, 2)),
    LayerCase("permute-swap", lambda: Permute((2, 1)), (2, 3, 5), lambda x, p, l: x.permute(0, 2, 1)),
    LayerCase("permute-3-axes", lambda: Permute((3, 1, 2)), (2, 3, 4, 5),
              lambda x, p, l: x.permute(0, 3, 1, 2)),
    LayerCase("multiply-2", Multiply, [(3, 4, 2)] * 2, lambda xs, p, l: xs[0] * xs[1]),
    LayerCase("multiply-3", Multiply, [(2, 5)] * 3, lambda xs, p, l: xs[0] * xs[1] * xs[2]),
    # the course's context = Dot(axes=1)([alphas, a]): (N, Tx, 1), (N, Tx, 2 n_a) -> (N, 1, 2 n_a)
    LayerCase("dot-axes1-attention-context", lambda: Dot(axes=1), [(3, 6, 1), (3, 6, 8)],
              lambda xs, p, l: xs[0].transpose(1, 2) @ xs[1]),
    LayerCase("dot-axes-2-2", lambda: Dot(axes=(2, 2)), [(2, 3, 4), (2, 5, 4)],
              lambda xs, p, l: xs[0] @ xs[1].transpose(1, 2)),
    LayerCase("dot-mixed-rank", lambda: Dot(axes=(1, 2)), [(2, 4), (2, 3, 4)],
              lambda xs, p, l: (xs[1] @ xs[0][:, :, None])[..., 0]),
    LayerCase("dot-cosine-vectors", lambda: Dot(axes=-1, normalize=True), [(4, 5), (4, 5)],
              lambda xs, p, l: (lambda u, v: (u * v).sum(-1, keepdim=True))(*_cosine(*xs, -1, -1))),
    LayerCase("dot-cosine-sequences", lambda: Dot(axes=-1, normalize=True), [(2, 3, 4), (2, 5, 4)],
              lambda xs, p, l: (lambda u, v: u @ v.transpose(1, 2))(*_cosine(*xs, -1, -1))),
    # the course's attention: Dense(10, activation="tanh") on (N, Tx, 2 n_a + n_s)
    _dense(None),
    _dense("linear"),
    _dense("tanh"),
    _dense("relu"),
    _dense("sigmoid"),
    _dense("softmax"),
    _dense("tanh", (2, 3, 2, 5)),
    _dense("softmax", (4, 5)),
]
