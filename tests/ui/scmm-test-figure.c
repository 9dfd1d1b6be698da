/* scmm-test-figure.c: what the figure tests share: pixels compared, views
 * shown in windows, figures of known data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-test-figure.h"
#include "scmm-test-screenshot.h"

#include <math.h>
#include <stdlib.h>

#include "gl/scmm-colormap.h"
#include "scmm-montage.h"
#include "scmm-topomap.h"

#define WAIT_MS 10000

int
scmm_test_pixel_distance (ScmmTestPixel a,
                          ScmmTestPixel b)
{
  return MAX (MAX (abs (a.r - b.r), abs (a.g - b.g)), abs (a.b - b.b));
}

ScmmTestPixel
scmm_test_pixel_from_colormap (ScmmColormap colormap,
                               double       t)
{
  double rgb[3];

  scmm_colormap_rgb (colormap, t, rgb);
  return (ScmmTestPixel) { (int) lround (rgb[0] * 255), (int) lround (rgb[1] * 255), (int) lround (rgb[2] * 255) };
}

void
scmm_test_assert_pixel_near (ScmmTestPixel actual,
                             ScmmTestPixel expected,
                             int           tolerance,
                             const char   *what)
{
  if (scmm_test_pixel_distance (actual, expected) > tolerance)
    g_error ("%s: #%02x%02x%02x, expected #%02x%02x%02x (± %d)", what, actual.r, actual.g, actual.b,
             expected.r, expected.g, expected.b, tolerance);
}

GtkWindow *
scmm_test_figure_window_new (GtkWidget *view,
                             int        width,
                             int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, view);
  return window;
}

static gboolean
view_drawn (gpointer user_data)
{
  GtkWidget *view = user_data;

  return gtk_widget_get_mapped (view) && gtk_widget_get_width (view) > 0;
}

void
scmm_test_figure_window_present (GtkWindow *window,
                                 GtkWidget *view)
{
  gtk_window_present (window);
  g_assert_true (scmm_test_wait_until (view_drawn, view, WAIT_MS));
  g_assert_true (scmm_test_wait_for_frames (view, 3, WAIT_MS));
}

GtkWindow *
scmm_test_present_view (GtkWidget *view,
                        int        width,
                        int        height)
{
  GtkWindow *window = scmm_test_figure_window_new (view, width, height);

  scmm_test_figure_window_present (window, view);
  return window;
}

void
scmm_test_destroy_window (GtkWindow *window)
{
  gpointer weak = window;
  gpointer *pointers[] = { &weak, NULL };

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (window);
  g_assert_true (scmm_test_wait_for_weak_pointers (pointers, WAIT_MS));
}

/* ---- figures ---- */

/* A size x size map of value = x (the map's coordinate), NaN outside the
 * disc. */
static float *
gradient_grid (int size)
{
  float *grid = g_new (float, (gsize) size * size);

  for (int i = 0; i < size; i++)
    for (int j = 0; j < size; j++)
      {
        double x = 2.0 * (j + 0.5) / size - 1, y = 1 - 2.0 * (i + 0.5) / size;

        grid[i * size + j] = x * x + y * y <= 1 ? (float) x : NAN;
      }
  return grid;
}

ScmmFigure *
scmm_test_scalp_gradient (void)
{
  ScmmFigure *figure = scmm_figure_new ("Gradient");
  const int size = 64;
  g_autofree float *grid = gradient_grid (size);
  static const char *const names[] = { "P4", "Fz" };
  const double electrodes[] = { 0.5, -0.5, 0.0, 0.4 };
  const float electrode_values[] = { 0.75f, NAN };
  double circle[2 * 73];
  int n_points = 73;

  for (int i = 0; i < 73; i++)
    {
      circle[2 * i] = cos (i * 2 * G_PI / 72);
      circle[2 * i + 1] = sin (i * 2 * G_PI / 72);
    }
  scmm_figure_set_scalp_map (figure, grid, size, -1, 1, SCMM_COLORMAP_VIRIDIS, "gradient");
  scmm_figure_set_scalp_outline (figure, circle, &n_points, 1);
  scmm_figure_set_scalp_electrodes (figure, electrodes, names, electrode_values, 2);
  return figure;
}

/* The head cartoon of engine/data/scmm-topomap.h in the figure's
 * coordinates (the map's disc is radius 1). */
static void
set_head_outline (ScmmFigure        *figure,
                  const ScmmTopomap *map)
{
  const ScmmHeadOutline *head = scmm_topomap_head_outline ();
  const ScmmPolyline *parts[] = { &head->head, &head->nose, &head->left_ear, &head->right_ear };
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  int n_points[G_N_ELEMENTS (parts)];

  for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
    {
      n_points[k] = parts[k]->n_points;
      for (int i = 0; i < 2 * parts[k]->n_points; i++)
        {
          double v = parts[k]->xy[i] / map->radius;

          g_array_append_val (xy, v);
        }
    }
  scmm_figure_set_scalp_outline (figure, (const double *) (gpointer) xy->data, n_points, G_N_ELEMENTS (parts));
}

ScmmFigure *
scmm_test_showcase_scalp (int channels)
{
  g_autoptr(GError) error = NULL;
  const char *const *names = channels == SCMM_SEED_CHANNELS ? scmm_montage_seed62 : scmm_montage_deap32;
  g_autoptr(ScmmTopomap) map = scmm_topomap_new (names, channels, 96, &error);
  ScmmFigure *figure = scmm_figure_new ("Differential entropy, α band");
  g_autofree float *values = g_new (float, channels);
  g_autofree float *grid = g_new (float, 96 * 96);
  g_autofree double *xy = NULL;
  g_autofree float *electrode_values = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) electrode_names = NULL;

  g_assert_no_error (error);
  for (int i = 0; i < channels; i++)
    {
      double x = 0, y = 0;

      g_assert_true (scmm_montage_position (names[i], &x, &y));
      values[i] = (float) (1.2 + 1.6 * exp (-(x * x + (y + 0.38) * (y + 0.38)) / 0.045) + 0.5 * x);
    }
  scmm_topomap_render (map, values, grid);
  scmm_figure_set_scalp_map (figure, grid, 96, NAN, NAN, SCMM_COLORMAP_VIRIDIS, "DE (nats)");
  set_head_outline (figure, map);

  xy = g_new (double, 2 * map->n_electrodes);
  electrode_values = g_new (float, map->n_electrodes);
  for (int e = 0; e < map->n_electrodes; e++)
    {
      xy[2 * e] = map->electrode_xy[2 * e] / map->radius;
      xy[2 * e + 1] = map->electrode_xy[2 * e + 1] / map->radius;
      electrode_values[e] = values[map->electrode_channel[e]];
      g_strv_builder_add (builder, names[map->electrode_channel[e]]);
    }
  electrode_names = g_strv_builder_end (builder);
  scmm_figure_set_scalp_electrodes (figure, xy, (const char *const *) electrode_names, electrode_values,
                                    map->n_electrodes);
  return figure;
}

ScmmFigure *
scmm_test_showcase_bars (int n)
{
  ScmmFigure *figure = scmm_figure_new ("Weights of anchor 3");
  g_autofree double *values = g_new (double, n);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  int positive = n / 2 + 3;

  for (int i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", i);

      values[i] = 0.02 + 0.015 * sin (i * 0.9) * cos (i * 0.23) + (i == positive ? 0.35 : 0);
      g_strv_builder_add (builder, label);
    }
  labels = g_strv_builder_end (builder);
  scmm_figure_set_bars (figure, values, n, (const char *const *) labels);
  scmm_figure_set_bar_highlight (figure, &positive, 1);
  scmm_figure_set_axis_labels (figure, "sample in the batch", "weight");
  return figure;
}
