/* test-demo.c: the built-in demo corpora are deterministic, quick, shaped
 * like their real counterparts, and carry what the method needs: classes
 * that differ by band power over scalp regions, continuity inside a trial,
 * and a shift between the two corpora. */
#include <math.h>

#include "scmm-demo.h"
#include "scmm-montage.h"
#include "scmm-test-util.h"

static int
channel_index (const ScmmCorpus *c, const char *name)
{
  for (int i = 0; i < c->n_channels; i++)
    if (g_strcmp0 (c->channel_names[i], name) == 0)
      return i;
  g_assert_not_reached ();
  return -1;
}

/* Mean DE of (channel, band) over all windows of a class. */
static double
class_mean (const ScmmCorpus *c, int label, int channel, int band)
{
  double sum = 0;
  gint64 n = 0;
  for (guint i = 0; i < c->subjects->len; i++)
    {
      ScmmSubject *s = g_ptr_array_index (c->subjects, i);
      for (guint j = 0; j < s->sessions->len; j++)
        {
          ScmmSession *x = g_ptr_array_index (s->sessions, j);
          for (guint k = 0; k < x->trials->len; k++)
            {
              ScmmTrial *t = g_ptr_array_index (x->trials, k);
              if (label >= 0 && t->label != label)
                continue;
              for (int w = 0; w < t->windows; w++)
                sum += t->de[((gsize) w * c->n_channels + channel) * c->n_bands + band];
              n += t->windows;
            }
        }
    }
  return sum / n;
}

static void
test_demo_deterministic_and_quick (void)
{
  g_test_timer_start ();
  g_autoptr (ScmmCorpus) a = scmm_demo_corpus (SCMM_DEMO_SEED, 7);
  g_autoptr (ScmmCorpus) d = scmm_demo_corpus (SCMM_DEMO_DEAP, 7);
  double seconds = g_test_timer_elapsed ();
  g_test_message ("both demo corpora generated in %.3f s", seconds);
  g_autoptr (ScmmCorpus) b = scmm_demo_corpus (SCMM_DEMO_SEED, 7);
  g_autoptr (ScmmCorpus) other = scmm_demo_corpus (SCMM_DEMO_SEED, 8);
  ScmmTrial *ta = g_ptr_array_index (((ScmmSession *) g_ptr_array_index (((ScmmSubject *) g_ptr_array_index (a->subjects, 4))->sessions, 0))->trials, 6);
  ScmmTrial *tb = g_ptr_array_index (((ScmmSession *) g_ptr_array_index (((ScmmSubject *) g_ptr_array_index (b->subjects, 4))->sessions, 0))->trials, 6);
  ScmmTrial *to = g_ptr_array_index (((ScmmSession *) g_ptr_array_index (((ScmmSubject *) g_ptr_array_index (other->subjects, 4))->sessions, 0))->trials, 6);
  g_assert_cmpint (ta->windows, ==, tb->windows);
  g_assert_cmpmem (ta->de, ta->windows * 62 * 5 * 4, tb->de, tb->windows * 62 * 5 * 4);
  g_assert_true (ta->windows != to->windows || memcmp (ta->de, to->de, 62 * 5 * 4) != 0);
}

static void
test_demo_shapes (void)
{
  g_autoptr (ScmmCorpus) seed = scmm_demo_corpus (SCMM_DEMO_SEED, SCMM_DEMO_SEED_DEFAULT);
  g_autoptr (ScmmCorpus) deap = scmm_demo_corpus (SCMM_DEMO_DEAP, SCMM_DEMO_SEED_DEFAULT);
  GError *error = NULL;
  g_assert_true (scmm_corpus_validate (seed, &error));
  g_assert_true (scmm_corpus_validate (deap, &error));
  g_assert_cmpint (seed->n_channels, ==, 62);
  g_assert_cmpint (deap->n_channels, ==, 32);
  g_assert_cmpint (seed->n_classes, ==, 3);
  g_assert_cmpint (deap->n_classes, ==, 2);
  for (int i = 0; i < 62; i++)
    g_assert_cmpstr (seed->channel_names[i], ==, scmm_montage_seed62[i]);
  ScmmCorpusCounts n = scmm_corpus_count (seed);
  g_assert_cmpint (n.subjects, ==, 15);
  g_assert_cmpint (n.trials, ==, 225);
  /* balanced classes (within 10 %) */
  for (int k = 0; k < 3; k++)
    g_assert_cmpfloat (fabs (n.class_windows[k] - n.windows / 3.0), <, 0.1 * n.windows / 3.0);
  g_test_message ("SEED-like: %" G_GINT64_FORMAT " windows; DEAP-like: %" G_GINT64_FORMAT,
                  n.windows, scmm_corpus_count (deap).windows);
}

static void
test_demo_classes_differ_by_region (void)
{
  g_autoptr (ScmmCorpus) c = scmm_demo_corpus (SCMM_DEMO_SEED, SCMM_DEMO_SEED_DEFAULT);
  int t7 = channel_index (c, "T7"), f4 = channel_index (c, "F4"), oz = channel_index (c, "Oz");
  /* positive (2): gamma over the temporal lobes, not over the occiput */
  double pos_t7 = class_mean (c, 2, t7, 4) - class_mean (c, 1, t7, 4);
  double pos_oz = class_mean (c, 2, oz, 4) - class_mean (c, 1, oz, 4);
  /* negative (0): frontal alpha */
  double neg_f4 = class_mean (c, 0, f4, 2) - class_mean (c, 1, f4, 2);
  g_test_message ("positive - neutral gamma at T7 %.3f, at Oz %.3f; negative - neutral alpha at "
                  "F4 %.3f", pos_t7, pos_oz, neg_f4);
  g_assert_cmpfloat (pos_t7, >, 0.5);
  g_assert_cmpfloat (fabs (pos_oz), <, 0.2);
  g_assert_cmpfloat (neg_f4, >, 0.5);
}

static void
test_demo_continuity (void)
{
  g_autoptr (ScmmCorpus) c = scmm_demo_corpus (SCMM_DEMO_SEED, SCMM_DEMO_SEED_DEFAULT);
  /* lag-1 autocorrelation of each (channel, band) series within trials */
  double num = 0, den = 0;
  for (guint i = 0; i < c->subjects->len; i++)
    {
      ScmmSubject *s = g_ptr_array_index (c->subjects, i);
      ScmmSession *x = g_ptr_array_index (s->sessions, 0);
      for (guint k = 0; k < x->trials->len; k++)
        {
          ScmmTrial *t = g_ptr_array_index (x->trials, k);
          for (int j = 0; j < 62 * 5; j += 7)
            {
              double mean = 0;
              for (int w = 0; w < t->windows; w++)
                mean += t->de[w * 310 + j];
              mean /= t->windows;
              for (int w = 0; w + 1 < t->windows; w++)
                num += (t->de[w * 310 + j] - mean) * (t->de[(w + 1) * 310 + j] - mean);
              for (int w = 0; w < t->windows; w++)
                den += (t->de[w * 310 + j] - mean) * (t->de[w * 310 + j] - mean);
            }
        }
    }
  g_test_message ("lag-1 autocorrelation inside trials: %.3f", num / den);
  g_assert_cmpfloat (num / den, >, 0.5);
}

static void
test_demo_corpora_are_shifted (void)
{
  g_autoptr (ScmmCorpus) seed = scmm_demo_corpus (SCMM_DEMO_SEED, SCMM_DEMO_SEED_DEFAULT);
  g_autoptr (ScmmCorpus) deap = scmm_demo_corpus (SCMM_DEMO_DEAP, SCMM_DEMO_SEED_DEFAULT);
  int cz_s = channel_index (seed, "Cz"), cz_d = channel_index (deap, "Cz");
  double delta_shift = class_mean (seed, -1, cz_s, 0) - class_mean (deap, -1, cz_d, 0);
  g_test_message ("delta DE at Cz: SEED-like - DEAP-like = %.2f", delta_shift);
  g_assert_cmpfloat (delta_shift, >, 5.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/deterministic-and-quick", test_demo_deterministic_and_quick);
  g_test_add_func ("/demo/shapes", test_demo_shapes);
  g_test_add_func ("/demo/classes-differ-by-region", test_demo_classes_differ_by_region);
  g_test_add_func ("/demo/continuity", test_demo_continuity);
  g_test_add_func ("/demo/corpora-are-shifted", test_demo_corpora_are_shifted);
  return g_test_run ();
}
