/* test-masking.c: the four mask modes: rates, structure, determinism, and
 * how masks are applied. */
#include <string.h>

#include "scmm-masking.h"
#include "scmm-test-util.h"

enum { B = 400, C = 62, F = 5 };

typedef struct {
  double kept;              /* fraction of values kept */
  double uniform_channels;  /* fraction of channels all kept or all masked */
  double uniform_rows;      /* fraction of rows whose channels are all uniform */
} MaskStats;

static MaskStats
mask_stats_ratio (ScmmMaskMode mode, int views, float ratio)
{
  ScmmMaskConfig config = SCMM_MASK_CONFIG_DEFAULT;
  config.mode = mode;
  config.views = views;
  config.ratio = ratio;
  guint8 *keep = g_new (guint8, (gsize) views * B * C * F);
  ScmmRng rng;
  scmm_rng_init (&rng, 42);
  scmm_masking_generate (keep, &rng, &config, B, C, F);
  MaskStats st = { 0 };
  gsize kept = 0, uniform = 0, uniform_rows = 0;
  for (int n = 0; n < views * B; n++)
    {
      gboolean row_uniform = TRUE;
      for (int c = 0; c < C; c++)
        {
          const guint8 *k = keep + ((gsize) n * C + c) * F;
          int s = 0;
          for (int f = 0; f < F; f++)
            {
              g_assert_true (k[f] == 0 || k[f] == 1);
              s += k[f];
            }
          kept += s;
          gboolean u = s == 0 || s == F;
          uniform += u;
          row_uniform &= u;
        }
      uniform_rows += row_uniform;
    }
  st.kept = (double) kept / ((double) views * B * C * F);
  st.uniform_channels = (double) uniform / ((double) views * B * C);
  st.uniform_rows = (double) uniform_rows / ((double) views * B);
  g_free (keep);
  return st;
}

static MaskStats
mask_stats (ScmmMaskMode mode, int views)
{
  return mask_stats_ratio (mode, views, 0.5f);
}

/* An element-wise channel is uniform by chance with probability 2 / 2^5. */
#define CHANCE_UNIFORM (2.0 / 32.0)

static void
test_masking_hybrid (void)
{
  MaskStats st = mask_stats (SCMM_MASK_HYBRID, 1);
  g_assert_cmpfloat_with_epsilon (st.kept, 0.5, 0.01);
  /* channel masks (delta = 0.1) plus element-wise ones uniform by chance */
  g_assert_cmpfloat_with_epsilon (st.uniform_channels, 0.1 + 0.9 * CHANCE_UNIFORM, 0.01);
  g_assert_cmpfloat (st.uniform_rows, ==, 0.0);
}

static void
test_masking_random (void)
{
  MaskStats st = mask_stats (SCMM_MASK_RANDOM, 2);
  g_assert_cmpfloat_with_epsilon (st.kept, 0.5, 0.01);
  g_assert_cmpfloat_with_epsilon (st.uniform_channels, CHANCE_UNIFORM, 0.01);
}

static void
test_masking_channel (void)
{
  MaskStats st = mask_stats (SCMM_MASK_CHANNEL, 1);
  g_assert_cmpfloat_with_epsilon (st.kept, 0.5, 0.01);
  g_assert_cmpfloat (st.uniform_channels, ==, 1.0);
}

static void
test_masking_parallel (void)
{
  /* One decision per row: about delta of the rows are channel-masked throughout. */
  MaskStats st = mask_stats (SCMM_MASK_PARALLEL, 1);
  g_assert_cmpfloat_with_epsilon (st.kept, 0.5, 0.01);
  g_assert_cmpfloat_with_epsilon (st.uniform_rows, 0.1, 0.03);
}

/* r is the probability of MASKING: at r = 0.3, 70 % of the values stay,
 * in every mode. */
static void
test_masking_ratio (void)
{
  const ScmmMaskMode modes[] = { SCMM_MASK_HYBRID, SCMM_MASK_RANDOM, SCMM_MASK_CHANNEL,
                                 SCMM_MASK_PARALLEL };
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    g_assert_cmpfloat_with_epsilon (mask_stats_ratio (modes[i], 1, 0.3f).kept, 0.7, 0.01);
}

static void
test_masking_deterministic (void)
{
  ScmmMaskConfig config = SCMM_MASK_CONFIG_DEFAULT;
  guint8 *a = g_new (guint8, 8 * C * F), *b = g_new (guint8, 8 * C * F);
  ScmmRng r1, r2;
  scmm_rng_init (&r1, 1);
  scmm_rng_init (&r2, 1);
  scmm_masking_generate (a, &r1, &config, 8, C, F);
  scmm_masking_generate (b, &r2, &config, 8, C, F);
  g_assert_cmpmem (a, 8 * C * F, b, 8 * C * F);
  g_free (a);
  g_free (b);
}

static void
test_masking_apply (void)
{
  enum { BB = 3, CC = 2, FF = 2, M = 2 };
  const float x[BB * CC * FF] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  guint8 keep[M * BB * CC * FF];
  for (int i = 0; i < M * BB * CC * FF; i++)
    keep[i] = (i * 7) % 3 != 0;
  float x_in[(M + 1) * BB * CC * FF];
  scmm_masking_apply (x_in, x, keep, M, BB, CC, FF);
  g_assert_cmpmem (x_in, sizeof x, x, sizeof x);     /* originals first */
  for (int v = 0; v < M; v++)
    for (int i = 0; i < BB * CC * FF; i++)
      g_assert_cmpfloat (x_in[(v + 1) * BB * CC * FF + i], ==,
                         keep[v * BB * CC * FF + i] ? x[i] : 0.0f);
}

static void
test_masking_mode_names (void)
{
  const char *names[] = { "hybrid", "random", "channel", "parallel" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ScmmMaskMode mode;
      g_assert_true (scmm_mask_mode_from_string (names[i], &mode));
      g_assert_cmpstr (scmm_mask_mode_to_string (mode), ==, names[i]);
    }
  ScmmMaskMode mode;
  g_assert_false (scmm_mask_mode_from_string ("hybrid_mask", &mode));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/masking/hybrid", test_masking_hybrid);
  g_test_add_func ("/masking/random", test_masking_random);
  g_test_add_func ("/masking/channel", test_masking_channel);
  g_test_add_func ("/masking/parallel", test_masking_parallel);
  g_test_add_func ("/masking/ratio", test_masking_ratio);
  g_test_add_func ("/masking/deterministic", test_masking_deterministic);
  g_test_add_func ("/masking/apply", test_masking_apply);
  g_test_add_func ("/masking/mode-names", test_masking_mode_names);
  return g_test_run ();
}
