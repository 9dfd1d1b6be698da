/* scmm-test-figure.h: what the figure tests share: pixels compared, views
 * shown in windows, figures of known data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gl/scmm-figure.h"

G_BEGIN_DECLS

/* A pixel's colour, 0 to 255 a channel. */
typedef struct
{
  int r, g, b;
} ScmmTestPixel;

/* The largest difference of a channel. */
int         scmm_test_pixel_distance       (ScmmTestPixel a, ScmmTestPixel b);
/* The colour of `colormap` at t (0 to 1). */
ScmmTestPixel scmm_test_pixel_from_colormap (ScmmColormap colormap, double t);
/* Fails the test, saying `what` and both colours, when they differ by
 * more than `tolerance` on a channel. */
void        scmm_test_assert_pixel_near    (ScmmTestPixel actual, ScmmTestPixel expected, int tolerance,
                                            const char *what);

/* A window of width x height with `view` as its child, not shown yet. */
GtkWindow  *scmm_test_figure_window_new    (GtkWidget *view, int width, int height);
/* Shows the window and waits until `view` is drawn a few frames. */
void        scmm_test_figure_window_present (GtkWindow *window, GtkWidget *view);
/* Both: a shown window of width x height with `view` drawn in it. */
GtkWindow  *scmm_test_present_view         (GtkWidget *view, int width, int height);
/* Destroys the window and waits until it is finalized. */
void        scmm_test_destroy_window       (GtkWindow *window);

/* A 64 x 64 scalp map "Gradient" whose value is the map's x coordinate
 * (-1 left, 1 right; NaN outside the disc) on viridis over [-1, 1], with a
 * circle of radius 1 as its outline and two electrodes: P4 at (0.5, -0.5)
 * valued 0.75, Fz at (0, 0.4) without a value. */
ScmmFigure *scmm_test_scalp_gradient       (void);
/* A montage's map (`channels`: SCMM_SEED_CHANNELS or SCMM_DEAP_CHANNELS) of
 * an occipital alpha peak over a left-right slope, interpolated by the
 * engine as the app does, with the head outline and the named electrodes. */
ScmmFigure *scmm_test_showcase_scalp       (int channels);
/* An anchor's weights over a batch of `n` (its row of S, softmaxed), the
 * positive pair (n / 2 + 3) highlighted. */
ScmmFigure *scmm_test_showcase_bars        (int n);

G_END_DECLS
