"""Course 1, week 2: Python basics with NumPy, its checks replayed and its lesson measured."""
import time

from ..backend import xp
from .. import plots
from . import course_inventory as inventory
from .registry import experiment

COURSE = {"c1w2a1"}              # the notebook's printed values, replayed through dlspec.course
CARD = inventory.card(COURSE)


def _loop_dot(x1, x2):
    total = 0.0
    for i in range(len(x1)):
        total += x1[i] * x2[i]
    return total


def _loop_outer(x1, x2):
    out = xp.zeros((len(x1), len(x2)))
    for i in range(len(x1)):
        for j in range(len(x2)):
            out[i, j] = x1[i] * x2[j]
    return out


def _loop_elementwise(x1, x2):
    out = xp.zeros(len(x1))
    for i in range(len(x1)):
        out[i] = x1[i] * x2[i]
    return out


def _loop_general_dot(W, x):
    out = xp.zeros(W.shape[0])
    for i in range(W.shape[0]):
        for j in range(len(x)):
            out[i] += W[i, j] * x[j]
    return out


PRODUCTS = {   # name: (loop version, vectorized version, operands of size n)
    "dot": (_loop_dot, xp.dot, lambda rng, n: (rng.random(n), rng.random(n))),
    "outer": (_loop_outer, xp.outer, lambda rng, n: (rng.random(n), rng.random(n))),
    "elementwise": (_loop_elementwise, xp.multiply, lambda rng, n: (rng.random(n), rng.random(n))),
    "general dot": (_loop_general_dot, xp.dot, lambda rng, n: (rng.random((3, n)), rng.random(n))),
}


def _seconds(fn, args, repeats):
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best


@experiment(
    "c1-numpy-basics", course=1,
    title="Python basics with NumPy: the notebook's checks, and loops against vectorized products",
    summary="""The course's first notebook: sigmoid, sigmoid_derivative, image2vector,
    normalizeRows, softmax, L1 and L2 (dlspec.course.c1w2_numpy_basics) replayed on the
    notebook's own inputs against its printed values; then its lesson measured: the dot,
    outer, element-wise and general (matrix-vector) products written as Python loops
    against NumPy's vectorized ones, timed (best of a few runs) over vector sizes, as a plot
    of time against size. The course times one size (vectors of 15 numbers) with
    time.process_time; its printed times depend on its machine and are not compared.""",
    reference=CARD[0], tolerance=CARD[1],
    notes={**CARD[2], "speedup_dot_n1000": "measured at full size (2026-12-08, a loaded 2-core "
           "machine): dot 737x at n = 10,000, element-wise 547x, general dot 5,222x, outer 2,588x "
           "at n = 300; quick size stops at n = 1,000"},
    sources={"*": "C1W2 Python_Basics_With_Numpy_v3a.ipynb"},
    modules=("dlspec.course.c1w2_numpy_basics",),
    checkpoints=False,
)
def run(ctx):
    metrics = dict(inventory.card_metrics(COURSE, _replays(), slow=ctx.pick(False, True)))
    rng = xp.random.default_rng(ctx.seed)
    sizes = ctx.pick((10, 100, 1000), (10, 100, 1000, 10000))
    times = {name: ([], []) for name in PRODUCTS}
    for name, (loop, vectorized, operands) in PRODUCTS.items():
        for n in sizes:
            m = min(n, 300) if name == "outer" else n          # the loop outer product is n^2
            args = operands(rng, m)
            times[name][0].append(_seconds(loop, args, 3))
            times[name][1].append(_seconds(vectorized, args, 20))
        metrics[f"speedup_{name.replace(' ', '_')}_n{m}"] = times[name][0][-1] / times[name][1][-1]
    _plot(ctx, sizes, times)
    return metrics


def _replays():
    from .course_replays_course import REPLAYS
    return REPLAYS


def _plot(ctx, sizes, times):
    fig, axes = plots.new_figure(ncols=2, width=4.2, height=3.4)
    styles = ("-o", "--s", ":^", "-.v")
    for (name, (loop, vec)), style in zip(times.items(), styles):
        n = [min(s, 300) if name == "outer" else s for s in sizes]
        axes[0].plot(n, loop, style, label=f"{name}, loop")
        axes[0].plot(n, vec, style, alpha=0.5, label=f"{name}, NumPy")
        axes[1].plot(n, [a / b for a, b in zip(loop, vec)], style, label=name)
    for ax in axes:
        ax.set_xscale("log"); ax.set_yscale("log"); ax.set_xlabel("vector size n")
    axes[0].set_ylabel("seconds (best of several)"); axes[0].legend(fontsize=6, ncol=2)
    axes[1].set_ylabel("loop time / vectorized time"); axes[1].legend(fontsize=8)
    axes[0].set_title("time against size (outer: n up to 300)", fontsize=9)
    axes[1].set_title("how much faster vectorized is", fontsize=9)
    ctx.save_figure(fig, "vectorization.png")
