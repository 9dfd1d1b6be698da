/* test-maxpool.c: -inf padding, output lengths, first-maximum routing. */
#include <math.h>

#include "scmm-maxpool.h"
#include "scmm-test-util.h"

/* The encoder's pools (k 2, s 2, pad 1): 6 -> 4, 5 -> 3, 4 -> 3. */
static void
test_maxpool_lengths (void)
{
  g_assert_cmpint (scmm_maxpool_shape (1, 1, 6, 2, 2, 1).out_len, ==, 4);
  g_assert_cmpint (scmm_maxpool_shape (1, 1, 5, 2, 2, 1).out_len, ==, 3);
  g_assert_cmpint (scmm_maxpool_shape (1, 1, 4, 2, 2, 1).out_len, ==, 3);
}

static void
test_maxpool_padding_and_values (void)
{
  /* Negative inputs: zero padding would win; -inf padding must not. */
  const float x[6] = { -3, -1, -2, -5, -4, -6 };
  ScmmMaxPoolShape s = scmm_maxpool_shape (1, 1, 6, 2, 2, 1);
  float y[4];
  int32_t arg[4];
  scmm_maxpool_forward (y, arg, x, &s);
  const float expect[4] = { -3, -1, -4, -6 };   /* windows {pad,0} {1,2} {3,4} {5,pad} */
  const int32_t expect_arg[4] = { 0, 1, 4, 5 };
  for (int t = 0; t < 4; t++)
    {
      g_assert_cmpfloat (y[t], ==, expect[t]);
      g_assert_cmpint (arg[t], ==, expect_arg[t]);
    }
}

static void
test_maxpool_ties_route_to_first (void)
{
  const float x[5] = { 1, 2, 2, 0, 0 };
  ScmmMaxPoolShape s = scmm_maxpool_shape (1, 1, 5, 2, 2, 1);
  float y[3], dx[5] = { 0 };
  int32_t arg[3];
  const float dy[3] = { 1, 10, 100 };
  scmm_maxpool_forward (y, arg, x, &s);
  scmm_maxpool_backward (dx, dy, arg, &s);
  /* windows {pad,0} {1,2} {3,4}: the tie 2 = 2 goes to index 1, 0 = 0 to index 3 */
  const float expect[5] = { 1, 10, 0, 100, 0 };
  for (int i = 0; i < 5; i++)
    g_assert_cmpfloat (dx[i], ==, expect[i]);
}

typedef struct {
  ScmmMaxPoolShape s;
  float *x, *y, *w;
  int32_t *arg;
} PoolCase;

static double
pool_loss (gpointer data)
{
  PoolCase *c = data;
  scmm_maxpool_forward (c->y, c->arg, c->x, &c->s);
  return scmm_test_dot (c->y, c->w, (gsize) c->s.n * c->s.ch * c->s.out_len);
}

static void
test_maxpool_gradcheck (void)
{
  ScmmRng rng;
  scmm_rng_init (&rng, 3);
  PoolCase c = { .s = scmm_maxpool_shape (4, 3, 6, 2, 2, 1) };
  gsize nx = 4 * 3 * 6, ny = 4 * 3 * c.s.out_len;
  c.x = g_new (float, nx);
  c.y = g_new (float, ny);
  c.w = g_new (float, ny);
  c.arg = g_new (int32_t, ny);
  /* Distinct values spaced well beyond the finite-difference step. */
  for (gsize i = 0; i < nx; i++)
    c.x[i] = (float) ((i * 37) % nx) * 0.1f - 3.0f;
  scmm_test_fill_uniform (c.w, ny, &rng, -1, 1);
  float *dx = g_new0 (float, nx);
  pool_loss (&c);
  scmm_maxpool_backward (dx, c.w, c.arg, &c.s);
  scmm_test_gradcheck ("maxpool dx", pool_loss, &c, c.x, dx, nx, 1e-2f, (int) nx, 2e-3, &rng);
  g_free (dx); g_free (c.x); g_free (c.y); g_free (c.w); g_free (c.arg);
}

/* The fast path for kernel 2, stride 2, padding 1 against the definition
 * (first maximum wins, NaN propagates), on data full of ties. */
static void
test_maxpool_fast_path_matches_definition (void)
{
  ScmmRng rng;
  scmm_rng_init (&rng, 17);
  for (int len = 1; len <= 7; len++)
    {
      ScmmMaxPoolShape s = scmm_maxpool_shape (3, 2, len, 2, 2, 1);
      gsize nx = 6 * (gsize) len, ny = 6 * (gsize) s.out_len;
      float *x = g_new (float, nx), *y = g_new (float, ny);
      int32_t *arg = g_new (int32_t, ny);
      for (gsize i = 0; i < nx; i++)
        x[i] = (float) scmm_rng_below (&rng, 3);   /* many ties */
      x[nx / 2] = NAN;
      scmm_maxpool_forward (y, arg, x, &s);
      for (gsize r = 0; r < 6; r++)
        for (int t = 0; t < s.out_len; t++)
          {
            int best = -1;
            for (int l = 2 * t - 1; l <= 2 * t; l++)
              if (l >= 0 && l < len && (best < 0 || isnan (x[r * len + l])
                                        || (!isnan (x[r * len + best]) && x[r * len + l] > x[r * len + best])))
                best = l;
            g_assert_cmpint (arg[r * s.out_len + t], ==, best);
          }
      g_free (x); g_free (y); g_free (arg);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/maxpool/lengths", test_maxpool_lengths);
  g_test_add_func ("/maxpool/padding-and-values", test_maxpool_padding_and_values);
  g_test_add_func ("/maxpool/ties-route-to-first", test_maxpool_ties_route_to_first);
  g_test_add_func ("/maxpool/gradcheck", test_maxpool_gradcheck);
  g_test_add_func ("/maxpool/fast-path-matches-definition", test_maxpool_fast_path_matches_definition);
  return g_test_run ();
}
