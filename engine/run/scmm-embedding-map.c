/* scmm-embedding-map.c: the windows of a run through the encoder before and
 * after pre-training, projected to 2-D, with the numbers that say how far
 * apart the corpora and the classes lie.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "scmm-embedding-map.h"

#include <math.h>
#include <string.h>

#include "scmm-checkpoint.h"
#include "scmm-encoder-features.h"
#include "scmm-error.h"
#include "scmm-neighbour-purity.h"
#include "scmm-pca.h"
#include "scmm-trainer.h"
#include "scmm-tsne.h"

#define MAX_NEIGHBOURS 100

/* Where compute's work goes in the fraction reported: loading and encoding,
 * then the projection (scmm_embedding_map_project's own 0 to 1). */
#define LOADING_END   0.1
#define ENCODING_END  0.2

ScmmEmbeddingMapOptions
scmm_embedding_map_options_default (void)
{
  ScmmEmbeddingMapOptions options = {
    .projection = SCMM_EMBEDDING_PCA,
    .per_corpus = 500,
    .seed = 42,
    .neighbours = 10,
    .perplexity = 30.0,
  };
  return options;
}

void
scmm_embedding_map_free (ScmmEmbeddingMap *map)
{
  if (map == NULL)
    return;
  scmm_embedding_windows_free (map->windows);
  g_free (map->method_name);
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      g_free (map->h[m]);
      g_free (map->xy[m]);
    }
  g_free (map);
}

static ScmmEmbeddingWindows *
windows_copy (const ScmmEmbeddingWindows *w)
{
  ScmmEmbeddingWindows *copy = g_memdup2 (w, sizeof *w);
  copy->x = g_memdup2 (w->x, sizeof (float) * w->n * w->channels * w->bands);
  copy->corpus = g_memdup2 (w->corpus, sizeof (guint8) * w->n);
  copy->label = g_memdup2 (w->label, sizeof (int32_t) * w->n);
  for (int c = 0; c < SCMM_EMBEDDING_CORPORA; c++)
    copy->corpus_name[c] = g_strdup (w->corpus_name[c]);
  copy->class_names = g_strdupv (w->class_names);
  return copy;
}

ScmmEmbeddingMap *
scmm_embedding_map_copy (const ScmmEmbeddingMap *map)
{
  ScmmEmbeddingMap *copy = g_memdup2 (map, sizeof *map);
  const gsize n = map->windows->n;
  copy->windows = windows_copy (map->windows);
  copy->method_name = g_strdup (map->method_name);
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      copy->h[m] = g_memdup2 (map->h[m], sizeof (float) * n * map->hidden);
      copy->xy[m] = g_memdup2 (map->xy[m], sizeof (float) * n * 2);
    }
  return copy;
}

const char *
scmm_embedding_model_to_string (ScmmEmbeddingModel model)
{
  return model == SCMM_EMBEDDING_BEFORE ? "before" : "after";
}

const char *
scmm_embedding_projection_to_string (ScmmEmbeddingProjection projection)
{
  return projection == SCMM_EMBEDDING_TSNE ? "tsne" : "pca";
}

gboolean
scmm_embedding_projection_from_string (const char *name, ScmmEmbeddingProjection *projection)
{
  if (g_ascii_strcasecmp (name, "pca") == 0)
    *projection = SCMM_EMBEDDING_PCA;
  else if (g_ascii_strcasecmp (name, "tsne") == 0 || g_ascii_strcasecmp (name, "t-sne") == 0)
    *projection = SCMM_EMBEDDING_TSNE;
  else
    return FALSE;
  return TRUE;
}

/* ---- progress ---- */

/* A part of the work: the caller's callback sees lo + (hi - lo) x done. */
typedef struct {
  ScmmEmbeddingProgress progress;
  gpointer              user_data;
  double                lo, hi;
} Part;

static gboolean
report (const Part *part, ScmmEmbeddingStage stage, ScmmEmbeddingModel model, double done,
        GError **error)
{
  if (part->progress == NULL
      || part->progress (stage, model, part->lo + (part->hi - part->lo) * done, part->user_data))
    return TRUE;
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_CANCELLED, "the embedding map was cancelled");
  return FALSE;
}

static Part
sub_part (const Part *part, double lo, double hi)
{
  Part sub = *part;
  sub.lo = part->lo + (part->hi - part->lo) * lo;
  sub.hi = part->lo + (part->hi - part->lo) * hi;
  return sub;
}

typedef struct {
  const Part        *part;
  ScmmEmbeddingModel model;
} TsneReport;

static gboolean
tsne_progress (int iteration, int iterations, double kl, gpointer user_data)
{
  const TsneReport *r = user_data;
  return report (r->part, SCMM_EMBEDDING_STAGE_PROJECTING, r->model,
                 (double) iteration / iterations, NULL);
}

/* ---- options ---- */

static gboolean
check_projection_options (const ScmmEmbeddingMapOptions *options, GError **error)
{
  if (options->projection != SCMM_EMBEDDING_PCA && options->projection != SCMM_EMBEDDING_TSNE)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "unknown projection %d: PCA or t-SNE", (int) options->projection);
      return FALSE;
    }
  if (options->neighbours < 1 || options->neighbours > MAX_NEIGHBOURS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the neighbours counted for the purity must be 1 to %d, not %d",
                   MAX_NEIGHBOURS, options->neighbours);
      return FALSE;
    }
  if (!(options->perplexity >= 2.0 && options->perplexity <= 1000.0))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "t-SNE's perplexity must be 2 to 1000, not %g", options->perplexity);
      return FALSE;
    }
  return TRUE;
}

static int
max_per_corpus (ScmmEmbeddingProjection projection)
{
  return projection == SCMM_EMBEDDING_TSNE ? SCMM_TSNE_MAX_POINTS / SCMM_EMBEDDING_CORPORA
                                           : SCMM_EMBEDDING_MAP_MAX_PER_CORPUS;
}

gboolean
scmm_embedding_map_options_check (const ScmmEmbeddingMapOptions *options, GError **error)
{
  if (!check_projection_options (options, error))
    return FALSE;
  const int most = max_per_corpus (options->projection);
  if (options->per_corpus < 1 || options->per_corpus > most)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "the windows per corpus must be 1 to %d for %s, not %d%s", most,
                   options->projection == SCMM_EMBEDDING_TSNE ? "t-SNE" : "PCA",
                   options->per_corpus,
                   options->projection == SCMM_EMBEDDING_TSNE
                     ? " (t-SNE is exact: its time grows with the square of the points)" : "");
      return FALSE;
    }
  return TRUE;
}

/* ---- projection ---- */

static gboolean
project_pca (const float *h, int n, int d, float *xy, double ratio[2], GError **error)
{
  g_autoptr (ScmmPca) pca = scmm_pca_fit (h, n, d, error);
  if (pca == NULL || !scmm_pca_transform (pca, h, n, d, xy, error))
    return FALSE;
  ratio[0] = pca->variance_ratio[0];
  ratio[1] = pca->variance_ratio[1];
  return TRUE;
}

static gboolean
project_tsne (const float *h, int n, int d, const ScmmEmbeddingMapOptions *options,
              const Part *part, ScmmEmbeddingModel model, float *xy, GError **error)
{
  if (n > SCMM_TSNE_MAX_POINTS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "t-SNE is exact and maps at most %d points, not %d: take fewer windows "
                   "per corpus", SCMM_TSNE_MAX_POINTS, n);
      return FALSE;
    }
  ScmmTsneConfig config = scmm_tsne_config_default ();
  config.seed = options->seed;
  /* Few points cannot have many effective neighbours. */
  config.perplexity = MIN (options->perplexity, (n - 1) / 3.0);
  TsneReport r = { part, model };
  return scmm_tsne (h, n, d, &config, tsne_progress, &r, xy, error);
}

/* The purity of a grouping, NAN when it says nothing (one group, or too
 * few points taking part). */
static gboolean
measure (const float *x, int n, int d, const int *group, int k, double *purity, GError **error)
{
  int m = 0, first = -1;
  gboolean several = FALSE;
  for (int i = 0; i < n; i++)
    if (group[i] >= 0)
      {
        m++;
        several = several || (first >= 0 && group[i] != first);
        first = first >= 0 ? first : group[i];
      }
  *purity = NAN;
  if (!several || m < k + 1)
    return TRUE;
  return scmm_neighbour_purity (x, n, d, group, k, purity, error);
}

/* corpus [n] and class [n] (the target's labelled windows, else -1). */
static void
groupings (const ScmmEmbeddingWindows *w, int *corpus, int *class)
{
  for (int i = 0; i < w->n; i++)
    {
      corpus[i] = w->corpus[i];
      class[i] = w->corpus[i] == SCMM_EMBEDDING_TARGET && w->label[i] >= 0 ? w->label[i] : -1;
    }
}

/* What project fills in, made aside so that a failure leaves the map as it was. */
typedef struct {
  float  *xy[SCMM_EMBEDDING_MODELS];
  double  ratio[SCMM_EMBEDDING_MODELS][2];
  double  corpus_h[SCMM_EMBEDDING_MODELS], corpus_map[SCMM_EMBEDDING_MODELS];
  double  class_h[SCMM_EMBEDDING_MODELS], class_map[SCMM_EMBEDDING_MODELS];
} Projection;

static void
projection_clear (Projection *p)
{
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    g_free (p->xy[m]);
}

static gboolean
measure_model (const ScmmEmbeddingMap *map, ScmmEmbeddingModel m, int k, const int *corpus,
               const int *class, Projection *p, GError **error)
{
  const int n = map->windows->n;
  return measure (map->h[m], n, map->hidden, corpus, k, &p->corpus_h[m], error)
         && measure (p->xy[m], n, 2, corpus, k, &p->corpus_map[m], error)
         && measure (map->h[m], n, map->hidden, class, k, &p->class_h[m], error)
         && measure (p->xy[m], n, 2, class, k, &p->class_map[m], error);
}

static gboolean
project_into (const ScmmEmbeddingMap *map, const ScmmEmbeddingMapOptions *options,
              const Part *part, Projection *p, GError **error)
{
  const int n = map->windows->n;
  const gboolean tsne = options->projection == SCMM_EMBEDDING_TSNE;
  /* t-SNE's iterations take the time; for PCA the neighbour search in h does. */
  const double projecting = tsne ? 0.9 : 0.2;
  g_autofree int *corpus = g_new (int, n);
  g_autofree int *class = g_new (int, n);
  groupings (map->windows, corpus, class);
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      Part model_part = sub_part (part, projecting * m / SCMM_EMBEDDING_MODELS,
                                  projecting * (m + 1) / SCMM_EMBEDDING_MODELS);
      if (!report (&model_part, SCMM_EMBEDDING_STAGE_PROJECTING, m, 0.0, error))
        return FALSE;
      p->xy[m] = g_new (float, (gsize) n * 2);
      p->ratio[m][0] = p->ratio[m][1] = NAN;
      if (tsne ? !project_tsne (map->h[m], n, map->hidden, options, &model_part, m, p->xy[m],
                                error)
               : !project_pca (map->h[m], n, map->hidden, p->xy[m], p->ratio[m], error))
        return FALSE;
    }
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      const double at = projecting + (1.0 - projecting) * m / SCMM_EMBEDDING_MODELS;
      if (!report (part, SCMM_EMBEDDING_STAGE_MEASURING, m, at, error)
          || !measure_model (map, m, options->neighbours, corpus, class, p, error))
        return FALSE;
    }
  return report (part, SCMM_EMBEDDING_STAGE_MEASURING, SCMM_EMBEDDING_AFTER, 1.0, error);
}

static gboolean
project_part (ScmmEmbeddingMap *map, const ScmmEmbeddingMapOptions *options, const Part *part,
              GError **error)
{
  if (!check_projection_options (options, error))
    return FALSE;
  Projection p = { 0 };
  if (!project_into (map, options, part, &p, error))
    {
      projection_clear (&p);
      return FALSE;
    }
  const int per_corpus = map->options.per_corpus;
  map->options = *options;
  map->options.per_corpus = per_corpus;
  const int n = map->windows->n;
  g_autofree int *corpus = g_new (int, n);
  g_autofree int *class = g_new (int, n);
  groupings (map->windows, corpus, class);
  map->corpus_purity_chance = scmm_neighbour_purity_chance (corpus, n);
  map->class_purity_chance = scmm_neighbour_purity_chance (class, n);
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      g_free (map->xy[m]);
      map->xy[m] = g_steal_pointer (&p.xy[m]);
      map->variance_ratio[m][0] = p.ratio[m][0];
      map->variance_ratio[m][1] = p.ratio[m][1];
      map->corpus_purity_h[m] = p.corpus_h[m];
      map->corpus_purity_map[m] = p.corpus_map[m];
      map->class_purity_h[m] = p.class_h[m];
      map->class_purity_map[m] = p.class_map[m];
    }
  return TRUE;
}

gboolean
scmm_embedding_map_project (ScmmEmbeddingMap *map, const ScmmEmbeddingMapOptions *options,
                            ScmmEmbeddingProgress progress, gpointer user_data, GError **error)
{
  Part part = { progress, user_data, 0.0, 1.0 };
  return project_part (map, options, &part, error);
}

/* ---- the two models ---- */

/* "scmm, hard-contrastive": the experiment's methods with a pre-training. */
static char *
pretrained_methods (const ScmmExperiment *e)
{
  GString *names = g_string_new (NULL);
  for (int m = 0; m < e->n_methods; m++)
    if (e->methods[m] != SCMM_METHOD_SUPERVISED && e->pretrain_epochs > 0)
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                              scmm_method_to_string (e->methods[m]));
  if (names->len == 0)
    g_string_append (names, "none");
  return g_string_free (names, FALSE);
}

static int
method_index (const ScmmExperiment *e, const char *method_name, GError **error)
{
  ScmmMethod method;
  if (method_name == NULL || !scmm_method_from_string (method_name, &method))
    {
      g_autofree char *names = pretrained_methods (e);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "unknown method “%s” (the experiment's pre-trained methods: %s)",
                   method_name != NULL ? method_name : "(none)", names);
      return -1;
    }
  if (method == SCMM_METHOD_SUPERVISED || e->pretrain_epochs == 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "%s has no pre-training, so there is no “after” to compare: choose a "
                   "pre-trained method", method_name);
      return -1;
    }
  for (int m = 0; m < e->n_methods; m++)
    if (e->methods[m] == method)
      return m;
  g_autofree char *names = pretrained_methods (e);
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
               "the experiment has no method “%s” (its pre-trained methods: %s)", method_name,
               names);
  return -1;
}

/* The model pre-training started from: the run's initialisation, drawn from
 * the seed's stream of this method as scmm_pretrain_state_init draws it. */
static ScmmModel *
initial_model (const ScmmExperiment *e, const ScmmExperimentData *data, int index)
{
  ScmmPretrainState state;
  scmm_pretrain_state_init (&state, e, data, index);
  ScmmModel *model = g_steal_pointer (&state.model);
  scmm_pretrain_state_clear (&state);
  return model;
}

/* map->h of both models. */
static gboolean
encode (ScmmEmbeddingMap *map, ScmmModel *models[SCMM_EMBEDDING_MODELS], const Part *part,
        GError **error)
{
  const ScmmEmbeddingWindows *w = map->windows;
  if (models[SCMM_EMBEDDING_AFTER]->dims.hidden != models[SCMM_EMBEDDING_BEFORE]->dims.hidden)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "the pre-trained model's encoder gives %d values, the experiment's %d: "
                   "it was not trained on this experiment's data",
                   models[SCMM_EMBEDDING_AFTER]->dims.hidden,
                   models[SCMM_EMBEDDING_BEFORE]->dims.hidden);
      return FALSE;
    }
  map->hidden = models[SCMM_EMBEDDING_BEFORE]->dims.hidden;
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      if (!report (part, SCMM_EMBEDDING_STAGE_ENCODING, m, (double) m / SCMM_EMBEDDING_MODELS,
                   error))
        return FALSE;
      map->h[m] = scmm_encoder_features (models[m], w->x, w->n, w->channels, w->bands, 0, error);
      if (map->h[m] == NULL)
        return FALSE;
    }
  return TRUE;
}

ScmmEmbeddingMap *
scmm_embedding_map_compute (const ScmmExperiment *experiment, const char *method_name,
                            const char *model_path, const ScmmEmbeddingMapOptions *options,
                            ScmmEmbeddingProgress progress, gpointer user_data, GError **error)
{
  Part part = { progress, user_data, 0.0, 1.0 };
  Part loading = sub_part (&part, 0.0, LOADING_END);
  if (!scmm_embedding_map_options_check (options, error))
    return NULL;
  const int index = method_index (experiment, method_name, error);
  if (index < 0 || !report (&loading, SCMM_EMBEDDING_STAGE_LOADING, SCMM_EMBEDDING_BEFORE, 0.0,
                            error))
    return NULL;

  g_autoptr (ScmmModel) after = scmm_checkpoint_load (model_path, NULL, NULL, error);
  if (after == NULL)
    return NULL;
  g_autoptr (ScmmExperimentData) data = scmm_experiment_data_build (experiment, error);
  if (data == NULL || !report (&loading, SCMM_EMBEDDING_STAGE_LOADING, SCMM_EMBEDDING_BEFORE, 0.8,
                               error))
    return NULL;
  g_autoptr (ScmmEmbeddingMap) map = g_new0 (ScmmEmbeddingMap, 1);
  map->method_name = g_strdup (method_name);
  map->options = *options;
  map->windows = scmm_embedding_windows_pick (data, options->per_corpus, options->seed, error);
  if (map->windows == NULL)
    return NULL;
  g_autoptr (ScmmModel) before = initial_model (experiment, data, index);
  g_clear_pointer (&data, scmm_experiment_data_free);

  ScmmModel *models[SCMM_EMBEDDING_MODELS] = { before, after };
  Part encoding = sub_part (&part, LOADING_END, ENCODING_END);
  Part projecting = sub_part (&part, ENCODING_END, 1.0);
  if (!encode (map, models, &encoding, error)
      || !project_part (map, options, &projecting, error))
    return NULL;
  return g_steal_pointer (&map);
}

/* The method to show when none is named: the first with a pre-trained model. */
static char *
pretrained_path (const char *run_dir, const ScmmExperiment *e, const char **method_name,
                 GError **error)
{
  if (*method_name != NULL)
    {
      char *path = g_build_filename (run_dir, *method_name, "pretrained.h5", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return path;
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO,
                   "%s: no pre-trained model yet (the run writes it when %s's pre-training "
                   "ends)", path, *method_name);
      g_free (path);
      return NULL;
    }
  for (int m = 0; m < e->n_methods; m++)
    {
      const char *name = scmm_method_to_string (e->methods[m]);
      char *path = g_build_filename (run_dir, name, "pretrained.h5", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          *method_name = name;
          return path;
        }
      g_free (path);
    }
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO,
               "%s: no method has a pre-trained model yet (a method's pretrained.h5 is written "
               "when its pre-training ends)", run_dir);
  return NULL;
}

ScmmEmbeddingMap *
scmm_embedding_map_compute_run (const char *run_dir, const char *method_name,
                                const ScmmEmbeddingMapOptions *options,
                                ScmmEmbeddingProgress progress, gpointer user_data,
                                GError **error)
{
  g_autofree char *config = g_build_filename (run_dir, "config.ini", NULL);
  if (!g_file_test (config, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: not a run folder (it has no config.ini)", run_dir);
      return NULL;
    }
  g_autoptr (ScmmExperiment) e = scmm_experiment_load (config, error);
  /* a method named must be one of the run's, and pre-trained */
  if (e == NULL || (method_name != NULL && method_index (e, method_name, error) < 0))
    return NULL;
  g_autofree char *model = pretrained_path (run_dir, e, &method_name, error);
  if (model == NULL)
    return NULL;
  return scmm_embedding_map_compute (e, method_name, model, options, progress, user_data, error);
}

/* ---- output ---- */

static void
append_csv_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

static void
append_number (GString *out, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.7g", value));
}

char *
scmm_embedding_map_to_csv (const ScmmEmbeddingMap *map)
{
  const ScmmEmbeddingWindows *w = map->windows;
  GString *out = g_string_new ("model,corpus,class,x,y\n");
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    for (int i = 0; i < w->n; i++)
      {
        const int label = w->label[i];
        g_string_append_printf (out, "%s,%s,", scmm_embedding_model_to_string (m),
                                w->corpus[i] == SCMM_EMBEDDING_SOURCE ? "source" : "target");
        append_csv_field (out, label >= 0 && label < w->n_classes ? w->class_names[label] : "");
        g_string_append_c (out, ',');
        append_number (out, map->xy[m][2 * i]);
        g_string_append_c (out, ',');
        append_number (out, map->xy[m][2 * i + 1]);
        g_string_append_c (out, '\n');
      }
  return g_string_free (out, FALSE);
}

static void
append_percent (GString *out, double value)
{
  if (isnan (value))
    g_string_append (out, "n/a");
  else
    g_string_append_printf (out, "%.1f %%", 100.0 * value);
}

static void
append_purity (GString *out, const char *what, const char *among, const double *in_h,
               const double *in_map, double chance, int k)
{
  if (isnan (chance) || chance >= 1.0)
    return;
  g_string_append_printf (out, "%s purity of the %d nearest neighbours%s (chance ", what, k,
                          among);
  append_percent (out, chance);
  g_string_append (out, "):");
  for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
    {
      g_string_append_printf (out, "%s %s ", m == 0 ? "" : ";",
                              m == 0 ? "before pre-training" : "after");
      append_percent (out, in_h[m]);
      g_string_append (out, " in h, ");
      append_percent (out, in_map[m]);
      g_string_append (out, " in the map");
    }
  g_string_append_c (out, '\n');
}

char *
scmm_embedding_map_describe (const ScmmEmbeddingMap *map)
{
  const ScmmEmbeddingWindows *w = map->windows;
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "%s: %d windows of %s (source) and %d of %s (target); "
                          "h has %d dimensions\n", map->method_name,
                          w->count[SCMM_EMBEDDING_SOURCE], w->corpus_name[SCMM_EMBEDDING_SOURCE],
                          w->count[SCMM_EMBEDDING_TARGET], w->corpus_name[SCMM_EMBEDDING_TARGET],
                          map->hidden);
  if (map->options.projection == SCMM_EMBEDDING_PCA)
    {
      g_string_append (out, "PCA, fitted on each model's h separately; h's variance along the "
                            "two axes:");
      for (int m = 0; m < SCMM_EMBEDDING_MODELS; m++)
        {
          g_string_append_printf (out, "%s %s ", m == 0 ? "" : ";",
                                  m == 0 ? "before pre-training" : "after");
          append_percent (out, map->variance_ratio[m][0]);
          g_string_append (out, " and ");
          append_percent (out, map->variance_ratio[m][1]);
        }
      g_string_append_c (out, '\n');
    }
  else
    g_string_append_printf (out, "exact t-SNE, perplexity %g, both maps started from seed %"
                            G_GUINT64_FORMAT "\n", map->options.perplexity, map->options.seed);
  const int k = map->options.neighbours;
  append_purity (out, "corpus", "", map->corpus_purity_h, map->corpus_purity_map,
                 map->corpus_purity_chance, k);
  append_purity (out, "class", " among the target's windows", map->class_purity_h,
                 map->class_purity_map, map->class_purity_chance, k);
  return g_string_free (out, FALSE);
}
