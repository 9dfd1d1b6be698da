/* test-topomap.c: spherical-spline scalp maps on SEED's 62 channels: the
 * electrodes' values reproduced, constant and gradient fields, the disc,
 * skipped channels, the head outline, scipy's numbers and timings.
 *
 * tests/fixtures/topomap/topomap.h5 comes from tests/reference/topomap_reference.py
 * (scipy's Legendre polynomials and solver, the same positions and grid). */
#include <math.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-montage.h"
#include "scmm-rng.h"
#include "scmm-test-util.h"
#include "scmm-topomap.h"

/* A map of SEED's 62 channels, every one of them known. */
static ScmmTopomap *
seed_map (int grid)
{
  GError *error = NULL;
  ScmmTopomap *map = scmm_topomap_new (scmm_montage_seed62, SCMM_SEED_CHANNELS, grid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (map->n_electrodes, ==, SCMM_SEED_CHANNELS);
  g_assert_cmpuint (g_strv_length (map->skipped), ==, 0);
  return map;
}

/* Fields over the montage's plane. */
typedef double (*Field) (double x, double y);

/* Smooth, like a DE map: low-order terms of the position, around 20. */
static double
smooth (double x, double y)
{
  return 20.0 + 3.0 * x - 2.0 * y + 4.0 * x * y - 5.0 * (x * x + y * y);
}

static double
constant (double x, double y)
{
  return 17.25;
}

/* A left-right gradient: the value is x. */
static double
left_right (double x, double y)
{
  return x;
}

/* values [62] = field at each SEED electrode. */
static void
field_at_electrodes (Field field, float *values)
{
  for (int c = 0; c < SCMM_SEED_CHANNELS; c++)
    {
      double x, y;
      g_assert_true (scmm_montage_position (scmm_montage_seed62[c], &x, &y));
      values[c] = (float) field (x, y);
    }
}

/* SEED's map of a field at a grid size: the test's data. */
typedef struct {
  int   grid;
  Field field;
} FieldCase;

static const FieldCase smooth_128 = { 128, smooth }, smooth_40 = { 40, smooth };
static const FieldCase constant_48 = { 48, constant }, gradient_64 = { 64, left_right };

typedef struct {
  ScmmTopomap *map;
  float        values[SCMM_SEED_CHANNELS];
  float       *grid;   /* [G, G] */
} FieldMap;

static void
field_map_set_up (FieldMap *f, gconstpointer data)
{
  const FieldCase *c = data;
  f->map = seed_map (c->grid);
  field_at_electrodes (c->field, f->values);
  f->grid = g_new (float, c->grid * c->grid);
  scmm_topomap_render (f->map, f->values, f->grid);
}

static void
field_map_tear_down (FieldMap *f, gconstpointer data)
{
  scmm_topomap_free (f->map);
  g_free (f->grid);
}

static double
value_range (const float *values, int n)
{
  float lo = values[0], hi = values[0];
  for (int i = 1; i < n; i++)
    {
      lo = MIN (lo, values[i]);
      hi = MAX (hi, values[i]);
    }
  return hi - lo;
}

/* ---- the electrodes ---- */

static void
test_all_seed_channels_known (void)
{
  g_autoptr (ScmmTopomap) map = seed_map (32);
  /* the head's disc; CB1/CB2 lie one 10 % step below the head circle, outside it */
  g_assert_cmpfloat_with_epsilon (map->radius, 1.01 * 0.5, 1e-12);
  int outside = 0;
  for (int e = 0; e < map->n_electrodes; e++)
    if (hypot (map->electrode_xy[2 * e], map->electrode_xy[2 * e + 1]) > map->radius)
      {
        const char *name = scmm_montage_seed62[map->electrode_channel[e]];
        g_assert_true (g_str_equal (name, "CB1") || g_str_equal (name, "CB2"));
        outside++;
      }
  g_assert_cmpint (outside, ==, 2);
}

/* max |value_at(electrode) - electrode value| / range of the values. */
static double
electrode_error (const ScmmTopomap *map, const float *values)
{
  double worst = 0.0;
  for (int e = 0; e < map->n_electrodes; e++)
    {
      const float *xy = map->electrode_xy + 2 * e;
      float at = scmm_topomap_value_at (map, values, xy[0], xy[1]);
      worst = MAX (worst, fabs (at - values[map->electrode_channel[e]]));
    }
  return worst / value_range (values, map->n_channels);
}

static void
test_value_at_electrodes (void)
{
  g_autoptr (ScmmTopomap) map = seed_map (16);
  float values[SCMM_SEED_CHANNELS];
  ScmmRng rng;
  scmm_rng_init (&rng, 5);
  /* White noise is the hardest case for an interpolant; a smooth field the usual one. */
  for (int c = 0; c < SCMM_SEED_CHANNELS; c++)
    values[c] = (float) scmm_rng_normal (&rng);
  double noise = electrode_error (map, values);
  field_at_electrodes (smooth, values);
  double smooth_error = electrode_error (map, values);
  g_test_message ("value at the electrodes: max error / range %.2e (white noise), %.2e (smooth)",
                  noise, smooth_error);
  g_assert_cmpfloat (noise, <, 1e-4);
  g_assert_cmpfloat (smooth_error, <, 1e-4);
}

/* The cell inside the disc whose centre is nearest (x, y), among the 3 x 3
 * cells around the one holding it; -1 when there is none. */
static int
nearest_inside_cell (const ScmmTopomap *map, const float *grid, double x, double y)
{
  const int g = map->grid;
  int col = (int) floor ((x / map->radius + 1.0) * 0.5 * g);
  int row = (int) floor ((1.0 - y / map->radius) * 0.5 * g);
  int best = -1;
  double best_d = INFINITY;
  for (int i = MAX (row - 1, 0); i <= MIN (row + 1, g - 1); i++)
    for (int j = MAX (col - 1, 0); j <= MIN (col + 1, g - 1); j++)
      {
        double cx, cy;
        scmm_topomap_cell_centre (map, i, j, &cx, &cy);
        if (!isnan (grid[i * g + j]) && hypot (cx - x, cy - y) < best_d)
          {
            best_d = hypot (cx - x, cy - y);
            best = i * g + j;
          }
      }
  return best;
}

/* The grid cell nearest each electrode holds about the electrode's value:
 * off by at most the field's change over the distance between them. */
static void
test_grid_near_electrodes (FieldMap *s, gconstpointer data)
{
  const ScmmTopomap *map = s->map;
  const float *grid = s->grid, *values = s->values;
  double worst = 0.0;
  int checked = 0;
  for (int e = 0; e < map->n_electrodes; e++)
    {
      double x = map->electrode_xy[2 * e], y = map->electrode_xy[2 * e + 1];
      int cell = nearest_inside_cell (map, grid, x, y);
      if (cell < 0)
        continue;   /* CB1, CB2: below the head circle */
      /* the same point evaluated directly */
      double cx, cy;
      scmm_topomap_cell_centre (map, cell / map->grid, cell % map->grid, &cx, &cy);
      g_assert_cmpfloat (fabs (grid[cell] - scmm_topomap_value_at (map, values, cx, cy)), <, 1e-4);
      worst = MAX (worst, fabs (grid[cell] - values[e]));
      checked++;
    }
  g_assert_cmpint (checked, ==, SCMM_SEED_CHANNELS - 2);
  worst /= value_range (values, SCMM_SEED_CHANNELS);
  g_test_message ("nearest grid cell (G = %d) against the electrode: max error / range %.2e",
                  map->grid, worst);
  /* the nearest inside cell's centre is within a cell's diagonal (0.011 at G = 128) and
   * |grad| <= 10.5 at the electrodes: at most 0.12, 0.03 of the field's range of 4 */
  g_assert_cmpfloat (worst, <, 0.03);
}

/* ---- fields ---- */

static void
test_constant_field (FieldMap *f, gconstpointer data)
{
  for (int p = 0; p < f->map->n_inside; p++)
    g_assert_cmpfloat_with_epsilon (f->grid[f->map->inside[p]], 17.25f, 17.25f * 1e-5f);
}

/* values = the electrodes' x: every row of the map rises from left to right. */
static void
test_left_right_gradient (FieldMap *f, gconstpointer data)
{
  const float *grid = f->grid;
  const int g = f->map->grid;
  int pairs = 0;
  double worst_drop = 0.0;
  for (int i = 0; i < g; i++)
    for (int j = 0; j + 1 < g; j++)
      {
        float a = grid[i * g + j], b = grid[i * g + j + 1];
        if (isnan (a) || isnan (b))
          continue;
        worst_drop = MAX (worst_drop, a - b);
        pairs++;
      }
  g_test_message ("left-right gradient: %d neighbour pairs, largest drop %.2e", pairs, worst_drop);
  g_assert_cmpint (pairs, >, g * g / 2);
  g_assert_cmpfloat (worst_drop, <=, 1e-6);
  /* and it is antisymmetric: the montage is symmetric */
  for (int i = 0; i < g; i++)
    for (int j = 0; j < g; j++)
      if (!isnan (grid[i * g + j]))
        g_assert_cmpfloat (fabs (grid[i * g + j] + grid[i * g + (g - 1 - j)]), <, 1e-5);
}

static void
test_nan_outside_disc (FieldMap *s, gconstpointer data)
{
  const ScmmTopomap *map = s->map;
  const int g = map->grid;
  const float *grid = s->grid;
  int inside = 0;
  for (int i = 0; i < g; i++)
    for (int j = 0; j < g; j++)
      {
        double x, y;
        scmm_topomap_cell_centre (map, i, j, &x, &y);
        gboolean in_disc = hypot (x, y) <= map->radius;
        g_assert_cmpint (!isnan (grid[i * g + j]), ==, in_disc);
        g_assert_true (!in_disc || isfinite (grid[i * g + j]));
        inside += in_disc;
      }
  g_assert_cmpint (inside, ==, map->n_inside);
  /* the corners are out, the centre is in */
  g_assert_true (isnan (grid[0]) && isnan (grid[g * g - 1]));
  g_assert_false (isnan (grid[(g / 2) * g + g / 2]));
  /* the spline itself goes on beyond the disc */
  g_assert_true (isfinite (scmm_topomap_value_at (map, s->values, map->radius * 1.1, 0.0)));
}

/* ---- channels ---- */

static void
test_unknown_channels_skipped (void)
{
  /* SEED's channels, then two that are not electrodes and T3 (= T7, again) */
  const char *names[SCMM_SEED_CHANNELS + 3];
  memcpy (names, scmm_montage_seed62, sizeof (char *) * SCMM_SEED_CHANNELS);
  names[SCMM_SEED_CHANNELS] = "ECG";
  names[SCMM_SEED_CHANNELS + 1] = "T3";
  names[SCMM_SEED_CHANNELS + 2] = "Status";
  GError *error = NULL;
  g_autoptr (ScmmTopomap) map = scmm_topomap_new (names, G_N_ELEMENTS (names), 24, &error);
  g_assert_no_error (error);
  g_assert_cmpint (map->n_electrodes, ==, SCMM_SEED_CHANNELS);
  g_assert_cmpuint (g_strv_length (map->skipped), ==, 3);
  g_assert_cmpstr (map->skipped[0], ==, "ECG");
  g_assert_cmpstr (map->skipped[1], ==, "T3");
  g_assert_cmpstr (map->skipped[2], ==, "Status");

  /* the skipped channels' values are not used, even when they are NaN */
  float values[SCMM_SEED_CHANNELS + 3];
  field_at_electrodes (smooth, values);
  values[SCMM_SEED_CHANNELS] = values[SCMM_SEED_CHANNELS + 1] = NAN;
  values[SCMM_SEED_CHANNELS + 2] = 1e30f;
  g_autoptr (ScmmTopomap) plain = seed_map (24);
  float a[24 * 24], b[24 * 24];
  scmm_topomap_render (map, values, a);
  scmm_topomap_render (plain, values, b);
  for (int k = 0; k < 24 * 24; k++)
    g_assert_true ((isnan (a[k]) && isnan (b[k])) || a[k] == b[k]);

  /* channels in another order: electrode_channel maps back to them */
  const char *shuffled[] = { "Oz", "Status", "Fz", "Cz" };
  g_autoptr (ScmmTopomap) few = scmm_topomap_new (shuffled, 4, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpint (few->n_electrodes, ==, 3);
  g_assert_cmpint (few->electrode_channel[0], ==, 0);
  g_assert_cmpint (few->electrode_channel[1], ==, 2);
  g_assert_cmpint (few->electrode_channel[2], ==, 3);
  /* Oz is on the head circle: the disc reaches just past it */
  g_assert_cmpfloat_with_epsilon (few->radius, 1.01 * 0.5, 1e-12);
}

static void
test_errors (void)
{
  const char *none[] = { "ECG", "EOG", "Status" };
  GError *error = NULL;
  g_assert_null (scmm_topomap_new (none, 3, 32, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, "10-05");

  g_assert_null (scmm_topomap_new (scmm_montage_seed62, SCMM_SEED_CHANNELS, 1, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, NULL);
  g_assert_null (scmm_topomap_new (scmm_montage_seed62, SCMM_SEED_CHANNELS,
                                   SCMM_TOPOMAP_MAX_GRID + 1, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, NULL);
  g_assert_null (scmm_topomap_new (scmm_montage_seed62, 0, 32, &error));
  scmm_test_assert_error (&error, SCMM_ERROR_INVALID_ARGUMENT, NULL);
}

/* ---- the head outline ---- */

static void
test_head_outline (void)
{
  const ScmmHeadOutline *o = scmm_topomap_head_outline ();
  g_assert_true (o == scmm_topomap_head_outline ());
  const ScmmPolyline *head = &o->head;
  g_assert_cmpint (head->n_points, >=, 64);
  for (int k = 0; k < head->n_points; k++)
    g_assert_cmpfloat_with_epsilon (hypot (head->xy[2 * k], head->xy[2 * k + 1]),
                                    SCMM_TOPOMAP_HEAD_RADIUS, 1e-6);
  g_assert_cmpfloat (head->xy[0], ==, head->xy[2 * (head->n_points - 1)]);
  g_assert_cmpfloat (head->xy[1], ==, head->xy[2 * (head->n_points - 1) + 1]);

  /* the nose points to +y; it and the ears start and end on the circle */
  const ScmmPolyline *parts[] = { &o->nose, &o->left_ear, &o->right_ear };
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const ScmmPolyline *p = parts[i];
      g_assert_cmpint (p->n_points, >=, 3);
      for (int end = 0; end < 2; end++)
        {
          const float *xy = p->xy + 2 * (end ? p->n_points - 1 : 0);
          g_assert_cmpfloat_with_epsilon (hypot (xy[0], xy[1]), SCMM_TOPOMAP_HEAD_RADIUS, 1e-6);
        }
    }
  g_assert_cmpfloat (o->nose.xy[3], >, SCMM_TOPOMAP_HEAD_RADIUS);
  for (int k = 0; k < o->right_ear.n_points; k++)
    {
      g_assert_cmpfloat (o->right_ear.xy[2 * k], >, 0.45);
      g_assert_cmpfloat (o->left_ear.xy[2 * k], ==, -o->right_ear.xy[2 * k]);
      g_assert_cmpfloat (o->left_ear.xy[2 * k + 1], ==, o->right_ear.xy[2 * k + 1]);
    }
}

/* ---- against scipy ---- */

static void
test_matches_reference (void)
{
  g_autoptr (ScmmH5) h5 = scmm_test_open_fixture ("topomap/topomap.h5");
  GError *error = NULL;
  int64_t grid;
  g_assert_true (scmm_h5_read_attr_int (h5, "/", "grid", &grid, &error));
  const int g = (int) grid, fields = 3;
  g_autoptr (ScmmTopomap) map = seed_map (g);

  /* the reference used the montage's channels and positions */
  int64_t n_names;
  g_auto (GStrv) channels = scmm_h5_read_strings (h5, "names", SCMM_SEED_CHANNELS, &n_names,
                                                  &error);
  g_assert_no_error (error);
  for (int e = 0; e < SCMM_SEED_CHANNELS; e++)
    g_assert_cmpstr (channels[e], ==, scmm_montage_seed62[e]);
  ScmmShape positions_shape = SCMM_SHAPE2 (SCMM_SEED_CHANNELS, 2);
  g_autofree double *positions = scmm_h5_read_f64 (h5, "positions", &positions_shape, NULL,
                                                   &error);
  g_assert_no_error (error);
  for (int e = 0; e < SCMM_SEED_CHANNELS; e++)
    {
      double x, y;
      g_assert_true (scmm_montage_position (scmm_montage_seed62[e], &x, &y));
      g_assert_cmpfloat (fabs (x - positions[2 * e]) + fabs (y - positions[2 * e + 1]), <, 1e-12);
    }
  double radius;
  g_assert_true (scmm_h5_read_scalar (h5, "radius", &radius, &error));
  g_assert_cmpfloat (fabs (radius - map->radius), <, 1e-12);

  ScmmShape mask_shape = SCMM_SHAPE1 (g * g);
  g_autofree guint8 *inside = scmm_h5_read_mask (h5, "inside", &mask_shape, NULL, &error);
  g_assert_no_error (error);
  ScmmShape values_shape = SCMM_SHAPE2 (fields, SCMM_SEED_CHANNELS);
  g_autofree float *values = scmm_h5_read_f32 (h5, "values", &values_shape, NULL, &error);
  g_assert_no_error (error);
  ScmmShape maps_shape = SCMM_SHAPE2 (fields, g * g);
  g_autofree float *maps = scmm_h5_read_f32 (h5, "maps", &maps_shape, NULL, &error);
  g_assert_no_error (error);
  ScmmShape points_shape = SCMM_SHAPE2 (-1, 2);
  ScmmShape got;
  g_autofree double *points = scmm_h5_read_f64 (h5, "points", &points_shape, &got, &error);
  g_assert_no_error (error);
  const int n_points = (int) got.dim[0];
  ScmmShape point_values_shape = SCMM_SHAPE2 (fields, n_points);
  g_autofree float *point_values = scmm_h5_read_f32 (h5, "point_values", &point_values_shape,
                                                     NULL, &error);
  g_assert_no_error (error);

  g_autofree float *grid_out = g_new (float, g * g);
  g_autofree float *inside_values = g_new (float, g * g);
  g_autofree float *expected_inside = g_new (float, g * g);
  static const char *const names[] = { "smooth field", "white noise", "left-right gradient" };
  for (int f = 0; f < fields; f++)
    {
      scmm_topomap_render (map, values + f * SCMM_SEED_CHANNELS, grid_out);
      int n = 0;
      for (int k = 0; k < g * g; k++)
        {
          g_assert_cmpint (!isnan (grid_out[k]), ==, inside[k]);
          if (inside[k])
            {
              inside_values[n] = grid_out[k];
              expected_inside[n++] = maps[f * g * g + k];
            }
        }
      /* relative to the field's spread: a DE map sits on an offset of about 20 */
      double spread = value_range (expected_inside, n);
      g_autofree char *what = g_strdup_printf ("map of the %s", names[f]);
      double rel = scmm_test_assert_close (what, inside_values, expected_inside, n, 0.0,
                                           1e-3 * spread);
      g_autofree float *at = g_new (float, n_points);
      for (int p = 0; p < n_points; p++)
        at[p] = scmm_topomap_value_at (map, values + f * SCMM_SEED_CHANNELS, points[2 * p],
                                       points[2 * p + 1]);
      double rel_points = scmm_test_assert_close (what, at, point_values + f * n_points, n_points,
                                                  0.0, 1e-3 * spread);
      g_test_message ("%s against scipy: max |diff| / max |expected| %.2e on the grid, %.2e at "
                      "%d points (tolerance 1e-3 of the spread %.3g)", names[f], rel, rel_points,
                      n_points, spread);
    }
}

/* ---- timings ---- */

static void
test_timings (void)
{
  const int g = 128, updates = 200;
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (ScmmTopomap) map = seed_map (g);
  gint64 t1 = g_get_monotonic_time ();
  float values[SCMM_SEED_CHANNELS];
  field_at_electrodes (smooth, values);
  g_autofree float *grid = g_new (float, g * g);
  for (int k = 0; k < updates; k++)
    {
      values[k % SCMM_SEED_CHANNELS] += 0.01f;
      scmm_topomap_render (map, values, grid);
    }
  gint64 t2 = g_get_monotonic_time ();
  g_test_message ("timing: interpolation matrix for 62 channels at G = %d (%d cells inside): "
                  "%.1f ms; one map update (sgemv + NaN fill): %.3f ms (mean of %d)", g,
                  map->n_inside, (t1 - t0) / 1e3, (t2 - t1) / 1e3 / updates, updates);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/topomap/seed-channels", test_all_seed_channels_known);
  g_test_add_func ("/topomap/value-at-electrodes", test_value_at_electrodes);
  g_test_add ("/topomap/grid-near-electrodes", FieldMap, &smooth_128, field_map_set_up,
              test_grid_near_electrodes, field_map_tear_down);
  g_test_add ("/topomap/constant-field", FieldMap, &constant_48, field_map_set_up,
              test_constant_field, field_map_tear_down);
  g_test_add ("/topomap/left-right-gradient", FieldMap, &gradient_64, field_map_set_up,
              test_left_right_gradient, field_map_tear_down);
  g_test_add ("/topomap/nan-outside-disc", FieldMap, &smooth_40, field_map_set_up,
              test_nan_outside_disc, field_map_tear_down);
  g_test_add_func ("/topomap/unknown-channels", test_unknown_channels_skipped);
  g_test_add_func ("/topomap/errors", test_errors);
  g_test_add_func ("/topomap/head-outline", test_head_outline);
  g_test_add_func ("/topomap/matches-reference", test_matches_reference);
  g_test_add_func ("/topomap/timings", test_timings);
  return g_test_run ();
}
