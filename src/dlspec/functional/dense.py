"""Fully connected (dense) layer: Z = A_prev W + b."""


def dense_forward(A_prev, W, b):
    """Linear part of a layer's forward propagation.

    Parameters
    ----------
    A_prev : array (N, D_in)   activations of the previous layer
    W : array (D_in, D_out)    weights
    b : array (D_out,)         biases

    Returns
    -------
    Z : array (N, D_out)
    cache : (A_prev, W)

    Notes
    -----
    Batch-first form of the course's Z[l] = W[l] A[l-1] + b[l]. Backward, with
    dZ = dJ/dZ already divided by the batch size inside the loss:
    dW = A_prev^T dZ, db = sum_n dZ, dA_prev = dZ W^T.
    """
    Z = A_prev @ W
    Z += b          # in place: no second (N, D_out) array
    return Z, (A_prev, W)


def dense_backward(dZ, cache, need_dA_prev=True):
    """Return dA_prev (N, D_in), dW (D_in, D_out), db (D_out,).

    With ``need_dA_prev=False`` (the first layer, whose input is the data) dA_prev is
    None and its GEMM, as costly as dW's, is skipped. ``W.T`` and ``A_prev.T`` are
    views: BLAS reads them transposed, without a copy.
    """
    A_prev, W = cache
    dA_prev = dZ @ W.T if need_dA_prev else None
    return dA_prev, A_prev.T @ dZ, dZ.sum(axis=0)
