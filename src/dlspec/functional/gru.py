"""Gated recurrent unit (GRU) over a whole sequence, with backpropagation through time.

Course 5, week 1 (the "full GRU"), batch first, with a<t> = c<t>:

    Γu = σ(x<t> Wxu + a<t-1> Wau + bu)                    update gate
    Γr = σ(x<t> Wxr + a<t-1> War + br)                    relevance (reset) gate
    c~ = tanh(x<t> Wxc + (Γr * a<t-1>) Wac + bc)          candidate (reset before the product)
    a<t> = Γu * c~ + (1 - Γu) * a<t-1>

Wx (D, 3H), Wa (H, 3H) and b (3H,) stack the columns of the three blocks in the order
(u, r, c~). With ``reset_after=True`` the candidate is PyTorch's form instead,

    c~ = tanh(x<t> Wxc + bc + Γr * (a<t-1> Wac + bac))    with one more bias bac (H,)

PyTorch's ``torch.nn.GRU`` (order r, z, n; h = (1 - z) n + z h_prev) maps onto the
reset-after form exactly: its z is 1 - Γu, and since σ(-s) = 1 - σ(s), Γu's weights and bias
are minus z's (see ``dlspec.nn.gru.GRU.from_torch``).

With a mask, a masked step carries the state: a<t> = a<t-1> (Keras).
"""
from ..backend import xp
from .gates import gate_sigmoid
from .rnn import step_mask


def gru_forward(x, a0, Wx, Wa, b, bac=None, mask=None):
    """Run a GRU over all T time steps.

    Parameters
    ----------
    x : array (N, T, D); a0 : array (N, H), the initial state
    Wx : array (D, 3H); Wa : array (H, 3H); b : array (3H,), blocks (u, r, c~)
    bac : array (H,) or None. None: the course's form (reset before the product);
        an array: PyTorch's form (reset after), bac being the recurrent candidate bias.
    mask : bool array (N, T) or None; False marks a padded step (a<t> = a<t-1> there)

    Returns
    -------
    a : array (N, T, H); cache : what ``gru_backward`` needs
    """
    N, T, _ = x.shape
    H = Wa.shape[0]
    xW = x @ Wx + b                                      # (N, T, 3H), all t in one product
    gates = xp.empty(xW.shape, dtype=xW.dtype)           # Γu, Γr, c~ per t
    # The recurrent candidate term: (Γr a<t-1>) Wac before, or a<t-1> Wac + bac after.
    hc = xp.empty((N, T, H), dtype=xW.dtype)
    a = xp.empty_like(hc)
    a_prev = a0
    m = None if mask is None else mask[..., None]        # (N, T, 1), broadcasts over H
    for t in range(T):
        g = gates[:, t]
        if bac is None:
            g[:, :2 * H] = gate_sigmoid(xW[:, t, :2 * H] + a_prev @ Wa[:, :2 * H])
            hc[:, t] = g[:, H:2 * H] * a_prev                      # Γr * a<t-1>
            g[:, 2 * H:] = xp.tanh(xW[:, t, 2 * H:] + hc[:, t] @ Wa[:, 2 * H:])
        else:
            za = a_prev @ Wa                                       # (N, 3H)
            g[:, :2 * H] = gate_sigmoid(xW[:, t, :2 * H] + za[:, :2 * H])
            hc[:, t] = za[:, 2 * H:] + bac                         # a<t-1> Wac + bac
            g[:, 2 * H:] = xp.tanh(xW[:, t, 2 * H:] + g[:, H:2 * H] * hc[:, t])
        u = g[:, :H]
        a_next = u * g[:, 2 * H:] + (1 - u) * a_prev
        a[:, t] = a_prev = a_next if m is None else xp.where(m[:, t], a_next, a_prev)
    return a, (x, a0, a, gates, hc, Wx, Wa, bac is not None, mask)


def gru_backward(da, cache, input_grad=True):
    """Backpropagation through time for the GRU.

    Parameters
    ----------
    da : array (N, T, H), dJ/da<t> from above for every t; cache : from ``gru_forward``
    input_grad : False skips dx = dz Wx^T (the input is data) and returns None for dx

    Returns
    -------
    dx (N, T, D) or None, da0 (N, H), dWx (D, 3H), dWa (H, 3H), db (3H,), dbac (H,) or None

    Notes
    -----
    With da<t> the gradient from above plus the one from t + 1:
    dΓu = da<t> (c~ - a<t-1>);  dc~ = da<t> Γu;  dzc = dc~ (1 - c~^2).
    Reset before: d(Γr a<t-1>) = dzc Wac^T, so dΓr = d(Γr a<t-1>) a<t-1> and a<t-1> gets
    d(Γr a<t-1>) Γr. Reset after: dΓr = dzc (a<t-1> Wac + bac) and the recurrent candidate
    term gets dzc Γr. Finally da<t-1> = da<t> (1 - Γu) + [dzu, dzr, ...] Wa^T. At a masked
    step the cell gets nothing (dz<t> = 0) and da<t> passes unchanged to a<t-1>.
    """
    x, a0, a, gates, hc, Wx, Wa, reset_after, mask = cache
    m = step_mask(mask, a.dtype)
    N, T, H = a.shape
    dz = xp.empty_like(gates)            # pre-activation gradients (dzu, dzr, dzc)
    dh = xp.empty_like(a)                # gradient of the recurrent candidate term hc
    da_next = xp.zeros_like(a0)
    # NOTE: contiguous copies of Wa^T's blocks, made once: products with the transposed
    # views ran the per-step GEMMs up to 2.7x slower.
    WaT = xp.ascontiguousarray(Wa.T)                     # (3H, H)
    Wa_ur_T, Wa_c_T = WaT[:2 * H], WaT[2 * H:]
    for t in reversed(range(T)):
        g = gates[:, t]
        u, r, cc = g[:, :H], g[:, H:2 * H], g[:, 2 * H:]
        a_prev = a[:, t - 1] if t > 0 else a0
        da_t = da[:, t] + da_next
        if m is not None:                                # the cell sees only unmasked rows
            da_t, da_skip = da_t * m[:, t], da_t * (1 - m[:, t])
        d = dz[:, t]
        d[:, :H] = da_t * (cc - a_prev) * u * (1 - u)
        dzc = da_t * u * (1 - cc * cc)
        d[:, 2 * H:] = dzc
        if reset_after:
            dh[:, t] = dzc * r
            d[:, H:2 * H] = dzc * hc[:, t] * r * (1 - r)
            da_next = da_t * (1 - u) + xp.concatenate([d[:, :2 * H], dh[:, t]], axis=1) @ WaT
        else:
            dra = dzc @ Wa_c_T                           # d(Γr a<t-1>)
            dh[:, t] = dzc
            d[:, H:2 * H] = dra * a_prev * r * (1 - r)
            da_next = da_t * (1 - u) + dra * r + d[:, :2 * H] @ Wa_ur_T
        if m is not None:
            da_next = da_next + da_skip
    a_prev = xp.concatenate([a0[:, None], a[:, :-1]], axis=1).reshape(N * T, H)
    dz2 = dz.reshape(N * T, 3 * H)
    dh2 = dh.reshape(N * T, H)
    dWx = x.reshape(N * T, -1).T @ dz2
    dWa = xp.empty_like(Wa)
    dWa[:, :2 * H] = a_prev.T @ dz2[:, :2 * H]
    # The candidate's recurrent weights see a<t-1> (after) or Γr a<t-1> (before, kept in hc).
    dWa[:, 2 * H:] = (a_prev if reset_after else hc.reshape(N * T, H)).T @ dh2
    db = dz2.sum(axis=0)
    dbac = dh2.sum(axis=0) if reset_after else None
    dx = dz @ Wx.T if input_grad else None
    return dx, da_next, dWx, dWa, db, dbac
