"""Tensor ops (dlspec.ops, operators on tensors): each op kind is an ``Op`` layer, checked here.

Binary ops use shapes that broadcast both ways ((N, 1, 3) with (N, 5, 1)), so that each
operand's gradient is summed back to its own shape. Ops without a gradient (comparisons,
argmax, one_hot, integer casts) compare their outputs with torch and must return None.
"""
import numpy as np
import torch

from dlspec.nn.op import Op
from harness import LayerCase

BOTH_WAYS = [(4, 1, 3), (4, 5, 1)]


def _positive(rng, shape):
    return rng.uniform(0.5, 2.0, shape)


def _away_from_zero(rng, shape):
    x = rng.standard_normal(shape)
    return np.where(np.abs(x) < 0.1, 0.1 * np.sign(x) + (x == 0) * 0.1, x)


def _denominator(rng, shapes):
    return [rng.standard_normal(shapes[0]), rng.uniform(0.5, 2.0, shapes[1]) * rng.choice([-1, 1], shapes[1])]


def _distinct(rng, shapes):
    """Operands that never tie (maximum/minimum's kink)."""
    a = rng.standard_normal(shapes[0])
    return [a, rng.standard_normal(shapes[1]) + 0.05]


def _ids(rng, shape):
    return rng.integers(0, 5, size=shape)


def _binary(kind, fn, **kw):
    return LayerCase(f"op-{kind}", lambda: Op(kind), BOTH_WAYS, lambda x, p, l: fn(*x), **kw)


def _unary(kind, shape, fn, name=None, **kw):
    attrs = kw.pop("attrs", {})
    return LayerCase(f"op-{name or kind}", lambda: Op(kind, **attrs), shape, lambda x, p, l: fn(x), **kw)


_MASK = np.array([[True, False, True], [False, True, True]])

CASES = [
    _binary("add", torch.add),
    _binary("subtract", torch.sub),
    _binary("multiply", torch.mul),
    _binary("divide", torch.div, make_input=_denominator),
    _binary("maximum", torch.maximum, make_input=_distinct),
    _binary("minimum", torch.minimum, make_input=_distinct),
    LayerCase("op-matmul", lambda: Op("matmul"), [(3, 4, 5), (3, 5, 2)], lambda x, p, l: x[0] @ x[1]),
    LayerCase("op-matmul-transpose-b", lambda: Op("matmul", transpose_b=True), [(3, 2, 4, 5), (3, 2, 6, 5)],
              lambda x, p, l: x[0] @ x[1].transpose(-1, -2)),
    LayerCase("op-matmul-transpose-a-broadcast", lambda: Op("matmul", transpose_a=True),
              [(3, 2, 5, 4), (3, 1, 5, 2)], lambda x, p, l: x[0].transpose(-1, -2) @ x[1]),
    _unary("negative", (4, 3), torch.neg),
    _unary("square", (4, 3), torch.square),
    _unary("sqrt", (4, 3), torch.sqrt, make_input=_positive),
    _unary("exp", (4, 3), torch.exp),
    _unary("log", (4, 3), torch.log, make_input=_positive),
    _unary("tanh", (4, 3), torch.tanh),
    _unary("sigmoid", (4, 3), torch.sigmoid, make_input=lambda rng, s: 4 * rng.standard_normal(s)),
    _unary("relu", (4, 3), torch.relu, make_input=_away_from_zero),
    _unary("abs", (4, 3), torch.abs, make_input=_away_from_zero),
    _unary("clip_by_value", (5, 4), lambda x: torch.clamp(x, -0.5, 0.7), attrs={"clip_value_min": -0.5, "clip_value_max": 0.7},
           make_input=lambda rng, s: rng.choice([-1.3, -0.2, 0.1, 0.4, 1.5], s) + 0.01 * rng.standard_normal(s)),
    _unary("softmax", (3, 4, 5), lambda x: torch.softmax(x, -1)),
    _unary("softmax", (3, 4, 5), lambda x: torch.softmax(x, 1), name="softmax-axis1", attrs={"axis": 1}),
    _unary("transpose", (2, 3, 4), lambda x: x.permute(0, 2, 1), attrs={"perm": (0, 2, 1)}),
    _unary("reshape", (2, 3, 4), lambda x: x.reshape(2, 12), attrs={"shape": (-1, 12)}),
    _unary("expand_dims", (2, 3), lambda x: x[:, None, :], attrs={"axis": 1}),
    _unary("getitem", (2, 5, 4), lambda x: x[:, None, 1:3], name="getitem-newaxis-slice",
           attrs={"key": (slice(None), None, slice(1, 3))}),
    _unary("getitem", (2, 5, 4), lambda x: x[..., 0], name="getitem-ellipsis", attrs={"key": (Ellipsis, 0)}),
    _unary("getitem", (2, 5, 4), lambda x: x[:, [0, 2, 0]], name="getitem-repeated-ids",
           attrs={"key": (slice(None), np.array([0, 2, 0]))}),
    _unary("reduce_sum", (3, 4, 5), lambda x: x.sum(1, keepdim=True), attrs={"axis": 1, "keepdims": True}),
    _unary("reduce_mean", (3, 4, 5), lambda x: x.mean((1, 2)), attrs={"axis": (1, 2)}),
    _unary("reduce_max", (3, 4, 5), lambda x: x.amax(-1), attrs={"axis": -1}),
    _unary("band_part", (2, 4, 4), lambda x: torch.tril(x), name="band_part-lower", attrs={"num_lower": -1, "num_upper": 0}),
    _unary("band_part", (2, 4, 5), lambda x: torch.triu(torch.tril(x, 2), -1), name="band_part-band",
           attrs={"num_lower": 1, "num_upper": 2}),
    LayerCase("op-concat", lambda: Op("concat", axis=-1), [(2, 3, 4), (2, 3, 2)], lambda x, p, l: torch.cat(x, -1)),
    LayerCase("op-stack", lambda: Op("stack", axis=1), [(2, 3), (2, 3), (2, 3)], lambda x, p, l: torch.stack(x, 1)),
    LayerCase("op-where", lambda: Op("where", constants={0: np.array([True, False, True])}), [(4, 1, 3), (4, 5, 1)],
              lambda x, p, l: torch.where(torch.tensor([True, False, True]), *x)),
    _unary("cast", (4, 3), lambda x: x.to(torch.int32), name="cast-int32", attrs={"dtype": "int32"},
           no_gradient=True, make_input=lambda rng, s: 5 * rng.standard_normal(s)),
    _unary("argmax", (4, 6), lambda x: torch.argmax(x, -1), attrs={"axis": -1}, no_gradient=True),
    _unary("one_hot", (4, 3), lambda x: torch.nn.functional.one_hot(x, 6).float(), attrs={"depth": 6},
           no_gradient=True, integer_input=True, make_input=_ids),
]
for _kind, _fn in [("equal", torch.eq), ("not_equal", torch.ne), ("less", torch.lt), ("less_equal", torch.le),
                   ("greater", torch.gt), ("greater_equal", torch.ge)]:
    CASES.append(_binary(_kind, _fn, no_gradient=True,
                         make_input=lambda rng, s: [rng.integers(0, 3, s[0]).astype(float), rng.integers(0, 3, s[1]).astype(float)]))
