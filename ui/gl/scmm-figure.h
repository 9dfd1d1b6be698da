/* scmm-figure.h: a figure, described once and drawn anywhere.
 *
 * One panel: a line plot (several series, linear or log y), a heatmap (with a
 * perceptual or a diverging colormap and a colorbar, marked regions and a
 * selected row), a confusion matrix (counts or row-normalised, with class
 * names), a scalp map (a topographic map with the head and its electrodes),
 * a scatter plot (categories of points: an embedding's map) or a bar chart;
 * axes with ticks and labels, a title, a legend. The same description is drawn on screen (cairo now, OpenGL
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
  SCMM_FIGURE_SCALP_MAP,
  SCMM_FIGURE_SCATTER,
  SCMM_FIGURE_BARS,
} ScmmFigureKind;

/* How a scatter plot's category draws its points. */
typedef enum {
  SCMM_MARKER_FILLED,
  SCMM_MARKER_HOLLOW,
} ScmmMarker;

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

/* ---- zoom and pan (line and scatter plots) ---- */
/* Shows x in [lo, hi] (data units) instead of the data's range: the ticks
 * follow, the points outside are clipped, exports draw the view. (NAN,
 * NAN), the default, shows the data's range again. Figures keep their view
 * while their data stream in. */
void           scmm_figure_set_x_view     (ScmmFigure *figure, double lo, double hi);
/* The same for y (on a log axis lo and hi are positive); while set it wins
 * over set_y_range. */
void           scmm_figure_set_y_view     (ScmmFigure *figure, double lo, double hi);
/* TRUE when a view of that axis (SCMM_AXIS_X or SCMM_AXIS_Y) is set, its
 * ends in lo and hi (either may be NULL). */
gboolean       scmm_figure_get_view       (const ScmmFigure *figure, ScmmAxis axis, double *lo, double *hi);

/* ---- heatmap ---- */
/* values [rows, cols] (copied); vmin/vmax NAN = the data's range. */
void           scmm_figure_set_heatmap    (ScmmFigure *figure, const float *values, int rows,
                                           int cols, ScmmColormap colormap, double vmin,
                                           double vmax, const char *colorbar_label);
/* Optional labels of the rows and columns (NULL-terminated, copied). */
void           scmm_figure_set_heatmap_labels (ScmmFigure *figure, const char *const *row_labels,
                                               const char *const *col_labels);

/* Marks the cells [row0, row0 + rows) x [col0, col0 + cols) with an outlined
 * rectangle and a small label (may be NULL): S's original and masked
 * quadrants. Like the labels, the marks outlive a stream of set_heatmap;
 * the parts beyond the grid are not drawn. */
void           scmm_figure_add_heatmap_rect (ScmmFigure *figure, int row0, int col0, int rows, int cols,
                                             const char *label);
void           scmm_figure_clear_heatmap_rects (ScmmFigure *figure);
/* A row drawn as a highlighted band (the anchor whose weights a bar chart
 * shows); -1, the default, for none. Outlives set_heatmap too. */
void           scmm_figure_set_heatmap_selected_row (ScmmFigure *figure, int row);

/* ---- confusion matrix ---- */
/* counts [k, k], rows = true class (copied). */
void           scmm_figure_set_confusion  (ScmmFigure *figure, const gint64 *counts, int k,
                                           const char *const *class_names,
                                           gboolean row_normalised);

/* ---- scalp map ---- */
/* A topographic map: grid [size, size] (copied) covers the square [-1, 1]²
 * of the map's coordinates (x to the right, y to the nose), row 0 at the
 * top: cell (i, j) has its centre at x = 2 (j + 0.5) / size - 1,
 * y = 1 - 2 (i + 0.5) / size. The map is the disc of radius 1 inscribed in
 * that square (engine/data/scmm-topomap.h's map disc, scaled by 1 / radius);
 * NAN cells, as those outside the disc, are not drawn: the background
 * shows. vmin/vmax NAN = the data's range. Drawn with a square aspect and a
 * colorbar. */
void           scmm_figure_set_scalp_map  (ScmmFigure *figure, const float *grid, int size, double vmin,
                                           double vmax, ScmmColormap colormap, const char *colorbar_label);
/* The head cartoon: n_polylines polylines in the map's coordinates, one
 * after the other in xy [sum of n_points, 2] (polyline k has n_points[k]
 * points; a closed one repeats its first point). Replaces the previous
 * outline; (NULL, NULL, 0) removes it. */
void           scmm_figure_set_scalp_outline (ScmmFigure *figure, const double *xy, const int *n_points,
                                              int n_polylines);
/* n electrodes at xy [n, 2] in the map's coordinates, drawn as dots, with
 * their names (n of them, or NULL) when there is room, and their values
 * [n] for describe_at (NULL: the map's value under each). Copied; replaces
 * the previous ones. The outline and the electrodes outlive a stream of
 * set_scalp_map. */
void           scmm_figure_set_scalp_electrodes (ScmmFigure *figure, const double *xy,
                                                 const char *const *names, const float *values, int n);

/* ---- scatter plot ---- */
/* A category of n points (copied); returns its index. Each category has
 * the palette's next colour and filled markers, and a legend entry. */
int            scmm_figure_add_points     (ScmmFigure *figure, const char *name, const double *x,
                                           const double *y, int n);
/* A category's colour, an index into the palette (-1: its own, by its
 * index), and its markers: categories of one class share a colour, the
 * source corpus filled and the target hollow. */
void           scmm_figure_set_points_style (ScmmFigure *figure, int category, int colour,
                                             ScmmMarker marker);
void           scmm_figure_clear_points   (ScmmFigure *figure);
/* TRUE: a unit is as long on both axes (an embedding's map; the plot
 * shrinks to keep it so); FALSE, the default: each axis spans its data. */
void           scmm_figure_set_equal_axes (ScmmFigure *figure, gboolean equal);

/* ---- bar chart ---- */
/* n vertical bars from a zero baseline (values copied; NaN: no bar),
 * labelled below when labels (NULL-terminated, copied) has n entries, else
 * by index; many bars (hundreds) are drawn thin, their labels thinned.
 * set_y_range fixes the value axis as for lines. */
void           scmm_figure_set_bars       (ScmmFigure *figure, const double *values, int n,
                                           const char *const *labels);
/* Bars drawn in the highlight colour (the positive pair): n indices
 * (copied; NULL, 0 for none). Outlives a stream of set_bars. */
void           scmm_figure_set_bar_highlight (ScmmFigure *figure, const int *indices, int n);

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
