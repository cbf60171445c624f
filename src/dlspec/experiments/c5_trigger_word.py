"""Course 5, week 3: trigger-word detection ("activate") on speech synthesised by espeak-ng."""
import numpy as np

from .. import plots
from ..audio.detection import chime_on_activate, detect_triggers, event_scores
from ..audio.speech import require_espeak
from ..data.spoken_words import NEGATIVES, TEST_VARIANTS, TRAIN_VARIANTS, TRIGGER, spoken_words
from ..data.trigger_word import background_noise, create_training_example
from ..losses import BinaryCrossentropy
from ..models.trigger_word import keras_count_params, trigger_word_model
from ..optim import Adam
from .registry import experiment
from .threads import single_threaded_blas


@experiment(
    "c5-trigger-word", course=5,
    title="Trigger-word detection: the detector chimes after each “activate”, in voices it never heard",
    summary="""espeak-ng speaks "activate" and 24 other words in 6 accents, 10 voice variants,
    random speeds and pitches; the course's create_training_example inserts 0-4 "activate"s and
    0-2 other words into background noise made here (coloured noise, hum, far-away babble),
    labels the 50 output steps after each "activate" with 1, and the course's model
    (Conv1D(196, 15, stride 4) -> BN -> ReLU -> GRU(128) -> GRU(128) -> a sigmoid per step)
    learns from the spectrograms. The test clips use 5 voice variants held out from training.
    As the course warns, labels are mostly 0, so the all-zeros detector's per-step accuracy is
    shown beside ours; per-step F1 and event-level precision and recall (a detection with a
    75-step refractory period, as chime_on_activate) say more. Quick size: 3-second clips at
    8 kHz (374 x 65 spectrograms, 90 output steps; the 50 steps and the refractory period
    scaled to the same durations), 64 filters and GRU units, at most 2 "activate"s per clip;
    full size: the course's 10-second clips at 44.1 kHz (5511 x 101, 1375 steps) and widths,
    2,000 training clips, 30 epochs. Measured at full size (2026-12-01, seed 0, 50 minutes on
    one thread): event F1 0.959 (precision 0.967, recall 0.950) on 402 held-out "activate"s
    with 13 false alarms; per-step accuracy 0.970 against the all-zeros detector's 0.929;
    per-step F1 0.79 (the fired window and the labelled 50 steps overlap only in part).""",
    reference={"parameters_keras_course_size": 523329},
    sources={'*': 'C5W3 Trigger word detection (Trigger_word_detection_v2a.ipynb): '
                  'model.summary(), Total params: 523,329'},
    modules=("dlspec.audio.signal", "dlspec.audio.speech", "dlspec.audio.detection", "dlspec.data.trigger_word",
             "dlspec.data.spoken_words", "dlspec.models.trigger_word", "dlspec.nn.conv1d", "dlspec.nn.gru"),
)
def run(ctx):
    require_espeak()                 # says how to install espeak-ng when it is missing
    with single_threaded_blas():     # the GRUs' small per-step products
        return _run(ctx)


def _clips(n, activates, negatives, rng, size, keep_audio=False):
    """n clips: spectrograms (n, Tx, freq), labels (n, Ty, 1), each "activate"'s end step, the audio
    (kept only for test clips: 2,000 full-size training clips would hold 3.5 GB of samples)."""
    X = np.empty((n, size["Tx"], size["nfft"] // 2 + 1), dtype=np.float32)
    Y, ends, audio = [], [], []
    for i in range(n):
        background = background_noise(size["samples"], rng, size["rate"], babble=negatives)
        x, y, clip, segments = create_training_example(
            background, activates, negatives, size["Ty"], rng, size["rate"], size["nfft"], size["noverlap"],
            size["n_ones"], max_activates=size["max_activates"])
        X[i] = x
        Y.append(y)
        audio.append(clip if keep_audio else None)
        ends.append([int(end * size["Ty"] / size["clip_ms"]) for _, end in segments])
    return X, np.stack(Y)[..., None], ends, audio       # Y (n, Ty) -> (n, Ty, 1)


def _run(ctx):
    rng = np.random.default_rng(ctx.seed)
    rate, nfft, noverlap, clip_ms = ctx.pick((8000, 128, 64, 3000), (44100, 200, 120, 10000))
    samples = clip_ms * rate // 1000
    Tx = (samples - nfft) // (nfft - noverlap) + 1
    Ty = (Tx - 15) // 4 + 1
    scale = Ty / 1375 * 10000 / clip_ms          # output steps per the course's output step
    size = {"rate": rate, "nfft": nfft, "noverlap": noverlap, "clip_ms": clip_ms, "samples": samples,
            "Tx": Tx, "Ty": Ty, "n_ones": round(50 * scale), "max_activates": ctx.pick(2, 4)}
    refractory = round(75 * scale)
    n_words = ctx.pick((60, 80, 30, 40), (400, 600, 100, 150))
    activates, _ = spoken_words([TRIGGER], TRAIN_VARIANTS, n_words[0], rng, rate)
    negatives, _ = spoken_words(NEGATIVES, TRAIN_VARIANTS, n_words[1], rng, rate)
    test_activates, _ = spoken_words([TRIGGER], TEST_VARIANTS, n_words[2], rng, rate)
    test_negatives, _ = spoken_words(NEGATIVES, TEST_VARIANTS, n_words[3], rng, rate)
    X, Y, _, _ = _clips(ctx.hp("train_clips", ctx.pick(400, 2000)), activates, negatives, rng, size)
    X_test, Y_test, ends, audio = _clips(ctx.pick(100, 200), test_activates, test_negatives, rng, size,
                                         keep_audio=True)
    mu, sigma = X.mean(dtype=np.float64), X.std(dtype=np.float64)  # one scale for all, from training
    for A in (X, X_test):                                          # in place: 4.5 GB at full size
        A -= mu
        A /= sigma

    model = trigger_word_model((Tx, nfft // 2 + 1), filters=ctx.pick(64, 196), units=ctx.pick(64, 128),
                               keep_prob=ctx.hp("keep_prob", 0.8), seed=ctx.seed)
    # The cost summed over the Ty steps of a clip (dlspec's convention here, divided by Ty below);
    # Keras's "binary_crossentropy" would average over the steps.
    model.compile(BinaryCrossentropy(reduction="sum_over_examples"), Adam(ctx.hp("learning_rate", 0.005)))
    history = model.fit(X, Y, epochs=ctx.hp("epochs", ctx.pick(10, 30)), batch_size=ctx.hp("batch_size", 25),
                        verbose=0, seed=ctx.seed)
    P = model.predict(X_test, batch_size=50)                      # (n, Ty, 1)
    threshold = ctx.hp("threshold", 0.5)
    predicted, truth = P > threshold, Y_test > 0.5
    tp = int((predicted & truth).sum())
    fired = [detect_triggers(p, threshold, refractory) for p in P]
    events = event_scores(fired, ends, tolerance=size["n_ones"])
    metrics = {
        "parameters_keras_course_size": keras_count_params(trigger_word_model()),
        "parameters_keras": keras_count_params(model),
        "final_cost_per_step": history["cost"][-1] / Ty,
        "test_step_accuracy": float((predicted == truth).mean()),
        "all_zeros_step_accuracy": float(1 - truth.mean()),
        "test_step_f1": 2 * tp / max(1, int(predicted.sum() + truth.sum())),
        "event_precision": events["precision"], "event_recall": events["recall"], "event_f1": events["f1"],
        "test_activates": events["true_positives"] + events["false_negatives"],
        "false_alarms": events["false_positives"],
    }
    shown = max(range(len(ends)), key=lambda i: (len(ends[i]), -abs(len(fired[i]) - len(ends[i]))))
    ctx.save_audio(chime_on_activate(audio[shown], P[shown], threshold, rate, refractory), rate,
                   "test_clip_with_chimes.wav")
    _plot(ctx, X_test[shown], Y_test[shown, :, 0], P[shown, :, 0], fired[shown], threshold, clip_ms,
          history["cost"], Ty)
    return metrics


def _plot(ctx, x, y, p, fired, threshold, clip_ms, costs, Ty):
    fig, (ax_s, ax_p, ax_c) = plots.new_figure(nrows=3, width=7.5, height=2.4)
    seconds = clip_ms / 1000
    ax_s.imshow(x.T, origin="lower", aspect="auto", extent=(0, seconds, 0, x.shape[1]), cmap="magma")
    ax_s.set_ylabel("frequency bin")
    ax_s.set_title("held-out test clip: spectrogram (dB, standardised)", fontsize=10)
    t = (np.arange(Ty) + 0.5) * seconds / Ty
    ax_p.plot(t, p, label="P(just said \"activate\")")
    ax_p.fill_between(t, 0, y, step="mid", alpha=0.25, color="tab:green", label="label y")
    ax_p.axhline(threshold, linestyle="--", color="0.4", linewidth=0.8)
    for i in fired:
        ax_p.axvline(t[i], color="tab:red", linewidth=1.2)
    ax_p.set_xlim(0, seconds)
    ax_p.set_xlabel("time (s); red: chime")
    ax_p.set_ylabel("probability")
    ax_p.legend(fontsize=8, loc="upper left")
    ax_c.plot(range(1, len(costs) + 1), np.asarray(costs) / Ty, marker="o")
    ax_c.set_xlabel("epoch")
    ax_c.set_ylabel("cross-entropy per step")
    ax_c.set_title("training cost", fontsize=10)
    ctx.save_figure(fig, "trigger_word.png")
