"""What an experiment's ``run`` receives: size, seed, output folder, plot saving, progress."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..callbacks import Callback

SIZES = ("quick", "full")


@dataclass
class Context:
    size: str = "quick"
    seed: int = 0
    out_dir: Path = Path("runs")
    verbose: int = 1
    hparams: dict = field(default_factory=dict)   # overrides, for example from `dlspec tune`
    plots: list = field(default_factory=list)
    audio: list = field(default_factory=list)       # WAV files the report plays
    checkpoint_dir: Path | None = None   # where fits write checkpoints (None: no checkpoints)
    resume: bool = False                  # continue each fit from its latest checkpoint
    checkpoint_every: int | None = None   # overrides the experiment's choice of N epochs
    hparams_read: list = field(default_factory=list)   # names passed to hp(), in order
    fits: int = 0                         # fit() calls seen by fit_hook, in order
    fit_log: list = field(default_factory=list)   # per checkpointed fit: where it started, epochs run
    echo: bool = True                     # say() prints (False in the tour: one line each)

    def __post_init__(self):
        if self.size not in SIZES:
            raise ValueError(f"size must be one of {SIZES}; got {self.size!r}.")
        self.out_dir = Path(self.out_dir)
        if self.resume and self.checkpoint_dir is None:
            self.checkpoint_dir = self.out_dir / "checkpoints"
        if self.checkpoint_dir is not None:
            self.checkpoint_dir = Path(self.checkpoint_dir)

    @property
    def quick(self) -> bool:
        return self.size == "quick"

    def pick(self, quick, full):
        """``quick`` at quick size, ``full`` otherwise."""
        return quick if self.quick else full

    def hp(self, name, default):
        """Hyperparameter ``name``: the override in ``hparams`` if any, else ``default``."""
        if name not in self.hparams_read:
            self.hparams_read.append(name)
        return self.hparams.get(name, default)

    def checkpoints(self, tag: str, every: int = 1) -> list:
        """Callbacks for one ``fit`` of the experiment: a ModelCheckpoint in
        ``checkpoint_dir/tag`` (every ``every`` epochs, keeping 2) when checkpointing is on,
        else none. Use with ``resume_from``::

            model.fit(X, Y, epochs=E, callbacks=ctx.checkpoints("deep", every=100),
                      resume_from=ctx.resume_from("deep"))
        """
        if self.checkpoint_dir is None:
            return []
        from ..io.checkpoint import ModelCheckpoint
        return [ModelCheckpoint(self.checkpoint_dir / tag, every=self.checkpoint_every or every, keep=2),
                FitLog(self.fit_log, tag)]

    def resume_from(self, tag: str):
        """The latest checkpoint of fit ``tag`` when resuming (None: start from scratch)."""
        if not self.resume or self.checkpoint_dir is None:
            return None
        from ..io.checkpoint import latest_checkpoint
        folder = self.checkpoint_dir / tag     # the folder: a damaged newest file falls back
        return folder if latest_checkpoint(folder) is not None else None

    def fit_hook(self, model, epochs, callbacks, resume_from):
        """Give every ``fit`` of the experiment a checkpoint and, when resuming, its latest one.

        Installed by the runner (``train.fit_hook``), so an experiment needs no code for it:
        its k-th fit checkpoints into ``checkpoint_dir/fitKK`` every ``checkpoint_every``
        epochs (default: every 2 seconds, so that fast epochs pay nothing) and at its end. A fit that already has a
        ``ModelCheckpoint`` (``ctx.checkpoints(tag)``) or a ``resume_from`` is left alone.
        Fits run in the same order every time (same code, same seed), so the tags match.
        """
        from ..io.checkpoint import ModelCheckpoint, latest_checkpoint
        self.fits += 1
        if self.checkpoint_dir is None or resume_from is not None or any(
                isinstance(cb, ModelCheckpoint) for cb in callbacks):
            return callbacks, resume_from
        tag = self.checkpoint_dir / f"fit{self.fits:02d}"
        every = self.checkpoint_every
        callbacks = [*callbacks, ModelCheckpoint(tag, every=every, keep=2, seconds=None if every else 2.0),
                     FitLog(self.fit_log, tag.name)]
        # The folder, not its newest file: a damaged newest checkpoint falls back to the one before.
        return callbacks, tag if self.resume and latest_checkpoint(tag) is not None else None

    def say(self, text: str):
        """Show ``text`` (examples, samples, check lines) when the experiment runs on its own
        and verbosely; the tour's log keeps one line per experiment, so there it stays silent.
        Write anything worth keeping to a file of the run folder as well."""
        if self.verbose and self.echo:
            print(text)

    def save_figure(self, fig, filename: str):
        """Write ``fig`` as a PNG in the output folder and record it for the report."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / filename
        from ..plots import DPI, legible_width, make_legible
        smallest = make_legible(fig)           # no text under 10 px at the report's width
        # Narrower screens (phones) show the figure at this width in a box that scrolls.
        fig.savefig(path, dpi=DPI, metadata={"dlspec-legible-width": str(legible_width(fig, smallest))})
        self.plots.append(filename)
        return path

    def save_audio(self, samples, rate: int, filename: str):
        """Write ``samples`` (floats in [-1, 1]) as a WAV file in the output folder and record
        it for the report, which embeds it as a player."""
        from ..audio.wav import write_wav
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = write_wav(self.out_dir / filename, samples, rate)
        self.audio.append(filename)
        return path

    def progress(self, iterable, desc, total=None):
        from ..progress import tqdm
        return tqdm(iterable, desc=desc, total=total, disable=None if self.verbose else True,
                    leave=False)


class FitLog(Callback):
    """Records where a checkpointed fit started and how many epochs it ran (the run's record
    says so: a resumed run shows that it ran only the rest)."""

    order = 101

    def __init__(self, log, tag):
        self.entry = {"fit": tag, "first_epoch": None, "epochs_run": 0}
        log.append(self.entry)

    def on_epoch_end(self, trainer, epoch, logs):
        if self.entry["first_epoch"] is None:
            self.entry["first_epoch"] = epoch
        self.entry["epochs_run"] += 1
