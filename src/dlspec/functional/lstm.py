"""Long short-term memory (LSTM) over a whole sequence, with backpropagation through time.

Course 5, week 1, batch first (rows, weights transposed from the course's column form):

    Γf = σ(x<t> Wxf + a<t-1> Waf + bf)          forget gate
    Γu = σ(x<t> Wxu + a<t-1> Wau + bu)          update gate (PyTorch's input gate i)
    c~ = tanh(x<t> Wxc + a<t-1> Wac + bc)       candidate (PyTorch's g)
    Γo = σ(x<t> Wxo + a<t-1> Wao + bo)          output gate
    c<t> = Γf * c<t-1> + Γu * c~
    a<t> = Γo * tanh(c<t>)

The course's Wf acts on the concatenation [a<t-1>; x<t>]; we keep its two blocks apart:
Wx (D, 4H) acts on x<t> and Wa (H, 4H) on a<t-1>, each stacking the four gates' columns in
the course's order (f, u, c~, o); b is (4H,). So the course's Wf = [Wa[:, :H]; Wx[:, :H]]^T.

PyTorch's ``torch.nn.LSTM`` stacks its rows in the order (i, f, g, o) and has two biases:
Wx = weight_ih_l0.T and Wa = weight_hh_l0.T with the first two blocks of H swapped,
b = bias_ih_l0 + bias_hh_l0 with the same swap (see ``dlspec.nn.lstm.LSTM.from_torch``).

With a mask, a masked step carries both states: a<t> = a<t-1>, c<t> = c<t-1> (Keras).
"""
from ..backend import xp
from .gates import gate_sigmoid
from .rnn import step_mask


def lstm_forward(x, a0, c0, Wx, Wa, b, mask=None):
    """Run an LSTM over all T time steps.

    Parameters
    ----------
    x : array (N, T, D); a0, c0 : arrays (N, H), the initial hidden and memory cell states
    Wx : array (D, 4H); Wa : array (H, 4H); b : array (4H,), gate blocks (f, u, c~, o)
    mask : bool array (N, T) or None; False marks a padded step (both states carried)

    Returns
    -------
    a : array (N, T, H)      hidden states a<1> ... a<T> (carried over masked steps)
    c : array (N, T, H)      memory cells c<1> ... c<T>
    cache : what ``lstm_backward`` needs
    """
    N, T, _ = x.shape
    H = Wa.shape[0]
    xW = x @ Wx + b                                      # (N, T, 4H), all t in one product
    gates = xp.empty(xW.shape, dtype=xW.dtype)           # activated Γf, Γu, c~, Γo per t
    a = xp.empty((N, T, H), dtype=xW.dtype)
    c = xp.empty_like(a)
    tc = xp.empty_like(a)                                # tanh(c<t>), reused by backward
    a_prev, c_prev = a0, c0
    m = None if mask is None else mask[..., None]        # (N, T, 1), broadcasts over H
    for t in range(T):
        z = xW[:, t] + a_prev @ Wa                       # (N, 4H)
        g = gates[:, t]
        g[...] = gate_sigmoid(z)                         # one call for all four blocks...
        g[:, 2 * H:3 * H] = xp.tanh(z[:, 2 * H:3 * H])   # ...then c~ is a tanh, not a sigmoid
        c_next = g[:, :H] * c_prev + g[:, H:2 * H] * g[:, 2 * H:3 * H]
        tc[:, t] = xp.tanh(c_next)
        a_next = g[:, 3 * H:] * tc[:, t]
        if m is not None:
            c_next = xp.where(m[:, t], c_next, c_prev)
            a_next = xp.where(m[:, t], a_next, a_prev)
        c[:, t] = c_prev = c_next
        a[:, t] = a_prev = a_next
    return a, c, (x, a0, c0, a, c, tc, gates, Wx, Wa, mask)


def lstm_backward(da, dc_last, cache, input_grad=True):
    """Backpropagation through time for the LSTM.

    Parameters
    ----------
    da : array (N, T, H)     dJ/da<t> from above for every t
    dc_last : array (N, H) or None, dJ/dc<T> from above (None: zero)
    cache : from ``lstm_forward``
    input_grad : False skips dx = dz Wx^T (the input is data) and returns None for dx

    Returns
    -------
    dx (N, T, D) or None, da0 (N, H), dc0 (N, H), dWx (D, 4H), dWa (H, 4H), db (4H,)

    Notes
    -----
    At each step, with da<t> the sum of the gradient from above and the one from t + 1:
    dΓo = da<t> tanh(c<t>);  dc<t> += da<t> Γo (1 - tanh(c<t>)^2);
    dΓf = dc<t> c<t-1>;  dΓu = dc<t> c~;  dc~ = dc<t> Γu;  dc<t-1> = dc<t> Γf;
    each gate's pre-activation gradient is dΓ Γ (1 - Γ) (sigmoid) or dc~ (1 - c~^2) (tanh),
    stacked into dz<t> (N, 4H), and da<t-1> = dz<t> Wa^T. Weight gradients are sums over
    t, computed after the loop as single products. At a masked step dz<t> = 0 and both
    da<t> and dc<t> pass unchanged to a<t-1> and c<t-1>.
    """
    x, a0, c0, a, c, tc, gates, Wx, Wa, mask = cache
    N, T, H = a.shape
    # Everything that does not depend on the gradient flowing back is computed for all t at
    # once, so that the loop over time runs a handful of NumPy calls per step.
    f, u, cc, o = (gates[..., k * H:(k + 1) * H] for k in range(4))
    deriv = gates * (1 - gates)                          # σ' = Γ (1 - Γ) for the gates...
    deriv[..., 2 * H:3 * H] = 1 - cc * cc                # ...tanh' = 1 - c~^2 for c~
    c_prev = xp.concatenate([c0[:, None], c[:, :-1]], axis=1)          # (N, T, H)
    # dΓf, dΓu, dc~ are dc<t> times c<t-1>, c~, Γu: stack those factors as (N, T, 3, H).
    factors = xp.stack([c_prev, cc, u], axis=2)
    o_dtanh = o * (1 - tc * tc)                          # d c<t> / d a<t> through tanh
    dz = xp.empty_like(gates)
    da_next = xp.zeros_like(a0)
    dc_next = xp.zeros_like(c0) if dc_last is None else dc_last
    m = step_mask(mask, a.dtype)
    for t in reversed(range(T)):
        da_t = da[:, t] + da_next
        if m is None:
            da_in, dc_in = da_t, dc_next
        else:                                            # the cell sees only unmasked rows
            da_in, dc_in = da_t * m[:, t], dc_next * m[:, t]
        dc = dc_in + da_in * o_dtanh[:, t]
        d = dz[:, t]
        d[:, :3 * H] = (dc[:, None] * factors[:, t]).reshape(N, 3 * H)
        d[:, 3 * H:] = da_in * tc[:, t]
        d *= deriv[:, t]
        if m is None:
            dc_next = dc * f[:, t]
            da_next = d @ Wa.T
        else:                                            # masked rows pass straight through
            keep = 1 - m[:, t]
            dc_next = dc * f[:, t] + dc_next * keep
            da_next = d @ Wa.T + da_t * keep
    a_prev = xp.concatenate([a0[:, None], a[:, :-1]], axis=1)     # (N, T, H): a<0> ... a<T-1>
    dz2 = dz.reshape(N * T, 4 * H)
    dWx = x.reshape(N * T, -1).T @ dz2
    dWa = a_prev.reshape(N * T, H).T @ dz2
    db = dz2.sum(axis=0)
    dx = dz @ Wx.T if input_grad else None
    return dx, da_next, dc_next, dWx, dWa, db
