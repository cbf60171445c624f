"""SequenceCrossEntropy: the course's per-name loss, padding, and clear errors."""
import numpy as np
import pytest

from dlspec.losses import SequenceCrossEntropy, get


def test_uniform_predictions_cost_T_log_V_per_sequence():
    """The course's starting loss: -log(1/27) per character, summed over the name."""
    Z = np.zeros((4, 7, 27))
    loss = SequenceCrossEntropy()
    assert loss.forward(Z, np.ones((4, 7), int)) == pytest.approx(7 * np.log(27))
    Y = np.ones((4, 7), int)
    Y[:, 5:] = -1                                        # padding adds nothing
    assert loss.forward(Z, Y) == pytest.approx(5 * np.log(27))
    dZ = loss.backward()
    assert not dZ[:, 5:].any()
    np.testing.assert_allclose(dZ.sum(axis=-1), 0, atol=1e-15)


def test_by_name_and_errors():
    assert isinstance(get("sequence_crossentropy"), SequenceCrossEntropy)
    loss = SequenceCrossEntropy()
    with pytest.raises(ValueError, match=r"\(N, T, V\).*TimeDistributed"):
        loss.forward(np.zeros((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match=r"expected token ids of shape \(2, 3\)"):
        loss.forward(np.zeros((2, 3, 4)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match=r"\[0, 3\]"):
        loss.forward(np.zeros((2, 3, 4)), np.full((2, 3), 4))
    with pytest.raises(ValueError, match="non-integer"):
        loss.forward(np.zeros((2, 3, 4)), np.full((2, 3), 0.5))
