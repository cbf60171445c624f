"""Basic RNN over a whole sequence, with backpropagation through time.

Course 5, week 1: a<t> = tanh(Waa a<t-1> + Wax x<t> + ba). The course writes column
vectors (a<t> of shape (n_a, 1), Wax of shape (n_a, n_x)); dlspec is batch first, so
every vector is a row and every weight is the course's matrix transposed:

    a<t> = tanh(x<t> Wax + a<t-1> Waa + ba),   Wax (D, H), Waa (H, H), ba (H,)

with D = n_x (input features) and H = n_a (hidden units).
"""
from ..backend import xp


def rnn_forward(x, a0, Wax, Waa, ba):
    """Run a basic (tanh) RNN over all T time steps.

    Parameters
    ----------
    x : array (N, T, D)      inputs x<1> ... x<T>
    a0 : array (N, H)        initial hidden state a<0> (zeros in the layers)
    Wax : array (D, H); Waa : array (H, H); ba : array (H,)

    Returns
    -------
    a : array (N, T, H)      hidden states a<1> ... a<T>
    cache : (x, a0, a, Wax, Waa)

    Notes
    -----
    The input term x<t> Wax + ba does not depend on a<t-1>, so it is computed for all t
    in one matrix product before the loop; only a<t-1> Waa stays inside it.
    """
    N, T, _ = x.shape
    xW = x @ Wax + ba                                    # (N, T, H)
    a = xp.empty(xW.shape, dtype=xW.dtype)
    a_prev = a0
    for t in range(T):
        a_prev = xp.tanh(xW[:, t] + a_prev @ Waa)
        a[:, t] = a_prev
    return a, (x, a0, a, Wax, Waa)


def rnn_backward(da, cache):
    """Backpropagation through time.

    Parameters
    ----------
    da : array (N, T, H)     dJ/da<t> from above (the layers on top), for every t
    cache : from ``rnn_forward``

    Returns
    -------
    dx (N, T, D), da0 (N, H), dWax (D, H), dWaa (H, H), dba (H,)

    Notes
    -----
    Going back from t = T to 1, the gradient reaching a<t> is the one from above plus the
    one from a<t+1>:  da_next = (da<t> + da_next) (1 - a<t>^2) Waa^T.  With
    dz<t> = (da<t> + da_next) (1 - a<t>^2) kept for all t, the weight gradients are sums
    over time, computed as single products after the loop:
    dWax = sum_t x<t>^T dz<t>, dWaa = sum_t a<t-1>^T dz<t>, dba = sum_t dz<t>,
    dx<t> = dz<t> Wax^T.
    """
    x, a0, a, Wax, Waa = cache
    N, T, H = a.shape
    dz = xp.empty_like(a)
    da_next = xp.zeros_like(a0)
    for t in reversed(range(T)):
        dz_t = (da[:, t] + da_next) * (1 - a[:, t] * a[:, t])
        dz[:, t] = dz_t
        da_next = dz_t @ Waa.T
    a_prev = xp.concatenate([a0[:, None], a[:, :-1]], axis=1)     # (N, T, H): a<0> ... a<T-1>
    dz2 = dz.reshape(N * T, H)
    dWax = x.reshape(N * T, -1).T @ dz2
    dWaa = a_prev.reshape(N * T, H).T @ dz2
    dba = dz2.sum(axis=0)
    dx = dz @ Wax.T
    return dx, da_next, dWax, dWaa, dba
