"""What an experiment's ``run`` receives: size, seed, output folder, plot saving, progress."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

SIZES = ("quick", "full")


@dataclass
class Context:
    size: str = "quick"
    seed: int = 0
    out_dir: Path = Path("runs")
    verbose: int = 1
    hparams: dict = field(default_factory=dict)   # overrides, for example from `dlspec tune`
    plots: list = field(default_factory=list)
    hparams_read: list = field(default_factory=list)   # names passed to hp(), in order

    def __post_init__(self):
        if self.size not in SIZES:
            raise ValueError(f"size must be one of {SIZES}; got {self.size!r}.")
        self.out_dir = Path(self.out_dir)

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

    def save_figure(self, fig, filename: str):
        """Write ``fig`` as a PNG in the output folder and record it for the report."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / filename
        fig.savefig(path, dpi=110)
        self.plots.append(filename)
        return path

    def progress(self, iterable, desc, total=None):
        from tqdm.auto import tqdm
        return tqdm(iterable, desc=desc, total=total, disable=not self.verbose, leave=False)
