"""The ``dlspec`` command line: argument parsing only; the work is done by the library.

Each module in this package defines ``register(subparsers)``, which adds its commands
and sets ``func`` on them; a new command is a new module here.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is two lines (the error, where to read the options), not
    the whole usage block: the user sees what was wrong first."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\nsee '{self.prog} --help' for the options\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="dlspec", description="The Deep Learning Specialization as working software.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        importlib.import_module(f"{__name__}.{info.name}").register(sub)
    return parser


def main(argv=None) -> int:
    if argv is None:     # the command itself (not a test calling main): dlspec's own process
        from ..process import tune_process
        tune_process(relaunch=True)   # malloc for reuse; OpenBLAS's AVX-512 kernels (may restart once)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, TypeError, ImportError, OSError, RuntimeError) as exc:
        print(f"dlspec {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def seed(text) -> int:
    """argparse type for --seed: an integer >= 0 (NumPy's seeds), said in those words."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer >= 0, such as 0 or 42; got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"a seed is an integer >= 0; got {value}")
    return value


def at_least(minimum, example):
    """argparse type: an integer >= ``minimum``, said in those words with an example."""
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer >= {minimum}, such as {example}; "
                                             f"got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"expected an integer >= {minimum}, such as {example}; got {value}")
        return value
    parse.__name__ = "integer"       # argparse names the type in its messages
    return parse


def seconds(text) -> float:
    """argparse type: a finite number of seconds >= 0."""
    import math
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds >= 0, such as 0.15; got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected a finite number of seconds >= 0, such as 0.15; got {text}")
    return value


def _version():
    from .. import __version__
    return f"dlspec {__version__}"
