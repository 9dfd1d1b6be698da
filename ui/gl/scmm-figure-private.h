/* scmm-figure-private.h: what the figure's files share (not part of its API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A figure is described once (scmm-figure.c) and drawn anywhere. The work is
 * split by concern, one file each; this header holds the fields and the
 * helpers they share, under the name of the file that defines them:
 *
 *   scmm-figure.c               the description: data, setters, revision
 *   scmm-figure-theme.c         the theme's colours and the series' palette
 *   scmm-colormap.c             the colormaps (public: scmm-colormap.h)
 *   scmm-figure-text.c          text measured and drawn with Pango
 *   scmm-figure-ticks.c         ticks and their labels, for any axis
 *   scmm-figure-layout.c        the layout pass and its cache
 *   scmm-figure-layout-lines.c  ... of a line plot
 *   scmm-figure-layout-grid.c   ... of a heatmap or a confusion matrix
 *   scmm-figure-layout-scalp.c  ... of a scalp map (and what is under a point)
 *   scmm-figure-layout-scatter.c ... of a scatter plot (and what is under a point)
 *   scmm-figure-layout-bars.c   ... of a bar chart (and what is under a point)
 *   scmm-figure-draw.c          drawing with cairo: what every kind shares
 *   scmm-figure-draw-lines.c    ... a line plot
 *   scmm-figure-draw-grid.c     ... a heatmap or a confusion matrix
 *   scmm-figure-draw-marks.c    ... a heatmap's marked regions and selected row
 *   scmm-figure-draw-scalp.c    ... a scalp map
 *   scmm-figure-draw-scatter.c  ... a scatter plot
 *   scmm-figure-draw-bars.c     ... a bar chart
 *   scmm-figure-export.c        PNG, SVG and PDF files
 *   scmm-figure-describe.c      the value under a point, the tick labels
 *
 * Types and macros keep short names (only those files include this header);
 * functions and objects are prefixed with their file's name.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "gl/scmm-figure.h"

G_BEGIN_DECLS

/* ---- the description (scmm-figure.c) ---- */

typedef struct
{
  char   *name;
  GArray *x;                 /* double */
  GArray *y;                 /* double */
  int     colour;            /* a scatter category's palette index; -1: its own */
  ScmmMarker marker;         /* a scatter category's */
} Series;

typedef struct
{
  int   row0, col0;
  int   rows, cols;
  char *label;
} HeatmapRect;

typedef struct _Layout Layout;

struct _ScmmFigure
{
  grefcount       ref_count;
  guint64         revision;
  ScmmFigureKind  kind;
  char           *title;
  char           *x_label;
  char           *y_label;

  /* lines */
  ScmmScale       y_scale;
  double          y_min;     /* as asked: NAN = the data's */
  double          y_max;
  GPtrArray      *lines;     /* Series */

  /* zoom and pan of a line or scatter plot, in data units: NAN, NAN shows
   * the data's range */
  double          x_view[2];
  double          y_view[2];

  /* heatmap */
  float          *values;    /* [rows, cols] */
  int             rows;
  int             cols;
  ScmmColormap    colormap;
  double          vmin;      /* as asked: NAN = the data's */
  double          vmax;
  char           *colorbar_label;
  GStrv           row_labels;
  GStrv           col_labels;
  GArray         *heatmap_rects;    /* HeatmapRect */
  int             selected_row;     /* -1: none */

  /* scalp map: its grid is the heatmap's values [size, size], with the
   * heatmap's colormap, range and colorbar label */
  GArray         *outline_xy;       /* double, x and y of each point */
  GArray         *outline_lengths;  /* int, the points of each polyline */
  int             n_electrodes;
  double         *electrode_xy;     /* [n_electrodes, 2] */
  float          *electrode_values; /* [n_electrodes], or NULL */
  GStrv           electrode_names;  /* n_electrodes of them, or NULL */

  /* scatter plot */
  GPtrArray      *points;           /* Series, one a category */
  gboolean        equal_axes;

  /* bar chart */
  double         *bars;             /* [n_bars] */
  int             n_bars;
  GStrv           bar_labels;
  GArray         *bar_highlight;    /* int, indices */

  /* confusion matrix */
  gint64         *counts;    /* [k, k], rows = true class */
  int             k;
  GStrv           class_names;
  gboolean        row_normalised;

  /* The last layout scmm_figure_describe_at() or _get_tick_labels()
   * computed: a tooltip asks many times for the same figure at the same
   * size. */
  Layout         *describe_layout;
  guint64         describe_revision;
  double          describe_width;
  double          describe_height;
};

/* The share of its row's samples that cell (row, col) holds, 0 for an
 * empty row; *row_total (may be NULL) gets the row's count. */
double         scmm_figure_confusion_fraction (const ScmmFigure *figure, int row, int col,
                                               gint64 *row_total);

/* ---- colours (scmm-figure-theme.c, scmm-colormap.c) ---- */

typedef struct
{
  double r, g, b;
} Rgb;

#define RGB_HEX(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

extern const Rgb scmm_figure_theme_background;
extern const Rgb scmm_figure_theme_text;
extern const Rgb scmm_figure_theme_axis;
extern const Rgb scmm_figure_theme_grid;
extern const Rgb scmm_figure_theme_placeholder;
extern const Rgb scmm_figure_theme_missing;
extern const Rgb scmm_figure_theme_highlight;
extern const Rgb scmm_figure_theme_bar;
/* The series' colours, in order, and how many there are. */
extern const Rgb scmm_figure_theme_line_palette[];
extern const guint scmm_figure_theme_n_line_colours;

void           scmm_figure_theme_set_source     (cairo_t *cr, const Rgb *colour);
Rgb            scmm_figure_theme_text_colour_on (const double background[3]);
/* The palette's colour `index`, cycling. */
const Rgb     *scmm_figure_theme_palette_colour (int index);

#define LUT_SIZE 256

/* An opaque cairo pixel (0xAARRGGBB). */
guint32        scmm_colormap_pack_rgb  (const double rgb[3]);
/* LUT_SIZE pixels of the colormap from 0 to 1. */
const guint32 *scmm_colormap_lut       (ScmmColormap colormap);
void           scmm_colormap_blues_rgb (double t, double rgb[3]);

/* ---- text (scmm-figure-text.c) ---- */

typedef enum {
  ALIGN_START,
  ALIGN_CENTRE,
  ALIGN_END,
} Align;

static inline gboolean
scmm_figure_has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

PangoContext  *scmm_figure_text_create_context (const cairo_font_options_t *options);
PangoLayout   *scmm_figure_text_make           (PangoContext *pango, const char *text, gboolean markup,
                                                double size, gboolean bold, double max_width);
/* The layout's logical size; either pointer may be NULL. */
void           scmm_figure_text_size           (PangoLayout *layout, double *width, double *height);
double         scmm_figure_text_measure_width  (PangoContext *pango, const char *text, gboolean markup,
                                                double size, gboolean bold, double max_width);
/* The height of a line of text. */
double         scmm_figure_text_line_height    (PangoContext *pango, double size, gboolean bold);
void           scmm_figure_text_show           (cairo_t *cr, PangoLayout *layout, double x, double y,
                                                Align halign, Align valign, gboolean vertical);

/* ---- ticks (scmm-figure-ticks.c) ---- */

#define MAX_TICKS 64
#define MAX_MINOR_TICKS 256

typedef struct
{
  int     n;
  double  pos[MAX_TICKS];              /* in axis units */
  char   *markup[MAX_TICKS];
  int     n_minor;
  double  minor[MAX_MINOR_TICKS];
  double  extent;                      /* the largest label's width */
} Ticks;

/* Where an axis's ticks go: `length` pixels along a horizontal or vertical
 * axis, labels `size` high with `gap` pixels around each, about `spacing`
 * pixels apart on a numeric axis. */
typedef struct
{
  PangoContext *pango;
  double        length;
  double        spacing;
  gboolean      horizontal;
  double        size;
  double        gap;
} TickSpace;

void           scmm_figure_ticks_clear    (Ticks *ticks);
void           scmm_figure_ticks_linear   (Ticks *ticks, const TickSpace *space, double lo, double hi,
                                           double min_step);
void           scmm_figure_ticks_log      (Ticks *ticks, const TickSpace *space, double lo, double hi);
void           scmm_figure_ticks_category (Ticks *ticks, const TickSpace *space, const char *const *labels,
                                           int n, double max_width);

/* ---- layout (scmm-figure-layout.c, -layout-lines.c, -layout-grid.c) ---- */

typedef struct
{
  double x, y, w, h;
} Box;

typedef struct
{
  double x, y;               /* the swatch's left end, the row's middle */
  double text_width;         /* ellipsized to this */
} LegendEntry;

struct _Layout
{
  double    scale;
  double    pad;
  double    gap;
  double    tick_len;
  double    tick_size;       /* font sizes, device units */
  double    label_size;
  double    title_size;
  double    line_width;

  gboolean  has_data;
  double    title_y;
  Box       area;            /* below the title */
  Box       plot;

  /* Axis units: lines use the data's (log10 for a log y); grids use cells,
   * 0..cols and 0..rows with the first row at the top. */
  double    x_lo, x_hi;
  double    y_lo, y_hi;
  double    data_x[2];       /* a line or scatter plot's ranges without a view */
  double    data_y[2];
  gboolean  y_log;
  gboolean  y_down;
  Ticks     x_ticks;
  Ticks     y_ticks;
  double    y_tick_width;    /* room the y tick labels take */
  double    max_label_width; /* category labels are ellipsized to this */
  char     *x_label;         /* resolved (confusion matrices have defaults) */
  char     *y_label;

  /* lines */
  gboolean  has_legend;
  gboolean  legend_on_top;   /* a narrow figure: rows under the title */
  Box       legend;
  double    legend_row;
  GArray   *legend_entries;  /* LegendEntry, one a series */

  /* heatmap */
  double    vmin, vmax;
  Box       colorbar;
  Ticks     c_ticks;
  double    c_tick_width;

  /* confusion matrix */
  double    cell_text_size;
  gboolean  cell_text_whole_percent;

  /* scalp map (axis units are the map's coordinates) */
  double    electrode_radius;
  double    electrode_text_size;  /* 0: no names */

  /* scatter plot */
  double    marker_radius;
};

void           scmm_figure_layout_free         (Layout *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, scmm_figure_layout_free)

/* Fills a zeroed layout for a width x height drawing. */
void           scmm_figure_layout_compute      (const ScmmFigure *figure, PangoContext *pango, double width,
                                                double height, Layout *layout);
const Layout  *scmm_figure_layout_cached       (const ScmmFigure *figure, double width, double height);
/* Axis units to device units. */
double         scmm_figure_layout_map_x        (const Layout *layout, double u);
double         scmm_figure_layout_map_y        (const Layout *layout, double u);
TickSpace      scmm_figure_layout_tick_space   (const Layout *layout, PangoContext *pango, double length,
                                                double spacing, gboolean horizontal);
void           scmm_figure_layout_pad_range    (double *lo, double *hi, double fraction,
                                                double empty_half_width);

/* The shown part of the axes (scmm_figure_set_x_view, _set_y_view) over
 * the ranges the data gave, in axis units (log10 for a log y). */
void           scmm_figure_layout_apply_view   (const ScmmFigure *figure, Layout *layout);

/* The lines' pass (scmm-figure-layout-lines.c), below the title (`top`). */
void           scmm_figure_layout_lines        (const ScmmFigure *figure, PangoContext *pango, double width,
                                                double height, double top, Layout *layout);

/* The axes a line plot, a scatter plot and a bar chart share: a numeric y
 * axis on the left (log when layout->y_log), an x axis below, numeric or of
 * `categories` cells, and a legend of the series in `legend` when it has
 * two or more. The ranges (x_lo .. y_hi) are set before. */
typedef struct
{
  const GPtrArray   *legend;          /* Series, or NULL */
  gboolean           integral_x;      /* a numeric x axis of whole steps */
  gboolean           equal_units;     /* a unit as long on both axes: the plot shrinks */
  int                categories;      /* > 0: a category x axis of that many cells */
  const char *const *category_labels; /* one a cell, or NULL: indices */
} XyAxes;

void           scmm_figure_layout_xy           (const ScmmFigure *figure, PangoContext *pango, double width,
                                                double height, double top, const XyAxes *axes, Layout *layout);
/* The range in axis units of the drawn points of `series`; FALSE when there
 * is none. *integral_x: every x is a whole number. */
gboolean       scmm_figure_layout_series_range (const GPtrArray *series, gboolean y_log, double range[4],
                                                gboolean *integral_x);
/* The y range in axis units for data in [data_lo, data_hi]: padded, at
 * least a minimum span, with the ends the caller fixed (set_y_range). */
void           scmm_figure_layout_y_range      (const ScmmFigure *figure, gboolean y_log, double data_lo,
                                                double data_hi, double *lo, double *hi);
/* The drawn point of `series` nearest (x, y), within `radius` pixels:
 * FALSE when there is none. Points beyond the y range are not drawn. */
gboolean       scmm_figure_layout_nearest_point (const GPtrArray *series, const Layout *layout, double x,
                                                 double y, double radius, guint *series_index, guint *point);

/* A point of a series in axis units, or FALSE when it is not drawn: NaN or
 * infinite (a break), or non-positive on a log axis (skipped). */
typedef enum {
  POINT_OK,
  POINT_BREAK,
  POINT_SKIP,
} PointState;

PointState     scmm_figure_layout_series_point (const Series *series, guint i, gboolean y_log, double *u,
                                                double *v);
/* The series' name, or "Series n" written into `buffer`. */
const char    *scmm_figure_layout_series_name  (const Series *series, int index, char *buffer, gsize size);

/* The grids' pass (scmm-figure-layout-grid.c), below the title (`top`). */
void           scmm_figure_layout_grid         (const ScmmFigure *figure, PangoContext *pango, double width,
                                                double height, double top, Layout *layout);

/* A grid's size and its labels, each NULL unless there is one a row
 * (column): a heatmap's own, or a confusion matrix's class names on both. */
typedef struct
{
  int                rows;
  int                cols;
  const char *const *row_labels;
  const char *const *col_labels;
} GridShape;

GridShape      scmm_figure_layout_grid_shape   (const ScmmFigure *figure);

/* The colour range of a heatmap's (or a scalp map's) values, or the asked
 * one; never empty. */
void           scmm_figure_layout_value_range  (const ScmmFigure *figure, double *vmin, double *vmax);
/* A colorbar right of the plot, `length` high: its ticks, then the room it
 * takes right of the plot, then its box beside the plot from y, h high. */
void           scmm_figure_layout_colorbar_ticks (PangoContext *pango, double length, Layout *layout);
double         scmm_figure_layout_colorbar_room  (const ScmmFigure *figure, PangoContext *pango,
                                                  Layout *layout);
void           scmm_figure_layout_colorbar_place (Layout *layout, double y, double h);

/* The other kinds' passes, below the title (`top`), and what is under a
 * point of their drawing (scmm_figure_describe_at). */
void           scmm_figure_layout_scalp        (const ScmmFigure *figure, PangoContext *pango, double width,
                                                double height, double top, Layout *layout);
char          *scmm_figure_layout_scalp_describe (const ScmmFigure *figure, const Layout *layout, double x,
                                                  double y);
/* A scalp map's value at (u, v) in its coordinates: its cell's there, NAN
 * outside the disc or in a cell without one. */
double         scmm_figure_layout_scalp_value_at (const ScmmFigure *figure, double u, double v);
/* Where a scalp map's grid goes: the square [-1, 1]² of its coordinates,
 * whose inscribed disc is the map. */
Box            scmm_figure_layout_scalp_square (const Layout *layout);
void           scmm_figure_layout_scatter      (const ScmmFigure *figure, PangoContext *pango, double width,
                                                double height, double top, Layout *layout);
char          *scmm_figure_layout_scatter_describe (const ScmmFigure *figure, const Layout *layout, double x,
                                                    double y);
void           scmm_figure_layout_bars         (const ScmmFigure *figure, PangoContext *pango, double width,
                                                double height, double top, Layout *layout);
char          *scmm_figure_layout_bars_describe (const ScmmFigure *figure, const Layout *layout, double x,
                                                 double y);
/* Whether bar i is drawn in the highlight colour. */
gboolean       scmm_figure_layout_bar_highlighted (const ScmmFigure *figure, int i);
/* Where bar i is drawn, on whole units: FALSE when it is not (no value).
 * A bar takes 80 % of its cell, or all of it when cells are only a few
 * units wide (hundreds of bars), and is at least a unit wide; a
 * highlighted one at least three units (three pixels at a scale of 1), so
 * that it shows among hundreds, over its neighbours. It ends within a
 * little of the plot box: a bar past a fixed end of the axis is cut at the
 * box. */
gboolean       scmm_figure_layout_bar_box      (const ScmmFigure *figure, const Layout *layout, int i, Box *box);

/* ---- drawing (scmm-figure-draw.c, -draw-lines.c, -draw-grid.c) ---- */

/* Draws the whole figure, background included, with a layout of its own. */
void           scmm_figure_draw_with_context (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                              double width, double height);
double         scmm_figure_draw_snap         (double v, double lw);
void           scmm_figure_draw_ticks        (cairo_t *cr, PangoContext *pango, const Layout *layout);

void           scmm_figure_draw_lines        (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                              const Layout *layout);
void           scmm_figure_draw_heatmap      (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                              const Layout *layout);
void           scmm_figure_draw_confusion    (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                              const Layout *layout);
void           scmm_figure_draw_scalp        (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                              const Layout *layout);
/* What lies on a scalp map's grid: the head's outline, the electrodes and
 * their names (drawn over OpenGL's grid too, scmm-gl-decor.c). */
void           scmm_figure_draw_scalp_marks  (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                              const Layout *layout);
/* Cell (row, col) of a scalp map as its image shows it: its own value, or
 * for a NaN cell whose centre is outside the disc the mean of its finite
 * neighbours, so that smoothing does not fade the disc's rim into the
 * background (the disc is cut anyway); NAN when there is none. */
double         scmm_figure_draw_scalp_cell   (const ScmmFigure *figure, int row, int col);
void           scmm_figure_draw_scatter      (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                              const Layout *layout);
void           scmm_figure_draw_bars         (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                              const Layout *layout);
/* A bar chart's zero baseline, over its bars (and over OpenGL's). */
void           scmm_figure_draw_bars_baseline (const ScmmFigure *figure, cairo_t *cr, const Layout *layout);

/* What the kinds share (scmm-figure-draw-lines.c, -draw-grid.c). */
/* Grid lines at the major ticks: the x axis's (when `vertical`), the y's. */
void           scmm_figure_draw_grid_lines   (cairo_t *cr, const Layout *layout, gboolean vertical);
/* The axis lines left of and below the plot. */
void           scmm_figure_draw_axis_lines   (cairo_t *cr, const Layout *layout);
/* A legend entry's swatch, its middle-left at (x, y), `width` wide. */
typedef void (*LegendSwatch) (cairo_t *cr, const Layout *layout, const Series *series, guint index, double x,
                              double y, double width);
void           scmm_figure_draw_legend       (cairo_t *cr, PangoContext *pango, const Layout *layout,
                                              const GPtrArray *series, LegendSwatch swatch);
/* Saves cr's state and clips it to `box`: the caller restores it. */
void           scmm_figure_draw_clip_to      (cairo_t *cr, const Box *box);
/* What a line plot, a scatter plot and a bar chart draw around their data
 * (scmm-figure-draw-lines.c): the grid lines at the y ticks (and the x
 * ticks when `vertical_grid`), the data drawn by `data` clipped to the plot
 * box, what `over` (may be NULL) draws unclipped over them, the axis lines,
 * the ticks and, when the layout has one, the legend of `legend` with
 * `swatch`. */
typedef void (*XyData) (const ScmmFigure *figure, cairo_t *cr, const Layout *layout);
void           scmm_figure_draw_xy           (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                              const Layout *layout, gboolean vertical_grid, XyData data,
                                              XyData over, const GPtrArray *legend, LegendSwatch swatch);
/* An image scaled into a box of the drawing, clipped to it. */
void           scmm_figure_draw_image        (cairo_t *cr, cairo_surface_t *image, const Box *box,
                                              cairo_filter_t filter);
void           scmm_figure_draw_colorbar     (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                              const Layout *layout);
/* A heatmap's or a confusion matrix's frame around the plot box. */
void           scmm_figure_draw_plot_frame   (cairo_t *cr, const Layout *layout);
/* A confusion matrix's numbers on its cells and the white lines between
 * them, when the cells are large enough to carry them: what lies on the
 * cells (drawn over OpenGL's too, scmm-gl-decor.c). */
void           scmm_figure_draw_confusion_numbers (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                                   const Layout *layout);
/* A heatmap's marked regions and selected row (scmm-figure-draw-marks.c). */
void           scmm_figure_draw_heatmap_marks (const ScmmFigure *figure, cairo_t *cr, PangoContext *pango,
                                               const Layout *layout);

G_END_DECLS
