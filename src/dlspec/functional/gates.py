"""The sigmoid of the recurrent gates, written with tanh."""
from ..backend import xp


def gate_sigmoid(Z):
    """σ(Z) = (1 + tanh(Z / 2)) / 2: one tanh, exact in float64 to rounding, and it keeps Z's dtype.

    NOTE: the exp-based sigmoid takes exp(-|Z|), which for saturated gates (|Z| > 87 in float32)
    lands in the subnormal range, and subnormal arithmetic is many times slower on most CPUs:
    an LSTM trained on long sequences slowed down 10x that way. tanh saturates to exactly +-1
    instead. The price: σ of a very negative Z is 0 rather than a tiny positive number, which
    changes no gradient by more than the float's resolution.
    """
    return 0.5 * (1 + xp.tanh(0.5 * Z))
