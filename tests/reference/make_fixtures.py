#!/usr/bin/python3
"""Generate the HDF5 test fixtures of the C engine from the PyTorch reference.

Run from the project root:   /usr/bin/python3 tests/reference/make_fixtures.py
Deterministic: every random draw comes from a fixed seed.  See README.md.
"""

import os
import sys
import zlib

import h5py
import numpy as np
import torch

sys.dont_write_bytecode = True   # keep tests/reference free of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import scmm_reference as ref  # noqa: E402

FIXTURES = os.path.normpath(os.path.join(HERE, "..", "fixtures"))

# Round every large checkpoint weight (conv / linear) to the bfloat16 grid (8 significant bits) so
# that the checkpoints compress well.  The values are still ordinary float32
# numbers for the engine; only their trailing mantissa bits are zero.
COMPACT_WEIGHTS = True

torch.set_num_threads(1)   # bitwise-reproducible CPU reductions


# --------------------------------------------------------------------------
# HDF5 helpers
# --------------------------------------------------------------------------

def _compresses(arr):
    """True when shuffle+deflate would save at least 10 % and more than the
    ~4 KB a chunked layout costs (chunk index B-tree)."""
    raw = np.ascontiguousarray(arr).view(np.uint8).reshape(-1, arr.itemsize)
    packed = zlib.compress(raw.T.tobytes(), 9)
    return len(packed) < 0.9 * raw.size and raw.size - len(packed) > 4096


def write(group, name, value, dtype):
    arr = np.asarray(value.detach().cpu().numpy() if torch.is_tensor(value) else value,
                     dtype=dtype)
    if arr.ndim and _compresses(arr):
        group.create_dataset(name, data=arr, chunks=arr.shape, shuffle=True,
                             compression="gzip", compression_opts=9)
    else:
        group.create_dataset(name, data=arr)


def ascii_attr(obj, name, text):
    obj.attrs[name] = np.bytes_(text)   # fixed-length ASCII string


# --------------------------------------------------------------------------
# Model and data construction
# --------------------------------------------------------------------------

def bf16_grid(t):
    return t.to(torch.bfloat16).to(torch.float32) if COMPACT_WEIGHTS else t


def make_model(channels, seed):
    """Default PyTorch init from `seed`, then non-trivial BatchNorm and awl."""
    torch.manual_seed(seed)
    model = ref.ScmmModel(channels).float()
    g = torch.Generator().manual_seed(seed + 1000)
    u = lambda shape, lo, hi: lo + (hi - lo) * torch.rand(shape, generator=g)
    with torch.no_grad():
        for mod in model.modules():
            if isinstance(mod, torch.nn.BatchNorm1d):
                k = mod.num_features
                mod.weight.copy_(u(k, 0.5, 1.5))
                mod.bias.copy_(u(k, -0.2, 0.2))
                mod.running_mean.copy_(u(k, -0.1, 0.1))
                mod.running_var.copy_(u(k, 0.5, 1.5))
        model.awl.params.copy_(torch.tensor([0.9, 1.2]))
        for name, t in ref.checkpoint_tensors(model).items():
            if t.numel() >= 1024:      # conv / linear weights only
                t.copy_(bf16_grid(t))
    return model


def make_classifier(classes, seed):
    torch.manual_seed(seed)
    clf = ref.ScmmClassifier(classes).float()
    with torch.no_grad():
        for t in clf.state_dict().values():
            if t.numel() >= 1024:
                t.copy_(bf16_grid(t))
    return clf


def make_x(batch, channels, bands, seed):
    """Min-max-normalised-DE-like values in [0,1] with per-channel structure."""
    g = torch.Generator().manual_seed(seed)
    chan = 0.2 + 0.6 * torch.rand(1, channels, 1, generator=g)
    band = 0.15 * torch.linspace(-1.0, 1.0, bands).reshape(1, 1, bands)
    sample = 0.1 * (torch.rand(batch, 1, 1, generator=g) - 0.5)
    noise = 0.5 * (torch.rand(batch, channels, bands, generator=g) - 0.5)
    return (chan + band + sample + noise).clamp(0.0, 1.0).float()


def model_copy(model32, dtype):
    m = ref.ScmmModel(model32.channels)
    m.load_state_dict(model32.state_dict())
    return m.to(dtype)


def classifier_copy(clf32, dtype):
    c = ref.ScmmClassifier(clf32.classifier.out_features)
    c.load_state_dict(clf32.state_dict())
    return c.to(dtype)


# --------------------------------------------------------------------------
# Pre-training step
# --------------------------------------------------------------------------

ZERO_GRAD_PARAMS = ("projector.0.bias",)   # mathematically zero (bias before train-mode BN)


def run_pretrain_step(model32, x32, keep, cfg, dtype):
    model = model_copy(model32, dtype).train()
    x = x32.to(dtype)
    out = ref.pretrain_forward(model, x, keep, cfg["alpha"], cfg["sigma"], cfg["tau"],
                               cfg["recon_target"])
    model.zero_grad()
    out["loss"].backward()
    grads = {n: p.grad.detach().clone() for n, p in model.named_parameters()}
    running = {n: t.detach().clone() for n, t in ref.checkpoint_tensors(model).items()
               if ref.is_running_stat(n)}
    return model, out, grads, running


def adam_one_step(model32, grads, dtype=torch.float64):
    model = model_copy(model32, dtype)
    params = dict(model.named_parameters())
    opt = ref.make_adam(list(params.values()))
    for n, p in params.items():
        p.grad = grads[n].to(dtype).clone()
    opt.step()
    return {n: p.detach().clone() for n, p in params.items()}


def write_checkpoint(path, model32, clf32=None):
    with h5py.File(path, "w") as f:
        ascii_attr(f, "format", "scmm-checkpoint")
        f.attrs["format_version"] = np.int32(1)
        f.attrs["channels"] = np.int32(model32.channels)
        f.attrs["bands"] = np.int32(model32.bands)
        f.attrs["classes"] = np.int32(clf32.classifier.out_features if clf32 is not None else 0)
        g = f.create_group("model")
        for n, t in ref.checkpoint_tensors(model32).items():
            write(g, n, t, np.float32)
        if clf32 is not None:
            g = f.create_group("classifier")
            for n, t in clf32.state_dict().items():
                write(g, n, t, np.float32)


def make_step_fixture(name, channels, batch, views, mode, alpha, sigma, tau,
                      recon_target, seed):
    folder = os.path.join(FIXTURES, name)
    os.makedirs(folder, exist_ok=True)
    bands = 5
    model32 = make_model(channels, seed)
    x32 = make_x(batch, channels, bands, seed + 1)
    gen = torch.Generator().manual_seed(seed + 2)
    keep = ref.make_keep_mask(batch, channels, bands, views, 0.5, 0.1, mode, gen)
    cfg = dict(alpha=alpha, sigma=sigma, tau=tau, recon_target=recon_target)

    _, t64, g64, run64 = run_pretrain_step(model32, x32, keep, cfg, torch.float64)
    _, t32, g32, run32 = run_pretrain_step(model32, x32, keep, cfg, torch.float32)

    zero_info = {}
    for n in ZERO_GRAD_PARAMS:
        zero_info[n] = (g64[n].abs().max().item(), g32[n].abs().max().item())
        g64[n] = torch.zeros_like(g64[n])
    # Adam (float64) from exactly the gradients stored in grad/ (float32-rounded),
    # so that "checkpoint + grad/ -> one Adam step -> adam/" is self-contained.
    g_stored = {n: g.float() for n, g in g64.items()}
    adam64 = adam_one_step(model32, g_stored)

    write_checkpoint(os.path.join(folder, "checkpoint.h5"), model32)
    with h5py.File(os.path.join(folder, "batch.h5"), "w") as f:
        write(f, "x", x32, np.float32)
        write(f, "keep", keep, np.uint8)
        f.attrs["alpha"] = np.float64(alpha)
        f.attrs["sigma"] = np.float64(sigma)
        f.attrs["tau"] = np.float64(tau)
        ascii_attr(f, "recon_target", recon_target)
    with h5py.File(os.path.join(folder, "expected.h5"), "w") as f:
        for k in ("loss", "loss_c", "loss_r"):
            f.create_dataset(k, data=np.float64(t64[k].item()))
        for k in ("S", "W", "R", "h", "z", "x_hat"):
            write(f, k, t64[k], np.float32)
        gg = f.create_group("grad")
        for n, t in g64.items():
            write(gg, n, t, np.float32)
        gr = f.create_group("running")
        for n, t in run64.items():
            write(gr, n, t, np.float32)
        # One optimiser step is checked in the first case only: adam/ is as big
        # as grad/, and the fixtures must stay small.
        if name == STEP_CASES[0][0]:
            ga = f.create_group("adam")
            for n, t in adam64.items():
                write(ga, n, t, np.float32)

    # float32 PyTorch vs float64 truth (information: what precision is achievable)
    rep = {k: ref.rel_diff(t32[k], t64[k]) for k in
           ("loss", "loss_c", "loss_r", "S", "W", "R", "h", "z", "x_hat")}
    gd = {n: ref.rel_diff(g32[n], g64[n]) for n in g64 if n not in ZERO_GRAD_PARAMS}
    worst = max(gd, key=gd.get)
    rep["grad_max"] = (gd[worst], worst)
    rep["running"] = max(ref.rel_diff(run32[n], run64[n]) for n in run64)
    # optimiser precision: float32 Adam on the stored gradients
    adam32 = adam_one_step(model32, g_stored, torch.float32)
    rep["adam"] = max(ref.rel_diff(adam32[n], adam64[n]) for n in adam64)
    # Adam's first step is ~ lr*sign(g + wd*theta): count the elements whose sign
    # differs when float32 PyTorch's own gradients are used instead of the truth.
    g32z = dict(g32)
    for n in ZERO_GRAD_PARAMS:
        g32z[n] = torch.zeros_like(g32[n])
    adam32own = adam_one_step(model32, {n: g.float() for n, g in g32z.items()}, torch.float32)
    flips, worst_own = 0, 0.0
    for n, p in model32.named_parameters():
        wd_theta = ref.ADAM_WD * p.detach().double()
        s64 = torch.sign(g64[n] + wd_theta)
        s32 = torch.sign(g32z[n].double() + wd_theta)
        flips += int((s64 != s32).sum())
        worst_own = max(worst_own, ref.rel_diff(adam32own[n], adam64[n]))
    rep["adam_own"] = (worst_own, flips)
    rep["zero_grad_abs"] = zero_info
    rep["N"] = t64["S"].shape[0]
    rep["values"] = (t64["loss"].item(), t64["loss_c"].item(), t64["loss_r"].item())
    return rep


# --------------------------------------------------------------------------
# Fine-tuning step
# --------------------------------------------------------------------------

def make_finetune_fixture(channels=6, classes=3, batch=8, seed=500):
    folder = os.path.join(FIXTURES, "finetune")
    os.makedirs(folder, exist_ok=True)
    bands = 5
    model32 = make_model(channels, seed)
    clf32 = make_classifier(classes, seed + 3)
    x32 = make_x(batch, channels, bands, seed + 1)
    g = torch.Generator().manual_seed(seed + 2)
    labels = torch.arange(batch) % classes
    labels = labels[torch.randperm(batch, generator=g)].to(torch.int32)
    assert len(set(labels.tolist())) == classes

    def run(dtype):
        model = model_copy(model32, dtype)
        clf = classifier_copy(clf32, dtype)
        x = x32.to(dtype)
        model.eval()
        clf.eval()
        with torch.no_grad():
            eval_logits = clf(model.encode(x))
        model.train()
        clf.train()
        loss, logits = ref.finetune_forward(model, clf, x, labels)
        loss.backward()
        grads = {n: p.grad.detach().clone() for n, p in model.encoder.named_parameters()}
        grads = {"encoder." + n: t for n, t in grads.items()}
        grads.update({n: p.grad.detach().clone() for n, p in clf.named_parameters()})
        running = {"encoder." + n: t.detach().clone()
                   for n, t in model.encoder.state_dict().items() if ref.is_running_stat(n)}
        return dict(loss=loss.detach(), logits=logits.detach(),
                    eval_logits=eval_logits), grads, running

    t64, g64, r64 = run(torch.float64)
    t32, g32, r32 = run(torch.float32)

    write_checkpoint(os.path.join(folder, "checkpoint.h5"), model32, clf32)
    with h5py.File(os.path.join(folder, "batch.h5"), "w") as f:
        write(f, "x", x32, np.float32)
        write(f, "labels", labels, np.int32)
    with h5py.File(os.path.join(folder, "expected.h5"), "w") as f:
        f.create_dataset("loss", data=np.float64(t64["loss"].item()))
        write(f, "logits", t64["logits"], np.float32)
        write(f, "eval_logits", t64["eval_logits"], np.float32)
        gg = f.create_group("grad")
        for n, t in g64.items():
            write(gg, n, t, np.float32)
        gr = f.create_group("running")
        for n, t in r64.items():
            write(gr, n, t, np.float32)

    rep = {k: ref.rel_diff(t32[k], t64[k]) for k in ("loss", "logits", "eval_logits")}
    gd = {n: ref.rel_diff(g32[n], g64[n]) for n in g64}
    worst = max(gd, key=gd.get)
    rep["grad_max"] = (gd[worst], worst)
    rep["running"] = max(ref.rel_diff(r32[n], r64[n]) for n in r64)
    rep["value"] = t64["loss"].item()
    return rep


# --------------------------------------------------------------------------
# Optimiser and schedule
# --------------------------------------------------------------------------

def make_adam_fixture(seed=900, steps=5, size=64):
    g = torch.Generator().manual_seed(seed)
    param0 = (0.2 * torch.randn(size, generator=g)).float()
    grads = (torch.randn(steps, size, generator=g)
             * torch.logspace(-6, 0, size).reshape(1, size)).float()
    # edge cases: zero gradient with non-zero weight (only the L2 term acts),
    # zero weight and zero gradient (no update), tiny gradient near eps,
    # sign flips between steps, one large gradient.
    param0[0] = 0.0
    grads[:, 0] = 0.0
    grads[:, 1] = 0.0
    grads[:, 2] = 3e-9
    grads[:, 3] = torch.tensor([1.0, -1.0, 1.0, -1.0, 1.0])
    grads[2, 4] = 50.0
    grads = grads.float()
    # Adam runs in float64 from the float32 values.
    p = param0.to(torch.float64).clone().requires_grad_(True)
    opt = ref.make_adam([p])
    params = []
    for k in range(steps):
        p.grad = grads[k].to(torch.float64).clone()
        opt.step()
        params.append(p.detach().clone())
    params = torch.stack(params)

    # CosineAnnealingLR(T_max=200, eta_min=0) from lr 5e-4, epochs 0..200
    q = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt2 = ref.make_adam([q])
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt2, T_max=200, eta_min=0.0)
    lrs = [opt2.param_groups[0]["lr"]]
    for _ in range(200):
        opt2.step()
        sched.step()
        lrs.append(opt2.param_groups[0]["lr"])
    lrs = np.array(lrs, dtype=np.float64)
    closed = 0.5 * ref.ADAM_LR * (1 + np.cos(np.pi * np.arange(201) / 200))

    path = os.path.join(FIXTURES, "adam.h5")
    with h5py.File(path, "w") as f:
        f.create_dataset("param0", data=param0.numpy().astype(np.float64))
        f.create_dataset("grads", data=grads.numpy().astype(np.float64))
        f.create_dataset("params", data=params.numpy())
        f.attrs["lr"] = np.float64(ref.ADAM_LR)
        f.attrs["beta1"] = np.float64(ref.ADAM_BETAS[0])
        f.attrs["beta2"] = np.float64(ref.ADAM_BETAS[1])
        f.attrs["eps"] = np.float64(ref.ADAM_EPS)
        f.attrs["weight_decay"] = np.float64(ref.ADAM_WD)
        d = f.create_dataset("cosine_lr", data=lrs)
        d.attrs["base_lr"] = np.float64(ref.ADAM_LR)
        d.attrs["T_max"] = np.int32(200)
        d.attrs["eta_min"] = np.float64(0.0)
    return dict(cos_closed_vs_torch=float(np.max(np.abs(lrs - closed))),
                lr_last=float(lrs[-1]))


# --------------------------------------------------------------------------

STEP_CASES = [
    # name, C, B, M, mask mode, alpha, sigma, tau, recon_target, seed
    ("step-hybrid-own", 6, 8, 1, "hybrid", 0.5, 0.05, 0.5, "own_input", 100),
    ("step-channel-original-m2", 4, 6, 2, "channel", 0.75, 0.5, 0.5, "original", 200),
    ("step-random-tau005", 8, 10, 1, "random", 0.5, 0.2, 0.05, "own_input", 300),
    ("step-parallel-own", 5, 7, 1, "parallel", 0.5, 0.05, 0.5, "own_input", 400),
]


def folder_size(path):
    total = 0
    for root, _, files in os.walk(path):
        for fn in files:
            total += os.path.getsize(os.path.join(root, fn))
    return total


def main():
    torch.use_deterministic_algorithms(True)
    os.makedirs(FIXTURES, exist_ok=True)
    print(f"writing fixtures into {FIXTURES}")
    print("relative difference = max|f32 - f64| / max|f64| (float32 PyTorch vs float64 truth)\n")
    for case in STEP_CASES:
        rep = make_step_fixture(*case)
        name = case[0]
        print(f"{name}: N={rep['N']}  loss={rep['values'][0]:.10g} "
              f"loss_c={rep['values'][1]:.10g} loss_r={rep['values'][2]:.10g}")
        print("   f32 vs f64: " + "  ".join(f"{k} {rep[k]:.2e}" for k in
                                            ("loss", "loss_c", "loss_r", "S", "W", "R",
                                             "h", "z", "x_hat")))
        print(f"               grad max {rep['grad_max'][0]:.2e} ({rep['grad_max'][1]})"
              f"  running {rep['running']:.2e}  adam {rep['adam']:.2e}")
        print(f"               adam from f32 PyTorch's own grads {rep['adam_own'][0]:.2e}"
              f" ({rep['adam_own'][1]} sign flips of g + wd*theta)")
        for n, (a64, a32) in rep["zero_grad_abs"].items():
            print(f"               {n}: autograd |grad| max f64 {a64:.1e}, f32 {a32:.1e}"
                  " -> stored as exact 0")
    rep = make_finetune_fixture()
    print(f"finetune: loss={rep['value']:.10g}")
    print("   f32 vs f64: " + "  ".join(f"{k} {rep[k]:.2e}" for k in
                                        ("loss", "logits", "eval_logits")) +
          f"  grad max {rep['grad_max'][0]:.2e} ({rep['grad_max'][1]})"
          f"  running {rep['running']:.2e}")
    rep = make_adam_fixture()
    print(f"adam.h5: cosine_lr torch vs closed form max abs diff "
          f"{rep['cos_closed_vs_torch']:.1e}, lr[200] = {rep['lr_last']:.3g}")
    print("\nfiles:")
    for root, _, files in sorted(os.walk(FIXTURES)):
        for fn in sorted(files):
            p = os.path.join(root, fn)
            print(f"   {os.path.relpath(p, FIXTURES):40s} {os.path.getsize(p):>10,d} bytes")
    print(f"   total {folder_size(FIXTURES):,d} bytes")


if __name__ == "__main__":
    main()
