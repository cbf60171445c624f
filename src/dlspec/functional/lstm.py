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

# NOTE: the loops below work on time-major buffers (T, N, ...), so that every per-step
# slice is one contiguous block, and write into preallocated arrays with ``out=``: at
# T 30, B 64, H 128 the step's cost is the number of NumPy calls and the bytes they move,
# not the arithmetic (the recurrent GEMM is 8 MFLOP). Batch-first arrays come in and go out
# (the outputs are transposed views).


def _gate_scales(H, dtype):
    """Per-column factors that turn one tanh over all four gate blocks into the gates.

    σ(z) = 0.5 tanh(z / 2) + 0.5 and c~ = tanh(z): with the sigmoid blocks' weights and bias
    halved (exact in binary floating point), tanh of the pre-activations followed by
    ``* scale + shift`` gives Γf, Γu, c~, Γo in three NumPy calls instead of seven.
    """
    scale = xp.full(4 * H, 0.5, dtype=dtype)
    scale[2 * H:3 * H] = 1
    return scale, scale * (scale != 1)                    # shift: 0.5 on σ blocks, 0 on c~


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
    N, T, D = x.shape
    H = Wa.shape[0]
    scale, shift = _gate_scales(H, Wa.dtype)
    x_tm = xp.ascontiguousarray(x.transpose(1, 0, 2))    # (T, N, D), time-major
    # gates holds the (halved) pre-activations for all t from one product, then each step
    # adds a<t-1> Wa and activates its slice in place.
    gates = (x_tm.reshape(T * N, D) @ (Wx * scale)).reshape(T, N, 4 * H)
    gates += b * scale
    Wa_s = Wa * scale
    a = xp.empty((T, N, H), dtype=gates.dtype)
    c, tc = xp.empty_like(a), xp.empty_like(a)           # tc = tanh(c<t>), reused by backward
    rec, uc = xp.empty((N, 4 * H), gates.dtype), xp.empty((N, H), gates.dtype)
    keep = None if mask is None else ~mask.T[..., None]  # (T, N, 1): True where the state carries
    a_prev, c_prev = a0, c0
    for t in range(T):
        z = gates[t]                                      # (N, 4H)
        xp.matmul(a_prev, Wa_s, out=rec)
        z += rec
        xp.tanh(z, out=z)
        z *= scale
        z += shift                                        # Γf, Γu, c~, Γo
        xp.multiply(z[:, :H], c_prev, out=c[t])
        xp.multiply(z[:, H:2 * H], z[:, 2 * H:3 * H], out=uc)
        c[t] += uc                                        # c<t> = Γf c<t-1> + Γu c~
        xp.tanh(c[t], out=tc[t])
        xp.multiply(z[:, 3 * H:], tc[t], out=a[t])
        if keep is not None:
            xp.copyto(c[t], c_prev, where=keep[t])
            xp.copyto(a[t], a_prev, where=keep[t])
        a_prev, c_prev = a[t], c[t]
    a_bf, c_bf = a.transpose(1, 0, 2), c.transpose(1, 0, 2)   # (N, T, H) views
    return a_bf, c_bf, (x_tm, a0, c0, a, c, tc, gates, Wx, Wa, mask)


def _local_derivatives(a0, c0, c, tc, gates):
    """K (4, T, N, H): what multiplies dc<t> (f, u, c~ blocks) or da<t> (o block) to give dz<t>,
    gate derivative included: [c<t-1> Γf(1-Γf), c~ Γu(1-Γu), Γu (1-c~^2), tanh(c<t>) Γo(1-Γo)];
    and Γo (1 - tanh(c<t>)^2), the path from a<t> to c<t>. Computed for all t at once."""
    T, N, H = c.shape
    # NOTE: one copy to block-major (4, T, N, H) makes every pass below contiguous; on the
    # (T, N, 4H) layout each pass ran over 128-number rows, about 3x slower per number.
    G = xp.ascontiguousarray(gates.reshape(T, N, 4, H).transpose(2, 0, 1, 3))
    f, u, cc, o = G
    K = xp.empty_like(G)
    for k, other in ((0, None), (1, cc), (3, tc)):
        xp.subtract(1, G[k], out=K[k])
        K[k] *= G[k]                                      # σ' = Γ (1 - Γ)
        if other is not None:
            K[k] *= other
    K[0, 0] *= c0                                         # c<t-1>: c<0> first, then c<1>...
    K[0, 1:] *= c[:-1]
    xp.multiply(cc, cc, out=K[2])
    xp.subtract(1, K[2], out=K[2])
    K[2] *= u                                             # tanh' = 1 - c~^2
    o_dtanh = tc * tc
    xp.subtract(1, o_dtanh, out=o_dtanh)
    o_dtanh *= o
    return K, o_dtanh, f


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
    x_tm, a0, c0, a, c, tc, gates, Wx, Wa, mask = cache
    T, N, H = a.shape
    K, o_dtanh, f = _local_derivatives(a0, c0, c, tc, gates)
    dz = xp.empty_like(gates)
    dz3 = dz.reshape(T, N, 4, H).transpose(0, 2, 1, 3)[:, :3]   # (T, 3, N, H) view: f, u, c~
    da_next = xp.zeros_like(a0)
    dc_next = xp.zeros_like(c0) if dc_last is None else dc_last.copy()
    da_t, dc = xp.empty_like(da_next), xp.empty_like(dc_next)
    m = None if mask is None else mask.T[..., None].astype(a.dtype)   # (T, N, 1) 0/1
    WaT = xp.ascontiguousarray(Wa.T)    # NOTE: a transposed view made each small GEMM 2.7x slower
    for t in reversed(range(T)):
        xp.add(da[:, t], da_next, out=da_t)
        if m is None:
            da_in, dc_in = da_t, dc_next
        else:                                             # the cell sees only unmasked rows
            da_in, dc_in = da_t * m[t], dc_next * m[t]
        xp.multiply(da_in, o_dtanh[t], out=dc)
        dc += dc_in
        xp.multiply(dc, K[:3, t], out=dz3[t])             # dz of f, u, c~: (3, N, H)
        xp.multiply(da_in, K[3, t], out=dz[t, :, 3 * H:])
        if m is None:
            xp.multiply(dc, f[t], out=dc_next)
            xp.matmul(dz[t], WaT, out=da_next)
        else:                                             # masked rows pass straight through
            keep = 1 - m[t]
            dc_next = dc * f[t] + dc_next * keep
            da_next = dz[t] @ WaT + da_t * keep
    dz2 = dz.reshape(T * N, 4 * H)
    dWx = x_tm.reshape(T * N, -1).T @ dz2
    dWa = a0.T @ dz[0]                                    # a<t-1>: a<0> first, then a<1>...
    if T > 1:
        dWa += a[:-1].reshape((T - 1) * N, H).T @ dz[1:].reshape((T - 1) * N, 4 * H)
    db = dz2.sum(axis=0)
    dx = (dz2 @ Wx.T).reshape(T, N, -1).transpose(1, 0, 2) if input_grad else None
    return dx, da_next, dc_next, dWx, dWa, db
