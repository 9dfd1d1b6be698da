/* scmm-figure.c: a figure's description, its cairo renderer and its export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ScmmFigure is plain data plus a revision counter. Drawing goes through one
 * layout pass (compute_layout) shared by the renderer and by
 * scmm_figure_describe_at, so a point maps back to exactly what was drawn.
 * Text is measured with Pango using unhinted metrics and absolute sizes, so
 * the layout is the same on screen, in a PNG, an SVG or a PDF, whatever the
 * screen's font options; those only change how glyphs are rasterised.
 *
 * Sizes (fonts, margins, line widths) are in device units times a scale that
 * grows with the figure's area, so an export at twice the size looks like the
 * screen's, only sharper. Colours suit a white background.
 */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "scmm-error.h"

#include "gl/scmm-figure.h"

/* ---- the description ---- */

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

static void layout_free (Layout *layout);

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->name);
  g_array_unref (series->x);
  g_array_unref (series->y);
  g_free (series);
}

static void
figure_changed (ScmmFigure *figure)
{
  figure->revision++;
}

ScmmFigure *
scmm_figure_new (const char *title)
{
  ScmmFigure *figure = g_new0 (ScmmFigure, 1);

  g_ref_count_init (&figure->ref_count);
  figure->revision = 1;
  figure->kind = SCMM_FIGURE_EMPTY;
  figure->title = g_strdup (title);
  figure->y_scale = SCMM_SCALE_LINEAR;
  figure->y_min = NAN;
  figure->y_max = NAN;
  figure->lines = g_ptr_array_new_with_free_func (series_free);
  figure->vmin = NAN;
  figure->vmax = NAN;

  return figure;
}

ScmmFigure *
scmm_figure_ref (ScmmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);

  g_ref_count_inc (&figure->ref_count);
  return figure;
}

static void
clear_heatmap (ScmmFigure *figure)
{
  g_clear_pointer (&figure->values, g_free);
  figure->rows = 0;
  figure->cols = 0;
  g_clear_pointer (&figure->colorbar_label, g_free);
}

static void
clear_confusion (ScmmFigure *figure)
{
  g_clear_pointer (&figure->counts, g_free);
  g_clear_pointer (&figure->class_names, g_strfreev);
  figure->k = 0;
}

void
scmm_figure_unref (ScmmFigure *figure)
{
  g_return_if_fail (figure != NULL);

  if (!g_ref_count_dec (&figure->ref_count))
    return;

  g_free (figure->title);
  g_free (figure->x_label);
  g_free (figure->y_label);
  g_ptr_array_unref (figure->lines);
  clear_heatmap (figure);
  g_strfreev (figure->row_labels);
  g_strfreev (figure->col_labels);
  clear_confusion (figure);
  g_clear_pointer (&figure->describe_layout, layout_free);
  g_free (figure);
}

ScmmFigureKind
scmm_figure_get_kind (const ScmmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, SCMM_FIGURE_EMPTY);

  return figure->kind;
}

static void
replace_string (char **field, const char *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

void
scmm_figure_set_title (ScmmFigure *figure,
                       const char *title)
{
  g_return_if_fail (figure != NULL);

  replace_string (&figure->title, title);
  figure_changed (figure);
}

const char *
scmm_figure_get_title (const ScmmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);

  return figure->title;
}

void
scmm_figure_set_axis_labels (ScmmFigure *figure,
                             const char *x_label,
                             const char *y_label)
{
  g_return_if_fail (figure != NULL);

  replace_string (&figure->x_label, x_label);
  replace_string (&figure->y_label, y_label);
  figure_changed (figure);
}

guint64
scmm_figure_get_revision (const ScmmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return figure->revision;
}

/* One panel at a time: switching to another kind drops the other's data
 * (but not the heatmap's labels, which outlive a stream of set_heatmap). */
static void
become (ScmmFigure     *figure,
        ScmmFigureKind  kind)
{
  if (figure->kind == kind)
    return;

  if (kind != SCMM_FIGURE_LINES)
    g_ptr_array_set_size (figure->lines, 0);
  if (kind != SCMM_FIGURE_HEATMAP)
    clear_heatmap (figure);
  if (kind != SCMM_FIGURE_CONFUSION)
    clear_confusion (figure);
  figure->kind = kind;
}

/* ---- lines ---- */

void
scmm_figure_set_y_scale (ScmmFigure *figure,
                         ScmmScale   scale)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (scale == SCMM_SCALE_LINEAR || scale == SCMM_SCALE_LOG);

  figure->y_scale = scale;
  figure_changed (figure);
}

/* Either end may be NAN (that end follows the data); a log axis also lets
 * the data decide an end that is not positive. */
void
scmm_figure_set_y_range (ScmmFigure *figure,
                         double      lo,
                         double      hi)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (!isinf (lo) && !isinf (hi));
  g_return_if_fail (isnan (lo) || isnan (hi) || lo < hi);

  figure->y_min = lo;
  figure->y_max = hi;
  figure_changed (figure);
}

/* x may be NULL: the points are then at 0, 1, ..., n - 1. */
int
scmm_figure_add_line (ScmmFigure   *figure,
                      const char   *name,
                      const double *x,
                      const double *y,
                      int           n)
{
  Series *series;

  g_return_val_if_fail (figure != NULL, -1);
  g_return_val_if_fail (n >= 0, -1);
  g_return_val_if_fail (n == 0 || y != NULL, -1);

  become (figure, SCMM_FIGURE_LINES);

  series = g_new0 (Series, 1);
  series->name = g_strdup (name);
  series->x = g_array_sized_new (FALSE, FALSE, sizeof (double), (guint) n);
  series->y = g_array_sized_new (FALSE, FALSE, sizeof (double), (guint) n);
  for (int i = 0; i < n; i++)
    {
      double xi = x != NULL ? x[i] : (double) i;

      g_array_append_val (series->x, xi);
    }
  if (n > 0)
    g_array_append_vals (series->y, y, (guint) n);

  g_ptr_array_add (figure->lines, series);
  figure_changed (figure);

  return (int) figure->lines->len - 1;
}

void
scmm_figure_line_append (ScmmFigure *figure,
                         int         series,
                         double      x,
                         double      y)
{
  Series *s;

  g_return_if_fail (figure != NULL);
  g_return_if_fail (series >= 0 && (guint) series < figure->lines->len);

  s = g_ptr_array_index (figure->lines, series);
  g_array_append_val (s->x, x);
  g_array_append_val (s->y, y);
  figure_changed (figure);
}

void
scmm_figure_clear_lines (ScmmFigure *figure)
{
  g_return_if_fail (figure != NULL);

  g_ptr_array_set_size (figure->lines, 0);
  figure_changed (figure);
}

int
scmm_figure_get_n_lines (const ScmmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return (int) figure->lines->len;
}

/* ---- heatmap ---- */

void
scmm_figure_set_heatmap (ScmmFigure   *figure,
                         const float  *values,
                         int           rows,
                         int           cols,
                         ScmmColormap  colormap,
                         double        vmin,
                         double        vmax,
                         const char   *colorbar_label)
{
  gsize n;

  g_return_if_fail (figure != NULL);
  g_return_if_fail (values != NULL);
  g_return_if_fail (rows > 0 && cols > 0);
  g_return_if_fail (colormap == SCMM_COLORMAP_VIRIDIS || colormap == SCMM_COLORMAP_DIVERGING);

  become (figure, SCMM_FIGURE_HEATMAP);

  n = (gsize) rows * (gsize) cols;
  if (figure->values == NULL || (gsize) figure->rows * (gsize) figure->cols != n)
    {
      g_free (figure->values);
      figure->values = g_new (float, n);
    }
  memcpy (figure->values, values, n * sizeof (float));
  figure->rows = rows;
  figure->cols = cols;
  figure->colormap = colormap;
  figure->vmin = vmin;
  figure->vmax = vmax;
  replace_string (&figure->colorbar_label, colorbar_label);
  figure_changed (figure);
}

/* Labels are drawn only when there is one per row (column); otherwise the
 * axis shows indices. */
void
scmm_figure_set_heatmap_labels (ScmmFigure        *figure,
                                const char *const *row_labels,
                                const char *const *col_labels)
{
  g_return_if_fail (figure != NULL);

  g_strfreev (figure->row_labels);
  g_strfreev (figure->col_labels);
  figure->row_labels = g_strdupv ((char **) row_labels);
  figure->col_labels = g_strdupv ((char **) col_labels);
  figure_changed (figure);
}

/* ---- confusion matrix ---- */

void
scmm_figure_set_confusion (ScmmFigure        *figure,
                           const gint64      *counts,
                           int                k,
                           const char *const *class_names,
                           gboolean           row_normalised)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (counts != NULL);
  g_return_if_fail (k > 0);

  become (figure, SCMM_FIGURE_CONFUSION);
  clear_confusion (figure);

  figure->counts = g_memdup2 (counts, (gsize) k * (gsize) k * sizeof (gint64));
  figure->k = k;
  figure->class_names = g_strdupv ((char **) class_names);
  figure->row_normalised = row_normalised;
  figure_changed (figure);
}

/* ---- colours ---- */

typedef struct
{
  double r, g, b;
} Rgb;

#define RGB_HEX(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* The theme, for a white background. */
static const Rgb theme_background = RGB_HEX (0xffffff);
static const Rgb theme_text = RGB_HEX (0x1f1f1f);
static const Rgb theme_axis = RGB_HEX (0x595959);
static const Rgb theme_grid = RGB_HEX (0xe6e6e6);
static const Rgb theme_placeholder = RGB_HEX (0x8c8c8c);
static const Rgb theme_missing = RGB_HEX (0xbdbdbd);    /* NaN cells */

/* Okabe and Ito's colour-blind-safe palette, reordered for a white
 * background; their yellow (#F0E442) is left out, it vanishes on white. */
static const Rgb line_palette[] = {
  RGB_HEX (0x0072b2),   /* blue */
  RGB_HEX (0xd55e00),   /* vermillion */
  RGB_HEX (0x009e73),   /* bluish green */
  RGB_HEX (0xe69f00),   /* orange */
  RGB_HEX (0xcc79a7),   /* reddish purple */
  RGB_HEX (0x56b4e9),   /* sky blue */
  RGB_HEX (0x000000),   /* black */
};

/* ColorBrewer's RdBu (7 classes), blue at 0 and red at 1. */
static const Rgb diverging_stops[] = {
  RGB_HEX (0x2166ac), RGB_HEX (0x67a9cf), RGB_HEX (0xd1e5f0), RGB_HEX (0xf7f7f7),
  RGB_HEX (0xfddbc7), RGB_HEX (0xef8a62), RGB_HEX (0xb2182b),
};

/* ColorBrewer's Blues (9 classes), for confusion matrices: an empty cell is
 * near white, a full one dark blue. */
static const Rgb blues_stops[] = {
  RGB_HEX (0xf7fbff), RGB_HEX (0xdeebf7), RGB_HEX (0xc6dbef), RGB_HEX (0x9ecae1),
  RGB_HEX (0x6baed6), RGB_HEX (0x4292c6), RGB_HEX (0x2171b5), RGB_HEX (0x08519c),
  RGB_HEX (0x08306b),
};

static void
interpolate_stops (const Rgb *stops,
                   int        n_stops,
                   double     t,
                   double     rgb[3])
{
  double u = CLAMP (t, 0.0, 1.0) * (n_stops - 1);
  int i = MIN ((int) floor (u), n_stops - 2);
  double f = u - i;

  rgb[0] = stops[i].r + f * (stops[i + 1].r - stops[i].r);
  rgb[1] = stops[i].g + f * (stops[i + 1].g - stops[i].g);
  rgb[2] = stops[i].b + f * (stops[i + 1].b - stops[i].b);
}

/* Viridis as a degree-6 polynomial in t per channel: the least-squares fit
 * of matplotlib's viridis published by Matt Zucconi ("Polynomial
 * approximations of colormaps", shadertoy WlfXRN, 2020). It stays within a
 * few 1/255 of the reference; the ends are #470155 and #fce722 against
 * viridis's #440154 and #fde725. */
static void
viridis (double t,
         double rgb[3])
{
  static const double c[7][3] = {
    {  0.2777273272234177,  0.005407344544966578,  0.3340998053353061 },
    {  0.1050930431085774,  1.404613529898575,     1.384590162594685 },
    { -0.3308618287255563,  0.214847559468213,     0.09509516302823659 },
    { -4.634230498983486,  -5.799100973351585,   -19.33244095627987 },
    {  6.228269936347081,  14.17993336680509,     56.69055260068105 },
    {  4.776384997670288, -13.74514537774601,    -65.35303263337234 },
    { -5.435455855934631,   4.645852612178535,    26.3124352495832 },
  };

  t = CLAMP (t, 0.0, 1.0);
  for (int ch = 0; ch < 3; ch++)
    {
      double v = c[6][ch];

      for (int i = 5; i >= 0; i--)
        v = c[i][ch] + t * v;
      rgb[ch] = CLAMP (v, 0.0, 1.0);
    }
}

void
scmm_colormap_rgb (ScmmColormap colormap,
                   double       t,
                   double       rgb[3])
{
  g_return_if_fail (rgb != NULL);

  if (isnan (t))
    {
      rgb[0] = theme_missing.r;
      rgb[1] = theme_missing.g;
      rgb[2] = theme_missing.b;
      return;
    }

  switch (colormap)
    {
    case SCMM_COLORMAP_DIVERGING:
      interpolate_stops (diverging_stops, G_N_ELEMENTS (diverging_stops), t, rgb);
      break;

    case SCMM_COLORMAP_VIRIDIS:
    default:
      viridis (t, rgb);
      break;
    }
}

#define LUT_SIZE 256

static guint32
pack_rgb (const double rgb[3])
{
  return 0xff000000u
         | (guint32) lround (rgb[0] * 255.0) << 16
         | (guint32) lround (rgb[1] * 255.0) << 8
         | (guint32) lround (rgb[2] * 255.0);
}

/* Opaque cairo pixels (0xAARRGGBB) of a colormap, computed once. */
static const guint32 *
colormap_lut (ScmmColormap colormap)
{
  static guint32 luts[2][LUT_SIZE];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (int m = 0; m < 2; m++)
        for (int i = 0; i < LUT_SIZE; i++)
          {
            double rgb[3];

            scmm_colormap_rgb ((ScmmColormap) m, i / (double) (LUT_SIZE - 1), rgb);
            luts[m][i] = pack_rgb (rgb);
          }
      g_once_init_leave (&initialised, 1);
    }

  return luts[colormap == SCMM_COLORMAP_DIVERGING ? 1 : 0];
}

static void
set_source (cairo_t   *cr,
            const Rgb *colour)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
}

/* WCAG relative luminance. */
static double
luminance (const double rgb[3])
{
  double lin[3];

  for (int i = 0; i < 3; i++)
    lin[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

/* Dark or white text, whichever contrasts more with the background. */
static Rgb
text_colour_on (const double background[3])
{
  static const Rgb white = RGB_HEX (0xffffff);
  double l = luminance (background);
  double dark_contrast = (l + 0.05) / (0.0137 + 0.05);   /* 0.0137: theme_text's luminance */
  double light_contrast = 1.05 / (l + 0.05);

  return dark_contrast >= light_contrast ? theme_text : white;
}

/* ---- text ---- */

typedef enum {
  ALIGN_START,
  ALIGN_CENTRE,
  ALIGN_END,
} Align;

/* A context whose metrics do not depend on the output: unhinted, with
 * unrounded glyph positions. `options` (may be NULL) brings the screen's
 * antialiasing and hinting of outlines. */
static PangoContext *
create_pango_context (const cairo_font_options_t *options)
{
  PangoContext *pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *merged = options != NULL ? cairo_font_options_copy (options)
                                                 : cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (merged, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango, merged);
  pango_context_set_round_glyph_positions (pango, FALSE);
  pango_context_set_base_dir (pango, PANGO_DIRECTION_LTR);
  cairo_font_options_destroy (merged);

  return pango;
}

/* A layout of `text` (plain, or Pango markup when `markup`) at `size`
 * device units; max_width > 0 ellipsizes it to that width. */
static PangoLayout *
make_text (PangoContext *pango,
           const char   *text,
           gboolean      markup,
           double        size,
           gboolean      bold,
           double        max_width)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (double) PANGO_SCALE;
  if (height != NULL)
    *height = logical.height / (double) PANGO_SCALE;
}

static double
measure_width (PangoContext *pango,
               const char   *text,
               gboolean      markup,
               double        size,
               gboolean      bold,
               double        max_width)
{
  g_autoptr(PangoLayout) layout = make_text (pango, text, markup, size, bold, max_width);
  double width;

  text_size (layout, &width, NULL);
  return width;
}

static double
line_height (PangoContext *pango,
             double        size,
             gboolean      bold)
{
  g_autoptr(PangoLayout) layout = make_text (pango, "Ag", FALSE, size, bold, 0);
  double height;

  text_size (layout, NULL, &height);
  return height;
}

static double
align_factor (Align align)
{
  return align == ALIGN_START ? 0.0 : align == ALIGN_CENTRE ? 0.5 : 1.0;
}

/* Draws the layout with its box aligned on (x, y); vertical text reads
 * bottom to top, and its alignments are those of the rotated box. */
static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y,
           Align        halign,
           Align        valign,
           gboolean     vertical)
{
  double width, height;

  text_size (layout, &width, &height);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  if (vertical)
    {
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, -(1.0 - align_factor (valign)) * width, -align_factor (halign) * height);
    }
  else
    {
      cairo_move_to (cr, -align_factor (halign) * width, -align_factor (valign) * height);
    }
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* A number for a tick label, with as many decimals as the step needs and a
 * true minus sign. */
static char *
format_number (double value,
               double step)
{
  GString *text = g_string_new (NULL);
  double magnitude = fabs (value);

  if (fabs (value) < fabs (step) * 1e-6)
    value = magnitude = 0.0;

  if (magnitude != 0.0 && (magnitude >= 1e6 || magnitude < 1e-4))
    {
      int digits = (int) ceil (log10 (magnitude / step) + 1e-9) + 1;

      g_string_printf (text, "%.*g", CLAMP (digits, 1, 10), value);
    }
  else
    {
      int decimals = step >= 1.0 ? 0 : (int) ceil (-log10 (step) - 1e-9);

      g_string_printf (text, "%.*f", CLAMP (decimals, 0, 10), value);
    }

  if (text->str[0] == '-')
    {
      g_string_erase (text, 0, 1);
      g_string_prepend (text, "−");
    }

  return g_string_free (text, FALSE);
}

/* ---- ticks ---- */

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

static void
ticks_clear (Ticks *ticks)
{
  for (int i = 0; i < ticks->n; i++)
    g_clear_pointer (&ticks->markup[i], g_free);
  ticks->n = 0;
  ticks->n_minor = 0;
  ticks->extent = 0;
}

static void
ticks_add (Ticks *ticks,
           double pos,
           char  *markup)
{
  if (ticks->n >= MAX_TICKS)
    {
      g_free (markup);
      return;
    }
  ticks->pos[ticks->n] = pos;
  ticks->markup[ticks->n] = markup;
  ticks->n++;
}

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

/* The largest label's width (ticks->extent) and height. */
static void
ticks_measure (Ticks           *ticks,
               const TickSpace *space,
               double           max_width,
               double          *height)
{
  ticks->extent = 0;
  if (height != NULL)
    *height = 0;

  for (int i = 0; i < ticks->n; i++)
    {
      g_autoptr(PangoLayout) layout = make_text (space->pango, ticks->markup[i], TRUE, space->size, FALSE, max_width);
      double w, h;

      text_size (layout, &w, &h);
      ticks->extent = MAX (ticks->extent, w);
      if (height != NULL)
        *height = MAX (*height, h);
    }
}

/* Whether labels `pitch` pixels apart along the axis leave room between
 * them: the measured widths on a horizontal axis, heights on a vertical. */
static gboolean
ticks_fit (const Ticks     *ticks,
           const TickSpace *space,
           double           pitch,
           double           label_height)
{
  return pitch >= (space->horizontal ? ticks->extent : label_height) + 2 * space->gap;
}

/* The nice (1, 2 or 5 times a power of ten) step at least `raw`. */
static double
nice_step (double raw)
{
  double magnitude = pow (10.0, floor (log10 (raw)));
  double norm = raw / magnitude;

  if (norm <= 1.0 + 1e-9)
    return magnitude;
  if (norm <= 2.0 + 1e-9)
    return 2.0 * magnitude;
  if (norm <= 5.0 + 1e-9)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

static double
next_nice_step (double step)
{
  return nice_step (step * 1.5);
}

/* Fills `ticks` with the multiples of `step` in [lo, hi]; TRUE when their
 * labels do not collide. */
static gboolean
ticks_at_step (Ticks           *ticks,
               const TickSpace *space,
               double           lo,
               double           hi,
               double           step)
{
  double first = ceil (lo / step - 1e-9);
  double label_height;

  ticks_clear (ticks);
  for (int i = 0; (first + i) * step <= hi + step * 1e-9; i++)
    ticks_add (ticks, (first + i) * step, format_number ((first + i) * step, step));

  ticks_measure (ticks, space, 0, &label_height);
  return ticks_fit (ticks, space, step / (hi - lo) * space->length, label_height);
}

/* Ticks every nice step (at least min_step: 1 keeps a count's axis on
 * whole numbers) over [lo, hi], so that labels do not collide. */
static void
ticks_linear (Ticks           *ticks,
              const TickSpace *space,
              double           lo,
              double           hi,
              double           min_step)
{
  double span = hi - lo;
  double step = MAX (nice_step (span / MAX (1.0, space->length / space->spacing)), min_step);

  while (span / step > MAX_TICKS - 2)
    step = next_nice_step (step);

  for (int attempt = 0; attempt < 16 && !ticks_at_step (ticks, space, lo, hi, step); attempt++)
    step = next_nice_step (step);

  /* One label alone does not show the scale (7 epochs in a narrow plot
   * got only "5"): a finer step whose labels still fit gives two. */
  while (ticks->n < 2)
    {
      double finer = nice_step (step / 2.5);
      Ticks candidate = { 0 };

      if (finer < min_step || finer >= step || !ticks_at_step (&candidate, space, lo, hi, finer))
        {
          ticks_clear (&candidate);
          break;
        }
      ticks_clear (ticks);
      *ticks = candidate;
      step = finer;
    }
}

static char *
format_power_of_ten (int exponent,
                     gboolean plain)
{
  if (plain)
    return format_number (pow (10.0, exponent), pow (10.0, exponent));
  if (exponent < 0)
    return g_strdup_printf ("10<sup>−%d</sup>", -exponent);
  return g_strdup_printf ("10<sup>%d</sup>", exponent);
}

static int
floor_mod (int a,
           int b)
{
  int r = a % b;

  return r < 0 ? r + b : r;
}

/* Ticks on a log axis; lo and hi are log10 of the range. Decades when the
 * range holds two or more, else 1-2-5 (or 1..9) times a power of ten. */
static void
ticks_log (Ticks           *ticks,
           const TickSpace *space,
           double           lo,
           double           hi)
{
  int d0 = (int) ceil (lo - 1e-9);
  int d1 = (int) floor (hi + 1e-9);
  double px_per_decade = space->length / (hi - lo);
  double label_height;

  if (d1 - d0 + 1 >= 2)
    {
      gboolean plain = d0 >= -3 && d1 <= 4;
      int stride = 1;

      for (int attempt = 0; attempt < 16; attempt++)
        {
          ticks_clear (ticks);
          for (int d = d0; d <= d1; d++)
            if (floor_mod (d, stride) == 0)
              ticks_add (ticks, d, format_power_of_ten (d, plain));

          ticks_measure (ticks, space, 0, &label_height);
          if (stride * px_per_decade >= space->spacing * 0.6 &&
              ticks_fit (ticks, space, stride * px_per_decade, label_height))
            break;
          stride = (int) lround (next_nice_step (stride));
        }

      /* Unlabelled marks at 2..9 times each decade, when there is room. */
      if (stride == 1 && px_per_decade >= 40)
        for (int d = (int) floor (lo); d <= d1; d++)
          for (int m = 2; m <= 9; m++)
            {
              double v = d + log10 (m);

              if (v >= lo && v <= hi && ticks->n_minor < MAX_MINOR_TICKS)
                ticks->minor[ticks->n_minor++] = v;
            }
      return;
    }

  /* Less than two decades: 1, 2 and 5 times a power of ten, else 1 to 9
   * times, whichever first gives two labels that do not collide. */
  {
    static const int sparse[] = { 1, 2, 5 };
    static const int dense[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    const int *sets[] = { sparse, dense };
    const int sizes[] = { G_N_ELEMENTS (sparse), G_N_ELEMENTS (dense) };

    for (int set = 0; set < 2; set++)
      {
        double min_gap = G_MAXDOUBLE;
        double previous = NAN;

        ticks_clear (ticks);
        for (int d = (int) floor (lo); d <= (int) ceil (hi); d++)
          for (int i = 0; i < sizes[set]; i++)
            {
              double v = d + log10 (sets[set][i]);

              if (v < lo - 1e-9 || v > hi + 1e-9)
                continue;
              ticks_add (ticks, v, format_number (sets[set][i] * pow (10.0, d), pow (10.0, d)));
              if (!isnan (previous))
                min_gap = MIN (min_gap, (v - previous) * px_per_decade);
              previous = v;
            }

        ticks_measure (ticks, space, 0, &label_height);
        if (ticks->n >= 2 && ticks_fit (ticks, space, min_gap, label_height))
          return;
      }
  }

  /* A narrow range: linear ticks on the values, placed on the log axis. */
  {
    Ticks linear = { 0 };

    ticks_linear (&linear, space, pow (10.0, lo), pow (10.0, hi), 0);
    ticks_clear (ticks);
    for (int i = 0; i < linear.n; i++)
      if (linear.pos[i] > 0)
        {
          ticks_add (ticks, log10 (linear.pos[i]), linear.markup[i]);
          linear.markup[i] = NULL;
        }
    ticks_clear (&linear);
    ticks_measure (ticks, space, 0, NULL);
  }
}

/* Ticks on the cells of a category axis (n cells over space->length
 * pixels): the labels, thinned to every 1, 2, 5, 10... when they would
 * collide, or the indices at nice steps when there are no labels (about
 * 70 pixels apart across, 40 up, whatever space->spacing says). */
static void
ticks_category (Ticks             *ticks,
                const TickSpace   *space,
                const char *const *labels,
                int                n,
                double             max_width)
{
  double cell = space->length / n;
  double label_height;
  int stride;

  if (labels == NULL)
    {
      Ticks numeric = { 0 };
      TickSpace centres = *space;

      /* Indices 0 .. n - 1 at whole steps (1, 2, 5, 10...), placed on the
       * cells' centres. */
      centres.length = MAX (1.0, space->length * (n - 1) / n);
      centres.spacing = space->horizontal ? 70 : 40;
      ticks_linear (&numeric, &centres, 0, MAX (1, n - 1), 1.0);
      ticks_clear (ticks);
      for (int i = 0; i < numeric.n; i++)
        if (numeric.pos[i] <= n - 1)
          ticks_add (ticks, numeric.pos[i] + 0.5, g_strdup_printf ("%d", (int) lround (numeric.pos[i])));
      ticks_clear (&numeric);
      ticks_measure (ticks, space, 0, NULL);
      return;
    }

  stride = MAX (1, (n + MAX_TICKS - 2) / (MAX_TICKS - 1));
  stride = (int) lround (nice_step (stride));
  for (int attempt = 0; attempt < 16; attempt++)
    {
      ticks_clear (ticks);
      for (int i = 0; i < n; i += stride)
        ticks_add (ticks, i + 0.5, g_markup_escape_text (labels[i], -1));

      ticks_measure (ticks, space, max_width, &label_height);
      if (stride * cell >= (space->horizontal ? ticks->extent + 2 * space->gap : label_height))
        break;
      stride = (int) lround (next_nice_step (stride));
    }
}

/* ---- layout ---- */

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

static void
layout_free (Layout *layout)
{
  g_clear_pointer (&layout->legend_entries, g_array_unref);
  ticks_clear (&layout->x_ticks);
  ticks_clear (&layout->y_ticks);
  ticks_clear (&layout->c_ticks);
  g_free (layout->x_label);
  g_free (layout->y_label);
  g_free (layout);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, layout_free)

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static TickSpace
tick_space (const Layout *layout,
            PangoContext *pango,
            double        length,
            double        spacing,
            gboolean      horizontal)
{
  return (TickSpace) { pango, length, spacing, horizontal, layout->tick_size, layout->gap };
}

static double
map_x (const Layout *layout,
       double        u)
{
  return layout->plot.x + (u - layout->x_lo) / (layout->x_hi - layout->x_lo) * layout->plot.w;
}

static double
map_y (const Layout *layout,
       double        u)
{
  double t = (u - layout->y_lo) / (layout->y_hi - layout->y_lo);

  return layout->y_down ? layout->plot.y + t * layout->plot.h
                        : layout->plot.y + layout->plot.h - t * layout->plot.h;
}

/* A point of a series in axis units, or FALSE when it is not drawn: NaN or
 * infinite (a break), or non-positive on a log axis (skipped). */
typedef enum {
  POINT_OK,
  POINT_BREAK,
  POINT_SKIP,
} PointState;

static PointState
series_point (const Series *series,
              guint         i,
              gboolean      y_log,
              double       *u,
              double       *v)
{
  double x = g_array_index (series->x, double, i);
  double y = g_array_index (series->y, double, i);

  if (!isfinite (x) || !isfinite (y))
    return POINT_BREAK;
  if (y_log && y <= 0)
    return POINT_SKIP;

  *u = x;
  *v = y_log ? log10 (y) : y;
  return POINT_OK;
}

/* The data's range in axis units; FALSE when there is no point to draw.
 * *integral_x tells whether every x is a whole number (epochs, steps):
 * their axis then has no ticks between them. */
static gboolean
lines_range (const ScmmFigure *figure,
             double            range[4],
             gboolean         *integral_x)
{
  gboolean y_log = figure->y_scale == SCMM_SCALE_LOG;
  gboolean any = FALSE;

  *integral_x = TRUE;

  range[0] = range[2] = G_MAXDOUBLE;
  range[1] = range[3] = -G_MAXDOUBLE;

  for (guint s = 0; s < figure->lines->len; s++)
    {
      const Series *series = g_ptr_array_index (figure->lines, s);

      for (guint i = 0; i < series->x->len; i++)
        {
          double u, v;

          if (series_point (series, i, y_log, &u, &v) != POINT_OK)
            continue;
          range[0] = MIN (range[0], u);
          range[1] = MAX (range[1], u);
          range[2] = MIN (range[2], v);
          range[3] = MAX (range[3], v);
          *integral_x = *integral_x && u == floor (u);
          any = TRUE;
        }
    }

  return any;
}

/* Widens [*lo, *hi] by `fraction` of its span on each side. A single value
 * gets `empty_half_width` on each side, or 10 % of itself when that is 0. */
static void
pad_range (double *lo,
           double *hi,
           double  fraction,
           double  empty_half_width)
{
  double span = *hi - *lo;

  if (span <= fabs (*hi) * 1e-12)
    {
      double half = empty_half_width > 0 ? empty_half_width : *hi != 0 ? fabs (*hi) * 0.1 : 0.5;

      *lo -= half;
      *hi += half;
      return;
    }
  *lo -= span * fraction;
  *hi += span * fraction;
}

/* The smallest span of an automatic y range, as a fraction of the data's
 * magnitude (on a log axis, of the ratio of its ends): an accuracy that
 * wanders between 49.2 % and 49.7 % fills a fifth of the height, not all of
 * it, so that noise does not read as a trend. */
#define MIN_RELATIVE_Y_SPAN 0.05

/* An end of the y range the caller fixed, in axis units; NAN when the
 * data decide it. */
static double
fixed_y_end (double   value,
             gboolean y_log)
{
  if (!y_log)
    return value;
  return value > 0 ? log10 (value) : NAN;
}

/* The y range in axis units for data in [data_lo, data_hi]: padded, at
 * least MIN_RELATIVE_Y_SPAN wide, with the ends the caller fixed. */
static void
lines_y_range (const ScmmFigure *figure,
               double            data_lo,
               double            data_hi,
               double           *lo,
               double           *hi)
{
  gboolean y_log = figure->y_scale == SCMM_SCALE_LOG;
  double fixed_lo = fixed_y_end (figure->y_min, y_log);
  double fixed_hi = fixed_y_end (figure->y_max, y_log);
  double min_span = y_log ? log10 (1.0 + MIN_RELATIVE_Y_SPAN)
                          : MIN_RELATIVE_Y_SPAN * MAX (fabs (data_lo), fabs (data_hi));
  double span = data_hi - data_lo;

  *lo = data_lo;
  *hi = data_hi;
  /* A single value keeps pad_range's wider margin. */
  if (span > fabs (data_hi) * 1e-12 && span < min_span)
    {
      double middle = (data_lo + data_hi) / 2;

      *lo = middle - min_span / 2;
      *hi = middle + min_span / 2;
    }
  pad_range (lo, hi, 0.05, y_log ? 0.5 : 0);
  span = *hi - *lo;

  /* Data wholly beyond a fixed end (all below a fixed lower end): the
   * free end goes the automatic range's span away from it. */
  if (!isnan (fixed_lo))
    *lo = fixed_lo;
  if (!isnan (fixed_hi))
    *hi = fixed_hi;
  if (*hi <= *lo)
    {
      if (isnan (fixed_hi))
        *hi = *lo + span;
      else
        *lo = *hi - span;
    }
}

static const char *
series_name (const Series *series,
             int           index,
             char         *buffer,
             gsize         size)
{
  if (has_text (series->name))
    return series->name;
  g_snprintf (buffer, size, _("Series %d"), index + 1);
  return buffer;
}

/* Title at the top; returns the top of what remains. */
static double
layout_title (const ScmmFigure *figure,
              PangoContext     *pango,
              Layout           *layout)
{
  layout->title_y = layout->pad;
  if (!has_text (figure->title))
    return layout->pad;
  return layout->pad + line_height (pango, layout->title_size, TRUE) + layout->gap * 1.5;
}

/* Measures the legend and places it: in a column on the right when it
 * takes at most a quarter of the width (its entries are then positioned
 * once the plot is), else in rows flowing under the title. Returns the top
 * of what remains. */
static double
layout_legend (const ScmmFigure *figure,
               PangoContext     *pango,
               double            width,
               double            top,
               Layout           *layout)
{
  double gap = layout->gap;
  double swatch = 22 * layout->scale;
  double available = width - 2 * layout->pad;
  double widest = 0, x, y;

  layout->legend_row = line_height (pango, layout->tick_size, FALSE) * 1.35;
  layout->legend_entries = g_array_sized_new (FALSE, TRUE, sizeof (LegendEntry), figure->lines->len);
  g_array_set_size (layout->legend_entries, figure->lines->len);

  for (guint i = 0; i < figure->lines->len; i++)
    {
      LegendEntry *entry = &g_array_index (layout->legend_entries, LegendEntry, i);
      char buffer[32];
      const char *name = series_name (g_ptr_array_index (figure->lines, i), (int) i, buffer, sizeof buffer);

      entry->text_width = measure_width (pango, name, FALSE, layout->tick_size, FALSE, width * 0.28);
      widest = MAX (widest, entry->text_width);
    }

  layout->legend.w = swatch + gap * 1.5 + widest;
  layout->legend.h = layout->legend_row * figure->lines->len;
  layout->legend_on_top = layout->legend.w + 4 * gap > width * 0.25;
  if (!layout->legend_on_top)
    return top;

  /* Rows: entries left to right, centred, as many as fit in each. */
  x = 0;
  y = top + layout->legend_row / 2;
  {
    guint row_start = 0;

    for (guint i = 0; i <= figure->lines->len; i++)
      {
        LegendEntry *entry = i < figure->lines->len ? &g_array_index (layout->legend_entries, LegendEntry, i) : NULL;
        double entry_w = 0;

        if (entry != NULL)
          {
            char buffer[32];
            const char *name = series_name (g_ptr_array_index (figure->lines, i), (int) i, buffer, sizeof buffer);

            entry->text_width = measure_width (pango, name, FALSE, layout->tick_size, FALSE,
                                               available - swatch - gap * 1.5);
            entry_w = swatch + gap * 1.5 + entry->text_width;
          }

        /* The row is full (or the entries are done): centre it. */
        if (entry == NULL || (i > row_start && x + entry_w > available))
          {
            double row_w = x - 4 * gap;
            double shift = layout->pad + (available - row_w) / 2;

            for (guint j = row_start; j < i; j++)
              g_array_index (layout->legend_entries, LegendEntry, j).x += shift;
            if (entry == NULL)
              break;
            row_start = i;
            x = 0;
            y += layout->legend_row;
          }

        entry->x = x;
        entry->y = y;
        x += entry_w + 4 * gap;
      }
  }

  return y + layout->legend_row / 2 + gap;
}

static void
layout_lines (const ScmmFigure *figure,
              PangoContext     *pango,
              double            width,
              double            height,
              double            top,
              Layout           *layout)
{
  double s = layout->scale;
  double gap = layout->gap;
  double range[4];
  double tick_h = line_height (pango, layout->tick_size, FALSE);
  double label_h = line_height (pango, layout->label_size, FALSE);
  double bottom, left, right, last_half = 0, first_half = 0;
  gboolean integral_x;

  layout->y_log = figure->y_scale == SCMM_SCALE_LOG;
  layout->has_data = lines_range (figure, range, &integral_x);
  if (!layout->has_data)
    return;

  layout->x_lo = range[0];
  layout->x_hi = range[1];
  pad_range (&layout->x_lo, &layout->x_hi, 0.02, 0.5);
  lines_y_range (figure, range[2], range[3], &layout->y_lo, &layout->y_hi);

  /* The legend: a column right of the plot, or, when that would squeeze
   * the plot, rows under the title. */
  right = layout->pad;
  layout->has_legend = figure->lines->len >= 2;
  if (layout->has_legend)
    top = layout_legend (figure, pango, width, top, layout);
  if (layout->has_legend && !layout->legend_on_top)
    right += layout->legend.w + 4 * gap;

  /* Vertical: title, half a tick label above the plot, the x axis below. */
  top += tick_h / 2;
  bottom = layout->tick_len + gap + tick_h + layout->pad;
  if (has_text (figure->x_label))
    bottom += gap + label_h;
  layout->plot.y = round (top);
  layout->plot.h = round (MAX (10, height - top - bottom));

  {
    TickSpace space = tick_space (layout, pango, layout->plot.h, 40 * s, FALSE);

    if (layout->y_log)
      ticks_log (&layout->y_ticks, &space, layout->y_lo, layout->y_hi);
    else
      ticks_linear (&layout->y_ticks, &space, layout->y_lo, layout->y_hi, 0);
  }
  layout->y_tick_width = layout->y_ticks.extent;

  left = layout->pad + layout->y_tick_width + gap + layout->tick_len;
  if (has_text (figure->y_label))
    left += label_h + gap * 1.5;

  /* x ticks twice: the first pass tells how far the outer labels reach
   * beyond the plot's sides. */
  for (int pass = 0; pass < 2; pass++)
    {
      double plot_w = MAX (10, width - MAX (left, layout->pad + first_half) - right - last_half);
      TickSpace space = tick_space (layout, pango, plot_w, 80 * s, TRUE);

      ticks_linear (&layout->x_ticks, &space, layout->x_lo, layout->x_hi, integral_x ? 1.0 : 0.0);
      if (layout->x_ticks.n > 0)
        {
          double first_x = (layout->x_ticks.pos[0] - layout->x_lo) / (layout->x_hi - layout->x_lo) * plot_w;
          double last_x = (layout->x_hi - layout->x_ticks.pos[layout->x_ticks.n - 1]) /
                          (layout->x_hi - layout->x_lo) * plot_w;
          double first_w = measure_width (pango, layout->x_ticks.markup[0], TRUE, layout->tick_size, FALSE, 0);
          double last_w = measure_width (pango, layout->x_ticks.markup[layout->x_ticks.n - 1], TRUE,
                                         layout->tick_size, FALSE, 0);

          first_half = MAX (0, first_w / 2 - first_x);
          last_half = MAX (0, last_w / 2 - last_x);
        }
    }

  left = MAX (left, layout->pad + first_half);
  layout->plot.x = round (left);
  layout->plot.w = round (MAX (10, width - left - right - last_half));

  if (layout->has_legend && !layout->legend_on_top)
    {
      layout->legend.x = layout->plot.x + layout->plot.w + last_half + 3 * gap;
      layout->legend.y = layout->plot.y;
      for (guint i = 0; i < layout->legend_entries->len; i++)
        {
          LegendEntry *entry = &g_array_index (layout->legend_entries, LegendEntry, i);

          entry->x = layout->legend.x;
          entry->y = layout->legend.y + layout->legend_row * (i + 0.5);
        }
    }
}

static const char *const *
labels_if_complete (const char *const *labels,
                    int                n)
{
  if (labels == NULL || g_strv_length ((char **) labels) != (guint) n)
    return NULL;
  return labels;
}

/* A grid's size and its labels, each NULL unless there is one a row
 * (column): a heatmap's own, or a confusion matrix's class names on both. */
typedef struct
{
  int                rows;
  int                cols;
  const char *const *row_labels;
  const char *const *col_labels;
} GridShape;

static GridShape
grid_shape (const ScmmFigure *figure)
{
  GridShape grid;

  if (figure->kind == SCMM_FIGURE_HEATMAP)
    {
      grid.rows = figure->rows;
      grid.cols = figure->cols;
      grid.row_labels = labels_if_complete ((const char *const *) figure->row_labels, grid.rows);
      grid.col_labels = labels_if_complete ((const char *const *) figure->col_labels, grid.cols);
    }
  else
    {
      grid.rows = grid.cols = figure->k;
      grid.row_labels = grid.col_labels = labels_if_complete ((const char *const *) figure->class_names, figure->k);
    }
  return grid;
}

/* The data range of a heatmap, or the asked one; never empty. */
static void
heatmap_range (const ScmmFigure *figure,
               double           *vmin,
               double           *vmax)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  gsize n = (gsize) figure->rows * (gsize) figure->cols;

  if (isnan (figure->vmin) || isnan (figure->vmax))
    for (gsize i = 0; i < n; i++)
      {
        double v = figure->values[i];

        if (!isfinite (v))
          continue;
        lo = MIN (lo, v);
        hi = MAX (hi, v);
      }
  if (lo > hi)
    lo = 0, hi = 1;

  *vmin = isnan (figure->vmin) ? lo : figure->vmin;
  *vmax = isnan (figure->vmax) ? hi : figure->vmax;
  if (*vmax < *vmin)
    {
      double t = *vmin;

      *vmin = *vmax;
      *vmax = t;
    }
  pad_range (vmin, vmax, 0, 0);
}

/* The ticks along a grid's height: its rows', and a heatmap's colorbar's. */
static void
layout_grid_height_ticks (const ScmmFigure *figure,
                          PangoContext     *pango,
                          const GridShape  *grid,
                          double            plot_h,
                          Layout           *layout)
{
  TickSpace space = tick_space (layout, pango, plot_h, 40 * layout->scale, FALSE);

  ticks_category (&layout->y_ticks, &space, grid->row_labels, grid->rows, layout->max_label_width);
  if (figure->kind == SCMM_FIGURE_HEATMAP)
    ticks_linear (&layout->c_ticks, &space, layout->vmin, layout->vmax, 0);
}

/* Heatmaps and confusion matrices: a grid of cells with labels on both
 * axes; heatmaps have a colorbar on the right. Square grids get square
 * cells. */
static void
layout_grid (const ScmmFigure *figure,
             PangoContext     *pango,
             double            width,
             double            height,
             double            top,
             Layout           *layout)
{
  gboolean heatmap = figure->kind == SCMM_FIGURE_HEATMAP;
  GridShape grid = grid_shape (figure);
  int rows = grid.rows, cols = grid.cols;
  double s = layout->scale;
  double gap = layout->gap;
  double tick_h = line_height (pango, layout->tick_size, FALSE);
  double label_h = line_height (pango, layout->label_size, FALSE);
  double colorbar_gap = 14 * s;
  double colorbar_w = 16 * s;
  double bottom, left, right, plot_w, plot_h;

  layout->has_data = rows > 0 && cols > 0;
  if (!layout->has_data)
    return;

  if (!heatmap)
    {
      layout->x_label = g_strdup (has_text (figure->x_label) ? figure->x_label : _("Predicted class"));
      layout->y_label = g_strdup (has_text (figure->y_label) ? figure->y_label : _("True class"));
    }
  else
    {
      layout->x_label = g_strdup (figure->x_label);
      layout->y_label = g_strdup (figure->y_label);
    }

  layout->x_lo = 0;
  layout->x_hi = cols;
  layout->y_lo = 0;
  layout->y_hi = rows;
  layout->y_down = TRUE;
  layout->max_label_width = width * 0.25;

  top += tick_h / 2;
  bottom = layout->tick_len + gap + tick_h + layout->pad;
  if (has_text (layout->x_label))
    bottom += gap + label_h;
  plot_h = MAX (10, height - top - bottom);

  if (heatmap)
    heatmap_range (figure, &layout->vmin, &layout->vmax);
  layout_grid_height_ticks (figure, pango, &grid, plot_h, layout);

  right = layout->pad;
  if (heatmap)
    {
      layout->c_tick_width = layout->c_ticks.extent;
      right += colorbar_gap + colorbar_w + layout->tick_len + gap + layout->c_tick_width;
      if (has_text (figure->colorbar_label))
        right += gap * 1.5 + label_h;
    }

  layout->y_tick_width = layout->y_ticks.extent;
  left = layout->pad + layout->y_tick_width + gap + layout->tick_len;
  if (has_text (layout->y_label))
    left += label_h + gap * 1.5;
  plot_w = MAX (10, width - left - right);

  if (rows == cols)
    {
      double side = MIN (plot_w, plot_h);

      /* Centre the square and what hangs on its sides. */
      left += (plot_w - side) / 2;
      plot_w = plot_h = side;
      layout_grid_height_ticks (figure, pango, &grid, plot_h, layout);
    }

  layout->plot.x = round (left);
  layout->plot.y = round (top);
  layout->plot.w = round (plot_w);
  layout->plot.h = round (plot_h);

  {
    TickSpace space = tick_space (layout, pango, layout->plot.w, 70 * s, TRUE);

    ticks_category (&layout->x_ticks, &space, grid.col_labels, cols,
                    MIN (layout->max_label_width, MAX (layout->plot.w / 2, 40 * s)));
  }

  if (heatmap)
    {
      layout->colorbar.x = layout->plot.x + layout->plot.w + round (colorbar_gap);
      layout->colorbar.y = layout->plot.y;
      layout->colorbar.w = round (colorbar_w);
      layout->colorbar.h = layout->plot.h;
    }
  else
    {
      /* The numbers in the cells: one size for all, as large as the
       * narrowest cell allows. */
      double cell = MIN (layout->plot.w / cols, layout->plot.h / rows);
      double size = MIN (layout->label_size * 1.4, cell * 0.24);
      double widest = 0;
      gint64 largest = 0;

      for (int i = 0; i < rows * cols; i++)
        largest = MAX (largest, figure->counts[i]);

      if (figure->row_normalised)
        {
          widest = measure_width (pango, "100.0%", FALSE, size, FALSE, 0);
          if (widest > cell * 0.72 || size < 10 * s)
            {
              layout->cell_text_whole_percent = TRUE;
              widest = measure_width (pango, "100%", FALSE, size, FALSE, 0);
            }
        }
      else
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, largest);

          widest = measure_width (pango, text, FALSE, size, FALSE, 0);
        }
      if (widest > cell * 0.72)
        size *= cell * 0.72 / widest;
      layout->cell_text_size = size >= 6 ? size : 0;
    }
}

static void
compute_layout (const ScmmFigure *figure,
                PangoContext     *pango,
                double            width,
                double            height,
                Layout           *layout)
{
  double s = CLAMP (sqrt (MAX (width, 1) * MAX (height, 1)) / 560.0, 0.9, 2.5);
  double top;

  layout->scale = s;
  layout->pad = 12 * s;
  layout->gap = 5 * s;
  layout->tick_len = 5 * s;
  layout->tick_size = 12 * s;
  layout->label_size = 13 * s;
  layout->title_size = 15.5 * s;
  layout->line_width = MAX (1.0, round (s));
  layout->x_lo = 0;
  layout->x_hi = 1;
  layout->y_lo = 0;
  layout->y_hi = 1;

  top = layout_title (figure, pango, layout);
  layout->area = (Box) { 0, top, width, MAX (0, height - top) };

  switch (figure->kind)
    {
    case SCMM_FIGURE_LINES:
      layout_lines (figure, pango, width, height, top, layout);
      break;

    case SCMM_FIGURE_HEATMAP:
    case SCMM_FIGURE_CONFUSION:
      layout_grid (figure, pango, width, height, top, layout);
      break;

    case SCMM_FIGURE_EMPTY:
    default:
      layout->has_data = FALSE;
      break;
    }

  if (layout->x_label == NULL && figure->kind == SCMM_FIGURE_LINES)
    {
      layout->x_label = g_strdup (figure->x_label);
      layout->y_label = g_strdup (figure->y_label);
    }
}

/* ---- drawing ---- */

/* A coordinate on which a line of width lw falls on whole pixels. */
static double
snap (double v,
      double lw)
{
  return ((int) lw % 2 == 1) ? floor (v) + 0.5 : round (v);
}

static void
draw_title (const ScmmFigure *figure,
            cairo_t          *cr,
            PangoContext     *pango,
            const Layout     *layout,
            double            width)
{
  g_autoptr(PangoLayout) text = NULL;

  if (!has_text (figure->title))
    return;

  text = make_text (pango, figure->title, FALSE, layout->title_size, TRUE, width - 2 * layout->pad);
  set_source (cr, &theme_text);
  show_text (cr, text, width / 2, layout->title_y, ALIGN_CENTRE, ALIGN_START, FALSE);
}

static void
draw_placeholder (cairo_t      *cr,
                  PangoContext *pango,
                  const Layout *layout)
{
  g_autoptr(PangoLayout) text = make_text (pango, _("No data"), FALSE, layout->label_size * 1.2, FALSE, 0);
  const Box *area = &layout->area;

  set_source (cr, &theme_placeholder);
  show_text (cr, text, area->x + area->w / 2, area->y + area->h / 2, ALIGN_CENTRE, ALIGN_CENTRE, FALSE);
}

/* Tick marks and labels below the plot (x) and left of it (y). */
static void
draw_ticks (cairo_t      *cr,
            PangoContext *pango,
            const Layout *layout)
{
  const Box *plot = &layout->plot;
  double lw = layout->line_width;
  double bottom = plot->y + plot->h;

  cairo_set_line_width (cr, lw);
  set_source (cr, &theme_axis);
  for (int i = 0; i < layout->x_ticks.n; i++)
    {
      double x = snap (map_x (layout, layout->x_ticks.pos[i]), lw);

      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + layout->tick_len);
    }
  for (int i = 0; i < layout->y_ticks.n; i++)
    {
      double y = snap (map_y (layout, layout->y_ticks.pos[i]), lw);

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x - layout->tick_len, y);
    }
  for (int i = 0; i < layout->y_ticks.n_minor; i++)
    {
      double y = snap (map_y (layout, layout->y_ticks.minor[i]), lw);

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x - layout->tick_len * 0.6, y);
    }
  cairo_stroke (cr);

  set_source (cr, &theme_text);
  for (int i = 0; i < layout->x_ticks.n; i++)
    {
      g_autoptr(PangoLayout) text = make_text (pango, layout->x_ticks.markup[i], TRUE, layout->tick_size, FALSE,
                                               layout->y_down ? MIN (layout->max_label_width,
                                                                     MAX (plot->w / 2, 40 * layout->scale)) : 0);

      show_text (cr, text, map_x (layout, layout->x_ticks.pos[i]), bottom + layout->tick_len + layout->gap,
                 ALIGN_CENTRE, ALIGN_START, FALSE);
    }
  for (int i = 0; i < layout->y_ticks.n; i++)
    {
      g_autoptr(PangoLayout) text = make_text (pango, layout->y_ticks.markup[i], TRUE, layout->tick_size, FALSE,
                                               layout->y_down ? layout->max_label_width : 0);

      show_text (cr, text, plot->x - layout->tick_len - layout->gap, map_y (layout, layout->y_ticks.pos[i]),
                 ALIGN_END, ALIGN_CENTRE, FALSE);
    }
}

static void
draw_axis_labels (cairo_t      *cr,
                  PangoContext *pango,
                  const Layout *layout)
{
  const Box *plot = &layout->plot;
  double tick_h = line_height (pango, layout->tick_size, FALSE);

  set_source (cr, &theme_text);
  if (has_text (layout->x_label))
    {
      g_autoptr(PangoLayout) text = make_text (pango, layout->x_label, FALSE, layout->label_size, FALSE,
                                               layout->area.w - 2 * layout->pad);

      show_text (cr, text, plot->x + plot->w / 2,
                 plot->y + plot->h + layout->tick_len + layout->gap + tick_h + layout->gap,
                 ALIGN_CENTRE, ALIGN_START, FALSE);
    }
  if (has_text (layout->y_label))
    {
      g_autoptr(PangoLayout) text = make_text (pango, layout->y_label, FALSE, layout->label_size, FALSE,
                                               plot->h + layout->tick_len * 4);
      double x = plot->x - layout->tick_len - layout->gap - layout->y_tick_width - layout->gap * 1.5;

      show_text (cr, text, x, plot->y + plot->h / 2, ALIGN_END, ALIGN_CENTRE, TRUE);
    }
}

/* The palette's colour; past its end, the colours again, dashed. */
static void
set_series_style (cairo_t *cr,
                  guint    series,
                  double   line_width)
{
  guint n = G_N_ELEMENTS (line_palette);

  set_source (cr, &line_palette[series % n]);
  if ((series / n) % 2 == 1)
    {
      const double dashes[] = { line_width * 3, line_width * 2.5 };

      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
    }
  else
    {
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
draw_lines (const ScmmFigure *figure,
            cairo_t          *cr,
            PangoContext     *pango,
            const Layout     *layout)
{
  const Box *plot = &layout->plot;
  double lw = layout->line_width;
  double line_w = 2.0 * layout->scale;

  /* Grid at the major ticks, then the two axis lines. */
  cairo_set_line_width (cr, lw);
  set_source (cr, &theme_grid);
  for (int i = 0; i < layout->x_ticks.n; i++)
    {
      double x = snap (map_x (layout, layout->x_ticks.pos[i]), lw);

      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->h);
    }
  for (int i = 0; i < layout->y_ticks.n; i++)
    {
      double y = snap (map_y (layout, layout->y_ticks.pos[i]), lw);

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->w, y);
    }
  cairo_stroke (cr);

  /* The series, clipped to the plot. */
  cairo_save (cr);
  cairo_rectangle (cr, plot->x, plot->y, plot->w, plot->h);
  cairo_clip (cr);
  cairo_set_line_width (cr, line_w);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint s = 0; s < figure->lines->len; s++)
    {
      const Series *series = g_ptr_array_index (figure->lines, s);
      double last_x = 0, last_y = 0;
      int run = 0;

      set_series_style (cr, s, line_w);
      for (guint i = 0; i <= series->x->len; i++)
        {
          double u, v;
          PointState state = i < series->x->len ? series_point (series, i, layout->y_log, &u, &v) : POINT_BREAK;

          if (state == POINT_SKIP)
            continue;
          if (state == POINT_BREAK)
            {
              /* A point alone between breaks: a dot, or it would not show. */
              if (run == 1)
                {
                  cairo_new_path (cr);
                  cairo_arc (cr, last_x, last_y, line_w * 1.25, 0, 2 * G_PI);
                  cairo_fill (cr);
                }
              else if (run > 1)
                {
                  cairo_stroke (cr);
                }
              run = 0;
              continue;
            }

          last_x = map_x (layout, u);
          last_y = map_y (layout, v);
          if (run == 0)
            cairo_move_to (cr, last_x, last_y);
          else
            cairo_line_to (cr, last_x, last_y);
          run++;
          /* Stroke long runs in pieces: cairo's tessellation is quadratic
           * in a self-crossing path's length. */
          if (run % 4096 == 0)
            {
              cairo_stroke (cr);
              cairo_move_to (cr, last_x, last_y);
            }
        }
    }
  cairo_restore (cr);

  cairo_set_line_width (cr, lw);
  set_source (cr, &theme_axis);
  cairo_move_to (cr, snap (plot->x, lw), plot->y);
  cairo_line_to (cr, snap (plot->x, lw), snap (plot->y + plot->h, lw));
  cairo_line_to (cr, plot->x + plot->w, snap (plot->y + plot->h, lw));
  cairo_stroke (cr);

  draw_ticks (cr, pango, layout);

  if (layout->has_legend)
    {
      double swatch = 22 * layout->scale;

      for (guint s = 0; s < figure->lines->len; s++)
        {
          const LegendEntry *entry = &g_array_index (layout->legend_entries, LegendEntry, s);
          char buffer[32];
          const char *name = series_name (g_ptr_array_index (figure->lines, s), (int) s, buffer, sizeof buffer);
          g_autoptr(PangoLayout) text = make_text (pango, name, FALSE, layout->tick_size, FALSE,
                                                   entry->text_width + 1);

          set_series_style (cr, s, line_w);
          cairo_set_line_width (cr, line_w * 1.25);
          cairo_move_to (cr, entry->x + line_w, entry->y);
          cairo_line_to (cr, entry->x + swatch - line_w, entry->y);
          cairo_stroke (cr);

          set_source (cr, &theme_text);
          show_text (cr, text, entry->x + swatch + layout->gap * 1.5, entry->y, ALIGN_START, ALIGN_CENTRE, FALSE);
        }
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static gboolean
target_is_vector (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The heatmap as an image of rows x cols pixels, one a cell, scaled up
 * with the nearest filter. Vector outputs get each cell as a block of
 * pixels, since viewers smooth small images whatever the file asks. */
static cairo_surface_t *
heatmap_image (const ScmmFigure *figure,
               const Layout     *layout,
               int               block)
{
  const guint32 *lut = colormap_lut (figure->colormap);
  guint32 missing;
  int rows = figure->rows, cols = figure->cols;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cols * block, rows * block);
  guchar *data;
  int stride;
  double scale = (LUT_SIZE - 1) / (layout->vmax - layout->vmin);

  {
    double rgb[3] = { theme_missing.r, theme_missing.g, theme_missing.b };

    missing = pack_rgb (rgb);
  }

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int r = 0; r < rows; r++)
    {
      const float *row = figure->values + (gsize) r * (gsize) cols;

      for (int b = 0; b < block; b++)
        {
          guint32 *pixels = (guint32 *) (gpointer) (data + (gsize) (r * block + b) * (gsize) stride);

          for (int c = 0; c < cols; c++)
            {
              double v = row[c];
              guint32 pixel;

              if (isnan (v))
                pixel = missing;
              else
                pixel = lut[(int) CLAMP (lround ((v - layout->vmin) * scale), 0, LUT_SIZE - 1)];
              for (int k = 0; k < block; k++)
                pixels[c * block + k] = pixel;
            }
        }
    }
  cairo_surface_mark_dirty (image);

  return image;
}

static void
paint_image (cairo_t         *cr,
             cairo_surface_t *image,
             const Box       *box,
             cairo_filter_t   filter)
{
  int w = cairo_image_surface_get_width (image);
  int h = cairo_image_surface_get_height (image);

  cairo_save (cr);
  cairo_rectangle (cr, box->x, box->y, box->w, box->h);
  cairo_clip (cr);
  cairo_translate (cr, box->x, box->y);
  cairo_scale (cr, box->w / w, box->h / h);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), filter);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_colorbar (const ScmmFigure *figure,
               cairo_t          *cr,
               PangoContext     *pango,
               const Layout     *layout)
{
  const Box *bar = &layout->colorbar;
  const guint32 *lut = colormap_lut (figure->colormap);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, LUT_SIZE);
  guchar *data;
  int stride;
  double lw = layout->line_width;
  double label_x;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int i = 0; i < LUT_SIZE; i++)
    *(guint32 *) (gpointer) (data + (gsize) i * (gsize) stride) = lut[LUT_SIZE - 1 - i];
  cairo_surface_mark_dirty (image);
  paint_image (cr, image, bar, CAIRO_FILTER_GOOD);
  cairo_surface_destroy (image);

  cairo_set_line_width (cr, lw);
  set_source (cr, &theme_axis);
  cairo_rectangle (cr, snap (bar->x, lw), snap (bar->y, lw), round (bar->w), round (bar->h));
  for (int i = 0; i < layout->c_ticks.n; i++)
    {
      double t = (layout->c_ticks.pos[i] - layout->vmin) / (layout->vmax - layout->vmin);
      double y = snap (bar->y + bar->h - t * bar->h, lw);

      cairo_move_to (cr, bar->x + bar->w, y);
      cairo_line_to (cr, bar->x + bar->w + layout->tick_len, y);
    }
  cairo_stroke (cr);

  set_source (cr, &theme_text);
  for (int i = 0; i < layout->c_ticks.n; i++)
    {
      double t = (layout->c_ticks.pos[i] - layout->vmin) / (layout->vmax - layout->vmin);
      g_autoptr(PangoLayout) text = make_text (pango, layout->c_ticks.markup[i], TRUE, layout->tick_size, FALSE, 0);

      show_text (cr, text, bar->x + bar->w + layout->tick_len + layout->gap, bar->y + bar->h - t * bar->h,
                 ALIGN_START, ALIGN_CENTRE, FALSE);
    }

  if (has_text (figure->colorbar_label))
    {
      g_autoptr(PangoLayout) text = make_text (pango, figure->colorbar_label, FALSE, layout->label_size, FALSE,
                                               bar->h + layout->tick_len * 4);

      label_x = bar->x + bar->w + layout->tick_len + layout->gap + layout->c_tick_width + layout->gap * 1.5;
      show_text (cr, text, label_x, bar->y + bar->h / 2, ALIGN_START, ALIGN_CENTRE, TRUE);
    }
}

static void
draw_plot_frame (cairo_t      *cr,
                 const Layout *layout)
{
  double lw = layout->line_width;

  cairo_set_line_width (cr, lw);
  set_source (cr, &theme_axis);
  cairo_rectangle (cr, snap (layout->plot.x, lw), snap (layout->plot.y, lw),
                   round (layout->plot.w), round (layout->plot.h));
  cairo_stroke (cr);
}

static void
draw_heatmap (const ScmmFigure *figure,
              cairo_t          *cr,
              PangoContext     *pango,
              const Layout     *layout)
{
  int block = 1;
  cairo_surface_t *image;

  /* On vector outputs, blocks of about 4 points a cell, up to 1024 pixels
   * a side: sharp cells in any viewer, small files. */
  if (target_is_vector (cr))
    block = CLAMP ((int) ceil (MAX (layout->plot.w / figure->cols, layout->plot.h / figure->rows) / 4.0), 1,
                   MAX (1, 1024 / MAX (figure->cols, figure->rows)));

  image = heatmap_image (figure, layout, block);
  paint_image (cr, image, &layout->plot, CAIRO_FILTER_NEAREST);
  cairo_surface_destroy (image);

  draw_plot_frame (cr, layout);
  draw_ticks (cr, pango, layout);
  draw_colorbar (figure, cr, pango, layout);
}

static double
confusion_fraction (const ScmmFigure *figure,
                    int               row,
                    int               col,
                    gint64           *row_total)
{
  gint64 total = 0;

  for (int j = 0; j < figure->k; j++)
    total += figure->counts[row * figure->k + j];
  if (row_total != NULL)
    *row_total = total;

  return total > 0 ? (double) figure->counts[row * figure->k + col] / (double) total : 0.0;
}

static void
draw_confusion (const ScmmFigure *figure,
                cairo_t          *cr,
                PangoContext     *pango,
                const Layout     *layout)
{
  const Box *plot = &layout->plot;
  int k = figure->k;
  double cw = plot->w / k, ch = plot->h / k;
  double separator = layout->cell_text_size > 0 ? MAX (1.0, round (layout->scale)) : 0;

  for (int r = 0; r < k; r++)
    for (int c = 0; c < k; c++)
      {
        double x0 = round (plot->x + c * cw), x1 = round (plot->x + (c + 1) * cw);
        double y0 = round (plot->y + r * ch), y1 = round (plot->y + (r + 1) * ch);
        double fraction = confusion_fraction (figure, r, c, NULL);
        double rgb[3];

        interpolate_stops (blues_stops, G_N_ELEMENTS (blues_stops), fraction, rgb);
        cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
        cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
        cairo_fill (cr);

        if (layout->cell_text_size > 0)
          {
            g_autofree char *text = NULL;
            g_autoptr(PangoLayout) pango_text = NULL;
            Rgb colour = text_colour_on (rgb);

            if (figure->row_normalised)
              text = g_strdup_printf (layout->cell_text_whole_percent ? "%.0f%%" : "%.1f%%", fraction * 100.0);
            else
              text = g_strdup_printf ("%" G_GINT64_FORMAT, figure->counts[r * k + c]);

            pango_text = make_text (pango, text, FALSE, layout->cell_text_size, FALSE, 0);
            set_source (cr, &colour);
            show_text (cr, pango_text, (x0 + x1) / 2, (y0 + y1) / 2, ALIGN_CENTRE, ALIGN_CENTRE, FALSE);
          }
      }

  /* Thin white lines between cells, when they are large enough to carry
   * text: a grid that reads as a table. */
  if (separator > 0)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, separator);
      for (int i = 1; i < k; i++)
        {
          double x = snap (plot->x + i * cw, separator);
          double y = snap (plot->y + i * ch, separator);

          cairo_move_to (cr, x, plot->y);
          cairo_line_to (cr, x, plot->y + plot->h);
          cairo_move_to (cr, plot->x, y);
          cairo_line_to (cr, plot->x + plot->w, y);
        }
      cairo_stroke (cr);
    }

  draw_plot_frame (cr, layout);
  draw_ticks (cr, pango, layout);
}

static void
draw_with_context (const ScmmFigure *figure,
                   cairo_t          *cr,
                   PangoContext     *pango,
                   double            width,
                   double            height)
{
  g_autoptr(Layout) layout = g_new0 (Layout, 1);

  compute_layout (figure, pango, width, height, layout);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  set_source (cr, &theme_background);
  cairo_paint (cr);

  draw_title (figure, cr, pango, layout, width);

  if (!layout->has_data)
    {
      draw_placeholder (cr, pango, layout);
      cairo_restore (cr);
      return;
    }

  switch (figure->kind)
    {
    case SCMM_FIGURE_LINES:
      draw_lines (figure, cr, pango, layout);
      break;

    case SCMM_FIGURE_HEATMAP:
      draw_heatmap (figure, cr, pango, layout);
      break;

    case SCMM_FIGURE_CONFUSION:
      draw_confusion (figure, cr, pango, layout);
      break;

    case SCMM_FIGURE_EMPTY:
    default:
      break;
    }
  draw_axis_labels (cr, pango, layout);

  cairo_restore (cr);
}

/* Draws the figure, background included, into the box (0, 0, width,
 * height) of cr's user space. The cr's font options (a widget sets its
 * own) decide antialiasing and hinting; they do not move anything. */
void
scmm_figure_draw_cairo (const ScmmFigure *figure,
                        cairo_t          *cr,
                        double            width,
                        double            height)
{
  PangoContext *pango;
  cairo_font_options_t *options;

  g_return_if_fail (figure != NULL);
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;

  options = cairo_font_options_create ();
  cairo_get_font_options (cr, options);
  pango = create_pango_context (options);
  cairo_font_options_destroy (options);

  draw_with_context (figure, cr, pango, width, height);
  g_object_unref (pango);
}

/* ---- export ---- */

typedef enum {
  FORMAT_UNKNOWN,
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} ExportFormat;

static ExportFormat
format_for_path (const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);
  const char *dot = strrchr (basename, '.');

  if (dot == NULL)
    return FORMAT_UNKNOWN;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return FORMAT_PNG;
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return FORMAT_SVG;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return FORMAT_PDF;
  return FORMAT_UNKNOWN;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_file (const char  *path,
            GByteArray  *bytes,
            GError     **error)
{
  FILE *file = g_fopen (path, "wb");
  int saved_errno;

  if (file == NULL)
    {
      saved_errno = errno;
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, _("%s: cannot write the figure: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (fwrite (bytes->data, 1, bytes->len, file) != bytes->len)
    {
      saved_errno = errno;
      fclose (file);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, _("%s: cannot write the figure: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (fclose (file) != 0)
    {
      saved_errno = errno;
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, _("%s: cannot write the figure: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
scmm_figure_export (const ScmmFigure  *figure,
                    const char        *path,
                    int                width,
                    int                height,
                    GError           **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  PangoContext *pango;
  ExportFormat format;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (figure != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = format_for_path (path);
  if (format == FORMAT_UNKNOWN)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   _("%s: unknown figure format: the name must end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   _("%s: cannot export a figure of %d × %d (each side from 1 to 16384)"), path, width, height);
      return FALSE;
    }

  bytes = g_byte_array_new ();
  switch (format)
    {
    case FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      break;

    case FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "SCMM Studio");
      if (has_text (figure->title))
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, figure->title);
      break;

    case FORMAT_PNG:
    case FORMAT_UNKNOWN:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      break;
    }

  /* Text for files: greyscale antialiasing, no hinting, as a printer would. */
  {
    cairo_font_options_t *options = cairo_font_options_create ();

    cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    pango = create_pango_context (options);
    cairo_font_options_destroy (options);
  }

  cr = cairo_create (surface);
  draw_with_context (figure, cr, pango, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  g_object_unref (pango);

  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FAILED, _("%s: cannot draw the figure: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  return write_file (path, bytes, error);
}

/* ---- the value under a point ---- */

static char *
describe_lines (const ScmmFigure *figure,
                const Layout     *layout,
                double            x,
                double            y)
{
  double best = G_MAXDOUBLE;
  double radius = MAX (6.0, 5.0 * layout->scale);
  const Series *best_series = NULL;
  int best_index = -1;
  guint best_point = 0;
  char buffer[32];

  if (x < layout->plot.x - radius || x > layout->plot.x + layout->plot.w + radius ||
      y < layout->plot.y - radius || y > layout->plot.y + layout->plot.h + radius)
    return NULL;

  for (guint s = 0; s < figure->lines->len; s++)
    {
      const Series *series = g_ptr_array_index (figure->lines, s);

      for (guint i = 0; i < series->x->len; i++)
        {
          double u, v, dx, dy, d;

          /* Points beyond a fixed y range are not drawn. */
          if (series_point (series, i, layout->y_log, &u, &v) != POINT_OK ||
              v < layout->y_lo || v > layout->y_hi)
            continue;
          dx = map_x (layout, u) - x;
          dy = map_y (layout, v) - y;
          d = dx * dx + dy * dy;
          if (d < best)
            {
              best = d;
              best_series = series;
              best_index = (int) s;
              best_point = i;
            }
        }
    }

  if (best_series == NULL || best > radius * radius)
    return NULL;

  return g_strdup_printf ("%s: x = %.6g, y = %.6g", series_name (best_series, best_index, buffer, sizeof buffer),
                          g_array_index (best_series->x, double, best_point),
                          g_array_index (best_series->y, double, best_point));
}

/* The cell under (x, y), or FALSE outside the grid. */
static gboolean
grid_cell (const Layout *layout,
           int           rows,
           int           cols,
           double        x,
           double        y,
           int          *row,
           int          *col)
{
  const Box *plot = &layout->plot;

  if (x < plot->x || x >= plot->x + plot->w || y < plot->y || y >= plot->y + plot->h)
    return FALSE;

  *col = CLAMP ((int) floor ((x - plot->x) / plot->w * cols), 0, cols - 1);
  *row = CLAMP ((int) floor ((y - plot->y) / plot->h * rows), 0, rows - 1);
  return TRUE;
}

/* A row's or a column's name: its label, or what it is and its index. */
static char *
label_or_index (const char *const *labels,
                int                i,
                const char        *what)
{
  if (labels != NULL)
    return g_strdup (labels[i]);
  return g_strdup_printf ("%s %d", what, i);
}

/* The cell under (x, y) of a heatmap ("Fp1, window 12: 23.4") or of a
 * confusion matrix ("true sad, predicted happy: 3 (6.0% of the row)"). */
static char *
describe_grid (const ScmmFigure *figure,
               const Layout     *layout,
               double            x,
               double            y)
{
  gboolean heatmap = figure->kind == SCMM_FIGURE_HEATMAP;
  GridShape grid = grid_shape (figure);
  g_autofree char *row_name = NULL;
  g_autofree char *col_name = NULL;
  gint64 total;
  double fraction;
  int r, c;

  if (!grid_cell (layout, grid.rows, grid.cols, x, y, &r, &c))
    return NULL;

  row_name = label_or_index (grid.row_labels, r, heatmap ? _("row") : _("class"));
  col_name = label_or_index (grid.col_labels, c, heatmap ? _("column") : _("class"));

  if (heatmap)
    {
      double v = figure->values[(gsize) r * (gsize) figure->cols + (gsize) c];

      if (isnan (v))
        return g_strdup_printf (_("%s, %s: no value"), row_name, col_name);
      return g_strdup_printf ("%s, %s: %.4g", row_name, col_name, v);
    }

  fraction = confusion_fraction (figure, r, c, &total);
  if (total == 0)
    return g_strdup_printf (_("true %s, predicted %s: 0 (no sample of this class)"), row_name, col_name);
  return g_strdup_printf (_("true %s, predicted %s: %" G_GINT64_FORMAT " (%.1f%% of the row)"),
                          row_name, col_name, figure->counts[r * figure->k + c], fraction * 100.0);
}

/* The layout of a width x height drawing, kept for the next call: a
 * tooltip asks many times for the same figure at the same size. */
static const Layout *
cached_layout (const ScmmFigure *figure,
               double            width,
               double            height)
{
  ScmmFigure *cache = (ScmmFigure *) figure;   /* the layout cache only */

  if (cache->describe_layout == NULL || cache->describe_revision != figure->revision ||
      cache->describe_width != width || cache->describe_height != height)
    {
      PangoContext *pango = create_pango_context (NULL);

      g_clear_pointer (&cache->describe_layout, layout_free);
      cache->describe_layout = g_new0 (Layout, 1);
      compute_layout (figure, pango, width, height, cache->describe_layout);
      g_object_unref (pango);
      cache->describe_revision = figure->revision;
      cache->describe_width = width;
      cache->describe_height = height;
    }
  return cache->describe_layout;
}

char *
scmm_figure_describe_at (const ScmmFigure *figure,
                         double            width,
                         double            height,
                         double            x,
                         double            y)
{
  const Layout *layout;

  g_return_val_if_fail (figure != NULL, NULL);

  if (width <= 0 || height <= 0 || x < 0 || y < 0 || x >= width || y >= height)
    return NULL;
  if (figure->kind == SCMM_FIGURE_EMPTY)
    return NULL;

  layout = cached_layout (figure, width, height);
  if (!layout->has_data)
    return NULL;

  switch (figure->kind)
    {
    case SCMM_FIGURE_LINES:
      return describe_lines (figure, layout, x, y);
    case SCMM_FIGURE_HEATMAP:
    case SCMM_FIGURE_CONFUSION:
      return describe_grid (figure, layout, x, y);
    case SCMM_FIGURE_EMPTY:
    default:
      return NULL;
    }
}

GStrv
scmm_figure_get_tick_labels (const ScmmFigure *figure,
                             double            width,
                             double            height,
                             ScmmAxis          axis)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const Layout *layout;
  const Ticks *ticks;

  g_return_val_if_fail (figure != NULL, NULL);
  g_return_val_if_fail (axis == SCMM_AXIS_X || axis == SCMM_AXIS_Y || axis == SCMM_AXIS_COLORBAR, NULL);

  if (width > 0 && height > 0)
    {
      layout = cached_layout (figure, width, height);
      ticks = axis == SCMM_AXIS_X ? &layout->x_ticks : axis == SCMM_AXIS_Y ? &layout->y_ticks : &layout->c_ticks;
      if (layout->has_data)
        for (int i = 0; i < ticks->n; i++)
          g_strv_builder_add (builder, ticks->markup[i]);
    }
  return g_strv_builder_end (builder);
}
