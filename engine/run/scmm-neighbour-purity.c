/* scmm-neighbour-purity.c: k-nearest-neighbour purity of a grouping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "scmm-neighbour-purity.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-finite.h"

/* Rows of the distance matrix formed at a time: BLOCK x m floats. */
#define BLOCK 128

/* The k smallest distances seen so far, ascending, with their points. */
typedef struct {
  int    k;
  int    filled;
  float *distance;
  int   *point;
} Nearest;

static void
nearest_offer (Nearest *nearest, float distance, int point)
{
  if (nearest->filled == nearest->k && distance >= nearest->distance[nearest->k - 1])
    return;
  int i = nearest->filled < nearest->k ? nearest->filled++ : nearest->k - 1;
  /* Insertion: strictly greater ones move up, so an equal earlier point stays first. */
  while (i > 0 && nearest->distance[i - 1] > distance)
    {
      nearest->distance[i] = nearest->distance[i - 1];
      nearest->point[i] = nearest->point[i - 1];
      i--;
    }
  nearest->distance[i] = distance;
  nearest->point[i] = point;
}

/* The points taking part, copied together and centred on their mean: xs
 * [m, d], gs [m]. The distances do not change; |a|^2 + |b|^2 - 2 a.b loses
 * less to cancellation (encoder outputs are all >= 0: a tight cloud far
 * from the origin). */
static int
gather (const float *x, int n, int d, const int *group, float **xs, int **gs)
{
  int m = 0;
  for (int i = 0; i < n; i++)
    m += group[i] >= 0;
  *xs = g_new (float, (gsize) MAX (m, 1) * d);
  *gs = g_new (int, MAX (m, 1));
  for (int i = 0, r = 0; i < n; i++)
    if (group[i] >= 0)
      {
        memcpy (*xs + (gsize) r * d, x + (gsize) i * d, sizeof (float) * d);
        (*gs)[r++] = group[i];
      }
  g_autofree double *mean = g_new0 (double, d);
  for (int r = 0; r < m; r++)
    for (int c = 0; c < d; c++)
      mean[c] += (*xs)[(gsize) r * d + c];
  for (int r = 0; r < m; r++)
    for (int c = 0; c < d; c++)
      (*xs)[(gsize) r * d + c] -= (float) (mean[c] / m);
  return m;
}

gboolean
scmm_neighbour_purity (const float *x, int n, int d, const int *group, int k, double *purity,
                       GError **error)
{
  if (k < 1 || d < 1)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the neighbour purity needs k >= 1 neighbours of points of at least one "
                   "dimension, not k = %d, d = %d", k, d);
      return FALSE;
    }
  if (!scmm_check_finite (x, (gsize) n, (gsize) d, "the points whose neighbours are counted",
                          error))
    return FALSE;
  g_autofree float *xs = NULL;
  g_autofree int *gs = NULL;
  const int m = gather (x, n, d, group, &xs, &gs);
  if (m < k + 1)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "%d nearest neighbours need at least %d points, not %d", k, k + 1, m);
      return FALSE;
    }

  g_autofree float *norm = g_new (float, m);
  for (int i = 0; i < m; i++)
    norm[i] = cblas_sdot (d, xs + (gsize) i * d, 1, xs + (gsize) i * d, 1);
  g_autofree float *dot = g_new (float, (gsize) BLOCK * m);
  g_autofree float *distance = g_new (float, k);
  g_autofree int *point = g_new (int, k);
  double same = 0.0;
  for (int r0 = 0; r0 < m; r0 += BLOCK)
    {
      const int rows = MIN (BLOCK, m - r0);
      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, rows, m, d, 1.0f,
                   xs + (gsize) r0 * d, d, xs, d, 0.0f, dot, m);
      for (int r = 0; r < rows; r++)
        {
          const int i = r0 + r;
          const float *row = dot + (gsize) r * m;
          Nearest nearest = { k, 0, distance, point };
          for (int j = 0; j < m; j++)
            if (j != i)
              nearest_offer (&nearest, norm[i] + norm[j] - 2.0f * row[j], j);
          int hits = 0;
          for (int q = 0; q < k; q++)
            hits += gs[point[q]] == gs[i];
          same += (double) hits / k;
        }
    }
  *purity = same / m;
  return TRUE;
}

double
scmm_neighbour_purity_chance (const int *group, int n)
{
  g_autoptr (GHashTable) sizes = g_hash_table_new (g_direct_hash, g_direct_equal);
  double m = 0.0;
  for (int i = 0; i < n; i++)
    if (group[i] >= 0)
      {
        gpointer key = GINT_TO_POINTER (group[i]);
        int size = GPOINTER_TO_INT (g_hash_table_lookup (sizes, key));
        g_hash_table_insert (sizes, key, GINT_TO_POINTER (size + 1));
        m += 1.0;
      }
  if (m < 2.0)
    return NAN;
  double pairs = 0.0;
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, sizes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      double size = GPOINTER_TO_INT (value);
      pairs += size * (size - 1.0);
    }
  return pairs / (m * (m - 1.0));
}
