"""Course 5, week 1: vanishing gradients. A basic RNN forgets what it saw long ago; GRU and LSTM keep it."""
from ..backend import rng as make_rng, xp
from ..losses import SoftmaxCrossEntropy
from ..models import Sequential
from ..nn import GRU, LSTM, Dense, SimpleRNN
from ..optim import GradientDescent
from .. import plots
from .registry import experiment

CELLS = {"rnn": SimpleRNN, "gru": GRU, "lstm": LSTM}


def first_token_task(n, T, seed, vocab=2):
    """Sequences of T random one-hot tokens (n, T, vocab); the label is the FIRST token.

    Everything after step 1 is noise, so the model must carry one bit across T - 1 steps.
    """
    ids = make_rng(seed).integers(0, vocab, size=(n, T))
    return xp.eye(vocab, dtype=xp.float32)[ids], ids[:, 0]


@experiment(
    "c5-memory", course=5,
    title="Long-range memory: basic RNN vs GRU vs LSTM on remembering the first token",
    summary="""Each sequence is T random bits and the label is the first one, so the network
    must carry one bit across T - 1 steps of noise. All three cells (16 units, the same gradient
    descent) solve short delays; as T grows the basic RNN falls to chance while the GRU and the
    LSTM, whose memory cell is updated additively through gates, still remember. The second
    plot shows why, at initialization: the gradient that reaches the first step shrinks
    geometrically with T for the basic RNN (vanishing gradients) and much more slowly for the
    gated cells.""",
    reference={},
    modules=("dlspec.functional.rnn", "dlspec.functional.gru", "dlspec.functional.lstm",
             "dlspec.nn.rnn", "dlspec.nn.gru", "dlspec.nn.lstm"),
)
def run(ctx):
    delays = ctx.hp("delays", ctx.pick((5, 10, 15, 20), (5, 10, 15, 20, 30, 40)))
    epochs = ctx.hp("epochs", ctx.pick(15, 40))
    units = ctx.hp("units", 16)
    metrics, accuracy, gradient = {}, {c: [] for c in CELLS}, {c: [] for c in CELLS}
    for T in ctx.progress(delays, "delays"):
        X, Y = first_token_task(1000, T, seed=ctx.seed)
        X_test, Y_test = first_token_task(500, T, seed=ctx.seed + 1000)
        for name, cell in CELLS.items():
            model = Sequential([cell(units), Dense(2, init="xavier")], seed=ctx.seed)
            model.compile(SoftmaxCrossEntropy(), GradientDescent(ctx.hp("learning_rate", 0.5)))
            gradient[name].append(_first_step_gradient(model, X, Y))
            model.fit(X, Y, epochs=epochs, batch_size=32, verbose=0)
            acc = model.evaluate(X_test, Y_test)["accuracy"]
            accuracy[name].append(acc)
            metrics[f"accuracy_{name}_T{T}"] = acc
    for name in CELLS:
        metrics[f"gradient_ratio_{name}_T{delays[-1]}"] = gradient[name][-1]
    _plot(ctx, delays, accuracy, gradient)
    return metrics


def _first_step_gradient(model, X, Y):
    """||dJ/dx<1>|| / ||dJ/dx<T>|| at initialization: how much of the cost's gradient reaches step 1."""
    loss = model.loss
    model.build(X.shape[1:])
    loss.forward(model.forward(X, training=True), Y)
    dx = model.backward(loss.backward())                   # (N, T, D)
    return float(xp.linalg.norm(dx[:, 0]) / xp.linalg.norm(dx[:, -1]))


def _plot(ctx, delays, accuracy, gradient):
    fig, (left, right) = plots.new_figure(ncols=2, width=4.4, height=3.4)
    for name in CELLS:
        left.plot(delays, accuracy[name], marker="o", label=name)
        right.semilogy(delays, gradient[name], marker="o", label=name)
    left.axhline(0.5, linestyle="--", color="0.5", linewidth=0.8, label="chance")
    left.set_xlabel("T (steps to remember the first token across)")
    left.set_ylabel("test accuracy")
    left.set_title("remembering the first token", fontsize=10)
    left.legend(fontsize=8)
    right.set_xlabel("T")
    right.set_ylabel("||dJ/dx<1>|| / ||dJ/dx<T>||")
    right.set_title("gradient reaching step 1 (at initialization)", fontsize=10)
    right.legend(fontsize=8)
    ctx.save_figure(fig, "memory.png")
