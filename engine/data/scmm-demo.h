/* scmm-demo.h: the built-in demo corpora, generated, needing no files.
 *
 * A SEED-like corpus (62 channels, negative / neutral / positive) and a
 * DEAP-like one (32 channels, low / high valence). DE values follow the
 * shapes of real ones: band levels falling with frequency, a posterior
 * alpha, per-subject offsets, a slowly wandering state inside each trial
 * (an AR(1) process, so neighbouring windows are alike) and window noise.
 * The classes differ by band power over scalp regions (positive: beta and
 * gamma over the temporal lobes; negative: frontal alpha with a left-right
 * asymmetry, and frontal-midline theta). The DEAP-like corpus is shifted:
 * other band levels (its delta nearly empty, as after DEAP's 4 Hz high-pass),
 * weaker class effects, a spatial tilt and more noise, so that transfer from
 * one to the other is possible but not trivial. Deterministic for a seed. */
#pragma once

#include <glib.h>

#include "scmm-corpus.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_DEMO_SEED,
  SCMM_DEMO_DEAP,
} ScmmDemoKind;

#define SCMM_DEMO_SEED_DEFAULT 20240817

ScmmCorpus *scmm_demo_corpus (ScmmDemoKind kind, guint64 seed);

/* "demo:seed", "demo:deap", or a store's path. */
ScmmCorpus *scmm_corpus_open (const char *spec, GError **error);

G_END_DECLS
