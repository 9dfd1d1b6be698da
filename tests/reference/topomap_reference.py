#!/usr/bin/python3
"""Reference spherical-spline scalp maps for tests/engine/test-topomap.c.

Run from the project root:   /usr/bin/python3 tests/reference/topomap_reference.py
Writes tests/fixtures/topomap/topomap.h5 (deterministic).  See README.md.

Written from Perrin et al. (1989) and the conventions of engine/data/scmm-topomap.h, with
scipy's Legendre polynomials and linear solver; nothing is shared with the C code but the
electrode positions (seed62-positions.csv) and the grid convention.
"""

import csv
import os
import sys

import h5py
import numpy as np
from scipy.linalg import solve
from scipy.special import eval_legendre

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "fixtures", "topomap", "topomap.h5"))

STIFFNESS = 4
TERMS = 20
HEAD_RADIUS = 0.5
DISC_MARGIN = 1.01
GRID = 32
SEED = 61

# SEED's 62 channels and their 2-D positions as engine/data/scmm-montage.c builds them
# (printed with scmm_montage_position; the C test checks that they still agree).
POSITIONS = os.path.join(HERE, "seed62-positions.csv")


def to_sphere(xy):
    """The montage's azimuthal equidistant plane (radius 0.5 = equator) -> unit sphere."""
    r = np.hypot(xy[:, 0], xy[:, 1])
    inclination = np.pi * r / (2 * HEAD_RADIUS)
    safe = np.where(r > 0, r, 1.0)
    ux = np.where(r > 0, xy[:, 0] / safe, 0.0)
    uy = np.where(r > 0, xy[:, 1] / safe, 0.0)
    return np.stack([np.sin(inclination) * ux, np.sin(inclination) * uy,
                     np.cos(inclination)], axis=1)


def g(cosines):
    out = np.zeros_like(cosines)
    for n in range(1, TERMS + 1):
        out += (2 * n + 1) / (n * (n + 1)) ** STIFFNESS * eval_legendre(n, cosines)
    return out / (4 * np.pi)


def spline_weights(electrodes, points):
    """[len(points), E]: point values = weights @ electrode values."""
    e = len(electrodes)
    se, sp = to_sphere(electrodes), to_sphere(points)
    system = np.zeros((e + 1, e + 1))
    system[:e, :e] = g(np.clip(se @ se.T, -1, 1))
    system[:e, e] = 1.0
    system[e, :e] = 1.0
    kernel = np.hstack([g(np.clip(sp @ se.T, -1, 1)), np.ones((len(points), 1))])
    # value = kernel @ [c; c0], [c; c0] = system^-1 [v; 0]: the first E columns of the inverse
    return kernel @ solve(system, np.vstack([np.eye(e), np.zeros((1, e))]))


def main():
    with open(POSITIONS, newline="") as f:
        rows = list(csv.DictReader(f))
    names = [row["name"] for row in rows]
    xy = np.array([[float(row["x"]), float(row["y"])] for row in rows])
    radius = DISC_MARGIN * HEAD_RADIUS   # the head's disc; CB1/CB2 lie outside it
    centres = (np.arange(GRID) + 0.5) * 2 / GRID - 1
    cx, cy = np.meshgrid(radius * centres, -radius * centres)   # row 0 at the nose
    cells = np.stack([cx.ravel(), cy.ravel()], axis=1)
    inside = np.hypot(cells[:, 0], cells[:, 1]) <= radius

    rng = np.random.default_rng(SEED)
    sphere = to_sphere(xy)
    values = np.stack([
        # a smooth field: low-order harmonics plus an offset, like a DE map
        20 + 2 * sphere[:, 0] - 1.5 * sphere[:, 1] + 3 * sphere[:, 2] ** 2,
        # white noise: the hardest case for an interpolant
        rng.standard_normal(len(names)),
        # a left-right gradient in the plane
        xy[:, 0],
    ]).astype(np.float32)

    weights = spline_weights(xy, cells[inside])
    maps = np.zeros((len(values), GRID * GRID))
    maps[:, inside] = values.astype(np.float64) @ weights.T

    # Some points of the disc and a little beyond it, evaluated directly.
    angle = rng.uniform(0, 2 * np.pi, 40)
    rho = 1.3 * radius * np.sqrt(rng.uniform(0, 1, 40))
    points = np.stack([rho * np.sin(angle), rho * np.cos(angle)], axis=1)
    point_values = values.astype(np.float64) @ spline_weights(xy, points).T

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with h5py.File(OUT, "w") as f:
        f.create_dataset("names", data=np.array(names, dtype="S"))
        f.create_dataset("positions", data=xy)
        f.create_dataset("radius", data=np.float64(radius))
        f.create_dataset("values", data=values)
        f.create_dataset("inside", data=inside.astype(np.uint8))
        f.create_dataset("maps", data=maps.astype(np.float32))
        f.create_dataset("points", data=points)
        f.create_dataset("point_values", data=point_values.astype(np.float32))
        f.attrs["grid"] = np.int32(GRID)
    print(f"{OUT}: grid {GRID}, radius {radius:.6f}, {inside.sum()} cells inside, "
          f"{os.path.getsize(OUT)} bytes")
    for k, v in enumerate(values):
        print(f"  field {k}: values [{v.min():.4f}, {v.max():.4f}], "
              f"map [{maps[k, inside].min():.4f}, {maps[k, inside].max():.4f}]")


if __name__ == "__main__":
    main()
