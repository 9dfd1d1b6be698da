/* scmm-teach-stages.h: what the Teach page says about each stage of an SCMM
 * step: its title, its formula (Pango markup with Unicode maths, exactly
 * SCMM-METHOD.md's) and a two-sentence explanation in plain words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "scmm-masking.h"
#include "scmm-pipeline-diagram.h"
#include "scmm-pretrain.h"

G_BEGIN_DECLS

typedef struct {
  const char *title;        /* "Hybrid masking" */
  const char *formula;      /* Pango markup, may hold several lines */
  const char *explanation;  /* plain text, two sentences */
} ScmmTeachStageText;

/* The texts of a stage (translated); the masking's formula depends on the
 * mask mode, the reconstruction loss's on the target compared. */
ScmmTeachStageText scmm_teach_stage_text (ScmmTeachStage stage, ScmmMaskMode mask_mode,
                                          ScmmReconTarget recon_target);

G_END_DECLS
