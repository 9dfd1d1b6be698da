#!/usr/bin/python3
"""PyTorch peers for `scmm bench`, measured in the same run.

Times full SCMM pre-training steps (masks, forward, backward, Adam) at batch
256, C = 62, F = 5, M = 1 in PyTorch (Debian's python3-torch, CPU, float32),
then runs `scmm bench` with the same thread count, and prints the medians and
the ratios. Two PyTorch peers:
  reference      this folder's independent implementation (cosine via a matmul)
  released-style the same, but the input-space cosine computed the way the
                 released code does it: F.cosine_similarity over the broadcast
                 N x N x D pairs (the expensive part of the released step)

Usage (from the project root, after a build):
  /usr/bin/python3 tests/reference/bench_torch.py [--threads 2] [--steps 10] [--scmm build/app/scmm]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

import torch
import torch.nn.functional as Fn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scmm_reference as ref  # noqa: E402


def released_style_soft_weights(x_in, alpha, sigma):
    with torch.no_grad():
        flat = x_in.reshape(x_in.shape[0], -1)
        d = -Fn.cosine_similarity(flat.unsqueeze(1), flat.unsqueeze(0), dim=2)
        n = d.shape[0]
        eye = torch.eye(n, dtype=torch.bool)
        d = d.masked_fill(eye, 0.0) + torch.diag(d[~eye].min().expand(n))
        dn = ref.column_minmax(d)
        return 2.0 * alpha / (1.0 + torch.exp(dn / sigma)), d, dn


def time_steps(steps, warmup, released_style):
    torch.manual_seed(42)
    batch, channels, bands = 256, 62, 5
    model = ref.ScmmModel(channels, bands)
    model.train()
    opt = ref.make_adam(model.parameters())
    x = torch.rand(batch, channels, bands)
    gen = torch.Generator().manual_seed(1)
    saved = ref.soft_weights
    if released_style:
        ref.soft_weights = released_style_soft_weights
    times = []
    try:
        for s in range(warmup + steps):
            t0 = time.perf_counter()
            keep = ref.make_keep_mask(batch, channels, bands, 1, 0.5, 0.1, "hybrid", gen)
            out = ref.pretrain_forward(model, x, keep, 0.5, 0.05, 0.5, "own_input")
            opt.zero_grad()
            out["loss"].backward()
            opt.step()
            if s >= warmup:
                times.append((time.perf_counter() - t0) * 1e3)
    finally:
        ref.soft_weights = saved
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--scmm", default="build/app/scmm")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)

    ref_ms = time_steps(args.steps, 2, released_style=False)
    released_ms = time_steps(max(3, args.steps // 3), 1, released_style=True)
    out = subprocess.run([args.scmm, "bench", "--threads", str(args.threads), "--steps", "30"],
                         check=True, capture_output=True, text=True).stdout
    line = out.strip().splitlines()[-1]
    fields = dict(kv.split("=") for kv in line.split()[1:])
    scmm_ms = float(fields["median_ms"])
    print(f"# torch {torch.__version__}, {args.threads} threads, batch 256, C 62, F 5, M 1")
    print(f"torch-reference median_ms={ref_ms:.1f}")
    print(f"torch-released-style median_ms={released_ms:.1f}")
    print(line)
    print(f"speedup scmm_vs_torch_reference={ref_ms / scmm_ms:.1f}x "
          f"scmm_vs_released_style={released_ms / scmm_ms:.1f}x")


if __name__ == "__main__":
    main()
