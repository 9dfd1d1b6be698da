/* scmm-test-figure.h: what the figure tests share: pixels compared, views
 * shown in windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A pixel's colour, 0 to 255 a channel. */
typedef struct
{
  int r, g, b;
} ScmmTestPixel;

/* The largest difference of a channel. */
int         scmm_test_pixel_distance       (ScmmTestPixel a, ScmmTestPixel b);
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

G_END_DECLS
