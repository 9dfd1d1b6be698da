/* scmm-scalp-maps-view.h: DE scalp maps, one per band, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a corpus whose channels have electrode positions: a topographic map
 * of each band's DE (spherical-spline interpolation, engine/data/scmm-topomap.h)
 * with the head outline and the electrodes, either of one window of a trial
 * or of a class' mean over the whole corpus. The controls are part of the
 * view: what is shown ("Window" or a class), the window (a slider and a spin
 * button) and whether the bands share one colour scale. A corpus without
 * known positions for its channels gets a placeholder that says why.
 */
#pragma once

#include <gtk/gtk.h>

#include "gl/scmm-figure.h"
#include "scmm-corpus.h"

G_BEGIN_DECLS

#define SCMM_TYPE_SCALP_MAPS_VIEW (scmm_scalp_maps_view_get_type ())
G_DECLARE_FINAL_TYPE (ScmmScalpMapsView, scmm_scalp_maps_view, SCMM, SCALP_MAPS_VIEW, GtkWidget)

GtkWidget  *scmm_scalp_maps_view_new              (void);
/* The corpus whose maps are shown; borrowed: it must stay alive until it is
 * replaced or unset (NULL). The interpolation is computed again only when
 * the channels differ from the previous corpus'. Resets the trial, the
 * window (to 0) and the class ("Window"). */
void        scmm_scalp_maps_view_set_corpus       (ScmmScalpMapsView *view, const ScmmCorpus *corpus);
/* The trial (of that corpus, borrowed likewise) whose windows "Window"
 * shows; the window is kept when the trial has it, else the last one. */
void        scmm_scalp_maps_view_set_trial        (ScmmScalpMapsView *view, const ScmmTrial *trial);
/* Also the "window" property: 0-based, clamped to the trial's windows. */
void        scmm_scalp_maps_view_set_window       (ScmmScalpMapsView *view, int window);
int         scmm_scalp_maps_view_get_window       (ScmmScalpMapsView *view);
/* Also the "label" property: -1 shows the window, a class index that
 * class' mean over every window of the corpus. */
void        scmm_scalp_maps_view_set_label        (ScmmScalpMapsView *view, int label);
int         scmm_scalp_maps_view_get_label        (ScmmScalpMapsView *view);
/* Also the "shared-scale" property: one colour scale for the five bands,
 * or one each (the default: each band's own pattern shows). */
void        scmm_scalp_maps_view_set_shared_scale (ScmmScalpMapsView *view, gboolean shared);
/* Whether maps are shown (FALSE: the placeholder, or no corpus). */
gboolean    scmm_scalp_maps_view_has_maps         (ScmmScalpMapsView *view);
/* A band's figure (0 delta .. 4 gamma), or NULL beyond the corpus' bands. */
ScmmFigure *scmm_scalp_maps_view_get_figure       (ScmmScalpMapsView *view, int band);

G_END_DECLS
