/* scmm-tsne.c: exact t-SNE to 2-D. */
#include "scmm-tsne.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-finite.h"
#include "scmm-rng.h"

/* The perplexity search (van der Maaten's x2p): entropy within 1e-5 nats
 * of the target, at most 50 halvings. */
#define ENTROPY_TOLERANCE 1e-5
#define SEARCH_STEPS      50
#define MIN_AFFINITY      1e-12
#define MIN_GAIN          0.01
#define INITIAL_STD       1e-2    /* y ~ N(0, 1e-4 I) */
#define MAX_ITERATIONS    100000

ScmmTsneConfig
scmm_tsne_config_default (void)
{
  return (ScmmTsneConfig) {
    .perplexity = 30.0,
    .iterations = 1000,
    .learning_rate = 100.0,
    .exaggeration = 4.0,
    .exaggeration_iterations = 50,
    .initial_momentum = 0.5,
    .final_momentum = 0.8,
    .momentum_switch = 250,
    .seed = 42,
  };
}

/* "the t-SNE <setting> must be <range>, not <value>" */
static gboolean
invalid (GError **error, const char *setting, const char *range, double value)
{
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT, "the t-SNE %s must be %s, not %g",
               setting, range, value);
  return FALSE;
}

static gboolean
check_settings (const ScmmTsneConfig *c, GError **error)
{
  if (!(c->iterations >= 1 && c->iterations <= MAX_ITERATIONS))
    return invalid (error, "iteration count", "1 to 100000", c->iterations);
  if (!(c->learning_rate > 0.0 && isfinite (c->learning_rate)))
    return invalid (error, "learning rate", "positive", c->learning_rate);
  if (!(c->exaggeration >= 1.0 && isfinite (c->exaggeration)))
    return invalid (error, "early exaggeration", "1 or more", c->exaggeration);
  if (!(c->initial_momentum >= 0.0 && c->initial_momentum < 1.0))
    return invalid (error, "initial momentum", "in [0, 1)", c->initial_momentum);
  if (!(c->final_momentum >= 0.0 && c->final_momentum < 1.0))
    return invalid (error, "final momentum", "in [0, 1)", c->final_momentum);
  return TRUE;
}

static gboolean
check_input (const float *x, int n, int d, const ScmmTsneConfig *c, GError **error)
{
  if (n > SCMM_TSNE_MAX_POINTS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "t-SNE here is exact (time and memory grow as n^2) and takes at most %d "
                   "points, not %d: pick fewer windows per corpus, or use PCA",
                   SCMM_TSNE_MAX_POINTS, n);
      return FALSE;
    }
  if (n < 3 || d < 1)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "t-SNE needs at least 3 points of at least 1 dimension, not %d x %d", n, d);
      return FALSE;
    }
  if (!(c->perplexity >= 1.0 && c->perplexity < n - 1))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "a t-SNE perplexity of %g needs more than %d points (there are %d): choose "
                   "a perplexity from 1 to below %d", c->perplexity,
                   (int) ceil (c->perplexity) + 1, n, n - 1);
      return FALSE;
    }
  return check_settings (c, error)
         && scmm_check_finite (x, (gsize) n, (gsize) d, "the points for t-SNE", error);
}

/* ---- input affinities ---- */

/* dist [n, n]: squared Euclidean distances, from the Gram matrix of the
 * centred points (centring keeps |a|^2 + |b|^2 - 2 a.b from cancelling). */
static float *
squared_distances (const float *x, int n, int d)
{
  g_autofree double *mean = g_new0 (double, d);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < d; j++)
      mean[j] += x[(gsize) i * d + j];
  g_autofree float *xc = g_new (float, (gsize) n * d);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < d; j++)
      xc[(gsize) i * d + j] = (float) (x[(gsize) i * d + j] - mean[j] / n);

  float *dist = g_new (float, (gsize) n * n);
  cblas_ssyrk (CblasRowMajor, CblasUpper, CblasNoTrans, n, d, 1.0f, xc, d, 0.0f, dist, n);
  for (int i = 0; i < n; i++)
    {
      float *row = dist + (gsize) i * n, norm_i = row[i];
      for (int j = i + 1; j < n; j++)
        row[j] = MAX (norm_i + dist[(gsize) j * n + j] - 2.0f * row[j], 0.0f);
    }
  for (int i = 0; i < n; i++)
    {
      dist[(gsize) i * n + i] = 0.0f;
      for (int j = 0; j < i; j++)
        dist[(gsize) i * n + j] = dist[(gsize) j * n + i];
    }
  return dist;
}

/* Replaces row i of dist by p_j|i with the perplexity's entropy. `work` [n]. */
static void
conditional_row (float *row, int n, int i, double log_perplexity, double *work)
{
  /* Distances relative to the nearest neighbour: the same p, no underflow. */
  double nearest = INFINITY;
  for (int j = 0; j < n; j++)
    if (j != i)
      nearest = MIN (nearest, (double) row[j]);
  double beta = 1.0, low = 0.0, high = INFINITY, sum = 0.0;
  for (int step = 0; step < SEARCH_STEPS; step++)
    {
      double weighted = 0.0;
      sum = 0.0;
      for (int j = 0; j < n; j++)
        {
          double shifted = row[j] - nearest;
          work[j] = j == i ? 0.0 : exp (-shifted * beta);
          sum += work[j];
          weighted += shifted * work[j];
        }
      double entropy = log (sum) + beta * weighted / sum;
      double excess = entropy - log_perplexity;
      if (fabs (excess) < ENTROPY_TOLERANCE)
        break;
      if (excess > 0.0)   /* too flat: sharpen */
        {
          low = beta;
          beta = isinf (high) ? 2.0 * beta : 0.5 * (beta + high);
        }
      else
        {
          high = beta;
          beta = 0.5 * (beta + low);
        }
    }
  for (int j = 0; j < n; j++)
    row[j] = (float) (work[j] / sum);
}

/* p [n, n]: the symmetric joint affinities of x. */
static float *
joint_affinities (const float *x, int n, int d, double perplexity)
{
  float *p = squared_distances (x, n, d);
  g_autofree double *work = g_new (double, n);
  for (int i = 0; i < n; i++)
    conditional_row (p + (gsize) i * n, n, i, log (perplexity), work);
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      {
        float s = (p[(gsize) i * n + j] + p[(gsize) j * n + i]) / (2.0f * n);
        p[(gsize) i * n + j] = p[(gsize) j * n + i] = MAX (s, (float) MIN_AFFINITY);
      }
  return p;
}

/* ---- the map ---- */

typedef struct {
  int     n;
  double *y[2];        /* [n] each: the map's coordinates */
  double *update[2];   /* the last step */
  double *gain[2];
  double *grad[2];
  float  *yf[2];       /* y in float, for the n^2 loops (twice the SIMD lanes) */
  float  *kernel;      /* [n, n] 1 / (1 + |y_i - y_j|^2), 0 on the diagonal */
  double  z;           /* sum of kernel */
} TsneMap;

static void
map_init (TsneMap *m, int n, uint64_t seed)
{
  ScmmRng rng;
  scmm_rng_init (&rng, seed);
  m->n = n;
  for (int a = 0; a < 2; a++)
    {
      m->y[a] = g_new (double, n);
      m->update[a] = g_new0 (double, n);
      m->gain[a] = g_new (double, n);
      m->grad[a] = g_new (double, n);
      m->yf[a] = g_new (float, n);
      for (int i = 0; i < n; i++)
        m->gain[a][i] = 1.0;
    }
  for (int i = 0; i < n; i++)
    for (int a = 0; a < 2; a++)
      m->y[a][i] = INITIAL_STD * scmm_rng_normal (&rng);
  m->kernel = g_new (float, (gsize) n * n);
}

static void
map_clear (TsneMap *m)
{
  for (int a = 0; a < 2; a++)
    {
      g_free (m->y[a]);
      g_free (m->update[a]);
      g_free (m->gain[a]);
      g_free (m->grad[a]);
      g_free (m->yf[a]);
    }
  g_free (m->kernel);
}

/* kernel and z for the current map. */
static void
compute_kernel (TsneMap *m)
{
  const int n = m->n;
  for (int a = 0; a < 2; a++)
    for (int i = 0; i < n; i++)
      m->yf[a][i] = (float) m->y[a][i];
  const float *y0 = m->yf[0], *y1 = m->yf[1];
  double z = 0.0;
  for (int i = 0; i < n; i++)
    {
      float *row = m->kernel + (gsize) i * n;
      float row_sum = 0.0f;
#pragma omp simd reduction(+ : row_sum)
      for (int j = 0; j < n; j++)
        {
          float dx = y0[i] - y0[j], dy = y1[i] - y1[j];
          float k = 1.0f / (1.0f + dx * dx + dy * dy);
          row[j] = k;
          row_sum += k;
        }
      row[i] = 0.0f;
      z += (double) row_sum - 1.0;
    }
  m->z = z;
}

/* grad = 4 sum_j (exaggeration p_ij - q_ij) kernel_ij (y_i - y_j). */
static void
compute_gradient (TsneMap *m, const float *p, double exaggeration)
{
  const int n = m->n;
  const float *y0 = m->yf[0], *y1 = m->yf[1];
  const float inv_z = (float) (1.0 / m->z), exaggerate = (float) exaggeration;
  for (int i = 0; i < n; i++)
    {
      const float *p_row = p + (gsize) i * n, *k_row = m->kernel + (gsize) i * n;
      float g0 = 0.0f, g1 = 0.0f;
#pragma omp simd reduction(+ : g0, g1)
      for (int j = 0; j < n; j++)
        {
          float f = (exaggerate * p_row[j] - k_row[j] * inv_z) * k_row[j];
          g0 += f * (y0[i] - y0[j]);
          g1 += f * (y1[i] - y1[j]);
        }
      m->grad[0][i] = 4.0 * g0;
      m->grad[1][i] = 4.0 * g1;
    }
}

/* One step with momentum and adaptive gains, then re-centring. */
static void
take_step (TsneMap *m, double learning_rate, double momentum)
{
  for (int a = 0; a < 2; a++)
    {
      double mean = 0.0;
      for (int i = 0; i < m->n; i++)
        {
          double g = m->grad[a][i], *gain = &m->gain[a][i], *u = &m->update[a][i];
          *gain = (g > 0.0) != (*u > 0.0) ? *gain + 0.2 : *gain * 0.8;
          *gain = MAX (*gain, MIN_GAIN);
          *u = momentum * *u - learning_rate * *gain * g;
          m->y[a][i] += *u;
          mean += m->y[a][i];
        }
      mean /= m->n;
      for (int i = 0; i < m->n; i++)
        m->y[a][i] -= mean;
    }
}

/* KL(P || Q) of the map whose kernel was last computed. */
static double
kl_divergence (const TsneMap *m, const float *p)
{
  const gsize nn = (gsize) m->n * m->n;
  const double log_z = log (m->z);
  double kl = 0.0;
  for (gsize k = 0; k < nn; k++)
    if (p[k] > 0.0f && m->kernel[k] > 0.0f)
      kl += p[k] * (log (p[k]) - log (m->kernel[k]) + log_z);
  return kl;
}

static gboolean
report (const TsneMap *m, const float *p, int iteration, int iterations,
        ScmmTsneProgress progress, gpointer user_data, GError **error)
{
  if (progress == NULL || progress (iteration, iterations, kl_divergence (m, p), user_data))
    return TRUE;
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_CANCELLED, "t-SNE stopped after %d of %d iterations",
               iteration, iterations);
  return FALSE;
}

gboolean
scmm_tsne (const float *x, int n, int d, const ScmmTsneConfig *config, ScmmTsneProgress progress,
           gpointer user_data, float *y, GError **error)
{
  if (!check_input (x, n, d, config, error))
    return FALSE;
  g_autofree float *p = joint_affinities (x, n, d, config->perplexity);
  TsneMap m;
  map_init (&m, n, config->seed);
  gboolean ok = TRUE;
  for (int it = 0; ok && it < config->iterations; it++)
    {
      compute_kernel (&m);
      if (it > 0 && it % SCMM_TSNE_REPORT_EVERY == 0
          && !(ok = report (&m, p, it, config->iterations, progress, user_data, error)))
        break;
      double exaggeration = it < config->exaggeration_iterations ? config->exaggeration : 1.0;
      double momentum = it < config->momentum_switch ? config->initial_momentum
                                                     : config->final_momentum;
      compute_gradient (&m, p, exaggeration);
      take_step (&m, config->learning_rate, momentum);
    }
  if (ok)
    {
      compute_kernel (&m);
      ok = report (&m, p, config->iterations, config->iterations, progress, user_data, error);
    }
  for (int i = 0; ok && i < n; i++)
    {
      y[2 * i] = (float) m.y[0][i];
      y[2 * i + 1] = (float) m.y[1][i];
    }
  map_clear (&m);
  return ok;
}
