/* scmm-figure-view.h: a widget that shows a ScmmFigure, with the value under
 * the pointer as a tooltip, and exports it. */
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

G_END_DECLS
