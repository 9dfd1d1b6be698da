/* scmm-test-util.c: helpers shared by the engine tests. */
#include "scmm-test-util.h"

#include <math.h>
#include <string.h>

#include "scmm-error.h"

const char *
scmm_test_fixtures_dir (void)
{
  return SCMM_TEST_FIXTURES_DIR;
}

char *
scmm_test_fixture (const char *relative)
{
  return g_build_filename (SCMM_TEST_FIXTURES_DIR, relative, NULL);
}

void
scmm_test_assert_error (GError **error, int code, const char *fragment)
{
  g_assert_error (*error, SCMM_ERROR, code);
  if (fragment != NULL && strstr ((*error)->message, fragment) == NULL)
    g_error ("the message “%s” does not say “%s”", (*error)->message, fragment);
  g_clear_error (error);
}

ScmmH5 *
scmm_test_open_fixture (const char *relative)
{
  g_autofree char *path = scmm_test_fixture (relative);
  GError *error = NULL;
  ScmmH5 *h5 = scmm_h5_open (path, &error);
  g_assert_no_error (error);
  return h5;
}

void
scmm_test_fill_uniform (float *v, gsize n, ScmmRng *rng, float lo, float hi)
{
  for (gsize i = 0; i < n; i++)
    v[i] = lo + (hi - lo) * scmm_rng_uniform (rng);
}

double
scmm_test_dot (const float *a, const float *b, gsize n)
{
  double s = 0.0;
  for (gsize i = 0; i < n; i++)
    s += (double) a[i] * b[i];
  return s;
}

static double
central_difference (ScmmTestLossFunc loss, gpointer data, float *x, gsize i, float eps)
{
  float saved = x[i];
  x[i] = saved + eps;
  double up = loss (data);
  x[i] = saved - eps;
  double down = loss (data);
  x[i] = saved;
  /* The step actually taken, after float rounding. */
  double h = ((double) (saved + eps) - (double) (saved - eps));
  return (up - down) / h;
}

/* (L(x + eps v) - L(x - eps v)) / 2 eps for a unit direction v. */
static double
directional_difference (ScmmTestLossFunc loss, gpointer data, float *x, const float *saved,
                        const float *v, gsize n, float eps)
{
  for (gsize i = 0; i < n; i++)
    x[i] = saved[i] + eps * v[i];
  double up = loss (data);
  for (gsize i = 0; i < n; i++)
    x[i] = saved[i] - eps * v[i];
  double down = loss (data);
  memcpy (x, saved, sizeof (float) * n);
  return (up - down) / (2.0 * eps);
}

double
scmm_test_gradcheck (const char *label, ScmmTestLossFunc loss, gpointer data, float *x,
                     const float *grad, gsize n, float eps, int samples, double tolerance,
                     ScmmRng *rng)
{
  double gmax = 0.0, gnorm = 0.0;
  gsize argmax = 0;
  for (gsize i = 0; i < n; i++)
    {
      gnorm += (double) grad[i] * grad[i];
      if (fabs (grad[i]) > gmax)
        {
          gmax = fabs (grad[i]);
          argmax = i;
        }
    }
  gnorm = sqrt (gnorm);
  double worst = 0.0;
  int checked = 0, near_kink = 0;

  /* Elements: the largest gradient, then others. An element whose difference
   * quotients at eps and eps/2 disagree sits next to a kink (ReLU, max-pool)
   * where no finite difference is meaningful: it is counted and skipped. */
  for (int s = 0; s < samples && (gsize) s < n; s++)
    {
      gsize i = s == 0 ? argmax : (n <= (gsize) samples ? (gsize) s : scmm_rng_below (rng, n));
      double fd = central_difference (loss, data, x, i, eps);
      double fd_half = central_difference (loss, data, x, i, eps / 2);
      double floor = 1e-2 * gmax + 1e-12;
      if (fabs (fd - fd_half) > tolerance * MAX (MAX (fabs (fd), fabs (fd_half)), floor))
        {
          near_kink++;
          continue;
        }
      double err = fabs (fd - grad[i]) / MAX (MAX (fabs (fd), fabs (grad[i])), floor);
      if (err > tolerance)
        g_error ("%s: gradient of element %" G_GSIZE_FORMAT ": analytic %.8g, finite "
                 "difference %.8g (relative error %.3g > %.3g)",
                 label, i, (double) grad[i], fd, err, tolerance);
      worst = MAX (worst, err);
      checked++;
    }
  if (near_kink > checked)
    g_error ("%s: %d of %d elements sit next to kinks; the check says nothing", label,
             near_kink, near_kink + checked);

  /* Directional derivatives, measured against |grad|: along the gradient
   * itself (the derivative is |grad|) and along random directions. */
  float *direction = g_new (float, n);
  float *saved = g_memdup2 (x, sizeof (float) * n);
  for (int k = 0; k < 3 && gnorm > 0.0; k++)
    {
      double norm = 0.0;
      for (gsize i = 0; i < n; i++)
        {
          direction[i] = k == 0 ? grad[i] : (float) scmm_rng_normal (rng);
          norm += (double) direction[i] * direction[i];
        }
      norm = sqrt (norm);
      for (gsize i = 0; i < n; i++)
        direction[i] = (float) (direction[i] / norm);
      double analytic = scmm_test_dot (direction, grad, n);
      double fd = directional_difference (loss, data, x, saved, direction, n, eps);
      double err = fabs (fd - analytic) / gnorm;
      if (err > tolerance)
        g_error ("%s: directional derivative %s: analytic %.8g, finite difference %.8g "
                 "(error %.3g |grad| > %.3g)", label, k == 0 ? "along the gradient" : "random",
                 analytic, fd, err, tolerance);
      worst = MAX (worst, err);
    }
  g_free (direction);
  g_free (saved);
  g_test_message ("%s: %d elements and 3 directions checked (%d next to kinks skipped); "
                  "worst relative error %.3g", label, checked, near_kink, worst);
  return worst;
}

double
scmm_test_assert_close (const char *what, const float *actual, const float *expected, gsize n,
                        double rtol, double atol)
{
  double max_expected = 0.0, max_diff = 0.0;
  gsize where = 0;
  for (gsize i = 0; i < n; i++)
    {
      max_expected = MAX (max_expected, fabs (expected[i]));
      double d = fabs ((double) actual[i] - expected[i]);
      if (!(d <= max_diff))   /* NaN counts as the worst */
        {
          max_diff = isnan (d) ? INFINITY : d;
          where = i;
        }
    }
  if (!(max_diff <= rtol * max_expected + atol))
    g_error ("%s: element %" G_GSIZE_FORMAT " is %.9g, expected %.9g (max |diff| %.3g > "
             "%.1g x max |expected| %.3g + %.1g)", what, where, (double) actual[where],
             (double) expected[where], max_diff, rtol, max_expected, atol);
  return max_expected > 0.0 ? max_diff / max_expected : max_diff;
}

float *
scmm_test_read_expected (ScmmH5 *h5, const char *name, gsize n)
{
  GError *error = NULL;
  ScmmShape shape;
  float *v = scmm_h5_read_f32 (h5, name, NULL, &shape, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scmm_shape_numel (&shape), ==, (gint64) n);
  return v;
}
