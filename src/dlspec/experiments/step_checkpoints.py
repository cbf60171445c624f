"""Checkpoints for the experiments' own step loops (``train_steps``), as ``fit`` has them.

The transformer experiments train with a loop of their own (random mini-batches, a warm-up
schedule per step) rather than ``fit``. This gives that loop what the fit hook gives a fit:
with ``--checkpoint-dir``, the k-th training loop of a run writes ``DIR/NAME/fitKK/
steps-epochNNNN.npz`` ("epoch" counts steps here, so that the fit tools list them) every
``--checkpoint-every`` steps, else every 2 seconds, and at its end, keeping the last two;
with ``--resume`` it continues from the newest, bit for bit. A checkpoint holds the
parameters and state of the layer, the optimizer's moments, the batch-drawing Generator,
every Generator the layer holds (dropout) and the costs so far.
"""
from __future__ import annotations

import time

from ..io.archive import write_archive
from ..io.checkpoint import latest_checkpoint, layer_generators, list_checkpoints, read_newest_valid
from ..io.legacy_names import rename
from ..io.optimizer_state import optimizer_payload, restore_optimizer

PREFIX = "steps"
FORMAT = "dlspec-step-checkpoint"


class StepCheckpoints:
    """Save and restore one step loop's state; inert when the run has no checkpoint folder."""

    def __init__(self, ctx, layer, optimizer, rng, costs):
        self.on = ctx is not None and ctx.checkpoint_dir is not None
        if not self.on:
            return
        ctx.fits += 1                               # the same numbering as the fits' folders
        self.directory = ctx.checkpoint_dir / f"fit{ctx.fits:02d}"
        self.resume, self.every = ctx.resume, ctx.checkpoint_every
        self.layer, self.optimizer, self.rng, self.costs = layer, optimizer, rng, costs
        self.saved_at = time.monotonic()
        self.log = ctx.fit_log

    def restore(self) -> int:
        """The step to start from: 0, or the one after the newest checkpoint when resuming."""
        if not self.on:
            return 0
        self.entry = {"fit": self.directory.name, "first_epoch": None, "epochs_run": 0}   # epochs: steps
        self.log.append(self.entry)
        if not self.resume or latest_checkpoint(self.directory) is None:
            return 0
        path, meta, arrays = read_newest_valid(self.directory, "dlspec step checkpoint")
        if meta["format"] != FORMAT:
            raise ValueError(f"{path} is a {meta['format']!r} file, not a step checkpoint of this loop; "
                             "use a fresh --checkpoint-dir, or the one this experiment wrote.")
        for group, target in (("param", self.layer.params), ("state", self.layer.state)):
            saved = rename({k.split("/", 1)[1]: v for k, v in arrays.items() if k.startswith(f"{group}/")},
                           target)         # names written before the layers were subclasses
            for name, value in target.items():
                value[...] = saved[name]
        restore_optimizer(self.optimizer, meta["optimizer_state"], arrays, str(path))
        self.optimizer.slots = rename(self.optimizer.slots, self.layer.params)
        self.rng.bit_generator.state = meta["rng"]
        generators = layer_generators(self.layer)
        for name, state in meta["layer_rngs"].items():
            generators[name].bit_generator.state = state
        self.costs[:] = meta["costs"]
        return meta["step"] + 1

    def after(self, step: int, last: bool):
        """Checkpoint after ``step`` when it is time (every N steps, or 2 s), and at the end."""
        if not self.on:
            return
        if self.entry["first_epoch"] is None:
            self.entry["first_epoch"] = step
        self.entry["epochs_run"] += 1
        due = (step + 1) % self.every == 0 if self.every else time.monotonic() - self.saved_at >= 2.0
        if not (due or last):
            return
        opt_meta, arrays = optimizer_payload(self.optimizer)
        arrays.update({f"param/{k}": v for k, v in self.layer.params.items()})
        arrays.update({f"state/{k}": v for k, v in self.layer.state.items()})
        meta = {"format": FORMAT, "step": step, "costs": list(self.costs), "optimizer_state": opt_meta,
                "rng": self.rng.bit_generator.state,
                "layer_rngs": {k: g.bit_generator.state for k, g in layer_generators(self.layer).items()}}
        self.directory.mkdir(parents=True, exist_ok=True)
        write_archive(self.directory / f"{PREFIX}-epoch{step + 1:04d}.npz", meta, arrays)
        for old in list_checkpoints(self.directory, PREFIX)[:-2]:
            old.unlink(missing_ok=True)
        self.saved_at = time.monotonic()

