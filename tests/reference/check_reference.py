#!/usr/bin/python3
"""Self-checks of the PyTorch reference (and of the written fixtures).

Run from the project root:   /usr/bin/python3 tests/reference/check_reference.py
Exits non-zero on the first failed check.
"""

import os
import sys

import h5py
import numpy as np
import torch
from torch.nn.utils.stateless import functional_call

sys.dont_write_bytecode = True   # keep tests/reference free of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import scmm_reference as ref  # noqa: E402
import make_fixtures as mf     # noqa: E402

torch.set_num_threads(1)
D = torch.float64
FAILED = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name} {detail}")
    if not ok:
        FAILED.append(name)


def tiny_case(channels=3, batch=4, views=1, mode="hybrid", seed=7):
    model = mf.make_model(channels, seed).to(D).train()
    x = mf.make_x(batch, channels, 5, seed + 1).to(D)
    keep = ref.make_keep_mask(batch, channels, 5, views, 0.5, 0.1, mode,
                              torch.Generator().manual_seed(seed + 2))
    return model, x, keep


# ---------------------------------------------------------------- section 3
def check_param_counts():
    got = ref.param_counts(62, 3)
    want = dict(encoder=98240, projector=131968, decoder=119350, awl=2, classifier=49667)
    check("parameter counts C=62 K=3", got == want, str(got))
    names = list(ref.checkpoint_tensors(ref.ScmmModel(62)).keys())
    want_names = (["encoder.0.weight"] +
                  [f"encoder.{i}.{s}" for i in (1,) for s in ("weight", "bias", "running_mean", "running_var")] +
                  ["encoder.4.weight"] +
                  [f"encoder.5.{s}" for s in ("weight", "bias", "running_mean", "running_var")] +
                  ["encoder.8.weight"] +
                  [f"encoder.9.{s}" for s in ("weight", "bias", "running_mean", "running_var")] +
                  ["projector.0.weight", "projector.0.bias"] +
                  [f"projector.1.{s}" for s in ("weight", "bias", "running_mean", "running_var")] +
                  ["projector.3.weight", "projector.3.bias", "decoder.weight", "decoder.bias",
                   "awl.params"])
    check("state_dict names (section 9)", sorted(names) == sorted(want_names))
    m = ref.ScmmModel(7)
    e = m.encoder
    ok = (e[0].padding == (4,) and e[0].bias is None and e[3].kernel_size == 2 and
          e[3].stride == 2 and e[3].padding == 1 and m.encode(torch.rand(3, 7, 5)).shape == (3, 384))
    check("encoder geometry 5->6->4->5->3->4->3, h is 384", ok)


# ---------------------------------------------------------------- section 2
def check_masks():
    g = torch.Generator().manual_seed(1)
    rows, C, F = 4000, 62, 5
    for mode in ref.MASK_MODES:
        k = ref.make_keep_mask(rows, C, F, 1, 0.5, 0.1, mode, g).double()
        kept = k.mean().item()
        dead = (k.sum(dim=2) == 0).double().mean().item()          # whole channel zero
        full = (k.sum(dim=2) == F).double().mean().item()
        if mode == "random":
            want_dead = 0.5 ** 5
        elif mode == "channel":
            want_dead = 0.5
        else:
            want_dead = 0.1 * 0.5 + 0.9 * 0.5 ** 5
        want_full = want_dead
        ok = abs(kept - 0.5) < 0.005 and abs(dead - want_dead) < 0.005 and abs(full - want_full) < 0.005
        check(f"mask statistics {mode}", ok,
              f"kept {kept:.4f} (0.5) all-masked channels {dead:.4f} ({want_dead:.4f})")
        if mode == "parallel":
            # one choice per row: a row is either all-channel-structured or element-wise
            per_row_chan = ((k.sum(dim=2) == 0) | (k.sum(dim=2) == F)).all(dim=1).double().mean().item()
            check("parallel: channel-mode rows", abs(per_row_chan - (0.1 + 0.9 * (2 * 0.5 ** 5) ** C)) < 0.02,
                  f"{per_row_chan:.4f} (~0.1)")
    k = ref.make_keep_mask(3, 4, 5, 2, 0.5, 0.1, "hybrid", g)
    check("mask dtype/shape", k.dtype == torch.uint8 and k.shape == (6, 4, 5)
          and set(k.unique().tolist()) <= {0, 1})


# ---------------------------------------------------------------- section 4
def naive_soft_weights(x_in, alpha, sigma):
    X = x_in.reshape(x_in.shape[0], -1).numpy().astype(np.float64)
    n = X.shape[0]
    Dm = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            ni = max(np.sqrt(np.sum(X[i] ** 2)), 1e-8)
            nj = max(np.sqrt(np.sum(X[j] ** 2)), 1e-8)
            Dm[i, j] = -np.sum(X[i] * X[j]) / (ni * nj)
    offmin = min(Dm[i, j] for i in range(n) for j in range(n) if i != j)
    for i in range(n):
        Dm[i, i] = offmin
    Dn = np.zeros_like(Dm)
    for j in range(n):
        lo, hi = Dm[:, j].min(), Dm[:, j].max()
        r = hi - lo if hi > lo else 1.0
        Dn[:, j] = (Dm[:, j] - lo) / r
    return 2 * alpha / (1 + np.exp(Dn / sigma))


def naive_terms(S, Wt, H, tau):
    S = S.numpy(); Wt = Wt.numpy(); H = H.numpy()
    n = S.shape[0]
    L = 0.0
    R = np.zeros((n, n))
    for i in range(n):
        others = [k for k in range(n) if k != i]
        m = max(S[i, k] / tau for k in others)
        lse = m + np.log(sum(np.exp(S[i, k] / tau - m) for k in others))
        for j in others:
            L -= Wt[i, j] * (S[i, j] / tau - lse)
            R[i, j] = np.exp(S[i, j] / tau - lse)
    return L / (n * (n - 1)), R, R @ H


def released_style_positive_mask(n, views, batch):
    # eye offsets +-v*B for v = 0..M, diagonal cleared (how the released code builds it)
    pos = np.zeros((n, n))
    for v in range(views + 1):
        pos += np.eye(n, n, k=batch * v) + np.eye(n, n, k=-batch * v)
    np.fill_diagonal(pos, 0)
    return pos > 0


def check_loss_terms():
    for views, mode, target in ((1, "hybrid", "own_input"), (2, "channel", "original")):
        model, x, keep = tiny_case(4, 5, views, mode)
        out = ref.pretrain_forward(model, x, keep, 0.6, 0.1, 0.5, target)
        n = out["S"].shape[0]
        w_naive = naive_soft_weights(out["x_in"], 0.6, 0.1)
        off = ~np.eye(n, dtype=bool)
        check(f"soft weights vs naive loops (M={views})",
              np.abs(out["w"].numpy() - w_naive)[off].max() < 1e-13)
        pos = ref.positive_mask(n, x.shape[0]).numpy()
        check(f"positives vs released-style eye offsets (M={views})",
              (pos == released_style_positive_mask(n, views, x.shape[0])).all())
        Wt = out["W"].numpy()
        ok = (np.diag(Wt) == 0).all() and (Wt[pos] == 1).all() and \
            np.allclose(Wt[off & ~pos], out["w"].numpy()[off & ~pos], rtol=0, atol=0)
        check(f"target matrix W layout (M={views})", ok)
        S = out["S"].detach(); H = out["h"].detach()
        Lc, R, Hr = naive_terms(S, out["W"], H, 0.5)
        check(f"L_C vs naive loops (M={views})", abs(out["loss_c"].item() - Lc) < 1e-12 * max(1, abs(Lc)),
              f"{out['loss_c'].item():.15g} vs {Lc:.15g}")
        check(f"R and R H vs naive loops (M={views})",
              np.abs(out["R"].detach().numpy() - R).max() < 1e-14 and
              np.abs(out["h_rec"].detach().numpy() - Hr).max() < 1e-12)
        check(f"R rows sum to 1, zero diagonal (M={views})",
              torch.allclose(out["R"].sum(1), torch.ones(n, dtype=D), atol=1e-14) and
              (out["R"].diagonal() == 0).all())
        b = x.shape[0]
        xh = out["x_hat"].detach()
        lr = ((xh - out["x_in"]) ** 2).mean() if target == "own_input" else ((xh[:b] - x) ** 2).mean()
        check(f"L_R {target}", abs(lr.item() - out["loss_r"].item()) < 1e-15)
        p = model.awl.params.detach()
        L = (0.5 / p[0] ** 2 * out["loss_c"] + torch.log(1 + p[0] ** 2) +
             0.5 / p[1] ** 2 * out["loss_r"] + torch.log(1 + p[1] ** 2))
        check("awl total loss", abs(L.item() - out["loss"].item()) < 1e-13)

        # closed-form gradient of L_C with respect to S
        for tau in (0.5, 0.05):
            s = S.clone().requires_grad_(True)
            ref.soft_contrastive_loss(s, out["W"], tau).backward()
            cf = ref.dlc_ds_closed_form(S, out["W"], tau)
            check(f"dL_C/dS closed form vs autograd (M={views}, tau={tau})",
                  ref.rel_diff(s.grad, cf) < 1e-12, f"rel {ref.rel_diff(s.grad, cf):.1e}")

    # soft weights: zero rows (clamped norms) and constant columns (zero range)
    xz = torch.zeros(4, 2, 5, dtype=D)
    xz[1] = 1.0
    xz[2] = 0.5
    w, d, dn = ref.soft_weights(xz, 0.5, 0.1)
    check("soft weights finite with all-zero rows", torch.isfinite(w).all().item())
    check("zero-range column counts as 1", torch.isfinite(dn).all().item() and dn.min().item() == 0.0)


# ---------------------------------------------------------------- BatchNorm
def check_batchnorm_running():
    model, x, keep = tiny_case(3, 4, 1)
    bn = model.encoder[1]
    old_m, old_v = bn.running_mean.clone(), bn.running_var.clone()
    seen = {}
    h = bn.register_forward_hook(lambda mod, inp, out: seen.setdefault("x", inp[0].detach()))
    ref.pretrain_forward(model, x, keep, 0.5, 0.05, 0.5, "own_input")
    h.remove()
    a = seen["x"]                              # [N, 32, 6]
    cnt = a.shape[0] * a.shape[2]
    mean = a.mean(dim=(0, 2))
    var_u = ((a - mean[None, :, None]) ** 2).sum(dim=(0, 2)) / (cnt - 1)
    ok = (torch.allclose(bn.running_mean, 0.9 * old_m + 0.1 * mean, atol=1e-15) and
          torch.allclose(bn.running_var, 0.9 * old_v + 0.1 * var_u, atol=1e-15))
    check("BN running stats: momentum 0.1, unbiased variance", ok)


# ---------------------------------------------------------------- gradcheck
def check_gradcheck():
    for views, mode, target, tau in ((1, "hybrid", "own_input", 0.5), (2, "channel", "original", 0.05)):
        model, x, keep = tiny_case(2, 3, views, mode, seed=11)
        names = [n for n, _ in model.named_parameters()]
        params = tuple(p.detach().clone().requires_grad_(True) for _, p in model.named_parameters())
        buffers = {n: b for n, b in model.named_buffers()}

        wrap = _Wrap(model)

        def f(*ps):
            state = {"model." + n: p for n, p in zip(names, ps)}
            state.update({"model." + n: b for n, b in buffers.items()})
            return functional_call(wrap, state, (x, keep, 0.5, 0.05, tau, target))

        ok = torch.autograd.gradcheck(f, params, eps=1e-6, atol=1e-7, rtol=1e-5,
                                      fast_mode=True, raise_exception=False)
        check(f"gradcheck (fast mode) all {len(names)} parameters, M={views} {target} tau={tau}", ok)
        # full (element-wise) gradcheck on the smaller tensors
        small = [i for i, p in enumerate(params) if p.numel() <= 600]

        def g(*ps_small):
            ps = list(params)
            for i, p in zip(small, ps_small):
                ps[i] = p
            return f(*ps)

        ok = torch.autograd.gradcheck(g, tuple(params[i] for i in small), eps=1e-6,
                                      atol=1e-7, rtol=1e-5, raise_exception=False)
        check(f"gradcheck (full) on {', '.join(names[i] for i in small)}", ok)


class _Wrap(torch.nn.Module):
    """Gives functional_call a module whose forward returns the total loss."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x, keep, alpha, sigma, tau, target):
        return ref.pretrain_forward(self.model, x, keep, alpha, sigma, tau, target)["loss"]


# ---------------------------------------------------------------- fixtures
def load_group(g):
    return {k: torch.from_numpy(g[k][()]) for k in g.keys()}


def check_fixtures():
    root = mf.FIXTURES
    if not os.path.isdir(os.path.join(root, "step-hybrid-own")):
        print("(fixtures not generated yet: skipping the round-trip checks)")
        return
    for case in mf.STEP_CASES:
        folder = os.path.join(root, case[0])
        with h5py.File(os.path.join(folder, "checkpoint.h5"), "r") as f:
            C = int(f.attrs["channels"])
            hdr_ok = (f.attrs["format"] == b"scmm-checkpoint" and int(f.attrs["format_version"]) == 1
                      and int(f.attrs["bands"]) == 5 and int(f.attrs["classes"]) == 0
                      and "classifier" not in f)
            state = load_group(f["model"])
        model = ref.ScmmModel(C)
        shapes_ok = all(tuple(state[k].shape) == tuple(v.shape) and state[k].dtype == torch.float32
                        for k, v in ref.checkpoint_tensors(model).items()) and \
            set(state) == set(ref.checkpoint_tensors(model))
        model.load_state_dict(state, strict=False)
        model = model.to(D).train()
        with h5py.File(os.path.join(folder, "batch.h5"), "r") as f:
            x = torch.from_numpy(f["x"][()]).to(D)
            keep = torch.from_numpy(f["keep"][()])
            a = dict(f.attrs)
        target = a["recon_target"].decode()
        out = ref.pretrain_forward(model, x, keep, a["alpha"], a["sigma"], a["tau"], target)
        out["loss"].backward()
        with h5py.File(os.path.join(folder, "expected.h5"), "r") as f:
            ok = abs(f["loss"][()] - out["loss"].item()) <= 1e-12 * abs(f["loss"][()])
            worst = 0.0
            for k in ("S", "W", "R", "h", "z", "x_hat"):
                worst = max(worst, ref.rel_diff(out[k].detach().float(), f[k][()]))
            trainable = {n for n, _ in model.named_parameters()}
            names_ok = set(f["grad"].keys()) == trainable and set(f["adam"].keys()) == trainable \
                and set(f["running"].keys()) == {n for n in state if ref.is_running_stat(n)}
            for n, p in model.named_parameters():
                want = f["grad"][n][()]
                if n in mf.ZERO_GRAD_PARAMS:
                    names_ok &= not want.any()
                    continue
                worst = max(worst, ref.rel_diff(p.grad.float(), want))
            for n in f["running"].keys():
                worst = max(worst, ref.rel_diff(model.state_dict()[n].float(), f["running"][n][()]))
            # adam/: one float64 Adam step from checkpoint + stored grad/ (float32)
            m2 = ref.ScmmModel(C)
            m2.load_state_dict(state, strict=False)
            m2 = m2.to(D)
            opt = ref.make_adam(list(m2.parameters()))
            for n, p in m2.named_parameters():
                p.grad = torch.from_numpy(f["grad"][n][()]).to(D)
            opt.step()
            for n, p in m2.named_parameters():
                worst = max(worst, ref.rel_diff(p.detach().float(), f["adam"][n][()]))
        check(f"fixture {case[0]} round trip (header, names, shapes, values)",
              hdr_ok and shapes_ok and names_ok and ok and worst == 0.0, f"worst rel {worst:.1e}")

    folder = os.path.join(root, "finetune")
    with h5py.File(os.path.join(folder, "checkpoint.h5"), "r") as f:
        C, K = int(f.attrs["channels"]), int(f.attrs["classes"])
        state = load_group(f["model"])
        cstate = load_group(f["classifier"])
    model = ref.ScmmModel(C)
    model.load_state_dict(state, strict=False)
    clf = ref.ScmmClassifier(K)
    clf.load_state_dict(cstate)
    model, clf = model.to(D), clf.to(D)
    with h5py.File(os.path.join(folder, "batch.h5"), "r") as f:
        x = torch.from_numpy(f["x"][()]).to(D)
        labels = torch.from_numpy(f["labels"][()])
    model.eval()
    with torch.no_grad():
        ev = clf(model.encode(x))
    model.train()
    loss, logits = ref.finetune_forward(model, clf, x, labels)
    loss.backward()
    with h5py.File(os.path.join(folder, "expected.h5"), "r") as f:
        worst = max(ref.rel_diff(ev.float(), f["eval_logits"][()]),
                    ref.rel_diff(logits.detach().float(), f["logits"][()]))
        ok = abs(f["loss"][()] - loss.item()) <= 1e-12 * abs(loss.item())
        grads = {"encoder." + n: p.grad for n, p in model.encoder.named_parameters()}
        grads.update({n: p.grad for n, p in clf.named_parameters()})
        ok &= set(f["grad"].keys()) == set(grads) and len(f["running"].keys()) == 6
        for n, gr in grads.items():
            worst = max(worst, ref.rel_diff(gr.float(), f["grad"][n][()]))
        for n in f["running"].keys():
            worst = max(worst, ref.rel_diff(model.state_dict()[n].float(), f["running"][n][()]))
        ok &= sorted(set(labels.tolist())) == list(range(K))
    check("fixture finetune round trip", ok and worst == 0.0, f"worst rel {worst:.1e}")

    with h5py.File(os.path.join(root, "adam.h5"), "r") as f:
        p = torch.from_numpy(f["param0"][()]).clone()
        grads = f["grads"][()]
        want = f["params"][()]
        lr, b1, b2, eps, wd = (f.attrs[k] for k in ("lr", "beta1", "beta2", "eps", "weight_decay"))
        # textbook Adam with coupled L2, independent of torch.optim
        m = torch.zeros_like(p); v = torch.zeros_like(p)
        worst = 0.0
        for t in range(grads.shape[0]):
            gt = torch.from_numpy(grads[t]) + wd * p
            m = b1 * m + (1 - b1) * gt
            v = b2 * v + (1 - b2) * gt * gt
            mh = m / (1 - b1 ** (t + 1))
            vh = v / (1 - b2 ** (t + 1))
            p = p - lr * mh / (vh.sqrt() + eps)
            worst = max(worst, ref.rel_diff(p, want[t]))
        cos = f["cosine_lr"][()]
        closed = 0.5 * lr * (1 + np.cos(np.pi * np.arange(201) / 200))
    check("adam.h5 vs textbook Adam", worst < 1e-14, f"rel {worst:.1e}")
    check("cosine_lr vs closed form", np.abs(cos - closed).max() < 1e-17 and cos[0] == lr)


def main():
    torch.use_deterministic_algorithms(True)
    check_param_counts()
    check_masks()
    check_loss_terms()
    check_batchnorm_running()
    check_gradcheck()
    check_fixtures()
    print()
    if FAILED:
        print(f"{len(FAILED)} check(s) FAILED: {FAILED}")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
