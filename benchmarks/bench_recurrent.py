"""dlspec's SimpleRNN, LSTM and GRU against torch.nn.RNN/LSTM/GRU: forward + backward, CPU.

Run: PYTHONPATH=src python benchmarks/bench_recurrent.py [--threads 1] [--repeat 20]
Same shapes, float32, same number of threads for both (BLAS for NumPy, intra-op for torch).
Prints milliseconds per forward+backward and the ratio dlspec / torch (lower is better).

2026-11-24, 2-core AMD EPYC build machine shared with other jobs, 1 thread, default shape,
best of 20: rnn 7.6 ms vs torch 9.1 (0.83), lstm 34.4 vs 21.3 (1.62), gru 25.3 vs 27.0 (0.94).
With 2 threads the shared machine gave meaningless numbers (torch's GRU took 2.8 s once).
"""
import argparse
import time

import numpy as np


def _time(fn, repeat):
    fn()                                       # warm-up
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def main():
    import torch
    from threadpoolctl import threadpool_limits
    from dlspec.nn import GRU, LSTM, SimpleRNN

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--shape", default="64,50,32,128", help="N,T,D,H")
    args = parser.parse_args()
    N, T, D, H = map(int, args.shape.split(","))
    torch.set_num_threads(args.threads)
    x = np.random.default_rng(0).standard_normal((N, T, D)).astype(np.float32)
    g = np.ones((N, T, H), np.float32)
    print(f"N={N} T={T} D={D} H={H}, float32, {args.threads} thread(s), best of {args.repeat}")
    print(f"{'cell':<8}{'dlspec ms':>12}{'torch ms':>12}{'ratio':>8}")
    with threadpool_limits(args.threads, user_api="blas"):
        for name, ours, theirs in (("rnn", SimpleRNN, torch.nn.RNN), ("lstm", LSTM, torch.nn.LSTM),
                                   ("gru", GRU, torch.nn.GRU)):
            module = theirs(D, H, batch_first=True)
            layer = ours.from_torch(module, return_sequences=True)

            def dlspec_step():
                layer.forward(x, training=True)
                layer.backward(g)

            x_t, g_t = torch.tensor(x, requires_grad=True), torch.tensor(g)

            def torch_step():
                module.zero_grad()
                x_t.grad = None
                module(x_t)[0].backward(g_t)

            a, b = _time(dlspec_step, args.repeat), _time(torch_step, args.repeat)
            print(f"{name:<8}{a:>12.2f}{b:>12.2f}{a / b:>8.2f}")


if __name__ == "__main__":
    main()
