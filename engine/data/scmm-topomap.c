/* scmm-topomap.c: spherical-spline scalp maps (Perrin et al. 1989) and the
 * head outline. */
#include "scmm-topomap.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-montage.h"

/* Perrin's stiffness m and the number of Legendre terms of g. */
#define SPLINE_STIFFNESS 4
#define LEGENDRE_TERMS   20
/* MNE's margin around the head circle. */
#define DISC_MARGIN      1.01
/* Two electrodes closer than this (in the montage's plane) are one electrode. */
#define SAME_POSITION    1e-9
/* How far the spline may miss an electrode's value per unit of value before
 * the system counts as too ill-conditioned to trust. */
#define MAX_REPRODUCTION_ERROR 1e-4
/* Grid cells interpolated per dgemm while building the matrix. */
#define BUILD_CHUNK      256

/* ---- the spline ---- */

/* (2n + 1) / (4 pi (n (n + 1))^m), n = 0..LEGENDRE_TERMS (n = 0 unused). */
static gpointer
build_legendre_factors (gpointer data)
{
  static double factors[LEGENDRE_TERMS + 1];
  for (int n = 1; n <= LEGENDRE_TERMS; n++)
    factors[n] = (2.0 * n + 1.0) / (4.0 * G_PI * pow ((double) n * (n + 1), SPLINE_STIFFNESS));
  return factors;
}

static const double *
legendre_factors (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, build_legendre_factors, NULL);
}

/* g(t) = sum_n factors[n] P_n(t), with Bonnet's recurrence
 * (n + 1) P_{n+1} = (2n + 1) t P_n - n P_{n-1}. */
static double
spline_kernel (const double *factors, double t)
{
  double previous = 1.0, current = t, sum = factors[1] * t;
  for (int n = 1; n < LEGENDRE_TERMS; n++)
    {
      double next = ((2.0 * n + 1.0) * t * current - n * previous) / (n + 1.0);
      previous = current;
      current = next;
      sum += factors[n + 1] * current;
    }
  return sum;
}

/* The montage's plane -> the unit sphere: the inverse of its azimuthal
 * equidistant projection (radius 0.5 = the equator). */
static void
plane_to_sphere (double x, double y, double p[3])
{
  double r = hypot (x, y), inclination = G_PI * r / (2.0 * SCMM_TOPOMAP_HEAD_RADIUS);
  double horizontal = sin (inclination);
  p[0] = r > 0.0 ? horizontal * x / r : 0.0;
  p[1] = r > 0.0 ? horizontal * y / r : 0.0;
  p[2] = cos (inclination);
}

static double
cosine (const double a[3], const double b[3])
{
  return CLAMP (a[0] * b[0] + a[1] * b[1] + a[2] * b[2], -1.0, 1.0);
}

/* kernel [E + 1]: g(cos(p, e_j)) for every electrode, then 1 for c0. */
static void
kernel_row (const double *factors, const double *sphere, int e, const double p[3],
            double *kernel)
{
  for (int j = 0; j < e; j++)
    kernel[j] = spline_kernel (factors, cosine (p, sphere + 3 * j));
  kernel[e] = 1.0;
}

/* Inverts a [n, n] in place by Gauss-Jordan elimination with partial
 * pivoting (the bordered spline matrix has a zero on its diagonal). FALSE
 * when it is singular. */
static gboolean
invert_in_place (double *a, int n)
{
  g_autofree double *work = g_new (double, (gsize) n * 2 * n);
  const int w = 2 * n;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < w; j++)
      work[i * w + j] = j < n ? a[i * n + j] : (j - n == i ? 1.0 : 0.0);

  for (int col = 0; col < n; col++)
    {
      int pivot = col;
      for (int i = col + 1; i < n; i++)
        if (fabs (work[i * w + col]) > fabs (work[pivot * w + col]))
          pivot = i;
      if (work[pivot * w + col] == 0.0)
        return FALSE;
      if (pivot != col)
        for (int j = 0; j < w; j++)
          {
            double t = work[col * w + j];
            work[col * w + j] = work[pivot * w + j];
            work[pivot * w + j] = t;
          }
      double scale = 1.0 / work[col * w + col];
      for (int j = 0; j < w; j++)
        work[col * w + j] *= scale;
      for (int i = 0; i < n; i++)
        {
          double f = work[i * w + col];
          if (i == col || f == 0.0)
            continue;
          for (int j = 0; j < w; j++)
            work[i * w + j] -= f * work[col * w + j];
        }
    }
  for (int i = 0; i < n; i++)
    memcpy (a + (gsize) i * n, work + (gsize) i * w + n, sizeof (double) * n);
  return TRUE;
}

/* ---- building a map ---- */

/* The channels with a known position not taken by an earlier one:
 * channel [E] and xy [E, 2] (caller's, n_channels long). Sets n_electrodes
 * and skipped. */
static void
choose_electrodes (ScmmTopomap *map, const char *const *names, int *channel, double *xy)
{
  GPtrArray *skipped = g_ptr_array_new ();
  int e = 0;
  for (int c = 0; c < map->n_channels; c++)
    {
      double x, y;
      gboolean known = names[c] != NULL && scmm_montage_position (names[c], &x, &y);
      for (int k = 0; known && k < e; k++)
        known = hypot (x - xy[2 * k], y - xy[2 * k + 1]) > SAME_POSITION;
      if (!known || e == SCMM_TOPOMAP_MAX_ELECTRODES)
        {
          g_ptr_array_add (skipped, g_strdup (names[c] != NULL ? names[c] : ""));
          continue;
        }
      xy[2 * e] = x;
      xy[2 * e + 1] = y;
      channel[e++] = c;
    }
  map->n_electrodes = e;
  g_ptr_array_add (skipped, NULL);
  map->skipped = (GStrv) g_ptr_array_free (skipped, FALSE);
}

static gboolean
cell_inside (const ScmmTopomap *map, int cell)
{
  double x, y;
  scmm_topomap_cell_centre (map, cell / map->grid, cell % map->grid, &x, &y);
  return hypot (x, y) <= map->radius;
}

/* Every array of a map in one allocation, as llm.c keeps its parameters
 * (spline first: doubles, then floats, then ints, so each is aligned). */
static void
allocate_arena (ScmmTopomap *map)
{
  const gsize e = map->n_electrodes, p = map->n_inside;
  double *arena = g_malloc (sizeof (double) * ((e + 1) * e + 3 * e)
                            + sizeof (float) * (p * e + 2 * e) + sizeof (int) * (e + p));
  map->spline = arena;
  map->electrode_sphere = map->spline + (e + 1) * e;
  map->interpolation = (float *) (map->electrode_sphere + 3 * e);
  map->electrode_xy = map->interpolation + p * e;
  map->electrode_channel = (int *) (map->electrode_xy + 2 * e);
  map->inside = map->electrode_channel + e;
}

static void
place_electrodes (ScmmTopomap *map, const int *channel, const double *xy)
{
  for (int j = 0; j < map->n_electrodes; j++)
    {
      map->electrode_channel[j] = channel[j];
      map->electrode_xy[2 * j] = (float) xy[2 * j];
      map->electrode_xy[2 * j + 1] = (float) xy[2 * j + 1];
      plane_to_sphere (xy[2 * j], xy[2 * j + 1], map->electrode_sphere + 3 * j);
    }
  int p = 0;
  for (int cell = 0; cell < map->grid * map->grid; cell++)
    if (cell_inside (map, cell))
      map->inside[p++] = cell;
}

/* The largest |(reproduced value) - (electrode value)| per unit of value:
 * how far [G 1] spline is from the identity. */
static double
reproduction_error (const double *system, const double *spline, int e)
{
  double worst = 0.0;
  for (int i = 0; i < e; i++)
    for (int j = 0; j < e; j++)
      {
        double s = 0.0;
        for (int k = 0; k <= e; k++)
          s += system[i * (e + 1) + k] * spline[k * e + j];
        worst = MAX (worst, fabs (s - (i == j ? 1.0 : 0.0)));
      }
  return worst;
}

/* spline [E + 1, E]: the first E columns of [G 1; 1^T 0]^-1. */
static gboolean
solve_spline (ScmmTopomap *map, GError **error)
{
  const int e = map->n_electrodes, n = e + 1;
  const double *factors = legendre_factors (), *sphere = map->electrode_sphere;
  g_autofree double *system = g_new (double, (gsize) n * n);
  for (int i = 0; i < e; i++)
    kernel_row (factors, sphere, e, sphere + 3 * i, system + (gsize) i * n);
  for (int j = 0; j < e; j++)
    system[(gsize) e * n + j] = 1.0;
  system[(gsize) e * n + e] = 0.0;

  g_autofree double *inverse = g_memdup2 (system, sizeof (double) * n * n);
  gboolean ok = invert_in_place (inverse, n);
  for (int k = 0; ok && k < n; k++)
    memcpy (map->spline + (gsize) k * e, inverse + (gsize) k * n, sizeof (double) * e);
  if (!ok || reproduction_error (system, map->spline, e) > MAX_REPRODUCTION_ERROR)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                   "the spherical spline of these %d electrodes cannot be solved accurately: "
                   "two electrodes are almost at the same place; leave one of them out", e);
      return FALSE;
    }
  return TRUE;
}

/* interpolation [P, E] = kernel rows [P, E + 1] . spline [E + 1, E], a
 * chunk of cells at a time. */
static void
fill_interpolation (ScmmTopomap *map)
{
  const int e = map->n_electrodes, g = map->grid;
  const double *factors = legendre_factors ();
  g_autofree double *kernel = g_new (double, (gsize) BUILD_CHUNK * (e + 1));
  g_autofree double *weights = g_new (double, (gsize) BUILD_CHUNK * e);
  for (int start = 0; start < map->n_inside; start += BUILD_CHUNK)
    {
      int rows = MIN (BUILD_CHUNK, map->n_inside - start);
      for (int r = 0; r < rows; r++)
        {
          int cell = map->inside[start + r];
          double x, y, p[3];
          scmm_topomap_cell_centre (map, cell / g, cell % g, &x, &y);
          plane_to_sphere (x, y, p);
          kernel_row (factors, map->electrode_sphere, e, p, kernel + (gsize) r * (e + 1));
        }
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, e, e + 1, 1.0, kernel, e + 1,
                   map->spline, e, 0.0, weights, e);
      float *out = map->interpolation + (gsize) start * e;
      for (gsize k = 0; k < (gsize) rows * e; k++)
        out[k] = (float) weights[k];
    }
}

ScmmTopomap *
scmm_topomap_new (const char *const *channel_names, int n_channels, int grid, GError **error)
{
  if (grid < 2 || grid > SCMM_TOPOMAP_MAX_GRID)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "a scalp map's grid must be 2 to %d cells wide, not %d",
                   SCMM_TOPOMAP_MAX_GRID, grid);
      return NULL;
    }
  if (n_channels < 1 || channel_names == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "a scalp map needs at least one channel");
      return NULL;
    }
  g_autoptr (ScmmTopomap) map = g_new0 (ScmmTopomap, 1);
  map->grid = grid;
  map->radius = DISC_MARGIN * SCMM_TOPOMAP_HEAD_RADIUS;
  map->n_channels = n_channels;
  g_autofree int *channel = g_new (int, n_channels);
  g_autofree double *xy = g_new (double, 2 * (gsize) n_channels);
  choose_electrodes (map, channel_names, channel, xy);
  if (map->n_electrodes == 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "none of the %d channels (%s%s) has a known scalp position: name the "
                   "channels in the 10-05 system (Fp1, Cz, O2, ...)", n_channels,
                   channel_names[0] != NULL ? channel_names[0] : "unnamed",
                   n_channels > 1 ? ", ..." : "");
      return NULL;
    }
  for (int cell = 0; cell < grid * grid; cell++)
    map->n_inside += cell_inside (map, cell);
  allocate_arena (map);
  place_electrodes (map, channel, xy);
  if (!solve_spline (map, error))
    return NULL;
  fill_interpolation (map);
  return g_steal_pointer (&map);
}

void
scmm_topomap_free (ScmmTopomap *map)
{
  if (map != NULL)
    {
      g_strfreev (map->skipped);
      g_free (map->spline);   /* the arena: every array */
    }
  g_free (map);
}

void
scmm_topomap_cell_centre (const ScmmTopomap *map, int row, int col, double *x, double *y)
{
  *x = map->radius * (2.0 * (col + 0.5) / map->grid - 1.0);
  *y = map->radius * (1.0 - 2.0 * (row + 0.5) / map->grid);
}

/* ---- using a map ---- */

static void
gather_electrode_values (const ScmmTopomap *map, const float *values, float *electrode_values)
{
  for (int j = 0; j < map->n_electrodes; j++)
    electrode_values[j] = values[map->electrode_channel[j]];
}

void
scmm_topomap_render (const ScmmTopomap *map, const float *values, float *grid_out)
{
  float v[SCMM_TOPOMAP_MAX_ELECTRODES];
  gather_electrode_values (map, values, v);
  cblas_sgemv (CblasRowMajor, CblasNoTrans, map->n_inside, map->n_electrodes, 1.0f,
               map->interpolation, map->n_electrodes, v, 1, 0.0f, grid_out, 1);
  /* grid_out[0..P) holds the inside cells in order; spread them to their
   * places from the back (inside[p] >= p, so nothing is overwritten before
   * it is read) and fill the rest with NAN. */
  int p = map->n_inside - 1;
  for (int cell = map->grid * map->grid - 1; cell >= 0; cell--)
    grid_out[cell] = p >= 0 && map->inside[p] == cell ? grid_out[p--] : NAN;
}

float
scmm_topomap_value_at (const ScmmTopomap *map, const float *values, double x, double y)
{
  const int e = map->n_electrodes;
  float v[SCMM_TOPOMAP_MAX_ELECTRODES];
  double kernel[SCMM_TOPOMAP_MAX_ELECTRODES + 1], p[3];
  gather_electrode_values (map, values, v);
  plane_to_sphere (x, y, p);
  kernel_row (legendre_factors (), map->electrode_sphere, e, p, kernel);
  /* value = kernel . (spline . v) */
  double value = 0.0;
  for (int k = 0; k <= e; k++)
    {
      double coefficient = 0.0;
      for (int j = 0; j < e; j++)
        coefficient += map->spline[(gsize) k * e + j] * v[j];
      value += kernel[k] * coefficient;
    }
  return (float) value;
}

/* ---- the head outline ---- */

#define HEAD_POINTS 101            /* 100 segments, closed */
#define EAR_POINTS  11
#define NOSE_HALF_ANGLE_DEG 10.0
#define NOSE_TIP_Y  0.56
#define EAR_CENTRE_Y (-0.02)
#define EAR_HALF_HEIGHT 0.09
#define EAR_DEPTH   0.04

typedef struct {
  float           head[HEAD_POINTS * 2];
  float           nose[3 * 2];
  float           left_ear[EAR_POINTS * 2];
  float           right_ear[EAR_POINTS * 2];
  ScmmHeadOutline outline;
} HeadCartoon;

/* The right ear: a half ellipse whose ends sit on the circle. */
static void
build_right_ear (float *xy)
{
  const double r = SCMM_TOPOMAP_HEAD_RADIUS;
  for (int k = 0; k < EAR_POINTS; k++)
    {
      double phi = G_PI * ((double) k / (EAR_POINTS - 1) - 0.5);   /* -90 .. 90 degrees */
      double y = EAR_CENTRE_Y + EAR_HALF_HEIGHT * sin (phi);
      xy[2 * k] = (float) (sqrt (r * r - y * y) + EAR_DEPTH * cos (phi));
      xy[2 * k + 1] = (float) y;
    }
}

static gpointer
build_head_cartoon (gpointer data)
{
  static HeadCartoon c;
  const double r = SCMM_TOPOMAP_HEAD_RADIUS;
  for (int k = 0; k < HEAD_POINTS; k++)
    {
      double a = 2.0 * G_PI * (k % (HEAD_POINTS - 1)) / (HEAD_POINTS - 1);
      c.head[2 * k] = (float) (r * sin (a));
      c.head[2 * k + 1] = (float) (r * cos (a));
    }
  double side = NOSE_HALF_ANGLE_DEG * G_PI / 180.0;
  const float nose[] = { (float) (-r * sin (side)), (float) (r * cos (side)), 0.0f,
                         (float) NOSE_TIP_Y, (float) (r * sin (side)), (float) (r * cos (side)) };
  memcpy (c.nose, nose, sizeof nose);
  build_right_ear (c.right_ear);
  for (int k = 0; k < EAR_POINTS; k++)
    {
      c.left_ear[2 * k] = -c.right_ear[2 * k];
      c.left_ear[2 * k + 1] = c.right_ear[2 * k + 1];
    }
  c.outline = (ScmmHeadOutline) {
    .head = { HEAD_POINTS, c.head },
    .nose = { 3, c.nose },
    .left_ear = { EAR_POINTS, c.left_ear },
    .right_ear = { EAR_POINTS, c.right_ear },
  };
  return &c.outline;
}

const ScmmHeadOutline *
scmm_topomap_head_outline (void)
{
  static GOnce once = G_ONCE_INIT;
  return g_once (&once, build_head_cartoon, NULL);
}
