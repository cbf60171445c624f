"""Search spaces: one distribution per hyperparameter, each on the scale the course teaches.

Every parameter maps a number ``u`` in [0, 1] to a value on its own scale
(``from_unit``) and back (``to_unit``). Random search draws ``u`` uniformly, grid
search spaces ``u`` evenly, and coarse-to-fine narrows the ``u`` interval around
the best trials, so all three respect the scale:

- ``uniform:a:b``  alpha = a + u (b - a)
- ``log:a:b``      r = log10 a + u (log10 b - log10 a), alpha = 10^r  (course 2, week 3)
- ``beta:a:b``     r = log10(1 - b) + u (log10(1 - a) - log10(1 - b)), beta = 1 - 10^r:
                   as many samples between 0.9 and 0.99 as between 0.99 and 0.999
- ``int:a:b``      an integer in [a, b], each equally likely
- ``choice:x|y|z`` one of the options, each equally likely
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass

KINDS = ("uniform", "log", "beta", "int", "choice")
SPEC_HELP = ("NAME=KIND:ARGS pairs separated by commas, KIND one of uniform:LOW:HIGH, "
             "log:LOW:HIGH (log-uniform, LOW > 0), beta:LOW:HIGH (1 - 10^r scale, 0 <= LOW < HIGH < 1), "
             "int:LOW:HIGH, choice:A|B|C, or NAME=VALUE for a fixed value; for example "
             "'learning_rate=log:1e-4:1e-1,beta1=beta:0.8:0.999,hidden_units=int:2:50,"
             "activation=choice:relu|tanh'")


@dataclass(frozen=True)
class Param:
    """One hyperparameter's distribution.

    Parameters
    ----------
    name : str
    kind : "uniform", "log", "beta", "int" or "choice"
    low, high : bounds (inclusive) for the numeric kinds
    options : tuple of values for "choice"
    """

    name: str
    kind: str
    low: float = None
    high: float = None
    options: tuple = ()

    def __post_init__(self):
        where = f"parameter {self.name!r} ({self.kind})"
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"A parameter name must be an identifier such as learning_rate; "
                             f"got {self.name!r}.")
        if self.kind not in KINDS:
            raise ValueError(f"{where}: unknown kind {self.kind!r}; expected one of {KINDS}.")
        if self.kind == "choice":
            if not self.options:
                raise ValueError(f"{where}: needs at least one option, such as choice:relu|tanh.")
            return
        if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in (self.low, self.high)):
            raise ValueError(f"{where}: bounds must be finite numbers; got low={self.low!r}, "
                             f"high={self.high!r}.")
        if self.kind == "int" and not all(float(v).is_integer() for v in (self.low, self.high)):
            raise ValueError(f"{where}: bounds must be integers; got {self.low!r} and {self.high!r}.")
        if self.kind == "log" and min(self.low, self.high) <= 0:
            raise ValueError(f"{where}: a log scale needs bounds > 0; got {min(self.low, self.high):g}. "
                             "Use log:1e-4:1e-1 for example, or uniform: to include zero.")
        if self.low > self.high or (self.low == self.high and self.kind != "int"):
            raise ValueError(f"{where}: the range [{self.low:g}, {self.high:g}] is "
                             f"{'empty' if self.low == self.high else 'inverted'}; give LOW < HIGH, "
                             f"such as {self.kind}:{min(self.low, self.high):g}:{max(self.low, self.high):g}"
                             + (" (or NAME=VALUE for a fixed value)." if self.low == self.high else "."))
        if self.kind == "beta" and not (0 <= self.low and self.high < 1):
            raise ValueError(f"{where}: the 1 - 10^r scale needs 0 <= LOW < HIGH < 1; got "
                             f"[{self.low:g}, {self.high:g}]. For example beta:0.9:0.999.")

    # -- the unit interval <-> the parameter's scale -------------------------
    def from_unit(self, u):
        """The value at position ``u`` in [0, 1] along this parameter's scale."""
        if self.kind == "choice":
            return self.options[min(int(u * len(self.options)), len(self.options) - 1)]
        if self.kind == "int":
            n = int(self.high) - int(self.low) + 1
            return int(self.low) + min(int(u * n), n - 1)
        if self.kind == "log":
            r = math.log10(self.low) + u * (math.log10(self.high) - math.log10(self.low))
            return 10.0 ** r
        if self.kind == "beta":
            r_low, r_high = math.log10(1 - self.high), math.log10(1 - self.low)
            return 1.0 - 10.0 ** (r_high - u * (r_high - r_low))
        return self.low + u * (self.high - self.low)

    def to_unit(self, value):
        """Where ``value`` sits in [0, 1] along this parameter's scale (inverse of from_unit)."""
        if self.kind == "choice":
            return (self.options.index(value) + 0.5) / len(self.options)
        if self.kind == "int":
            return (value - self.low + 0.5) / (self.high - self.low + 1)
        if self.kind == "log":
            return (math.log10(value) - math.log10(self.low)) / (math.log10(self.high) - math.log10(self.low))
        if self.kind == "beta":
            r_low, r_high = math.log10(1 - self.high), math.log10(1 - self.low)
            return (r_high - math.log10(1 - value)) / (r_high - r_low)
        return (value - self.low) / (self.high - self.low)

    def sample(self, rng):
        """One value drawn with ``rng`` (a numpy Generator)."""
        return self.from_unit(float(rng.random()))

    def grid(self, k):
        """``k`` evenly spaced values on this scale (all options for a choice)."""
        if self.kind == "choice":
            return list(self.options)
        if self.kind == "int":
            k = min(k, int(self.high - self.low) + 1)
            values = [round(self.low + i * (self.high - self.low) / max(k - 1, 1)) for i in range(k)]
            return sorted(set(int(v) for v in values))
        return [self.from_unit(i / max(k - 1, 1)) for i in range(k)] if k > 1 else [self.from_unit(0.5)]

    @property
    def log_axis(self) -> bool:
        """Whether plots should use a log axis (for beta, on 1 - beta)."""
        return self.kind in ("log", "beta")

    def to_json(self):
        if self.kind == "choice":
            return {"type": "choice", "values": list(self.options)}
        return {"type": self.kind, "low": self.low, "high": self.high}

    def spec(self) -> str:
        if self.kind == "choice":
            return f"{self.name}=choice:" + "|".join(str(o) for o in self.options)
        return f"{self.name}={self.kind}:{self.low:g}:{self.high:g}"


class Space:
    """A search space: an ordered set of ``Param``.

    Build one from a spec string or a dict (see ``parse_space``), or from Params.

    >>> space = Space.parse("learning_rate=log:1e-4:1e-1,hidden_units=int:2:50")
    >>> sorted(space.sample(__import__("numpy").random.default_rng(0)))
    ['hidden_units', 'learning_rate']
    """

    def __init__(self, params):
        self.params = {}
        for p in params:
            if p.name in self.params:
                raise ValueError(f"parameter {p.name!r} appears twice in the search space.")
            self.params[p.name] = p
        if not self.params:
            raise ValueError(f"The search space is empty; expected {SPEC_HELP}.")

    @classmethod
    def parse(cls, spec):
        return parse_space(spec)

    @property
    def names(self):
        return list(self.params)

    def __iter__(self):
        return iter(self.params.values())

    def __getitem__(self, name):
        return self.params[name]

    def __eq__(self, other):
        return isinstance(other, Space) and self.to_json() == other.to_json()

    def __repr__(self):
        return f"Space({self.spec()!r})"

    def sample(self, rng) -> dict:
        """One configuration, each parameter drawn on its own scale."""
        return {p.name: p.sample(rng) for p in self}

    def to_json(self) -> dict:
        return {p.name: p.to_json() for p in self}

    def spec(self) -> str:
        return ",".join(p.spec() for p in self)

    def fingerprint(self) -> str:
        """A short hash of the space, to tell a store made for another space."""
        text = json.dumps(self.to_json(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _number(text, where):
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{where}: {text!r} is not a number.") from None
    return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value


def _option(text):
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def _param_from_string(name, text):
    kind, colon, rest = text.partition(":")
    if colon and not rest and kind in KINDS:    # "choice:" or "log:": the arguments are missing
        example = "choice:relu|tanh" if kind == "choice" else f"{kind}:LOW:HIGH"
        raise ValueError(f"parameter {name!r}: {text!r} names the kind {kind!r} but no "
                         f"{'options' if kind == 'choice' else 'bounds'}; write {name}={example}.")
    if not rest:    # NAME=VALUE: a fixed value
        return Param(name, "choice", options=(_option(text),))
    if kind == "choice":
        return Param(name, "choice", options=tuple(_option(o) for o in rest.split("|") if o != ""))
    bounds = rest.split(":")
    if kind not in KINDS or len(bounds) != 2:
        raise ValueError(f"parameter {name!r}: cannot read {text!r}; expected {SPEC_HELP}.")
    where = f"parameter {name!r}"
    return Param(name, kind, _number(bounds[0], where), _number(bounds[1], where))


def _param_from_json(name, value):
    if isinstance(value, str):
        return _param_from_string(name, value)
    if isinstance(value, dict) and "type" in value:
        if value["type"] == "choice":
            return Param(name, "choice", options=tuple(value.get("values", ())))
        return Param(name, value["type"], value.get("low"), value.get("high"))
    if isinstance(value, (int, float, bool)):
        return Param(name, "choice", options=(value,))
    raise ValueError(f"parameter {name!r}: cannot read {value!r}; expected a string such as "
                     "'log:1e-4:1e-1' or an object such as {\"type\": \"log\", \"low\": 1e-4, "
                     "\"high\": 0.1} or {\"type\": \"choice\", \"values\": [\"relu\", \"tanh\"]}.")


def parse_space(spec) -> Space:
    """A Space from a spec string, a dict, a JSON file path (``@file.json`` or ``*.json``), or a Space.

    The string form is NAME=KIND:ARGS pairs separated by commas (see ``SPEC_HELP``);
    the JSON/dict form maps each name to such a KIND:ARGS string or to an object
    ``{"type": "log", "low": 1e-4, "high": 0.1}`` / ``{"type": "choice", "values": [...]}``.
    """
    if isinstance(spec, Space):
        return spec
    if isinstance(spec, dict):
        return Space([_param_from_json(name, value) for name, value in spec.items()])
    if not isinstance(spec, str):
        raise TypeError(f"A search space is a spec string, a dict or a JSON file; got {type(spec).__name__}.")
    text = spec.strip()
    if text.startswith("@") or text.endswith(".json"):
        from pathlib import Path
        path = Path(text.lstrip("@"))
        if not path.is_file():
            raise FileNotFoundError(f"Search-space file {str(path)!r} not found.")
        try:
            data = json.loads(path.read_text())
        except json.JSONDecodeError as exc:
            raise ValueError(f"Search-space file {str(path)!r} is not valid JSON: {exc}.") from None
        if not isinstance(data, dict):
            raise ValueError(f"Search-space file {str(path)!r} must hold a JSON object name -> range.")
        return parse_space(data)
    params = []
    for item in filter(None, (s.strip() for s in text.split(","))):
        name, eq, value = item.partition("=")
        if not eq or not value:
            raise ValueError(f"Cannot read {item!r} in the search space; expected {SPEC_HELP}.")
        params.append(_param_from_string(name.strip(), value.strip()))
    return Space(params)
