/* scmm-pipeline-diagram.h: the stages of one SCMM pre-training step, drawn
 * as a diagram of boxes and arrows (SCMM-METHOD.md §11)
 *
 * Top row, left to right: input x, hybrid masking, encoder E, projector P,
 * similarity S, soft contrastive loss L_C. Bottom row, right to left: the
 * aggregator R (fed by S), the decoder D, the reconstruction loss L_R and
 * the total loss L (fed by L_C and L_R). Each box has a title and a detail
 * line (the page writes the model's real shapes and the live numbers
 * there); the current stage is lit. A click on a box emits
 * "stage-activated" with its stage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  SCMM_TEACH_STAGE_INPUT,
  SCMM_TEACH_STAGE_MASKING,
  SCMM_TEACH_STAGE_ENCODER,
  SCMM_TEACH_STAGE_PROJECTOR,
  SCMM_TEACH_STAGE_SIMILARITY,
  SCMM_TEACH_STAGE_CONTRASTIVE,
  SCMM_TEACH_STAGE_AGGREGATOR,
  SCMM_TEACH_STAGE_DECODER,
  SCMM_TEACH_STAGE_RECONSTRUCTION_LOSS,
  SCMM_TEACH_STAGE_TOTAL_LOSS,
  SCMM_TEACH_N_STAGES
} ScmmTeachStage;

#define SCMM_TYPE_PIPELINE_DIAGRAM (scmm_pipeline_diagram_get_type ())
G_DECLARE_FINAL_TYPE (ScmmPipelineDiagram, scmm_pipeline_diagram, SCMM, PIPELINE_DIAGRAM, GtkWidget)

GtkWidget     *scmm_pipeline_diagram_new       (void);
/* The lit stage (property "stage"). */
void           scmm_pipeline_diagram_set_stage (ScmmPipelineDiagram *diagram, ScmmTeachStage stage);
ScmmTeachStage scmm_pipeline_diagram_get_stage (ScmmPipelineDiagram *diagram);
/* A box's title (NULL: the stage's short name) and detail line (both Pango
 * markup; the detail may be NULL). */
void           scmm_pipeline_diagram_set_box_text (ScmmPipelineDiagram *diagram, ScmmTeachStage stage,
                                                   const char *title, const char *detail_markup);
/* A box's rectangle in widget coordinates at the current size; FALSE
 * before the widget has a size. */
gboolean       scmm_pipeline_diagram_get_box   (ScmmPipelineDiagram *diagram, ScmmTeachStage stage,
                                                graphene_rect_t *rect);
/* The stage whose box holds (x, y), or -1. */
int            scmm_pipeline_diagram_stage_at  (ScmmPipelineDiagram *diagram, double x, double y);

G_END_DECLS
