"""Convolution speed: dlspec vs PyTorch (same weights, same input) vs the course's loops.

    python benchmarks/bench_conv.py [--repeat 5] [--skip-resnet]

Each ``*_case`` function returns a dict of name -> zero-argument callable, so a benchmark
framework can time them; ``main`` times them here and prints the ratios.
"""
from __future__ import annotations

import argparse
import time

import numpy as np


# -- the course's loop version (course 4, week 1 assignment), kept as the baseline ------------

def course_conv_forward(A_prev, W, b, stride, pad):
    """The assignment's conv_forward: four nested Python loops over examples and pixels."""
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, _, _, n_C = W.shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C), A_prev.dtype)
    A_prev_pad = np.pad(A_prev, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            for w in range(n_W):
                horiz_start = w * stride
                a_slice_prev = a_prev_pad[vert_start:vert_start + f, horiz_start:horiz_start + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = np.sum(a_slice_prev * W[:, :, :, c]) + b[c]
    return Z


# -- cases --------------------------------------------------------------------------------

def _torch_lenet():
    from torch import nn
    return nn.Sequential(nn.Conv2d(1, 6, 5), nn.Tanh(), nn.AvgPool2d(2), nn.Conv2d(6, 16, 5), nn.Tanh(),
                         nn.AvgPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.Tanh(),
                         nn.Linear(120, 84), nn.Tanh(), nn.Linear(84, 10))


def _copy_sequential(model, net):
    import torch
    from dlspec.nn import Conv2D, Dense
    ours = [l for l in model.layers if isinstance(l, (Conv2D, Dense))]
    theirs = [m for m in net.modules() if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    with torch.no_grad():
        for layer, module in zip(ours, theirs):
            W = layer.params["W"]
            W = W.transpose(3, 2, 0, 1) if W.ndim == 4 else W.T     # to torch's layout
            module.weight.copy_(torch.tensor(np.ascontiguousarray(W)))
            module.bias.copy_(torch.tensor(layer.params["b"]))
    return net


def lenet_step_case(batch=64, seed=0):
    """One LeNet-5 training step (forward, cost, backward, SGD update) on a batch of 32x32x1."""
    import torch
    from dlspec.models import zoo
    from dlspec.optim import GradientDescent
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((batch, 32, 32, 1)).astype(np.float32)
    Y = rng.integers(0, 10, batch)
    model = zoo.lenet5()
    model.compile("softmax_crossentropy", GradientDescent(0.01))
    model.build((32, 32, 1))
    net = _copy_sequential(model, _torch_lenet())
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    X_t, Y_t = torch.tensor(X).permute(0, 3, 1, 2).contiguous(), torch.tensor(Y)

    def dlspec_step():
        out = model.forward(X, training=True)
        model.loss.forward(out, Y)
        model.backward(model.loss.backward())
        model.optimizer.step(model.named_params_and_grads())

    def torch_step():
        opt.zero_grad()
        torch.nn.functional.cross_entropy(net(X_t), Y_t).backward()
        opt.step()

    W1 = model.layers[0].params["W"]
    b1 = model.layers[0].params["b"]
    return {"dlspec": dlspec_step, "torch": torch_step,
            "course loops (conv1 forward only)": lambda: course_conv_forward(X, W1, b1, 1, 0)}


def resnet50_inference_case(size=224, batch=1, seed=0):
    """ResNet-50 (v1.5) inference on one 224x224x3 image, float32, same weights in both."""
    import sys
    from pathlib import Path
    import torch
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "models"))
    from torch_nets import TorchResNet50, copy_weights
    from dlspec.models import zoo
    model = zoo.resnet50(input_shape=(size, size, 3), variant="v1.5", seed=seed)
    model.build(model.input_spec)
    net = copy_weights(model, TorchResNet50(1000, "v1.5")).eval()
    X = np.random.default_rng(seed).standard_normal((batch, size, size, 3)).astype(np.float32)
    X_t = torch.tensor(X).permute(0, 3, 1, 2).contiguous()
    with torch.no_grad():
        ref = net(X_t).numpy()
    err = float(np.linalg.norm(model.predict(X) - ref) / np.linalg.norm(ref))

    def torch_forward():
        with torch.no_grad():
            net(X_t)

    return {"dlspec": lambda: model.predict(X), "torch": torch_forward, "_relative_error": err}


# -- timing -------------------------------------------------------------------------------

def best_time(fn, repeat=5, warmup=1):
    """Best wall time of ``repeat`` calls, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def report(title, case, repeat):
    print(f"\n{title}")
    times = {}
    for name, fn in case.items():
        if name.startswith("_"):
            continue
        loops = name.startswith("course")
        times[name] = best_time(fn, repeat=1 if loops else repeat, warmup=0 if loops else 1)
        print(f"  {name:<36}{times[name] * 1e3:>12.2f} ms")
    print(f"  dlspec / torch{'':<22}{times['dlspec'] / times['torch']:>12.2f} x")
    for name in times:
        if name.startswith("course"):
            print(f"  {name} / dlspec{'':<1}{times[name] / times['dlspec']:>10.0f} x")
    for name, value in case.items():
        if name.startswith("_"):
            print(f"  {name[1:]}: {value:.2e}")
    return times


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-resnet", action="store_true")
    parser.add_argument("--threads", type=int, default=None,
                        help="BLAS and torch threads for both (default: each library's own)")
    args = parser.parse_args(argv)
    import torch
    if args.threads:
        from threadpoolctl import threadpool_limits
        threadpool_limits(args.threads)
        torch.set_num_threads(args.threads)
    print(f"numpy {np.__version__}, torch {torch.__version__} ({torch.get_num_threads()} threads)")
    report("LeNet-5 training step, batch 64, 32x32x1", lenet_step_case(), args.repeat)
    if not args.skip_resnet:
        report("ResNet-50 inference, 1x224x224x3", resnet50_inference_case(), args.repeat)


if __name__ == "__main__":
    main()
