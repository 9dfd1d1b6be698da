/* scmm-figure-view.h: a widget that shows a ScmmFigure, with the value under
 * the pointer as a tooltip, and exports it.
 *
 * The data are drawn with OpenGL where it works, with cairo otherwise (and
 * always for the axes, the text and the exports).
 *
 * Signals:
 *   "cell-activated" (gint row, gint col): a primary click on a heatmap's or
 *   a confusion matrix's cell (its row and column), or on a bar of a bar
 *   chart (row -1, col the bar's index).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gl/scmm-figure.h"

G_BEGIN_DECLS

#define SCMM_TYPE_FIGURE_VIEW (scmm_figure_view_get_type ())
G_DECLARE_FINAL_TYPE (ScmmFigureView, scmm_figure_view, SCMM, FIGURE_VIEW, GtkWidget)

GtkWidget  *scmm_figure_view_new        (void);
/* Shows `figure` (a reference is kept); NULL shows nothing. */
void        scmm_figure_view_set_figure (ScmmFigureView *view, ScmmFigure *figure);
ScmmFigure *scmm_figure_view_get_figure (ScmmFigureView *view);
/* Redraw after the figure changed. */
void        scmm_figure_view_update     (ScmmFigureView *view);
/* TRUE while the data are drawn with OpenGL, FALSE when with cairo (before
 * the view is realized, after a GL failure, with GDK_DEBUG=gl-disable). */
gboolean    scmm_figure_view_is_using_gl (ScmmFigureView *view);

/* Zoom and pan of a line plot's x axis, or of both axes of a scatter plot
 * (the figure's x and y views: scmm_figure_set_x_view): what scrolling,
 * dragging, a double click and the keys +, - and 0 do. Each returns FALSE
 * when there is nothing to zoom (another kind, no data, not allocated). */
/* Zooms by `factor` (< 1: in, > 1: out) keeping the point under (x, y) of
 * the widget where it is; zoomed out to the data's whole range or more,
 * the view is the data's range again. */
gboolean    scmm_figure_view_zoom       (ScmmFigureView *view, double factor, double x, double y);
/* Moves the data (dx, dy) widget pixels, as a drag does, within the data's
 * range. */
gboolean    scmm_figure_view_pan        (ScmmFigureView *view, double dx, double dy);
/* The data's whole range again. */
gboolean    scmm_figure_view_reset_zoom (ScmmFigureView *view);

G_END_DECLS
