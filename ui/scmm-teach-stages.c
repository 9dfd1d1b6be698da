/* scmm-teach-stages.c: the titles, formulas and explanations of the stages
 * of an SCMM step, for the Teach page (SCMM-METHOD.md §1 to §6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "scmm-teach-stages.h"

static const ScmmTeachStageText texts[SCMM_TEACH_N_STAGES] = {
  [SCMM_TEACH_STAGE_INPUT] = {
    N_("1 · Input: a batch of EEG windows"),
    N_("x ∈ [0, 1]<sup>b × C × F</sup>      DE = ½ ln(2πe σ²)"),
    N_("Each row is one window of EEG: the differential entropy of every "
       "channel in five frequency bands, scaled to [0, 1]. Pre-training sees b "
       "windows at a time and never their emotion labels."),
  },
  [SCMM_TEACH_STAGE_MASKING] = {
    N_("2 · Hybrid masking"),
    NULL,   /* by the mode: mask_formulas */
    N_("Every window gets a copy with parts hidden: mostly scattered cells, "
       "now and then a whole channel (grey). The originals and their masked "
       "copies go through the network together."),
  },
  [SCMM_TEACH_STAGE_ENCODER] = {
    N_("3 · Encoder E"),
    N_("h = E(X<sub>in</sub>):  3 × [ Conv1d(k = 8, pad 4, no bias) → BatchNorm → ReLU → "
       "MaxPool(2, stride 2, pad 1) ]\n"
       "channels C → 32 → 64 → 128,  bands 5 → 4 → 3 → 3:  h = 128 × 3 = 384 values"),
    N_("A small convolutional network reads each row along its five bands, "
       "with the EEG channels as its input channels. Every row becomes a "
       "vector h of 384 numbers: one line of this heatmap."),
  },
  [SCMM_TEACH_STAGE_PROJECTOR] = {
    N_("4 · Projector P"),
    N_("z = P(h) = W<sub>2</sub> ReLU(BN(W<sub>1</sub> h + b<sub>1</sub>)) + "
       "b<sub>2</sub>      (384 → 256 → 128, z not normalised)"),
    N_("Two linear layers map h to z, the space where rows are compared. z is "
       "not normalised: its dot products are the similarities."),
  },
  [SCMM_TEACH_STAGE_SIMILARITY] = {
    N_("5 · Similarity S"),
    N_("S = Z Z<sup>T</sup>,   S<sub>ij</sub> = z<sub>i</sub> · z<sub>j</sub>"
       "   (N × N, raw dot products)\n"
       "drawn as cosines S<sub>ij</sub> / (|z<sub>i</sub>| |z<sub>j</sub>|)"),
    N_("Every row is compared with every other row. A window and its own "
       "masked copy should be the most alike: the bright diagonals of the "
       "off-diagonal blocks."),
  },
  [SCMM_TEACH_STAGE_CONTRASTIVE] = {
    N_("6 · Soft contrastive loss L<sub>C</sub>"),
    N_("D<sub>ij</sub> = −cos(x<sub>i</sub>, x<sub>j</sub>),  x<sub>i</sub> = row i of "
       "X<sub>in</sub>\n"
       "D<sub>ii</sub> = min<sub>k≠l</sub> D<sub>kl</sub>,  then each column of D "
       "min-max scaled to [0, 1]: D̃\n"
       "w<sub>ij</sub> = 2α / (1 + exp(D̃<sub>ij</sub> / σ))\n"
       "W<sub>ij</sub> = 1 for the same window's other view,  "
       "w<sub>ij</sub> for other j ≠ i,  W<sub>ii</sub> = 0\n"
       "log p<sub>ij</sub> = S<sub>ij</sub>/τ − log Σ<sub>k≠i</sub> "
       "exp(S<sub>ik</sub>/τ)\n"
       "L<sub>C</sub> = −1/(N(N−1)) · Σ<sub>i</sub> Σ<sub>j≠i</sub> W<sub>ij</sub> "
       "log p<sub>ij</sub>"),
    N_("Each row is pulled towards its masked copy with weight 1 and towards "
       "other windows with soft weights W that are large only when their "
       "inputs look alike. Similar windows are not pushed apart as strangers, "
       "as in plain contrastive learning."),
  },
  [SCMM_TEACH_STAGE_AGGREGATOR] = {
    N_("7 · Aggregator R"),
    N_("R<sub>ij</sub> = p<sub>ij</sub> = exp(S<sub>ij</sub>/τ) / Σ<sub>k≠i</sub> "
       "exp(S<sub>ik</sub>/τ),  R<sub>ii</sub> = 0\n"
       "H<sub>rec</sub> = R H      (N × N times N × 384)"),
    N_("Each row is rebuilt from the OTHER rows' h, weighted by how similar "
       "they are: R is the same softmax that L_C uses. A masked copy is thus "
       "filled in from its original and from windows like it."),
  },
  [SCMM_TEACH_STAGE_DECODER] = {
    N_("8 · Decoder D and the reconstruction x̂"),
    N_("X̂ = D(H<sub>rec</sub>) = H<sub>rec</sub> W<sub>D</sub><sup>T</sup> + "
       "b<sub>D</sub>      384 → C × F  (output c·F + f is channel c, band f)"),
    N_("One linear layer turns each rebuilt vector back into channels × bands. "
       "Compare the hidden cells of the masked copy with what came back."),
  },
  [SCMM_TEACH_STAGE_RECONSTRUCTION_LOSS] = {
    N_("9 · Reconstruction loss L<sub>R</sub>"),
    NULL,   /* by the target: recon_formulas */
    N_("The reconstruction is compared with the input, cell by cell, and the "
       "mean squared error is L_R. The bars show each row's error, the selected "
       "window and its masked copy in orange."),
  },
  [SCMM_TEACH_STAGE_TOTAL_LOSS] = {
    N_("10 · Total loss L with learned weights"),
    N_("L = L<sub>C</sub> / (2 p<sub>1</sub>²) + ln(1 + p<sub>1</sub>²)\n"
       "    + L<sub>R</sub> / (2 p<sub>2</sub>²) + ln(1 + p<sub>2</sub>²)\n"
       "p<sub>1</sub> = p<sub>2</sub> = 1 at the start, both learned"),
    N_("The two losses are added with weights p1 and p2 that the network "
       "learns too, so neither has to be tuned by hand. Press T to train a "
       "few steps and watch every stage change."),
  },
};

/* The masking's formula: how the mode draws the mask m (1 = kept). */
static const char *const mask_formulas[] = {
  [SCMM_MASK_HYBRID] =
    N_("for each window and channel draw u ~ U(0, 1):\n"
       "u &gt; δ → each of the F bands hidden with prob. r;  "
       "u ≤ δ → the whole channel hidden with prob. r\n"
       "X<sub>in</sub> = [ x ; x ⊙ m ]      N = 2b rows, hidden values are 0"),
  [SCMM_MASK_RANDOM] =
    N_("random: each of the C × F values hidden with prob. r\n"
       "X<sub>in</sub> = [ x ; x ⊙ m ]      N = 2b rows, hidden values are 0"),
  [SCMM_MASK_CHANNEL] =
    N_("channel: each whole channel (its F bands) hidden with prob. r\n"
       "X<sub>in</sub> = [ x ; x ⊙ m ]      N = 2b rows, hidden values are 0"),
  [SCMM_MASK_PARALLEL] =
    N_("parallel: for each window draw u ~ U(0, 1) once:\n"
       "u &gt; δ → every value hidden with prob. r;  "
       "u ≤ δ → every channel hidden with prob. r\n"
       "X<sub>in</sub> = [ x ; x ⊙ m ]      N = 2b rows, hidden values are 0"),
};

/* L_R's formula: what the reconstruction is compared with. */
static const char *const recon_formulas[] = {
  [SCMM_RECON_OWN_INPUT] =
    N_("L<sub>R</sub> = 1/(N·C·F) Σ (X̂ − X<sub>in</sub>)²"
       "      (all N rows, each against its own input, masked rows against their "
       "masked input)"),
  [SCMM_RECON_ORIGINAL] =
    N_("L<sub>R</sub> = 1/(b·C·F) Σ (X̂<sub>1…b</sub> − x)²"
       "      (only the b original rows, against x)"),
};

ScmmTeachStageText
scmm_teach_stage_text (ScmmTeachStage stage, ScmmMaskMode mask_mode, ScmmReconTarget recon_target)
{
  ScmmTeachStageText t = { "", "", "" };

  g_return_val_if_fail (stage < SCMM_TEACH_N_STAGES, t);
  g_return_val_if_fail (mask_mode < G_N_ELEMENTS (mask_formulas), t);
  g_return_val_if_fail (recon_target < G_N_ELEMENTS (recon_formulas), t);
  t.title = _(texts[stage].title);
  if (stage == SCMM_TEACH_STAGE_MASKING)
    t.formula = _(mask_formulas[mask_mode]);
  else if (stage == SCMM_TEACH_STAGE_RECONSTRUCTION_LOSS)
    t.formula = _(recon_formulas[recon_target]);
  else
    t.formula = _(texts[stage].formula);
  t.explanation = _(texts[stage].explanation);
  return t;
}
