/* scmm-figure.h: a figure, described once and drawn anywhere.
 *
 * One panel: a line plot (several series, linear or log y), a heatmap (with a
 * perceptual or a diverging colormap and a colorbar), or a confusion matrix
 * (counts or row-normalised, with class names); axes with ticks and labels, a
 * title, a legend. The same description is drawn on screen (cairo now, OpenGL
 * in ui/gl/ later) and exported to PNG, SVG and PDF through cairo, so what is
 * exported is what is shown. Reference-counted; not thread-safe (main thread). */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "gl/scmm-colormap.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_SCALE_LINEAR,
  SCMM_SCALE_LOG,
} ScmmScale;

typedef enum {
  SCMM_FIGURE_EMPTY,
  SCMM_FIGURE_LINES,
  SCMM_FIGURE_HEATMAP,
  SCMM_FIGURE_CONFUSION,
} ScmmFigureKind;

typedef enum {
  SCMM_AXIS_X,
  SCMM_AXIS_Y,
  SCMM_AXIS_COLORBAR,        /* a heatmap's */
} ScmmAxis;

typedef struct _ScmmFigure ScmmFigure;

ScmmFigure    *scmm_figure_new            (const char *title);
ScmmFigure    *scmm_figure_ref            (ScmmFigure *figure);
void           scmm_figure_unref          (ScmmFigure *figure);
ScmmFigureKind scmm_figure_get_kind       (const ScmmFigure *figure);
void           scmm_figure_set_title      (ScmmFigure *figure, const char *title);
/* The title as set (NULL when none); owned by the figure, valid until the
 * next set_title. */
const char    *scmm_figure_get_title      (const ScmmFigure *figure);
void           scmm_figure_set_axis_labels (ScmmFigure *figure, const char *x_label,
                                            const char *y_label);
/* Bumped by every change: views redraw when it moves. */
guint64        scmm_figure_get_revision   (const ScmmFigure *figure);

/* ---- lines ---- */
void           scmm_figure_set_y_scale    (ScmmFigure *figure, ScmmScale scale);
/* Fixes the y axis to [lo, hi] in data units (an accuracy's [0, 100]);
 * NAN for an end lets the data decide it, so (NAN, NAN), the default, is
 * automatic: the data's range, padded, at least 5 % of its magnitude wide
 * so that a nearly flat curve is not stretched to fill the plot. Points
 * beyond a fixed end are clipped and not described. */
void           scmm_figure_set_y_range    (ScmmFigure *figure, double lo, double hi);
/* A series of n points; returns its index. Colours come from a palette. */
int            scmm_figure_add_line       (ScmmFigure *figure, const char *name, const double *x,
                                           const double *y, int n);
/* Appends a point to a series (live curves). */
void           scmm_figure_line_append    (ScmmFigure *figure, int series, double x, double y);
void           scmm_figure_clear_lines    (ScmmFigure *figure);
int            scmm_figure_get_n_lines    (const ScmmFigure *figure);

/* ---- heatmap ---- */
/* values [rows, cols] (copied); vmin/vmax NAN = the data's range. */
void           scmm_figure_set_heatmap    (ScmmFigure *figure, const float *values, int rows,
                                           int cols, ScmmColormap colormap, double vmin,
                                           double vmax, const char *colorbar_label);
/* Optional labels of the rows and columns (NULL-terminated, copied). */
void           scmm_figure_set_heatmap_labels (ScmmFigure *figure, const char *const *row_labels,
                                               const char *const *col_labels);

/* ---- confusion matrix ---- */
/* counts [k, k], rows = true class (copied). */
void           scmm_figure_set_confusion  (ScmmFigure *figure, const gint64 *counts, int k,
                                           const char *const *class_names,
                                           gboolean row_normalised);

/* ---- drawing and export ---- */
/* Draws the whole figure into a width x height box (device units). */
void           scmm_figure_draw_cairo     (const ScmmFigure *figure, cairo_t *cr, double width,
                                           double height);
/* PNG, SVG or PDF by the file's extension; width x height in pixels (PNG) or
 * points (SVG, PDF). The error names the file. */
gboolean       scmm_figure_export         (const ScmmFigure *figure, const char *path,
                                           int width, int height, GError **error);
/* The value under a point of a width x height drawing, as text ("Fp1, window
 * 12: 23.4"), or NULL outside the data. */
char          *scmm_figure_describe_at    (const ScmmFigure *figure, double width, double height,
                                           double x, double y);
/* The tick labels of an axis of a width x height drawing, in order (lowest
 * value first; a grid's first row or column first), as Pango markup (powers
 * of ten use <sup>); an empty list when the axis has none. Free with
 * g_strfreev. */
GStrv          scmm_figure_get_tick_labels (const ScmmFigure *figure, double width, double height,
                                            ScmmAxis axis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmFigure, scmm_figure_unref)

G_END_DECLS
