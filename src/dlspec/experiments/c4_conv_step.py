"""Course 4, week 1: the "Convolution model - Step by Step" checks, with the course's numbers."""
from ..backend import xp
from ..functional.conv import conv_backward, conv_forward, conv_single_step
from ..functional.padding import zero_pad
from ..functional.pooling import avg_pool_backward, avg_pool_forward, max_pool_backward, max_pool_forward
from .. import plots
from . import course_replays as replays
from .registry import experiment
from . import course_inventory as inventory


def _course_randn(*shapes):
    """The assignment's draws: np.random.seed(1) then np.random.randn(...) in order."""
    state = xp.random.RandomState(1)
    return [state.randn(*shape) for shape in shapes]


def checks():
    """Each step of the assignment on its own inputs; returns (metrics, lines to print)."""
    m, lines = {}, []
    x, = _course_randn((4, 3, 3, 2))
    x_pad = zero_pad(x, 3)
    m["zero_pad_height"] = x_pad.shape[1]
    lines.append(f"zero_pad: x.shape = {x.shape}, x_pad.shape = {x_pad.shape}, x_pad[1, 1] = 0: "
                 f"{not x_pad[1, 1].any()}")
    a_slice_prev, W, b = _course_randn((4, 4, 3), (4, 4, 3), (1, 1, 1))
    m["conv_single_step_Z"] = conv_single_step(a_slice_prev, W, b)
    lines.append(f"conv_single_step: Z = {m['conv_single_step_Z']:.11f}")
    A_prev, W, b = _course_randn((10, 4, 4, 3), (2, 2, 3, 8), (1, 1, 1, 8))
    Z, cache = conv_forward(A_prev, W, b.reshape(-1), stride=(2, 2), pads=((2, 2), (2, 2)))
    m["conv_forward_Z_mean"] = float(Z.mean())
    lines.append(f"conv_forward (pad 2, stride 2): Z.shape = {Z.shape}, Z's mean = {Z.mean():.13f}")
    dA, dW, db = conv_backward(Z, cache)
    m.update(conv_backward_dA_mean=float(dA.mean()), conv_backward_dW_mean=float(dW.mean()),
             conv_backward_db_mean=float(db.mean()))
    lines.append(f"conv_backward: dA_mean = {dA.mean():.11f}, dW_mean = {dW.mean():.11f}, "
                 f"db_mean = {db.mean():.11f}")
    A_prev, = _course_randn((2, 5, 5, 3))
    A_max, _ = max_pool_forward(A_prev, (3, 3), (1, 1))
    A_avg, _ = avg_pool_forward(A_prev, (3, 3), (1, 1))
    m["max_pool_A_1_1_0_0"], m["avg_pool_A_1_1_0_0"] = float(A_max[1, 1, 0, 0]), float(A_avg[1, 1, 0, 0])
    lines.append(f"pool_forward (f 3, stride 1): max A[1, 1, 0] = {A_max[1, 1, 0]}, "
                 f"average A[1, 1, 0] = {A_avg[1, 1, 0]}")
    A_prev, dA = _course_randn((5, 5, 3, 2), (5, 4, 2, 2))
    _, cache_max = max_pool_forward(A_prev, (2, 2), (1, 1))
    _, cache_avg = avg_pool_forward(A_prev, (2, 2), (1, 1))
    d_max, d_avg = max_pool_backward(dA, cache_max), avg_pool_backward(dA, cache_avg)
    m["max_pool_dA_prev_1_1_1_0"], m["avg_pool_dA_prev_1_1_1_0"] = float(d_max[1, 1, 1, 0]), float(d_avg[1, 1, 1, 0])
    lines.append(f"pool_backward: mean of dA = {dA.mean():.12f}; max dA_prev[1, 1] = "
                 f"{d_max[1, 1].tolist()}; average dA_prev[1, 1] = {d_avg[1, 1].round(8).tolist()}")
    return m, lines


COURSE = {"c4w1a1"}              # dlspec.course replays shown on the card
CARD = inventory.card(COURSE)


@experiment(
    "c4-conv-step", course=4,
    title="Convolution step by step: padding, one step, forward and backward of conv and pool",
    summary="""The course's week-1 assignment, on its own random inputs (np.random.seed(1)):
    zero padding, a single convolution step, the convolution's forward and backward, and max
    and average pooling forward and backward. dlspec's vectorised functions must print the
    numbers the assignment's loops print.""",
    tolerance=CARD[1],
    notes=CARD[2],
    reference={**CARD[0], **replays.references("c4w1"),
               "conv_single_step_Z": -6.99908945068, "conv_forward_Z_mean": 0.0489952035289,
               "conv_backward_dA_mean": 1.45243777754, "conv_backward_dW_mean": 1.72699145831,
               "conv_backward_db_mean": 7.83923256462, "max_pool_A_1_1_0_0": 1.96710175,
               "avg_pool_A_1_1_0_0": 0.44497696, "max_pool_dA_prev_1_1_1_0": 5.05844394,
               "avg_pool_dA_prev_1_1_1_0": 1.26461098, "zero_pad_height": 9},
    sources={"*": "C4W1 Convolution_model_Step_by_Step_v2a.ipynb (its printed outputs)"},
    exact=("conv_single_step_Z", "conv_forward_Z_mean", "conv_backward_dA_mean", "conv_backward_dW_mean",
           "conv_backward_db_mean", "max_pool_A_1_1_0_0", "avg_pool_A_1_1_0_0", "max_pool_dA_prev_1_1_1_0",
           "avg_pool_dA_prev_1_1_1_0", "zero_pad_height"),
    checkpoints=False,   # no fit() to checkpoint (see registry.Experiment)
    modules=("dlspec.functional.padding", "dlspec.functional.conv", "dlspec.functional.pooling"),
)
def run(ctx):
    metrics, lines = checks()
    x, = _course_randn((4, 3, 3, 2))
    fig, axes = plots.new_figure(ncols=2, width=3, height=3)
    for ax, image, title in zip(axes, (x[0, :, :, 0], zero_pad(x, 3)[0, :, :, 0]), ("x", "x_pad")):
        ax.imshow(image)
        ax.set_title(title)
    ctx.save_figure(fig, "zero_pad.png")
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    (ctx.out_dir / "conv_step.txt").write_text("\n".join(lines) + "\n")
    ctx.say("\n".join(lines))
    metrics.update(replays.c4w1_conv_forward())   # the course's own numbers, replayed exactly
    metrics.update(inventory.card_metrics(COURSE, course_replays(), slow=ctx.pick(False, True)))
    return metrics


def course_replays():
    from .course_replays_course import REPLAYS
    return REPLAYS
