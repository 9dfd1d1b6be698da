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
 *   scmm-figure-draw.c          drawing with cairo: what every kind shares
 *   scmm-figure-draw-lines.c    ... a line plot
 *   scmm-figure-draw-grid.c     ... a heatmap or a confusion matrix
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
} Series;

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
/* The series' colours, in order, and how many there are. */
extern const Rgb scmm_figure_theme_line_palette[];
extern const guint scmm_figure_theme_n_line_colours;

void           scmm_figure_theme_set_source     (cairo_t *cr, const Rgb *colour);
Rgb            scmm_figure_theme_text_colour_on (const double background[3]);

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

/* The lines' pass (scmm-figure-layout-lines.c), below the title (`top`). */
void           scmm_figure_layout_lines        (const ScmmFigure *figure, PangoContext *pango, double width,
                                                double height, double top, Layout *layout);

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

G_END_DECLS
