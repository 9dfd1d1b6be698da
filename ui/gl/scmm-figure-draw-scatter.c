/* scmm-figure-draw-scatter.c: a scatter plot drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid, then each category's markers, filled (slightly translucent, so
 * that a dense cloud shows its density) or hollow, in its colour, clipped
 * to the plot; the axes and the legend. On screen and in PNGs a marker is
 * drawn once and copied at each point; in vector files a category's
 * markers are one path, filled or stroked in pieces of a few thousand.
 */

#include <math.h>

#include "gl/scmm-figure-private.h"

/* Markers a path holds before it is drawn. */
#define MARKERS_PER_PATH 2048

static const Rgb *
category_colour (const Series *category,
                 guint         index)
{
  return scmm_figure_theme_palette_colour (category->colour >= 0 ? category->colour : (int) index);
}

static void
markers_paint (cairo_t      *cr,
               const Series *category,
               guint         index)
{
  const Rgb *colour = category_colour (category, index);

  if (category->marker == SCMM_MARKER_HOLLOW)
    {
      cairo_set_source_rgba (cr, colour->r, colour->g, colour->b, 0.95);
      cairo_stroke (cr);
    }
  else
    {
      cairo_set_source_rgba (cr, colour->r, colour->g, colour->b, 0.8);
      cairo_fill (cr);
    }
}

/* A marker's outline around its centre: a polygon with sides about a
 * pixel and a half long, round to the eye, that cairo fills much faster
 * than arcs. */
#define MAX_MARKER_SIDES 48

typedef struct
{
  int    n;
  double dx[MAX_MARKER_SIDES];
  double dy[MAX_MARKER_SIDES];
} MarkerShape;

/* A full circle of `radius`, or for a hollow marker a circle the width of
 * its stroke smaller, so that both are as large. */
static void
marker_shape_init (MarkerShape  *shape,
                   const Series *category,
                   double        radius,
                   double        stroke)
{
  double r = category->marker == SCMM_MARKER_HOLLOW ? radius - stroke / 2 : radius;

  shape->n = CLAMP ((int) ceil (2 * G_PI * r / 1.5), 8, MAX_MARKER_SIDES);
  for (int k = 0; k < shape->n; k++)
    {
      shape->dx[k] = r * cos (2 * G_PI * k / shape->n);
      shape->dy[k] = r * sin (2 * G_PI * k / shape->n);
    }
}

static void
marker_path (cairo_t           *cr,
             const MarkerShape *shape,
             double             x,
             double             y)
{
  cairo_move_to (cr, x + shape->dx[0], y + shape->dy[0]);
  for (int k = 1; k < shape->n; k++)
    cairo_line_to (cr, x + shape->dx[k], y + shape->dy[k]);
  cairo_close_path (cr);
}

/* Stamps: on an image surface drawn without scaling, a category's marker
 * is drawn once for each of STAMP_PHASES x STAMP_PHASES sub-pixel
 * positions, then copied at each point: some twenty times faster than
 * filling as many polygons, and to the eye the same. */
#define STAMP_PHASES 4

typedef struct
{
  cairo_surface_t *stamps[STAMP_PHASES][STAMP_PHASES];
  double           half;       /* the centre's offset in a stamp at phase 0 */
  int              size;
} Stamps;

static gboolean
can_stamp (cairo_t *cr)
{
  cairo_matrix_t matrix;

  cairo_get_matrix (cr, &matrix);
  return cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE &&
         matrix.xx == 1 && matrix.yy == 1 && matrix.xy == 0 && matrix.yx == 0;
}

static void
stamps_init (Stamps            *stamps,
             const MarkerShape *shape,
             const Series      *category,
             guint              index,
             double             radius,
             double             stroke)
{
  stamps->half = ceil (radius + stroke) + 1;
  stamps->size = (int) (2 * stamps->half) + 1;
  for (int py = 0; py < STAMP_PHASES; py++)
    for (int px = 0; px < STAMP_PHASES; px++)
      {
        cairo_surface_t *stamp = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, stamps->size, stamps->size);
        cairo_t *scr = cairo_create (stamp);

        cairo_set_line_width (scr, stroke);
        marker_path (scr, shape, stamps->half + (double) px / STAMP_PHASES, stamps->half + (double) py / STAMP_PHASES);
        markers_paint (scr, category, index);
        cairo_destroy (scr);
        stamps->stamps[py][px] = stamp;
      }
}

static void
stamps_clear (Stamps *stamps)
{
  for (int py = 0; py < STAMP_PHASES; py++)
    for (int px = 0; px < STAMP_PHASES; px++)
      cairo_surface_destroy (stamps->stamps[py][px]);
}

static void
stamp_at (cairo_t      *cr,
          const Stamps *stamps,
          double        x,
          double        y)
{
  double fx = floor (x * STAMP_PHASES + 0.5) / STAMP_PHASES;
  double fy = floor (y * STAMP_PHASES + 0.5) / STAMP_PHASES;
  double ix = floor (fx), iy = floor (fy);
  int px = (int) ((fx - ix) * STAMP_PHASES), py = (int) ((fy - iy) * STAMP_PHASES);

  cairo_set_source_surface (cr, stamps->stamps[py][px], ix - stamps->half, iy - stamps->half);
  cairo_rectangle (cr, ix - stamps->half, iy - stamps->half, stamps->size, stamps->size);
  cairo_fill (cr);
}

static void
draw_category_stamped (cairo_t           *cr,
                       const Layout      *layout,
                       const Series      *category,
                       const MarkerShape *shape,
                       guint              index,
                       double             stroke)
{
  Stamps stamps;

  stamps_init (&stamps, shape, category, index, layout->marker_radius, stroke);
  for (guint i = 0; i < category->x->len; i++)
    {
      double u, v;

      if (scmm_figure_layout_series_point (category, i, FALSE, &u, &v) == POINT_OK)
        stamp_at (cr, &stamps, scmm_figure_layout_map_x (layout, u), scmm_figure_layout_map_y (layout, v));
    }
  stamps_clear (&stamps);
}

static void
draw_category (cairo_t      *cr,
               const Layout *layout,
               const Series *category,
               guint         index,
               double        stroke)
{
  MarkerShape shape;
  guint in_path = 0;

  marker_shape_init (&shape, category, layout->marker_radius, stroke);
  if (can_stamp (cr))
    {
      draw_category_stamped (cr, layout, category, &shape, index, stroke);
      return;
    }
  for (guint i = 0; i < category->x->len; i++)
    {
      double u, v;

      if (scmm_figure_layout_series_point (category, i, FALSE, &u, &v) != POINT_OK)
        continue;
      marker_path (cr, &shape, scmm_figure_layout_map_x (layout, u), scmm_figure_layout_map_y (layout, v));
      if (++in_path == MARKERS_PER_PATH)
        {
          markers_paint (cr, category, index);
          in_path = 0;
        }
    }
  if (in_path > 0)
    markers_paint (cr, category, index);
  else
    cairo_new_path (cr);
}

/* A category's swatch: a marker in the middle of its space. */
static void
marker_swatch (cairo_t      *cr,
               const Layout *layout,
               const Series *category,
               guint         index,
               double        x,
               double        y,
               double        width)
{
  double radius = MAX (layout->marker_radius, 3.5 * layout->scale);
  double stroke = MAX (1.0, 1.25 * layout->scale);
  MarkerShape shape;

  marker_shape_init (&shape, category, radius, stroke);
  cairo_set_line_width (cr, stroke);
  marker_path (cr, &shape, x + width / 2, y);
  markers_paint (cr, category, index);
}

static void
draw_categories (const ScmmFigure *figure,
                 cairo_t          *cr,
                 const Layout     *layout)
{
  double stroke = MAX (1.0, 1.25 * layout->scale);

  cairo_set_line_width (cr, stroke);
  for (guint s = 0; s < figure->points->len; s++)
    draw_category (cr, layout, g_ptr_array_index (figure->points, s), s, stroke);
}

void
scmm_figure_draw_scatter (const ScmmFigure *figure,
                          cairo_t          *cr,
                          PangoContext     *pango,
                          const Layout     *layout)
{
  scmm_figure_draw_xy (figure, cr, pango, layout, TRUE, draw_categories, NULL, figure->points, marker_swatch);
}
