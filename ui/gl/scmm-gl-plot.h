/* scmm-gl-plot.h: a GtkGLArea that draws a figure's data with OpenGL
 *
 * The figure view (ui/scmm-figure-view.c) places it over the plot box of
 * its figure's layout and draws everything else (axes, text, colorbar,
 * legend) with cairo around it. The cells of heatmaps, confusion matrices
 * and scalp maps, the series of line plots, the points of scatter plots and
 * the bars of bar charts are drawn here. When OpenGL fails,
 * gtk_gl_area_get_error() says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gl/scmm-figure.h"

G_BEGIN_DECLS

#define SCMM_TYPE_GL_PLOT (scmm_gl_plot_get_type ())
G_DECLARE_FINAL_TYPE (ScmmGlPlot, scmm_gl_plot, SCMM, GL_PLOT, GtkGLArea)

GtkWidget *scmm_gl_plot_new          (void);
/* Whether figures of `kind` have their data drawn here. */
gboolean   scmm_gl_plot_draws_kind   (ScmmFigureKind kind);
/* Draws the data of `figure` (a reference is kept; NULL: nothing) as they
 * are in a width x height drawing of it, the area's top-left corner at
 * (x, y) of that drawing; queues a render. */
void       scmm_gl_plot_show         (ScmmGlPlot *plot, ScmmFigure *figure, double width, double height,
                                      double x, double y);
/* The number of frames rendered without an error. */
guint64    scmm_gl_plot_get_n_frames (ScmmGlPlot *plot);

G_END_DECLS
