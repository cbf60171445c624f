"""What is being recorded right now: the active gradient tapes and the calls in progress.

A leaf module (it imports nothing from dlspec), so that ``Layer.__call__`` can ask "is a
tape recording?" without importing the tape, and the tape, the symbolic graph and
subclassed layers can all sit above ``nn/layer.py``.

- ``TAPES``: the ``GradientTape``s whose ``with`` block is running, innermost last.
- ``TRAINING``: the ``training`` flag of each layer call in progress (Keras's call context):
  a sub-layer called without ``training=`` inherits the innermost one.
- ``layer_variables``: how ``layer.trainable_variables`` makes Variables (set by
  ``dlspec.autodiff``, which sits above the layers).
- ``on_subclass``: ``Layer.__init_subclass__`` hands every class that defines ``call`` to the
  hook that ``dlspec.models.subclass`` installs (queued until it is imported).
"""
from __future__ import annotations

TAPES: list = []
layer_variables = None     # set by dlspec.autodiff.variable: (layer) -> list of its Variables
TRAINING: list = []
TRACING: list = []         # the subclassed layers whose call() is being traced, innermost last
_hooks: list = []
_pending: list = []


def current_training(default=False):
    """The ``training`` flag of the innermost call in progress, else ``default``."""
    return TRAINING[-1] if TRAINING else default


def on_subclass(cls):
    """A Layer subclass defining ``call`` was created: let the installed hook equip it."""
    if _hooks:
        for hook in _hooks:
            hook(cls)
    else:
        _pending.append(cls)


def add_subclass_hook(hook):
    """Install ``hook(cls)``; classes created before the hook get it at once."""
    _hooks.append(hook)
    while _pending:
        hook(_pending.pop(0))
