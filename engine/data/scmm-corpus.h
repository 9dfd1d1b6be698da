/* scmm-corpus.h: an EEG emotion corpus in memory.
 *
 * corpus -> subjects -> sessions -> trials; each trial holds its DE features
 * [windows, channels, bands] (float32), its class label (-1 = none), and,
 * where the corpus has them, its raw ratings and events. The corpus-wide
 * description (class names, channels, bands, window length, source rate,
 * provenance) lives beside them. The HDF5 store (scmm-store.h) reads and
 * writes exactly this. */
#pragma once

#include <glib.h>

#include "scmm-de.h"

G_BEGIN_DECLS

#define SCMM_CORPUS_MAX_CLASSES 64

typedef struct {
  double  onset_s;
  double  duration_s;
  char   *text;
} ScmmTrialEvent;

typedef struct {
  char   *name;
  int     label;       /* class index into the corpus' class names, -1 = unlabelled */
  int     windows;     /* W */
  float  *de;          /* [W, channels, bands] */
  float  *ratings;     /* [n_ratings] (DEAP: valence, arousal, dominance, liking), or NULL */
  GArray *events;      /* ScmmTrialEvent, or NULL */
} ScmmTrial;

typedef struct {
  char      *name;
  GPtrArray *trials;   /* ScmmTrial */
} ScmmSession;

typedef struct {
  char      *name;
  GPtrArray *sessions; /* ScmmSession */
} ScmmSubject;

typedef struct {
  char   *path;        /* as given to the importer */
  char   *sha256;      /* hex */
  gint64  bytes;
} ScmmProvenance;

typedef struct {
  char       *name;              /* "SEED-IV" */
  char       *importer;          /* "seed-iv-features", "deap", "npy", "demo", ... */
  char       *importer_version;  /* the program's version */
  char       *feature;           /* "de_LDS", "de_movingAve", "de" */
  char       *smoothing;         /* "lds", "moving-average", "none", or "source" (as distributed) */
  GStrv       class_names;       /* n_classes */
  int         n_classes;
  GStrv       channel_names;     /* n_channels, normalised */
  int         n_channels;
  int         n_bands;
  ScmmBand    bands[SCMM_DE_BANDS];
  double      window_s;
  double      source_rate_hz;    /* 0 when the source holds features, not signals */
  GStrv       rating_names;      /* n_ratings, or NULL */
  int         n_ratings;
  GArray     *provenance;        /* ScmmProvenance */
  GPtrArray  *subjects;          /* ScmmSubject */
} ScmmCorpus;

typedef struct {
  int    subjects;
  int    sessions;
  int    trials;
  gint64 windows;
  gint64 class_windows[SCMM_CORPUS_MAX_CLASSES];
  gint64 unlabelled_windows;
} ScmmCorpusCounts;

/* A corpus with its description and no trials. class_names and channel_names
 * are copied; channel names are normalised (scmm-montage.h). */
ScmmCorpus   *scmm_corpus_new            (const char *name, const char *const *class_names,
                                          const char *const *channel_names, int n_channels,
                                          const ScmmBand *bands, double window_s);
void          scmm_corpus_free           (ScmmCorpus *corpus);

void          scmm_corpus_set_ratings    (ScmmCorpus *corpus, const char *const *rating_names);
void          scmm_corpus_add_provenance (ScmmCorpus *corpus, const char *path, const char *sha256,
                                          gint64 bytes);

/* Finds or creates a subject / a session of a subject. */
ScmmSubject  *scmm_corpus_subject        (ScmmCorpus *corpus, const char *name);
ScmmSession  *scmm_subject_session       (ScmmSubject *subject, const char *name);
/* Appends a trial; takes ownership of de [windows, n_channels, n_bands]. */
ScmmTrial    *scmm_session_add_trial     (ScmmSession *session, const char *name, int label,
                                          float *de, int windows);
ScmmSubject  *scmm_corpus_find_subject   (const ScmmCorpus *corpus, const char *name);
ScmmSession  *scmm_subject_find_session  (const ScmmSubject *subject, const char *name);
ScmmTrial    *scmm_session_find_trial    (const ScmmSession *session, const char *name);

ScmmCorpusCounts scmm_corpus_count       (const ScmmCorpus *corpus);
/* Checks the whole corpus: labels in range, finite features, shapes. */
gboolean      scmm_corpus_validate       (const ScmmCorpus *corpus, GError **error);

void          scmm_trial_free            (ScmmTrial *trial);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmCorpus, scmm_corpus_free)

G_END_DECLS
