"""The PyTorch twin of ``attention_nmt`` (the course's modelf with teacher forcing)."""
from __future__ import annotations

import numpy as np


def torch_attention_nmt(torch, Tx, Ty, n_a, n_s, Vx, Vy):
    """A ``torch.nn.Module``: Bidirectional LSTM, the course's one-step attention, an LSTMCell
    reading [context; y<t-1>], a Linear to the logits (N, Ty, Vy)."""
    nn, F = torch.nn, torch.nn.functional

    class AttentionNMT(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = nn.LSTM(Vx, n_a, batch_first=True, bidirectional=True)
            self.densor1, self.densor2 = nn.Linear(2 * n_a + n_s, 10), nn.Linear(10, 1)
            self.cell = nn.LSTMCell(2 * n_a + Vy, n_s)
            self.output = nn.Linear(n_s, Vy)

        def forward(self, X, Y_prev):
            a, _ = self.encoder(X)                                        # (N, Tx, 2 n_a)
            s = c = X.new_zeros((X.shape[0], n_s))
            logits = []
            for t in range(Ty):
                concat = torch.cat([a, s[:, None, :].expand(-1, Tx, -1)], dim=-1)
                alphas = torch.softmax(F.relu(self.densor2(torch.tanh(self.densor1(concat)))), dim=1)
                context = (alphas * a).sum(dim=1)                         # (N, 2 n_a)
                s, c = self.cell(torch.cat([context, Y_prev[:, t]], dim=-1), (s, c))
                logits.append(self.output(s))
            return torch.stack(logits, dim=1)                             # (N, Ty, Vy)

    return AttentionNMT()


def copy_attention_nmt(module, net):
    """Copy the twin's weights into ``net`` (from ``attention_nmt``): gates (i, f, g, o) ->
    (f, u, c~, o), the two LSTM biases summed, Linear weights transposed."""
    w = {k: v.detach().cpu().double().numpy() for k, v in module.named_parameters()}
    L = net.layers

    def lstm(params, prefix, ih, hh, bih, bhh, H):
        order = np.r_[H:2 * H, 0:H, 2 * H:4 * H]
        params[prefix + "Wx"][...] = w[ih][order].T
        params[prefix + "Wa"][...] = w[hh][order].T
        params[prefix + "b"][...] = (w[bih] + w[bhh])[order]

    n_a, n_s = L.encoder.layer.units, L.cell.units
    for prefix, sfx in (("forward_", ""), ("backward_", "_reverse")):
        lstm(L.encoder.params, prefix, f"encoder.weight_ih_l0{sfx}", f"encoder.weight_hh_l0{sfx}",
             f"encoder.bias_ih_l0{sfx}", f"encoder.bias_hh_l0{sfx}", n_a)
    lstm(L.cell.params, "", "cell.weight_ih", "cell.weight_hh", "cell.bias_ih", "cell.bias_hh", n_s)
    for name in ("densor1", "densor2", "output"):
        getattr(L, name).params["W"][...] = w[f"{name}.weight"].T
        getattr(L, name).params["b"][...] = w[f"{name}.bias"]
