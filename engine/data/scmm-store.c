/* scmm-store.c: read and write the HDF5 corpus store. */
#include "scmm-store.h"

#include <string.h>

#include "scmm-build-config.h"
#include "scmm-error.h"
#include "scmm-h5.h"

static const char *const band_names[SCMM_DE_BANDS] = { "delta", "theta", "alpha", "beta", "gamma" };

/* An HDF5 link name for a subject, session or trial name: no '/', not "." */
static char *
group_name (const char *name)
{
  char *g = g_strdup (name[0] != '\0' ? name : "_");
  g_strdelimit (g, "/", '_');
  if (strcmp (g, ".") == 0 || strcmp (g, "..") == 0)
    g_strdelimit (g, ".", '_');
  return g;
}

static gboolean
write_description (ScmmH5 *h5, const ScmmCorpus *c, GError **error)
{
  double edges[SCMM_DE_BANDS * 2];
  for (int b = 0; b < SCMM_DE_BANDS; b++)
    {
      edges[2 * b] = c->bands[b].low_hz;
      edges[2 * b + 1] = c->bands[b].high_hz;
    }
  ScmmShape edge_shape = SCMM_SHAPE2 (SCMM_DE_BANDS, 2);
  gboolean ok =
    scmm_h5_write_attr_string (h5, "/", "format", SCMM_STORE_FORMAT, error)
    && scmm_h5_write_attr_int (h5, "/", "format_version", SCMM_STORE_FORMAT_VERSION, error)
    && scmm_h5_write_attr_string (h5, "/", "program", "scmm-studio " SCMM_VERSION, error)
    && scmm_h5_write_attr_string (h5, "/", "name", c->name, error)
    && scmm_h5_write_attr_string (h5, "/", "importer", c->importer, error)
    && scmm_h5_write_attr_string (h5, "/", "importer_version", c->importer_version, error)
    && scmm_h5_write_attr_string (h5, "/", "feature", c->feature, error)
    && scmm_h5_write_attr_string (h5, "/", "smoothing", c->smoothing, error)
    && scmm_h5_write_attr_double (h5, "/", "window_s", c->window_s, error)
    && scmm_h5_write_attr_double (h5, "/", "source_rate_hz", c->source_rate_hz, error)
    && scmm_h5_write_strings (h5, "/class_names", (const char *const *) c->class_names,
                              c->n_classes, error)
    && scmm_h5_write_strings (h5, "/channel_names", (const char *const *) c->channel_names,
                              c->n_channels, error)
    && scmm_h5_write_strings (h5, "/band_names", band_names, SCMM_DE_BANDS, error)
    && scmm_h5_write_f64 (h5, "/band_edges_hz", &edge_shape, edges, error);
  if (ok && c->n_ratings > 0)
    ok = scmm_h5_write_strings (h5, "/rating_names", (const char *const *) c->rating_names,
                                c->n_ratings, error);
  if (!ok)
    return FALSE;

  guint np = c->provenance->len;
  g_autofree const char **paths = g_new0 (const char *, np + 1);
  g_autofree const char **sums = g_new0 (const char *, np + 1);
  g_autofree double *bytes = g_new0 (double, np + 1);
  for (guint i = 0; i < np; i++)
    {
      const ScmmProvenance *p = &g_array_index (c->provenance, ScmmProvenance, i);
      paths[i] = p->path;
      sums[i] = p->sha256;
      bytes[i] = (double) p->bytes;
    }
  ScmmShape np_shape = SCMM_SHAPE1 (np);
  return scmm_h5_write_strings (h5, "/provenance/path", paths, np, error)
         && scmm_h5_write_strings (h5, "/provenance/sha256", sums, np, error)
         && scmm_h5_write_f64 (h5, "/provenance/bytes", &np_shape, bytes, error);
}

static gboolean
write_trial (ScmmH5 *h5, const ScmmCorpus *c, const char *group, const ScmmTrial *t, int index,
             GError **error)
{
  g_autofree char *de_name = g_strdup_printf ("%s/de", group);
  ScmmShape de_shape = SCMM_SHAPE3 (t->windows, c->n_channels, c->n_bands);
  if (!scmm_h5_write_f32 (h5, de_name, &de_shape, t->de, error)
      || !scmm_h5_write_attr_int (h5, group, "index", index, error)
      || !scmm_h5_write_attr_int (h5, group, "label", t->label, error)
      || !scmm_h5_write_attr_string (h5, group, "name", t->name, error))
    return FALSE;
  if (t->ratings != NULL && c->n_ratings > 0)
    {
      g_autofree char *name = g_strdup_printf ("%s/ratings", group);
      ScmmShape shape = SCMM_SHAPE1 (c->n_ratings);
      if (!scmm_h5_write_f32 (h5, name, &shape, t->ratings, error))
        return FALSE;
    }
  if (t->events != NULL)
    {
      guint ne = t->events->len;
      g_autofree double *onset = g_new0 (double, ne + 1);
      g_autofree double *duration = g_new0 (double, ne + 1);
      g_autofree const char **text = g_new0 (const char *, ne + 1);
      for (guint i = 0; i < ne; i++)
        {
          const ScmmTrialEvent *e = &g_array_index (t->events, ScmmTrialEvent, i);
          onset[i] = e->onset_s;
          duration[i] = e->duration_s;
          text[i] = e->text;
        }
      g_autofree char *on = g_strdup_printf ("%s/events/onset_s", group);
      g_autofree char *du = g_strdup_printf ("%s/events/duration_s", group);
      g_autofree char *tx = g_strdup_printf ("%s/events/text", group);
      ScmmShape shape = SCMM_SHAPE1 (ne);
      if (!scmm_h5_write_f64 (h5, on, &shape, onset, error)
          || !scmm_h5_write_f64 (h5, du, &shape, duration, error)
          || !scmm_h5_write_strings (h5, tx, text, ne, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_subjects (ScmmH5 *h5, const ScmmCorpus *c, GError **error)
{
  if (!scmm_h5_ensure_group (h5, "/subjects", error))
    return FALSE;
  for (guint i = 0; i < c->subjects->len; i++)
    {
      const ScmmSubject *subject = g_ptr_array_index (c->subjects, i);
      g_autofree char *sg = group_name (subject->name);
      g_autofree char *subject_group = g_strdup_printf ("/subjects/%s", sg);
      if (!scmm_h5_ensure_group (h5, subject_group, error)
          || !scmm_h5_write_attr_int (h5, subject_group, "index", i, error)
          || !scmm_h5_write_attr_string (h5, subject_group, "name", subject->name, error))
        return FALSE;
      for (guint j = 0; j < subject->sessions->len; j++)
        {
          const ScmmSession *session = g_ptr_array_index (subject->sessions, j);
          g_autofree char *ssg = group_name (session->name);
          g_autofree char *session_group = g_strdup_printf ("%s/%s", subject_group, ssg);
          if (!scmm_h5_ensure_group (h5, session_group, error)
              || !scmm_h5_write_attr_int (h5, session_group, "index", j, error)
              || !scmm_h5_write_attr_string (h5, session_group, "name", session->name, error))
            return FALSE;
          for (guint k = 0; k < session->trials->len; k++)
            {
              const ScmmTrial *t = g_ptr_array_index (session->trials, k);
              g_autofree char *tg = group_name (t->name);
              g_autofree char *trial_group = g_strdup_printf ("%s/%s", session_group, tg);
              if (!write_trial (h5, c, trial_group, t, (int) k, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
scmm_store_save (const ScmmCorpus *corpus, const char *path, GError **error)
{
  g_autoptr (GError) invalid = NULL;
  if (!scmm_corpus_validate (corpus, &invalid))
    {
      g_set_error (error, SCMM_ERROR, invalid->code, "%s: not written: %s", path,
                   invalid->message);
      return FALSE;
    }
  ScmmH5 *h5 = scmm_h5_create_sealed (path, error);
  if (h5 == NULL)
    return FALSE;
  if (!write_description (h5, corpus, error) || !write_subjects (h5, corpus, error))
    {
      scmm_h5_close_quietly (h5);
      return FALSE;
    }
  return scmm_h5_close (h5, error);
}

/* ---- loading ---- */

typedef struct {
  char *link;    /* the HDF5 name */
  char *name;    /* the subject/session/trial name */
  int64_t index;
} Member;

static int
compare_members (gconstpointer a, gconstpointer b)
{
  const Member *x = a, *y = b;
  return (x->index > y->index) - (x->index < y->index);
}

static void
member_clear (gpointer data)
{
  Member *m = data;
  g_free (m->link);
  g_free (m->name);
}

/* The members of a group in their stored order (the `index` attributes). */
static GArray *
ordered_members (ScmmH5 *h5, const char *group, GError **error)
{
  g_auto (GStrv) links = scmm_h5_list_group (h5, group, error);
  if (links == NULL)
    return NULL;
  GArray *members = g_array_new (FALSE, TRUE, sizeof (Member));
  g_array_set_clear_func (members, member_clear);
  for (int i = 0; links[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s", group, links[i]);
      Member m = { g_strdup (links[i]), NULL, i };
      if (scmm_h5_has_attr (h5, path, "index")
          && !scmm_h5_read_attr_int (h5, path, "index", &m.index, error))
        {
          member_clear (&m);
          g_array_unref (members);
          return NULL;
        }
      if (scmm_h5_has_attr (h5, path, "name"))
        m.name = scmm_h5_read_attr_string (h5, path, "name", NULL);
      if (m.name == NULL)
        m.name = g_strdup (links[i]);
      g_array_append_val (members, m);
    }
  g_array_sort (members, compare_members);
  return members;
}

static gboolean
read_trial (ScmmH5 *h5, ScmmCorpus *c, ScmmSession *session, const char *group, const char *name,
            GError **error)
{
  int64_t label = -1;
  if (scmm_h5_has_attr (h5, group, "label")
      && !scmm_h5_read_attr_int (h5, group, "label", &label, error))
    return FALSE;
  if (label < -1 || label >= c->n_classes)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: “%s” has label %" G_GINT64_FORMAT ", not one of the %d classes", h5->path,
                   group, label, c->n_classes);
      return FALSE;
    }
  g_autofree char *de_name = g_strdup_printf ("%s/de", group);
  ScmmShape expect = SCMM_SHAPE3 (-1, c->n_channels, c->n_bands), shape;
  float *de = scmm_h5_read_f32 (h5, de_name, &expect, &shape, error);
  if (de == NULL)
    return FALSE;
  if (shape.dim[0] < 1 || shape.dim[0] > G_MAXINT)
    {
      g_free (de);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE, "%s: dataset “%s” has no windows",
                   h5->path, de_name);
      return FALSE;
    }
  ScmmTrial *t = scmm_session_add_trial (session, name, (int) label, de, (int) shape.dim[0]);

  g_autofree char *ratings = g_strdup_printf ("%s/ratings", group);
  if (c->n_ratings > 0 && scmm_h5_exists (h5, ratings))
    {
      ScmmShape r_expect = SCMM_SHAPE1 (c->n_ratings);
      t->ratings = scmm_h5_read_f32 (h5, ratings, &r_expect, NULL, error);
      if (t->ratings == NULL)
        return FALSE;
    }
  g_autofree char *text_name = g_strdup_printf ("%s/events/text", group);
  if (scmm_h5_exists (h5, text_name))
    {
      int64_t ne = 0;
      g_auto (GStrv) text = scmm_h5_read_strings (h5, text_name, -1, &ne, error);
      if (text == NULL)
        return FALSE;
      g_autofree char *on = g_strdup_printf ("%s/events/onset_s", group);
      g_autofree char *du = g_strdup_printf ("%s/events/duration_s", group);
      ScmmShape e_expect = SCMM_SHAPE1 (ne);
      g_autofree double *onset = scmm_h5_read_f64 (h5, on, &e_expect, NULL, error);
      if (onset == NULL)
        return FALSE;
      g_autofree double *duration = scmm_h5_read_f64 (h5, du, &e_expect, NULL, error);
      if (duration == NULL)
        return FALSE;
      t->events = g_array_new (FALSE, TRUE, sizeof (ScmmTrialEvent));
      for (int64_t i = 0; i < ne; i++)
        {
          ScmmTrialEvent e = { onset[i], duration[i], g_strdup (text[i]) };
          g_array_append_val (t->events, e);
        }
    }
  return TRUE;
}

static gboolean
read_subjects (ScmmH5 *h5, ScmmCorpus *c, GError **error)
{
  g_autoptr (GArray) subjects = ordered_members (h5, "/subjects", error);
  if (subjects == NULL)
    return FALSE;
  for (guint i = 0; i < subjects->len; i++)
    {
      const Member *sm = &g_array_index (subjects, Member, i);
      g_autofree char *subject_group = g_strdup_printf ("/subjects/%s", sm->link);
      ScmmSubject *subject = scmm_corpus_subject (c, sm->name);
      g_autoptr (GArray) sessions = ordered_members (h5, subject_group, error);
      if (sessions == NULL)
        return FALSE;
      for (guint j = 0; j < sessions->len; j++)
        {
          const Member *ssm = &g_array_index (sessions, Member, j);
          g_autofree char *session_group = g_strdup_printf ("%s/%s", subject_group, ssm->link);
          ScmmSession *session = scmm_subject_session (subject, ssm->name);
          g_autoptr (GArray) trials = ordered_members (h5, session_group, error);
          if (trials == NULL)
            return FALSE;
          for (guint k = 0; k < trials->len; k++)
            {
              const Member *tm = &g_array_index (trials, Member, k);
              g_autofree char *trial_group = g_strdup_printf ("%s/%s", session_group, tm->link);
              if (!read_trial (h5, c, session, trial_group, tm->name, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static char *
read_optional_string (ScmmH5 *h5, const char *attr, const char *fallback, GError **error)
{
  if (!scmm_h5_has_attr (h5, "/", attr))
    return g_strdup (fallback);
  return scmm_h5_read_attr_string (h5, "/", attr, error);
}

gboolean
scmm_store_is_store (const char *path)
{
  g_autoptr (ScmmH5) h5 = scmm_h5_open_sealed (path, NULL);
  if (h5 == NULL || !scmm_h5_has_attr (h5, "/", "format"))
    return FALSE;
  g_autofree char *format = scmm_h5_read_attr_string (h5, "/", "format", NULL);
  return g_strcmp0 (format, SCMM_STORE_FORMAT) == 0;
}

ScmmCorpus *
scmm_store_load (const char *path, GError **error)
{
  g_autoptr (ScmmH5) h5 = scmm_h5_open_sealed (path, error);
  if (h5 == NULL)
    return NULL;
  g_autofree char *format = scmm_h5_read_attr_string (h5, "/", "format", error);
  if (format == NULL)
    return NULL;
  if (strcmp (format, SCMM_STORE_FORMAT) != 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: is a “%s” file, not a corpus store", path, format);
      return NULL;
    }
  int64_t version;
  if (!scmm_h5_read_attr_int (h5, "/", "format_version", &version, error))
    return NULL;
  if (version > SCMM_STORE_FORMAT_VERSION)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: store format version %" G_GINT64_FORMAT " is newer than this program "
                   "reads (%d); update SCMM Studio", path, version, SCMM_STORE_FORMAT_VERSION);
      return NULL;
    }

  /* Attributes first: see scmm-checkpoint.c on HDF5 1.10 and damaged files. */
  g_autofree char *name = NULL, *importer = NULL, *importer_version = NULL, *feature = NULL,
                  *smoothing = NULL;
  double window_s, rate;
  if ((name = read_optional_string (h5, "name", "", error)) == NULL
      || (importer = read_optional_string (h5, "importer", "", error)) == NULL
      || (importer_version = read_optional_string (h5, "importer_version", "", error)) == NULL
      || (feature = read_optional_string (h5, "feature", "de", error)) == NULL
      || (smoothing = read_optional_string (h5, "smoothing", "none", error)) == NULL
      || !scmm_h5_read_attr_double (h5, "/", "window_s", &window_s, error)
      || !scmm_h5_read_attr_double (h5, "/", "source_rate_hz", &rate, error))
    return NULL;
  if (!(window_s > 0.0) || rate < 0.0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: attribute “window_s” must be positive and “source_rate_hz” not negative",
                   path);
      return NULL;
    }

  int64_t n_classes = 0, n_channels = 0;
  g_auto (GStrv) classes = scmm_h5_read_strings (h5, "/class_names", -1, &n_classes, error);
  if (classes == NULL)
    return NULL;
  g_auto (GStrv) channels = scmm_h5_read_strings (h5, "/channel_names", -1, &n_channels, error);
  if (channels == NULL)
    return NULL;
  if (n_classes > SCMM_CORPUS_MAX_CLASSES || n_channels < 1 || n_channels > 4096)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: %" G_GINT64_FORMAT " classes and %" G_GINT64_FORMAT " channels: expected "
                   "0 to %d classes and 1 to 4096 channels", path, n_classes, n_channels,
                   SCMM_CORPUS_MAX_CLASSES);
      return NULL;
    }
  ScmmShape edge_shape = SCMM_SHAPE2 (SCMM_DE_BANDS, 2);
  g_autofree double *edges = scmm_h5_read_f64 (h5, "/band_edges_hz", &edge_shape, NULL, error);
  if (edges == NULL)
    return NULL;
  ScmmBand bands[SCMM_DE_BANDS];
  for (int b = 0; b < SCMM_DE_BANDS; b++)
    bands[b] = (ScmmBand) { edges[2 * b], edges[2 * b + 1] };

  g_autoptr (ScmmCorpus) c = scmm_corpus_new (name, (const char *const *) classes,
                                              (const char *const *) channels, (int) n_channels,
                                              bands, window_s);
  g_free (c->importer);
  c->importer = g_steal_pointer (&importer);
  g_free (c->importer_version);
  c->importer_version = g_steal_pointer (&importer_version);
  g_free (c->feature);
  c->feature = g_steal_pointer (&feature);
  g_free (c->smoothing);
  c->smoothing = g_steal_pointer (&smoothing);
  c->source_rate_hz = rate;

  if (scmm_h5_exists (h5, "/rating_names"))
    {
      g_auto (GStrv) ratings = scmm_h5_read_strings (h5, "/rating_names", -1, NULL, error);
      if (ratings == NULL)
        return NULL;
      scmm_corpus_set_ratings (c, (const char *const *) ratings);
    }
  if (scmm_h5_exists (h5, "/provenance/path"))
    {
      int64_t np = 0;
      g_auto (GStrv) paths = scmm_h5_read_strings (h5, "/provenance/path", -1, &np, error);
      if (paths == NULL)
        return NULL;
      g_auto (GStrv) sums = scmm_h5_read_strings (h5, "/provenance/sha256", np, NULL, error);
      if (sums == NULL)
        return NULL;
      ScmmShape np_shape = SCMM_SHAPE1 (np);
      g_autofree double *bytes = scmm_h5_read_f64 (h5, "/provenance/bytes", &np_shape, NULL, error);
      if (bytes == NULL)
        return NULL;
      for (int64_t i = 0; i < np; i++)
        scmm_corpus_add_provenance (c, paths[i], sums[i], (gint64) bytes[i]);
    }
  if (!read_subjects (h5, c, error))
    return NULL;
  return g_steal_pointer (&c);
}
