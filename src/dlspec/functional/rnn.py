"""Basic RNN over a whole sequence, with backpropagation through time.

Course 5, week 1: a<t> = tanh(Waa a<t-1> + Wax x<t> + ba). The course writes column
vectors (a<t> of shape (n_a, 1), Wax of shape (n_a, n_x)); dlspec is batch first, so
every vector is a row and every weight is the course's matrix transposed:

    a<t> = tanh(x<t> Wax + a<t-1> Waa + ba),   Wax (D, H), Waa (H, H), ba (H,)

with D = n_x (input features) and H = n_a (hidden units).

Masking (padded batches, Keras semantics): where mask<t> is False the step is skipped,
a<t> = a<t-1>; backward then hands da<t> straight to a<t-1> and the weights get nothing
from that step. The same rule holds for the LSTM (a and c carried) and the GRU.
"""
from ..backend import xp


def step_mask(mask, dtype):
    """A (N, T) bool mask as 0/1 factors (N, T, 1) for the backward loops, or None."""
    return None if mask is None else mask[..., None].astype(dtype)


def rnn_forward(x, a0, Wax, Waa, ba, mask=None):
    """Run a basic (tanh) RNN over all T time steps.

    Parameters
    ----------
    x : array (N, T, D)      inputs x<1> ... x<T>
    a0 : array (N, H)        initial hidden state a<0> (zeros in the layers)
    Wax : array (D, H); Waa : array (H, H); ba : array (H,)
    mask : bool array (N, T) or None; False marks a padded step (a<t> = a<t-1> there)

    Returns
    -------
    a : array (N, T, H)      hidden states a<1> ... a<T> (carried over masked steps)
    cache : (x, a0, a, Wax, Waa, mask)

    Notes
    -----
    The input term x<t> Wax + ba does not depend on a<t-1>, so it is computed for all t
    in one matrix product before the loop; only a<t-1> Waa stays inside it.
    """
    N, T, _ = x.shape
    xW = x @ Wax + ba                                    # (N, T, H)
    a = xp.empty(xW.shape, dtype=xW.dtype)
    a_prev = a0
    m = None if mask is None else mask[..., None]           # (N, T, 1), broadcasts over H
    for t in range(T):
        a_next = xp.tanh(xW[:, t] + a_prev @ Waa)
        a_prev = a_next if m is None else xp.where(m[:, t], a_next, a_prev)
        a[:, t] = a_prev
    return a, (x, a0, a, Wax, Waa, mask)


def rnn_backward(da, cache, input_grad=True):
    """Backpropagation through time.

    Parameters
    ----------
    da : array (N, T, H)     dJ/da<t> from above (the layers on top), for every t
    cache : from ``rnn_forward``
    input_grad : False skips dx = dz Wax^T (the input is data) and returns None for dx

    Returns
    -------
    dx (N, T, D) or None, da0 (N, H), dWax (D, H), dWaa (H, H), dba (H,)

    Notes
    -----
    Going back from t = T to 1, the gradient reaching a<t> is the one from above plus the
    one from a<t+1>:  da_next = (da<t> + da_next) (1 - a<t>^2) Waa^T.  With
    dz<t> = (da<t> + da_next) (1 - a<t>^2) kept for all t, the weight gradients are sums
    over time, computed as single products after the loop:
    dWax = sum_t x<t>^T dz<t>, dWaa = sum_t a<t-1>^T dz<t>, dba = sum_t dz<t>,
    dx<t> = dz<t> Wax^T. At a masked step dz<t> = 0 and da_next = da<t> + da_next.
    """
    x, a0, a, Wax, Waa, mask = cache
    N, T, H = a.shape
    m = step_mask(mask, a.dtype)
    dz = xp.empty_like(a)
    da_next = xp.zeros_like(a0)
    for t in reversed(range(T)):
        da_t = da[:, t] + da_next
        if m is None:
            dz_t = da_t * (1 - a[:, t] * a[:, t])
            da_next = dz_t @ Waa.T
        else:                                            # masked rows: dz = 0, da passes through
            dz_t = (da_t * m[:, t]) * (1 - a[:, t] * a[:, t])
            da_next = dz_t @ Waa.T + da_t * (1 - m[:, t])
        dz[:, t] = dz_t
    a_prev = xp.concatenate([a0[:, None], a[:, :-1]], axis=1)     # (N, T, H): a<0> ... a<T-1>
    dz2 = dz.reshape(N * T, H)
    dWax = x.reshape(N * T, -1).T @ dz2
    dWaa = a_prev.reshape(N * T, H).T @ dz2
    dba = dz2.sum(axis=0)
    dx = dz @ Wax.T if input_grad else None
    return dx, da_next, dWax, dWaa, dba
