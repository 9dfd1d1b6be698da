#!/usr/bin/python3
"""Reference numbers for the embedding map's engine parts (tests/engine/test-pca.c and
test-encoder-features.c).

Run from the project root:   /usr/bin/python3 tests/reference/embedding_reference.py
Writes tests/fixtures/embedding/embedding.h5 (deterministic).  See README.md.

- pca/<case>: points x with a known spectrum, and numpy's PCA of them (np.cov with divisor
  n - 1, np.linalg.eigh): the top two components with the engine's sign convention (each
  component's largest-magnitude loading positive), their variances and variance ratios, and
  the projection of x.  `small` (D = 8) takes the engine's Jacobi path, `large` (D = 40) its
  subspace iteration.
- encoder/: the encoder output h of the fine-tuning fixture's checkpoint
  (tests/fixtures/finetune/checkpoint.h5) in EVAL mode (batch norm with the running
  statistics), computed in float64 by scmm_reference.py, for 21 samples of its shape.
"""

import os
import sys

import h5py
import numpy as np
import torch

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import scmm_reference as ref  # noqa: E402

FIXTURES = os.path.normpath(os.path.join(HERE, "..", "fixtures"))
OUT = os.path.join(FIXTURES, "embedding", "embedding.h5")
CHECKPOINT = os.path.join(FIXTURES, "finetune", "checkpoint.h5")

torch.set_num_threads(1)


def points_with_spectrum(n, d, seed):
    """x [n, d] float32: Gaussian with standard deviations 3 * 0.75^k along a random basis,
    plus an offset."""
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.standard_normal((d, d)))
    scales = 3.0 * 0.75 ** np.arange(d)
    offset = rng.uniform(-2, 2, d)
    x = (rng.standard_normal((n, d)) * scales) @ basis.T + offset
    return x.astype(np.float32)


def numpy_pca(x32):
    x = x32.astype(np.float64)
    cov = np.cov(x, rowvar=False)
    values, vectors = np.linalg.eigh(cov)
    order = np.argsort(values)[::-1][:2]
    components = vectors[:, order].T.copy()
    for c in components:
        if c[np.argmax(np.abs(c))] < 0:
            c *= -1
    mean = x.mean(axis=0)
    return dict(mean=mean, components=components, variance=values[order],
                variance_ratio=values[order] / np.trace(cov),
                projection=(x - mean) @ components.T)


def eval_mode_h(samples, seed):
    with h5py.File(CHECKPOINT, "r") as f:
        channels = int(f.attrs["channels"])
        state = {k: torch.from_numpy(np.array(v)) for k, v in f["model"].items()}
    model = ref.ScmmModel(channels)
    model.load_state_dict(state)
    model = model.double().eval()
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, (samples, channels, 5)).astype(np.float32)
    with torch.no_grad():
        h = model.encode(torch.from_numpy(x).double())
    return x, h.numpy()


def main():
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with h5py.File(OUT, "w") as f:
        for name, (n, d, seed) in {"small": (150, 8, 11), "large": (300, 40, 12)}.items():
            x = points_with_spectrum(n, d, seed)
            pca = numpy_pca(x)
            g = f.create_group(f"pca/{name}")
            g.create_dataset("x", data=x)
            for key, value in pca.items():
                g.create_dataset(key, data=np.asarray(value, dtype=np.float64))
            print(f"pca/{name}: {n} x {d}, variance ratios {pca['variance_ratio']}")
        x, h = eval_mode_h(21, 13)
        g = f.create_group("encoder")
        g.create_dataset("x", data=x)
        g.create_dataset("h_eval", data=h.astype(np.float32))
        print(f"encoder: x {x.shape}, h {h.shape}, |h| max {np.abs(h).max():.4f}")
    print(f"{OUT}: {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
