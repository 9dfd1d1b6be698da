"""Independent PyTorch reference of EEG-SCMM, written from docs/SCMM-METHOD.md.

This module is the "truth" the C engine is tested against. It deliberately
relies on autograd for every gradient, so that it shares no derivation with
the hand-written backward passes of the engine.

Section numbers below refer to /work/shared/docs/SCMM-METHOD.md.

Tensor layout conventions (shared with the C engine and the fixtures):
  x       [B, C, F]        one pre-training batch (min-max normalised DE)
  keep    [M*B, C, F]      uint8, 1 = value kept, 0 = masked to zero
  X_in    [N, C, F]        N = (M+1)*B, [x ; x*keep]; row v*B+b = view v of sample b
  H       [N, 384]         encoder output flattened channel-major (index c*3+t)
  Z       [N, 128]         projector output (not normalised)
  S, W, R [N, N]
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as Fn

ENC_DIM = 128          # encoder output channels
ENC_LEN = 3            # encoder output length for F = 5 bands
HIDDEN = ENC_DIM * ENC_LEN   # 384
PROJ_HIDDEN = 256
CLS_HIDDEN = 128

MASK_MODES = ("hybrid", "random", "channel", "parallel")
RECON_TARGETS = ("own_input", "original")


# --------------------------------------------------------------------------
# Section 3: networks.  state_dict names are those of section 9.
# --------------------------------------------------------------------------

class AutoWeightLoss(nn.Module):
    """Section 6: L = sum_i 0.5/p_i^2 * L_i + ln(1 + p_i^2)."""

    def __init__(self, n=2):
        super().__init__()
        self.params = nn.Parameter(torch.ones(n))

    def forward(self, *losses):
        total = 0
        for i, loss in enumerate(losses):
            p2 = self.params[i] ** 2
            total = total + 0.5 / p2 * loss + torch.log(1 + p2)
        return total


class ScmmModel(nn.Module):
    """Encoder E, projector P, decoder D and the learned loss weights."""

    def __init__(self, channels, bands=5):
        super().__init__()
        if bands != 5:
            # 5 -> 4 -> 3 -> 3 only holds for F = 5; the method fixes F = 5.
            raise ValueError("SCMM uses F = 5 bands")
        self.channels = channels
        self.bands = bands

        def block(cin, cout):
            return [nn.Conv1d(cin, cout, kernel_size=8, padding=4, bias=False),
                    nn.BatchNorm1d(cout),
                    nn.ReLU(),
                    nn.MaxPool1d(kernel_size=2, stride=2, padding=1)]

        self.encoder = nn.Sequential(*block(channels, 32), *block(32, 64), *block(64, 128))
        self.projector = nn.Sequential(nn.Linear(HIDDEN, PROJ_HIDDEN),
                                       nn.BatchNorm1d(PROJ_HIDDEN),
                                       nn.ReLU(),
                                       nn.Linear(PROJ_HIDDEN, ENC_DIM))
        self.decoder = nn.Linear(HIDDEN, channels * bands)
        self.awl = AutoWeightLoss(2)

    def encode(self, x):
        """x [N, C, F] -> H [N, 384] (channel-major flatten)."""
        e = self.encoder(x)
        assert e.shape[1:] == (ENC_DIM, ENC_LEN), e.shape
        return e.reshape(e.shape[0], -1)


class ScmmClassifier(nn.Module):
    """Section 3: Linear(384->128) sigmoid Linear(128->K)."""

    def __init__(self, classes):
        super().__init__()
        self.fc = nn.Linear(HIDDEN, CLS_HIDDEN)
        self.classifier = nn.Linear(CLS_HIDDEN, classes)

    def forward(self, h):
        return self.classifier(torch.sigmoid(self.fc(h)))


def is_running_stat(name):
    return name.endswith("running_mean") or name.endswith("running_var")


def checkpoint_tensors(module):
    """state_dict without num_batches_tracked (the checkpoint contract)."""
    return {k: v for k, v in module.state_dict().items()
            if not k.endswith("num_batches_tracked")}


# --------------------------------------------------------------------------
# Section 2: hybrid masking
# --------------------------------------------------------------------------

def make_keep_mask(batch, channels, bands, views=1, ratio=0.5, delta=0.1,
                   mode="hybrid", generator=None):
    """Keep masks [views*batch, C, F] uint8, 1 = kept.

    Every masked row n (there are views*batch of them) and, for `hybrid`, every
    channel c draws u ~ U(0,1): u > delta -> element-wise mask (each value kept
    with prob 1-ratio); otherwise channel mask (whole channel kept with prob
    1-ratio).  `random`: element-wise only, `channel`: channel only,
    `parallel`: one u per masked row instead of per (row, channel).
    """
    if mode not in MASK_MODES:
        raise ValueError(mode)
    rows = views * batch
    g = generator
    elem_keep = torch.rand(rows, channels, bands, generator=g, dtype=torch.float64) < (1.0 - ratio)
    chan_keep = torch.rand(rows, channels, generator=g, dtype=torch.float64) < (1.0 - ratio)
    chan_keep = chan_keep[:, :, None].expand(rows, channels, bands)
    if mode == "random":
        keep = elem_keep
    elif mode == "channel":
        keep = chan_keep
    else:
        if mode == "hybrid":
            u = torch.rand(rows, channels, generator=g, dtype=torch.float64)
            use_elem = (u > delta)[:, :, None]
        else:  # parallel
            u = torch.rand(rows, generator=g, dtype=torch.float64)
            use_elem = (u > delta)[:, None, None]
        keep = torch.where(use_elem, elem_keep, chan_keep)
    return keep.to(torch.uint8).contiguous()


def build_input(x, keep):
    """X_in = [x ; x*keep]: [(M+1)B, C, F], originals first."""
    batch = x.shape[0]
    views = keep.shape[0] // batch
    assert keep.shape[0] == views * batch and keep.shape[1:] == x.shape[1:]
    masked = x.repeat(views, 1, 1) * keep.to(x.dtype)
    return torch.cat([x, masked], dim=0)


# --------------------------------------------------------------------------
# Section 4: soft weights, target matrix, soft contrastive loss
# --------------------------------------------------------------------------

def column_minmax(d):
    """Min-max normalise every column of d to [0,1]; a zero range counts as 1."""
    cmin = d.min(dim=0, keepdim=True).values
    cmax = d.max(dim=0, keepdim=True).values
    rng = cmax - cmin
    rng = torch.where(rng == 0, torch.ones_like(rng), rng)
    return (d - cmin) / rng


def soft_weights(x_in, alpha, sigma):
    """w [N,N] from input space (no gradient).  Diagonal of w is meaningless."""
    with torch.no_grad():
        flat = x_in.reshape(x_in.shape[0], -1)
        n = flat.shape[0]
        norms = flat.norm(dim=1).clamp_min(1e-8)           # each norm on its own
        cos = (flat @ flat.T) / (norms[:, None] * norms[None, :])
        d = -cos
        eye = torch.eye(n, dtype=torch.bool)
        off_min = d[~eye].min()
        d = d.masked_fill(eye, 0.0) + torch.diag(off_min.expand(n))
        dn = column_minmax(d)
        w = 2.0 * alpha / (1.0 + torch.exp(dn / sigma))
    return w, d, dn


def positive_mask(n, batch):
    idx = torch.arange(n)
    same = (idx[:, None] % batch) == (idx[None, :] % batch)
    return same & ~torch.eye(n, dtype=torch.bool)


def target_matrix(w, batch):
    """W: 1 for positives, w elsewhere, 0 on the diagonal."""
    n = w.shape[0]
    pos = positive_mask(n, batch)
    t = torch.where(pos, torch.ones_like(w), w)
    return t.masked_fill(torch.eye(n, dtype=torch.bool), 0.0)


def off_diagonal(a):
    """[N,N] -> [N,N-1], row i without its diagonal entry (order preserved)."""
    n = a.shape[0]
    return a[~torch.eye(n, dtype=torch.bool)].reshape(n, n - 1)


def fill_off_diagonal(a_off):
    """[N,N-1] -> [N,N] with zero diagonal (inverse of off_diagonal)."""
    n = a_off.shape[0]
    out = a_off.new_zeros(n, n)
    out = out.masked_scatter(~torch.eye(n, dtype=torch.bool), a_off)
    return out


def log_p_offdiag(s, tau):
    """log p_ij = S_ij/tau - log sum_{k!=i} exp(S_ik/tau), as [N, N-1]."""
    return torch.log_softmax(off_diagonal(s) / tau, dim=1)


def soft_contrastive_loss(s, w_target, tau):
    """L_C = -(1/(N(N-1))) sum_i sum_{j!=i} W_ij log p_ij."""
    n = s.shape[0]
    logp = log_p_offdiag(s, tau)
    return -(off_diagonal(w_target) * logp).sum() / (n * (n - 1))


def dlc_ds_closed_form(s, w_target, tau):
    """Section 4: dL_C/dS_ij = (p_ij sum_k W_ik - W_ij) / (tau N (N-1)), 0 on diag."""
    n = s.shape[0]
    p = fill_off_diagonal(torch.softmax(off_diagonal(s) / tau, dim=1))
    g = (p * w_target.sum(dim=1, keepdim=True) - w_target) / (tau * n * (n - 1))
    return g.masked_fill(torch.eye(n, dtype=torch.bool), 0.0)


# --------------------------------------------------------------------------
# Section 5: aggregator and reconstruction
# --------------------------------------------------------------------------

def aggregator(s, tau):
    """R = softmax_rows(S/tau) with the diagonal excluded (R_ii = 0)."""
    return fill_off_diagonal(torch.softmax(off_diagonal(s) / tau, dim=1))


def reconstruction_loss(x_hat, x_in, x, recon_target):
    if recon_target == "own_input":
        return ((x_hat - x_in) ** 2).mean()
    if recon_target == "original":
        b = x.shape[0]
        return ((x_hat[:b] - x) ** 2).mean()
    raise ValueError(recon_target)


# --------------------------------------------------------------------------
# One pre-training forward (sections 2 to 6)
# --------------------------------------------------------------------------

def pretrain_forward(model, x, keep, alpha, sigma, tau, recon_target):
    """Returns a dict with the loss and every intermediate of one step.

    The model must be in train mode for a training step (BatchNorm with batch
    statistics; running stats are updated as a side effect).
    """
    batch = x.shape[0]
    x_in = build_input(x, keep)
    n = x_in.shape[0]

    h = model.encode(x_in)                      # [N, 384]
    z = model.projector(h)                      # [N, 128]
    s = z @ z.T                                 # raw dot products

    w, _, _ = soft_weights(x_in, alpha, sigma)  # no gradient
    w_target = target_matrix(w, batch)
    loss_c = soft_contrastive_loss(s, w_target, tau)

    r = aggregator(s, tau)
    h_rec = r @ h
    x_hat = model.decoder(h_rec).reshape(n, model.channels, model.bands)
    loss_r = reconstruction_loss(x_hat, x_in, x, recon_target)

    loss = model.awl(loss_c, loss_r)
    return dict(loss=loss, loss_c=loss_c, loss_r=loss_r, x_in=x_in, h=h, z=z,
                S=s, w=w, W=w_target, R=r, h_rec=h_rec, x_hat=x_hat)


def finetune_forward(model, classifier, x, labels):
    """Section 7: logits = classifier(E(x)), cross-entropy mean over the batch."""
    h = model.encode(x)
    logits = classifier(h)
    loss = Fn.cross_entropy(logits, labels.long())
    return loss, logits


# --------------------------------------------------------------------------
# Optimiser (section 6)
# --------------------------------------------------------------------------

ADAM_LR = 5e-4
ADAM_BETAS = (0.9, 0.99)
ADAM_EPS = 1e-8
ADAM_WD = 3e-4


def make_adam(params, lr=ADAM_LR):
    """Adam with COUPLED L2 (PyTorch's weight_decay), the released settings."""
    return torch.optim.Adam(params, lr=lr, betas=ADAM_BETAS, eps=ADAM_EPS,
                            weight_decay=ADAM_WD)


def param_counts(channels, classes=3):
    m = ScmmModel(channels)
    c = ScmmClassifier(classes)
    count = lambda mod: sum(p.numel() for p in mod.parameters())
    return dict(encoder=count(m.encoder), projector=count(m.projector),
                decoder=count(m.decoder), awl=count(m.awl), classifier=count(c))


def rel_diff(a, b):
    """max|a-b| / max|b| (b is the reference); 0 when both are all zero."""
    a = torch.as_tensor(a, dtype=torch.float64)
    b = torch.as_tensor(b, dtype=torch.float64)
    num = (a - b).abs().max().item() if a.numel() else 0.0
    den = b.abs().max().item() if b.numel() else 0.0
    if den == 0.0:
        return 0.0 if num == 0.0 else math.inf
    return num / den
