#!/usr/bin/python3
"""Reference differential-entropy (DE) features for engine/data/scmm-de.c.

An independent computation with scipy (1.10): scipy.signal.butter(...,
btype='band', output='sos') and sosfiltfilt (default odd padding and
initial conditions), non-overlapping windows, the window's population
variance, DE = 0.5 ln(2 pi e var). The smoothers are computed without any
Kalman recursion: the LDS smoother's mean is the solution of the banded
least-squares problem it is equivalent to, the moving average a direct mean.

Input: the real EDF+ recording ../shared/data/eegmmidb/S001R03.edf (PhysioNet
EEGMMIDB, 64 channels, 160 Hz), parsed by the small reader below. Output:
tests/fixtures/de/de.h5 (about 120 KB), which carries the raw samples it
needs, so the C test runs without the shared data.

Run from the project root:  /usr/bin/python3 tests/reference/de_reference.py

de.h5:
  raw                [4, 3200] float32   the first 20 s of channels 0, 10, 31, 63 (uV)
  raw attrs          rate (160), channels (indices), labels (EDF labels), source
  case/<name>/de     [W, 4, 5] float64   expected DE of `raw`
             /lds    [W, 4, 5] float64   the LDS-smoothed DE (Q = 1e-2, R = 1)
             /moving_average [W, 4, 5] float64   the centred 5-window mean
             /bands [5, 2] float64   the band edges (Hz)
      attrs  window_s, order, moving_average
      cases: std_1s (standard bands, order 4, 1 s), std_4s (the same, 4 s),
             odd_2s (order 3, one band wide enough for real poles, 2 s)
  full/de            [125, 4, 5] float64 DE of the whole recording's 4 channels
                     (std_1s settings), for the test that reads the EDF itself
  sos/<i>            [order, 6] float64 scipy's design; attrs order, rate, low, high
"""

import os
import struct
import sys

import h5py
import numpy as np
from scipy import linalg, signal

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EDF = os.path.join(ROOT, "..", "shared", "data", "eegmmidb", "S001R03.edf")
OUT = os.path.join(ROOT, "tests", "fixtures", "de", "de.h5")

CHANNELS = [0, 10, 31, 63]
SECONDS = 20
STANDARD = [(1.0, 4.0), (4.0, 8.0), (8.0, 14.0), (14.0, 31.0), (31.0, 50.0)]
LDS_Q = 1e-2     # the constants of scmm-de.c
LDS_R = 1.0
MOVING_AVERAGE = 5


def read_edf(path):
    """(labels, rate, [signals]) of an EDF(+) file: 256-byte header, 256 bytes
    per signal, then records of little-endian int16, scaled to physical units."""
    with open(path, "rb") as f:
        data = f.read()
    n_records = int(data[236:244])
    duration = float(data[244:252])
    ns = int(data[252:256])
    header = data[256:256 + 256 * ns]
    pos = 0

    def fields(width):
        nonlocal pos
        out = [header[pos + i * width: pos + (i + 1) * width].decode("ascii").strip()
               for i in range(ns)]
        pos += width * ns
        return out

    labels = fields(16)
    fields(80)                      # transducer
    fields(8)                       # physical dimension
    pmin = [float(v) for v in fields(8)]
    pmax = [float(v) for v in fields(8)]
    dmin = [float(v) for v in fields(8)]
    dmax = [float(v) for v in fields(8)]
    fields(80)                      # prefiltering
    nsamp = [int(v) for v in fields(8)]
    record = sum(nsamp)
    body = data[256 + 256 * ns:]
    assert len(body) >= 2 * record * n_records, "truncated EDF"
    digital = struct.unpack("<%dh" % (record * n_records), body[:2 * record * n_records])
    digital = np.array(digital, dtype=np.float64).reshape(n_records, record)
    signals, offset = [], 0
    for i in range(ns):
        d = digital[:, offset:offset + nsamp[i]].reshape(-1)
        offset += nsamp[i]
        gain = (pmax[i] - pmin[i]) / (dmax[i] - dmin[i])
        signals.append((d - dmin[i]) * gain + pmin[i])
    rate = nsamp[0] / duration
    return labels, rate, signals


def de_features(x, rate, bands, order, window_s):
    """x [C, N] float64 -> DE [W, C, 5]: filter the whole signal, then cut."""
    win = int(round(window_s * rate))
    nw = x.shape[1] // win
    out = np.empty((nw, x.shape[0], len(bands)))
    for b, (lo, hi) in enumerate(bands):
        sos = signal.butter(order, [lo, hi], btype="band", fs=rate, output="sos")
        y = signal.sosfiltfilt(sos, x, axis=-1)
        var = y[:, :nw * win].reshape(x.shape[0], nw, win).var(axis=2)   # population
        out[:, :, b] = (0.5 * np.log(2 * np.pi * np.e * var)).T
    return out


def lds_smooth(de):
    """The RTS-smoothed mean of a random walk (transition 1, process noise Q)
    observed with noise R, flat prior: argmin_x sum (y-x)^2/R + sum dx^2/Q,
    i.e. (I/R + D'D/Q) x = y/R, solved as a banded system per series."""
    w = de.shape[0]
    if w < 2:
        return de.copy()
    y = de.reshape(w, -1)
    diag = np.full(w, 1.0 / LDS_R + 2.0 / LDS_Q)
    diag[0] = diag[-1] = 1.0 / LDS_R + 1.0 / LDS_Q
    off = np.full(w, -1.0 / LDS_Q)
    ab = np.vstack([off, diag, off])        # upper, main, lower diagonals
    ab[0, 0] = ab[2, -1] = 0.0
    x = linalg.solve_banded((1, 1), ab, y / LDS_R)
    return x.reshape(de.shape)


def moving_average(de, span):
    half = span // 2
    w = de.shape[0]
    out = np.empty_like(de)
    for t in range(w):
        lo, hi = max(0, t - half), min(w - 1, t + half)
        out[t] = de[lo:hi + 1].mean(axis=0)
    return out


def kalman_rts(y):
    """A textbook scalar Kalman filter + RTS smoother, only to confirm that the
    least-squares form above is the same smoother."""
    n = len(y)
    m, p = np.empty(n), np.empty(n)
    m[0], p[0] = y[0], LDS_R
    for t in range(1, n):
        pp = p[t - 1] + LDS_Q
        k = pp / (pp + LDS_R)
        m[t] = m[t - 1] + k * (y[t] - m[t - 1])
        p[t] = (1 - k) * pp
    s = m.copy()
    for t in range(n - 2, -1, -1):
        s[t] = m[t] + p[t] / (p[t] + LDS_Q) * (s[t + 1] - m[t])
    return s


def write(h5, name, value, **attrs):
    value = np.asarray(value)
    kw = {}
    if value.nbytes > 4096:
        kw = dict(chunks=value.shape, compression="gzip", compression_opts=9, shuffle=True)
    ds = h5.create_dataset(name, data=value, **kw)
    for k, v in attrs.items():
        ds.attrs[k] = v
    return ds


def main():
    if not os.path.exists(EDF):
        sys.exit("missing %s (the shared test data)" % EDF)
    labels, rate, signals = read_edf(EDF)
    assert rate == 160.0, rate
    # The C engine reads float32: the truth is computed from the same values.
    full = np.array([signals[c] for c in CHANNELS], dtype=np.float32).astype(np.float64)
    raw = full[:, :int(SECONDS * rate)]

    # self-check of the smoother's least-squares form
    rng = np.random.default_rng(0)
    y = 3.0 + rng.standard_normal(40)
    assert np.allclose(lds_smooth(y[:, None, None])[:, 0, 0], kalman_rts(y), rtol=0, atol=1e-12)

    cases = {
        "std_1s": dict(bands=STANDARD, order=4, window_s=1.0),
        "std_4s": dict(bands=STANDARD, order=4, window_s=4.0),
        # odd order; the last band is wide enough that its design has real poles
        "odd_2s": dict(bands=[(0.5, 4.0), (4.0, 8.0), (8.0, 13.0), (13.0, 30.0), (2.0, 70.0)],
                       order=3, window_s=2.0),
    }
    designs = [(160.0, 4, lo, hi) for lo, hi in STANDARD]
    designs += [(200.0, 4, lo, hi) for lo, hi in STANDARD]
    designs += [(160.0, 3, 2.0, 70.0), (160.0, 3, 0.5, 4.0), (128.0, 5, 4.0, 45.0),
                (200.0, 1, 8.0, 14.0), (1000.0, 8, 1.0, 4.0), (250.0, 2, 0.1, 100.0),
                (200.0, 6, 0.5, 99.0)]

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with h5py.File(OUT, "w") as h5:
        ds = write(h5, "raw", raw.astype(np.float32))
        ds.attrs["rate"] = rate
        ds.attrs["channels"] = np.array(CHANNELS, dtype=np.int32)
        ds.attrs["labels"] = ",".join(labels[c] for c in CHANNELS)
        ds.attrs["source"] = "PhysioNet EEGMMIDB 1.0.0, S001R03.edf (open access)"
        for name, c in cases.items():
            de = de_features(raw, rate, c["bands"], c["order"], c["window_s"])
            g = h5.create_group("case/" + name)
            g.attrs["window_s"] = c["window_s"]
            g.attrs["order"] = c["order"]
            write(g, "bands", np.array(c["bands"], dtype=np.float64))
            g.attrs["moving_average"] = MOVING_AVERAGE
            write(g, "de", de)
            write(g, "lds", lds_smooth(de))
            write(g, "moving_average", moving_average(de, MOVING_AVERAGE))
            print("%-7s DE %s  range %.3f .. %.3f" % (name, de.shape, de.min(), de.max()))
        de_full = de_features(full, rate, STANDARD, 4, 1.0)
        g = h5.create_group("full")
        g.attrs["samples"] = full.shape[1]
        write(g, "de", de_full)
        print("full    DE %s" % (de_full.shape,))
        for i, (fs, order, lo, hi) in enumerate(designs):
            sos = signal.butter(order, [lo, hi], btype="band", fs=fs, output="sos")
            write(h5, "sos/%d" % i, sos, rate=fs, order=order, low=lo, high=hi)
    print("wrote %s (%d bytes)" % (OUT, os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
