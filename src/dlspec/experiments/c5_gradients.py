"""Course 5, week 1: vanishing and exploding gradients through time, measured at initialization."""
from ..backend import rng as make_rng, xp
from ..nn import GRU, LSTM, SimpleRNN
from ..nn.recurrent import orthogonal
from .. import plots
from . import course_replays_c5 as replays
from .registry import experiment
from . import course_inventory as inventory


def _scaled_orthogonal(scale):
    def init(shape, rng, dtype):
        return (scale * orthogonal(shape, rng, dtype)).astype(dtype)
    return init


def configurations(units):
    """Label -> a fresh layer: the course's RNN init, two usual ones, a too-large one, GRU, LSTM."""
    return {
        "rnn_course_init": SimpleRNN(units, kernel_init="random", recurrent_init="random"),
        "rnn_xavier": SimpleRNN(units, recurrent_init="xavier"),
        "rnn_orthogonal": SimpleRNN(units),
        "rnn_orthogonal_x2": SimpleRNN(units, recurrent_init=_scaled_orthogonal(2.0)),
        "gru": GRU(units),
        "lstm": LSTM(units),
    }


def gradient_through_time(layer, x, seed=0):
    """||dJ/dx<t>|| / ||dJ/dx<T>|| for t = 1 ... T, with J depending on a<T> only.

    How much of the last step's gradient reaches each earlier input: BPTT multiplies it by
    Waa^T diag(1 - a<t>^2) once per step back (for the basic RNN), so it shrinks or grows
    geometrically unless that product stays near norm 1.
    """
    layer.build(x.shape[1:], make_rng(seed), x.dtype)
    a_T = layer.forward(x, training=True)                          # (N, H): return_sequences=False
    dx = layer.backward(make_rng(seed + 1).standard_normal(a_T.shape))
    norms = xp.linalg.norm(dx, axis=(0, 2))                        # (T,)
    return norms / norms[-1]


COURSE = {"c5w1a1"}              # dlspec.course replays shown on the card
CARD = inventory.card(COURSE)


@experiment(
    "c5-gradients", course=5,
    title="Vanishing and exploding gradients through time, at initialization",
    summary="""The gradient of the last hidden state a<T> is sent back through time and its
    size measured at every earlier input. With the course's small initialization (x 0.01) it
    vanishes almost at once (about 1e-13 ten steps back); with Xavier or orthogonal recurrent
    weights it still shrinks by about a third per step (1e-10 fifty steps back); with recurrent
    weights twice orthogonal it grows instead (about 10x over 50 steps, held back by tanh's
    saturation: exploding gradients, the reason for clipping). The GRU at initialization
    behaves like the basic RNN; the LSTM, whose forget gate starts near 0.73, keeps by far the
    most gradient over long spans. Measured at initialization only: what training does to these
    curves is not shown.""",
    tolerance=CARD[1],
    notes=CARD[2],
    reference={**CARD[0], **{k: v for k, v in replays.references("c5w1").items() if "dinosaurus" not in k}},
    checkpoints=False,   # no fit() to checkpoint (see registry.Experiment)
    sources={'*': 'C5W1 Building_a_Recurrent_Neural_Network_Step_by_Step_v3a.ipynb (its '
                  'printed forward and backward values, replayed)'},
    modules=("dlspec.functional.rnn", "dlspec.functional.gru", "dlspec.functional.lstm",
             "dlspec.nn.recurrent"),
)
def run(ctx):
    T = ctx.hp("steps", ctx.pick(60, 100))
    units = ctx.hp("units", 32)
    x = make_rng(ctx.seed).standard_normal((ctx.pick(64, 256), T, 8))   # float64: tiny ratios stay exact
    curves, metrics = {}, {}
    for label, layer in ctx.progress(configurations(units).items(), "cells"):
        ratio = gradient_through_time(layer, x, seed=ctx.seed)
        curves[label] = ratio[::-1]                                    # index k = k steps back
        for back in (10, 50):
            metrics[f"gradient_{back}_steps_back_{label}"] = float(ratio[T - 1 - back])
    _plot(ctx, curves)
    metrics.update(replays.c5w1_lstm_forward())   # the course's own numbers, replayed exactly
    metrics.update(replays.c5w1_rnn_backward())   # the course's own numbers, replayed exactly
    metrics.update(replays.c5w1_lstm_backward())   # the course's own numbers, replayed exactly
    metrics.update(inventory.card_metrics(COURSE, course_replays(), slow=ctx.pick(False, True)))
    return metrics


def _plot(ctx, curves):
    fig, (ax,) = plots.new_figure(width=6.0, height=4.0)
    for label, ratio in curves.items():
        ax.semilogy(range(len(ratio)), xp.maximum(ratio, 1e-300), label=label)
    ax.set_xlabel("steps back from T")
    ax.set_ylabel("||dJ/dx<t>|| / ||dJ/dx<T>||")
    ax.set_ylim(1e-30, 1e3)
    ax.set_title("gradient reaching earlier steps (at initialization)", fontsize=10)
    ax.legend(fontsize=8)
    ctx.save_figure(fig, "gradients.png")


def course_replays():
    from .course_replays_course import REPLAYS
    return REPLAYS
