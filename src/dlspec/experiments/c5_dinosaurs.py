"""Course 5, week 1: Dinosaur Island, a character-level language model that invents names."""
import string

from ..backend import xp
from ..data.dinosaurs import dinosaur_names
from ..data.text import CharVocabulary
from ..losses import SequenceCrossEntropy
from ..models.char_lm import char_language_model, sample, train_char_lm
from .. import plots
from . import course_replays_c5 as replays
from .registry import experiment
from .threads import single_threaded_blas

ENDINGS = ("saurus", "don", "raptor", "ceratops", "tops", "mimus", "titan", "rex", "ops")


@experiment(
    "c5-dinosaurs", course=5,
    title="Dinosaur Island: a character-level RNN language model invents dinosaur names",
    summary="""A basic RNN (50 tanh units, one-hot characters in, softmax over 27 characters out)
    learns to predict each next character of 1,536 dinosaur-like names, with backpropagation
    through time and gradients clipped to [-5, 5]. The loss per name starts at about
    (length + 1) x log 27 (uniform guesses, 3.30 nats per character, as the course's 23.07 for
    7 characters) and falls as the model learns roots and endings; names sampled one character
    at a time go from random letters to pronounceable, mostly new names with the usual endings.
    The names are generated here from syllables (no downloads), so the training numbers are not
    the course's own; the assignment's clip, sample and optimize checks are replayed exactly on
    its own seeded inputs (the sampled name "wpzzxcuagxocytfmjhtlb" included).""",
    reference={"initial_loss_per_char": 3.2958, **{k: v for k, v in replays.references("c5w1").items()
                                                    if "dinosaurus" in k}},
    checkpoints=False,   # no fit() to checkpoint (see registry.Experiment)
    sources={'*': 'C5W1 Dinosaurus_Island_Character_level_language_model_final_v3a.ipynb '
                  '(its printed loss and the clip/optimize tests, replayed)'},
    modules=("dlspec.functional.rnn", "dlspec.nn.rnn", "dlspec.nn.time_distributed",
             "dlspec.functional.sequence_losses", "dlspec.functional.clip", "dlspec.models.char_lm",
             "dlspec.data.text", "dlspec.data.dinosaurs"),
)
def run(ctx):
    with single_threaded_blas():     # many small (32 x 50) products per step
        return _run(ctx)


def _run(ctx):
    names = dinosaur_names(1536, seed=ctx.seed)
    vocab = CharVocabulary(names, extra=string.ascii_lowercase)     # "\n" + a-z: 27, as the course
    X, Y = vocab.language_model_data(names)
    model = char_language_model(len(vocab), units=ctx.hp("units", 50), cell=ctx.hp("cell", "rnn"),
                                seed=ctx.seed)
    model.build(X.shape[1:])
    chars = int((Y >= 0).sum())
    initial = _loss(model, X, Y)
    iterations = ctx.hp("iterations", ctx.pick(1500, 8000))
    checkpoints = sorted({0, iterations // 5, iterations - 1})
    samples = {}

    def take_samples(it, m):
        if it in checkpoints:
            samples[it + 1] = sample(m, vocab, n=8, seed=ctx.seed + it, max_length=30)

    losses = train_char_lm(model, X, Y, iterations, learning_rate=ctx.hp("learning_rate", 0.05),
                           batch_size=ctx.hp("batch_size", 32), seed=ctx.seed,
                           progress=lambda r: ctx.progress(r, "c5-dinosaurs"),
                           on_iteration=take_samples)
    final = _loss(model, X, Y)
    drawn = sample(model, vocab, n=200, seed=ctx.seed + 1, max_length=50,
                   temperature=ctx.hp("temperature", 1.0))
    known = set(names)
    metrics = {
        "initial_loss": initial, "final_loss": final,
        "initial_loss_per_char": initial * len(names) / chars,
        "final_loss_per_char": final * len(names) / chars,
        "sampled_new_fraction": sum(n not in known for n in drawn) / len(drawn),
        "sampled_with_known_ending": sum(n.endswith(ENDINGS) for n in drawn) / len(drawn),
        "training_with_known_ending": sum(n.endswith(ENDINGS) for n in names) / len(names),
        "sampled_mean_length": float(xp.mean([len(n) for n in drawn])),
        "training_mean_length": float(xp.mean([len(n) for n in names])),
    }
    _plot(ctx, losses, initial, samples)
    (ctx.out_dir / "samples.txt").write_text("\n".join(drawn) + "\n")
    ctx.say("sampled names: " + ", ".join(drawn[:10]))
    for replay in replays.dinos.REPLAYS:                  # the course's own numbers, replayed exactly
        metrics.update(replay())
    return metrics


def _loss(model, X, Y):
    """Mean loss per name over the whole set, in batches (inference mode)."""
    loss, total = SequenceCrossEntropy(), 0.0
    for i in range(0, len(X), 256):
        total += loss.forward(model.forward(X[i:i + 256]), Y[i:i + 256]) * len(X[i:i + 256])
    return total / len(X)


def _plot(ctx, losses, initial, samples):
    fig, (ax, text) = plots.new_figure(ncols=2, width=4.6, height=3.8)
    smooth, smoothed = initial, []
    for value in losses:                  # the course's exponentially smoothed loss
        smooth = 0.98 * smooth + 0.02 * value
        smoothed.append(smooth)
    ax.plot(range(1, len(losses) + 1), losses, color="0.75", linewidth=0.6, label="per batch")
    ax.plot(range(1, len(losses) + 1), smoothed, label="smoothed")
    ax.axhline(initial, linestyle="--", color="0.4", linewidth=0.8, label="uniform guesses")
    ax.set_xlabel("iteration")
    ax.set_ylabel("loss per name (nats)")
    ax.set_title("training loss", fontsize=10)
    ax.legend(fontsize=8)
    text.set_axis_off()
    lines = []
    for it, drawn in samples.items():
        lines += [f"after iteration {it}:"] + [f"   {n or '(empty name)'}" for n in drawn[:5]] + [""]
    text.text(0, 1, "\n".join(lines), va="top", family="monospace", fontsize=8)
    text.set_title("sampled names", fontsize=10)
    ctx.save_figure(fig, "dinosaurs.png")
