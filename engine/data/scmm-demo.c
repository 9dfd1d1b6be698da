/* scmm-demo.c: the built-in demo corpora. */
#include "scmm-demo.h"

#include <math.h>

#include "scmm-build-config.h"
#include "scmm-error.h"
#include "scmm-montage.h"
#include "scmm-rng.h"
#include "scmm-store.h"

typedef struct {
  const char *name;
  const char *const *classes;
  int         n_classes;
  const char *const *channels;
  int         n_channels;
  int         subjects;
  int         trials;            /* per subject, classes in turn */
  int         mean_windows;
  double      band_level[SCMM_DE_BANDS];
  double      class_gain;        /* scales every class effect */
  double      tilt;              /* a front-back gradient added to every band */
  double      noise;             /* window noise */
  guint64     stream;            /* keeps the two corpora's draws apart */
} DemoSpec;

static const char *const seed_classes[] = { "negative", "neutral", "positive", NULL };
static const char *const deap_classes[] = { "low valence", "high valence", NULL };

static double
bump (double x, double y, double cx, double cy, double width)
{
  double dx = x - cx, dy = y - cy;
  return exp (-(dx * dx + dy * dy) / (2.0 * width * width));
}

/* The effect of a class on (channel at x, y; band b). For the two-class
 * corpus, class 0 (low valence) is the negative pattern and class 1 (high)
 * the positive one. */
static double
class_effect (const DemoSpec *spec, int label, double x, double y, int band)
{
  gboolean positive = spec->n_classes == 3 ? label == 2 : label == 1;
  gboolean negative = label == 0;
  double e = 0.0;
  if (positive && band >= 3)   /* beta, gamma over both temporal lobes */
    e += 1.2 * (bump (x, y, -0.45, 0.0, 0.16) + bump (x, y, 0.45, 0.0, 0.16));
  if (negative && band == 2)   /* frontal alpha, stronger on the right */
    e += 1.0 * bump (x, y, 0.2, 0.3, 0.18) + 0.4 * bump (x, y, -0.2, 0.3, 0.18);
  if (negative && band == 1)   /* frontal-midline theta */
    e += 0.8 * bump (x, y, 0.0, 0.25, 0.15);
  return spec->class_gain * e;
}

static double
resting_level (const DemoSpec *spec, double x, double y, int band)
{
  double level = spec->band_level[band] + spec->tilt * y;
  if (band == 2)   /* alpha is strongest over the back of the head */
    level += 1.5 * bump (x, y, 0.0, -0.35, 0.25);
  return level;
}

static void
generate_trial (const DemoSpec *spec, ScmmCorpus *corpus, ScmmSession *session, int trial,
                int label, const double *subject_offset, const double *xy, ScmmRng *rng)
{
  const int C = spec->n_channels, F = SCMM_DE_BANDS;
  int windows = spec->mean_windows - spec->mean_windows / 5
                + (int) scmm_rng_below (rng, (guint32) (2 * (spec->mean_windows / 5) + 1));
  float *de = g_new (float, (gsize) windows * C * F);
  g_autofree double *state = g_new0 (double, (gsize) C * F);
  const double rho = 0.95, innovation = 0.25;
  for (int i = 0; i < C * F; i++)   /* start from the stationary distribution */
    state[i] = innovation / sqrt (1.0 - rho * rho) * scmm_rng_normal (rng);
  for (int w = 0; w < windows; w++)
    for (int c = 0; c < C; c++)
      for (int b = 0; b < F; b++)
        {
          int i = c * F + b;
          state[i] = rho * state[i] + innovation * scmm_rng_normal (rng);
          double x = xy[2 * c], y = xy[2 * c + 1];
          double v = resting_level (spec, x, y, b) + subject_offset[i]
                     + class_effect (spec, label, x, y, b) + state[i]
                     + spec->noise * scmm_rng_normal (rng);
          de[((gsize) w * C + c) * F + b] = (float) v;
        }
  g_autofree char *name = g_strdup_printf ("%d", trial);
  scmm_session_add_trial (session, name, label, de, windows);
}

static ScmmCorpus *
generate (const DemoSpec *spec, guint64 seed)
{
  g_autoptr (ScmmCorpus) corpus = scmm_corpus_new (spec->name, spec->classes, spec->channels,
                                                   spec->n_channels, scmm_de_bands_standard, 1.0);
  g_free (corpus->importer);
  corpus->importer = g_strdup ("demo");
  g_free (corpus->importer_version);
  corpus->importer_version = g_strdup ("scmm-studio " SCMM_VERSION);
  g_free (corpus->smoothing);
  corpus->smoothing = g_strdup ("none");

  const int C = spec->n_channels, F = SCMM_DE_BANDS;
  g_autofree double *xy = g_new (double, 2 * C);
  for (int c = 0; c < C; c++)
    if (!scmm_montage_position (spec->channels[c], &xy[2 * c], &xy[2 * c + 1]))
      xy[2 * c] = xy[2 * c + 1] = 0.0;

  ScmmRng rng;
  scmm_rng_init_stream (&rng, seed, spec->stream);
  g_autofree double *offset = g_new (double, (gsize) C * F);
  for (int s = 1; s <= spec->subjects; s++)
    {
      /* a subject: an overall gain of the signal, and its own spatial detail */
      double gain = 0.8 * scmm_rng_normal (&rng);
      for (int i = 0; i < C * F; i++)
        offset[i] = gain + 0.5 * scmm_rng_normal (&rng);
      g_autofree char *subject = g_strdup_printf ("%d", s);
      ScmmSession *session = scmm_subject_session (scmm_corpus_subject (corpus, subject), "1");
      for (int t = 1; t <= spec->trials; t++)
        generate_trial (spec, corpus, session, t, (t - 1) % spec->n_classes, offset, xy, &rng);
    }
  return g_steal_pointer (&corpus);
}

ScmmCorpus *
scmm_demo_corpus (ScmmDemoKind kind, guint64 seed)
{
  static const DemoSpec seed_like = {
    .name = "Demo SEED-like", .classes = seed_classes, .n_classes = 3,
    .channels = scmm_montage_seed62, .n_channels = SCMM_SEED_CHANNELS,
    .subjects = 15, .trials = 15, .mean_windows = 40,
    .band_level = { 24.0, 21.0, 19.5, 17.0, 15.0 },
    .class_gain = 1.0, .tilt = 0.0, .noise = 0.35, .stream = 1,
  };
  static const DemoSpec deap_like = {
    .name = "Demo DEAP-like", .classes = deap_classes, .n_classes = 2,
    .channels = scmm_montage_deap32, .n_channels = SCMM_DEAP_CHANNELS,
    .subjects = 12, .trials = 20, .mean_windows = 30,
    .band_level = { 16.0, 19.5, 19.0, 16.0, 14.0 },
    .class_gain = 0.7, .tilt = 1.2, .noise = 0.5, .stream = 2,
  };
  return generate (kind == SCMM_DEMO_SEED ? &seed_like : &deap_like, seed);
}

ScmmCorpus *
scmm_corpus_open (const char *spec, GError **error)
{
  if (g_strcmp0 (spec, "demo:seed") == 0)
    return scmm_demo_corpus (SCMM_DEMO_SEED, SCMM_DEMO_SEED_DEFAULT);
  if (g_strcmp0 (spec, "demo:deap") == 0)
    return scmm_demo_corpus (SCMM_DEMO_DEAP, SCMM_DEMO_SEED_DEFAULT);
  if (g_str_has_prefix (spec, "demo:"))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "%s: the built-in corpora are demo:seed and demo:deap", spec);
      return NULL;
    }
  return scmm_store_load (spec, error);
}
