/* scmm-snapshot-grid.h: one sample of a snapshot as a channels x bands grid
 *
 * Helpers the snapshot views share (not a widget): a sample's rows of a
 * ScmmSnapshot as channels x bands values, masked cells as missing values
 * (NaN: the figure's "no value" grey), heatmap figures of them on one colour
 * scale, and the small widgets around them (a spin button to pick the
 * sample, a caption).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gl/scmm-figure.h"
#include "scmm-run-events.h"

G_BEGIN_DECLS

/* The names of a snapshot's bands: δ θ α β γ for the usual five, else
 * their numbers; NULL-terminated, static. */
const char *const *scmm_snapshot_band_labels (int bands);

/* Row `row` of rows [N, C, F] (x_in or x_hat) into out [C, F]; with `keep`
 * ([C, F], 1 = kept), the masked cells become NaN. */
void          scmm_snapshot_sample_values  (const ScmmSnapshot *snapshot, const float *rows, int row,
                                            const guint8 *keep, float *out);
/* The masks [C, F] of masked view `view` (0-based) of sample `sample`. */
const guint8 *scmm_snapshot_keep_of        (const ScmmSnapshot *snapshot, int view, int sample);
/* The fraction of masked values among n masks, 0 to 1. */
double        scmm_snapshot_masked_fraction (const guint8 *keep, gsize n);
/* Channels whose every band is masked in keep [C, F]. */
int           scmm_snapshot_masked_channels (const guint8 *keep, int channels, int bands);
/* Widens [lo, hi] to the finite values among n (start from INFINITY, -INFINITY). */
void          scmm_snapshot_extend_range   (const float *values, gsize n, double *lo, double *hi);

/* A channels x bands heatmap figure, with band names and "band" / "channel"
 * axes; values [C, F] on the colour scale [lo, hi]. */
ScmmFigure   *scmm_snapshot_grid_figure_new (const char *title);
void          scmm_snapshot_grid_figure_set (ScmmFigure *figure, const ScmmSnapshot *snapshot,
                                             const float *values, double lo, double hi,
                                             const char *colorbar_label);

/* A figure view that fills its room, showing `figure`. */
GtkWidget    *scmm_snapshot_figure_view_new (ScmmFigure *figure);
/* "Sample [ 3 ]": a label and a spin button (returned in *spin) in a box. */
GtkWidget    *scmm_snapshot_spin_box_new   (const char *label, const char *tooltip,
                                            GtkSpinButton **spin);
/* Sets a spin button's range to [0, n - 1], keeping its value in it. */
void          scmm_snapshot_spin_set_count (GtkSpinButton *spin, int n);
/* Sets a label's text (markup when `markup`) only when it changes: a new
 * text costs a relayout of the window, and the views update every frame. */
void          scmm_snapshot_label_set      (GtkLabel *label, const char *text, gboolean markup);
/* A caption: wrapping, left aligned. */
GtkWidget    *scmm_snapshot_caption_new    (void);
/* The row above a view's figures: the spin box, then a caption (returned in
 * *caption) that takes the rest of the width. */
GtkWidget    *scmm_snapshot_header_new     (const char *spin_label, const char *spin_tooltip,
                                            GtkSpinButton **spin, GtkLabel **caption);

G_END_DECLS
