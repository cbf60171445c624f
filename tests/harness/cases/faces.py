"""Course 4 face verification: the encoder's L2 normalization."""
import torch.nn.functional as F

from dlspec.nn import L2Normalize
from harness import LayerCase

CASES = [
    LayerCase("l2-normalize", L2Normalize, (6, 5), lambda x, p, l: F.normalize(x, dim=-1, eps=0.0)),
    LayerCase("l2-normalize-channels", lambda: L2Normalize(axis=-1), (2, 3, 3, 4),
              lambda x, p, l: F.normalize(x, dim=-1, eps=0.0)),
]
