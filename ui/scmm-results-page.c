/* scmm-results-page.c: the Results page
 *
 * Reads a run folder (docs/run-folder.md) into a RunResults and shows it. The
 * engine writes results.csv when a method is done, so a run stopped in the
 * middle of a method has the subjects done since only as result.ini files:
 * those are read too, and the mean ± std recomputed from the subjects. The
 * tables' models hold keys (a method's index, a subject's name); the cells
 * look the values up in the RunResults. The figures are those of one method,
 * chosen in a drop-down: its summed confusion matrix, its pre-training losses
 * and its mean fine-tuning accuracy per epoch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "scmm-error-dialog.h"
#include "scmm-error.h"
#include "scmm-experiment.h"
#include "scmm-figure-view.h"
#include "scmm-metrics.h"
#include "scmm-resources.h"
#include "scmm-results-page.h"

/* ---- what a run folder holds ---- */

typedef struct
{
  double accuracy;
  double f1;
  int    epoch;
} Score;

typedef struct
{
  char       *name;
  GHashTable *scores;        /* subject -> Score */
  double      accuracy_mean, accuracy_std;
  double      f1_mean, f1_std;
  gboolean    have_csv_mean, have_csv_std;
  gboolean    supplemented;  /* subjects read from result.ini, not in results.csv */
} MethodResult;

typedef struct
{
  char       *dir;
  char       *name;
  char       *source;
  char       *target;
  char       *protocol;
  char       *selection;
  char       *status;
  gboolean    released;
  int         total_subjects;  /* -1: unknown */
  GPtrArray  *methods;         /* MethodResult */
  GPtrArray  *subjects;        /* char *, in the table's order */
  int         best;            /* the method with the best mean accuracy, -1 */
} RunResults;

static void
method_result_free (gpointer data)
{
  MethodResult *method = data;

  g_free (method->name);
  g_hash_table_unref (method->scores);
  g_free (method);
}

static MethodResult *
method_result_new (const char *name)
{
  MethodResult *method = g_new0 (MethodResult, 1);

  method->name = g_strdup (name);
  method->scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return method;
}

static int
method_result_done (const MethodResult *method)
{
  return (int) g_hash_table_size (method->scores);
}

static void
run_results_free (RunResults *results)
{
  if (results == NULL)
    return;

  g_free (results->dir);
  g_free (results->name);
  g_free (results->source);
  g_free (results->target);
  g_free (results->protocol);
  g_free (results->selection);
  g_free (results->status);
  g_clear_pointer (&results->methods, g_ptr_array_unref);
  g_clear_pointer (&results->subjects, g_ptr_array_unref);
  g_free (results);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunResults, run_results_free)

static MethodResult *
run_results_method (RunResults *results,
                    const char *name,
                    gboolean    create)
{
  MethodResult *method;

  for (guint i = 0; i < results->methods->len; i++)
    {
      method = g_ptr_array_index (results->methods, i);
      if (strcmp (method->name, name) == 0)
        return method;
    }

  if (!create)
    return NULL;

  method = method_result_new (name);
  g_ptr_array_add (results->methods, method);
  return method;
}

static void
run_results_add_subject (RunResults *results,
                         const char *subject)
{
  for (guint i = 0; i < results->subjects->len; i++)
    if (strcmp (g_ptr_array_index (results->subjects, i), subject) == 0)
      return;

  g_ptr_array_add (results->subjects, g_strdup (subject));
}

/* Subjects as the corpora name them: numbers in numeric order ("2" before
 * "10"), names alphabetically. For g_ptr_array_sort. */
static int
compare_subject_names (gconstpointer a,
                       gconstpointer b)
{
  const char *sa = *(const char *const *) a;
  const char *sb = *(const char *const *) b;
  guint64 na, nb;
  gboolean numeric_a = g_ascii_string_to_unsigned (sa, 10, 0, G_MAXUINT64, &na, NULL);
  gboolean numeric_b = g_ascii_string_to_unsigned (sb, 10, 0, G_MAXUINT64, &nb, NULL);

  if (numeric_a && numeric_b)
    return na < nb ? -1 : na > nb ? 1 : 0;
  if (numeric_a != numeric_b)
    return numeric_a ? -1 : 1;
  return g_utf8_collate (sa, sb);
}

/* Reads `"key": "value"` out of the run record (a JSON object written by the
 * engine: string values; the first occurrence of the key). NULL if absent. */
static char *
json_get_string (const char *json,
                 const char *key)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", key);
  const char *p = json != NULL ? strstr (json, quoted) : NULL;
  GString *value;

  if (p == NULL)
    return NULL;
  p += strlen (quoted);
  while (g_ascii_isspace (*p))
    p++;
  if (*p++ != ':')
    return NULL;
  while (g_ascii_isspace (*p))
    p++;
  if (*p++ != '"')
    return NULL;

  value = g_string_new (NULL);
  for (; *p != '\0' && *p != '"'; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (value, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n': g_string_append_c (value, '\n'); break;
        case 't': g_string_append_c (value, '\t'); break;
        case 'r': g_string_append_c (value, '\r'); break;
        case 'u':
          if (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2])
              && g_ascii_isxdigit (p[3]) && g_ascii_isxdigit (p[4]))
            {
              char hex[5] = { p[1], p[2], p[3], p[4], '\0' };

              g_string_append_unichar (value, (gunichar) strtoul (hex, NULL, 16));
              p += 4;
            }
          break;
        case '\0':
          p--;
          break;
        default:
          g_string_append_c (value, *p);
        }
    }

  return g_string_free (value, FALSE);
}

/* "Demo SEED-like (demo:seed)" from the record's "source" or "target" object. */
static char *
record_corpus_name (const char *record,
                    const char *side,
                    const char *spec)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\":", side);
  const char *object = record != NULL ? strstr (record, quoted) : NULL;
  const char *end = object != NULL ? strchr (object, '}') : NULL;
  g_autofree char *inside = object != NULL && end != NULL ? g_strndup (object, end - object) : NULL;
  g_autofree char *name = json_get_string (inside, "name");

  if (name != NULL && name[0] != '\0')
    return g_strdup (name);
  return g_strdup (spec != NULL ? spec : "?");
}

static gboolean
parse_double (const char *text,
              double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

/* results.csv: method,subject,accuracy,macro_f1,selected_epoch rows, then a
 * mean and a std row per method. */
static gboolean
read_results_csv (RunResults  *results,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;   /* no method finished yet */
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: %s", path, local->message);
      return FALSE;
    }

  lines = g_strsplit (text, "\n", -1);
  if (lines[0] == NULL || !g_str_has_prefix (lines[0], "method,subject,accuracy,macro_f1"))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: not a results table (the first line should be "
                   "method,subject,accuracy,macro_f1,selected_epoch)", path);
      return FALSE;
    }

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      MethodResult *method;
      double accuracy, f1;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;

      fields = g_strsplit (lines[i], ",", -1);
      if (g_strv_length (fields) != 5 || fields[0][0] == '\0' || fields[1][0] == '\0'
          || !parse_double (fields[2], &accuracy) || !parse_double (fields[3], &f1))
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s: line %u is not method,subject,accuracy,macro_f1,selected_epoch: %s",
                       path, i + 1, lines[i]);
          return FALSE;
        }

      method = run_results_method (results, fields[0], TRUE);
      if (strcmp (fields[1], "mean") == 0)
        {
          method->accuracy_mean = accuracy;
          method->f1_mean = f1;
          method->have_csv_mean = TRUE;
        }
      else if (strcmp (fields[1], "std") == 0)
        {
          method->accuracy_std = accuracy;
          method->f1_std = f1;
          method->have_csv_std = TRUE;
        }
      else
        {
          Score *score = g_new0 (Score, 1);

          score->accuracy = accuracy;
          score->f1 = f1;
          score->epoch = atoi (fields[4]);
          g_hash_table_replace (method->scores, g_strdup (fields[1]), score);
          run_results_add_subject (results, fields[1]);
        }
    }

  return TRUE;
}

/* The subjects done since results.csv was last written: their result.ini. */
static void
read_subject_results (RunResults   *results,
                      MethodResult *method)
{
  g_autofree char *subjects_dir = g_build_filename (results->dir, method->name, "subjects", NULL);
  g_autoptr(GDir) dir = g_dir_open (subjects_dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (!g_hash_table_contains (method->scores, name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_subject_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *subject = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (subjects_dir, subject, "result.ini", NULL);
      g_autoptr(GKeyFile) ini = g_key_file_new ();
      g_autoptr(GError) local = NULL;
      Score score = { 0 };

      if (!g_key_file_load_from_file (ini, path, G_KEY_FILE_NONE, NULL))
        continue;   /* being fine-tuned: not done */

      score.accuracy = g_key_file_get_double (ini, "result", "accuracy", &local);
      if (local == NULL)
        score.f1 = g_key_file_get_double (ini, "result", "macro_f1", &local);
      if (local == NULL)
        score.epoch = g_key_file_get_integer (ini, "result", "selected_epoch", &local);
      if (local != NULL)
        {
          g_debug ("%s: skipped: %s", path, local->message);
          continue;
        }

      g_hash_table_replace (method->scores, g_strdup (subject), g_memdup2 (&score, sizeof score));
      run_results_add_subject (results, subject);
      method->supplemented = TRUE;
    }
}

static void
compute_mean_std (RunResults   *results,
                  MethodResult *method)
{
  int done = method_result_done (method);
  g_autofree double *accuracy = g_new0 (double, MAX (done, 1));
  g_autofree double *f1 = g_new0 (double, MAX (done, 1));
  int n = 0;

  /* results.csv's own numbers, when it holds every subject shown. */
  if (!method->supplemented && method->have_csv_mean && method->have_csv_std)
    return;

  for (guint i = 0; i < results->subjects->len; i++)
    {
      const Score *score = g_hash_table_lookup (method->scores, g_ptr_array_index (results->subjects, i));

      if (score != NULL)
        {
          accuracy[n] = score->accuracy;
          f1[n] = score->f1;
          n++;
        }
    }

  if (n > 0)
    {
      scmm_mean_std (accuracy, n, &method->accuracy_mean, &method->accuracy_std);
      scmm_mean_std (f1, n, &method->f1_mean, &method->f1_std);
    }
  else
    method->accuracy_mean = method->accuracy_std = method->f1_mean = method->f1_std = NAN;
}

/* How many target subjects the run has: results.md says it; else the
 * config's list; -1 when neither does (all the subjects of a corpus not yet
 * opened). */
static int
count_target_subjects (const char           *dir,
                       const ScmmExperiment *experiment)
{
  g_autofree char *path = g_build_filename (dir, "results.md", NULL);
  g_autofree char *md = NULL;

  if (g_file_get_contents (path, &md, NULL, NULL))
    {
      g_autoptr(GRegex) regex = g_regex_new ("([0-9]+) target subjects", 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (regex, md, 0, &match))
        {
          g_autofree char *number = g_match_info_fetch (match, 1);

          return atoi (number);
        }
    }

  if (!experiment->target.subjects.all && experiment->target.subjects.names != NULL)
    return (int) g_strv_length (experiment->target.subjects.names);

  return -1;
}

static const char *
model_selection_text (ScmmModelSelection selection)
{
  switch (selection)
    {
    case SCMM_SELECT_LAST:
      return _("last epoch");
    case SCMM_SELECT_VALIDATION:
      return _("best on validation");
    case SCMM_SELECT_BEST_TEST:
      return _("best test epoch (optimistic, as released)");
    default:
      return "?";
    }
}

static RunResults *
load_run (const char  *dir,
          GError     **error)
{
  g_autoptr(RunResults) results = g_new0 (RunResults, 1);
  g_autofree char *config_path = g_build_filename (dir, "config.ini", NULL);
  g_autofree char *record_path = g_build_filename (dir, "record.json", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "results.csv", NULL);
  g_autofree char *record = NULL;
  g_autoptr(ScmmExperiment) experiment = NULL;
  double best_accuracy = -1;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: no such folder", dir);
      return NULL;
    }
  if (!g_file_test (config_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: not a run folder (it has no config.ini)", dir);
      return NULL;
    }

  experiment = scmm_experiment_load (config_path, error);
  if (experiment == NULL)
    return NULL;

  results->dir = g_strdup (dir);
  results->methods = g_ptr_array_new_with_free_func (method_result_free);
  results->subjects = g_ptr_array_new_with_free_func (g_free);
  results->best = -1;
  results->name = g_strdup (experiment->name != NULL ? experiment->name : _("Experiment"));
  results->protocol = g_strdup (scmm_protocol_to_string (experiment->protocol));
  results->selection = g_strdup (model_selection_text (experiment->model_selection));
  results->released = experiment->released_fidelity;
  results->total_subjects = count_target_subjects (dir, experiment);

  g_file_get_contents (record_path, &record, NULL, NULL);
  results->status = json_get_string (record, "status");
  results->source = record_corpus_name (record, "source", experiment->source.corpus);
  results->target = record_corpus_name (record, "target",
                                        experiment->target.corpus != NULL && experiment->target.corpus[0] != '\0'
                                        ? experiment->target.corpus : experiment->source.corpus);

  /* The config's methods, in its order, then whatever else the table has. */
  for (int m = 0; m < experiment->n_methods; m++)
    run_results_method (results, scmm_method_to_string (experiment->methods[m]), TRUE);

  if (!read_results_csv (results, csv_path, error))
    return NULL;

  for (guint m = 0; m < results->methods->len; m++)
    read_subject_results (results, g_ptr_array_index (results->methods, m));

  for (guint m = 0; m < results->methods->len; m++)
    {
      MethodResult *method = g_ptr_array_index (results->methods, m);

      compute_mean_std (results, method);
      if (method_result_done (method) > 0 && method->accuracy_mean > best_accuracy)
        {
          best_accuracy = method->accuracy_mean;
          results->best = (int) m;
        }
    }

  return g_steal_pointer (&results);
}

/* ---- the page ---- */

typedef enum {
  COMPARISON_METHOD,
  COMPARISON_ACCURACY,
  COMPARISON_F1,
  COMPARISON_SUBJECTS,
} ComparisonColumn;

typedef enum {
  SUBJECT_NAME,
  SUBJECT_ACCURACY,
  SUBJECT_F1,
  SUBJECT_EPOCH,
  SUBJECT_BOTH,      /* "accuracy / macro-F1", as results.md: one column per method */
} SubjectColumn;

struct _ScmmResultsPage
{
  GtkWidget parent_instance;

  /* Template children */
  GtkStack       *content_stack;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *details_label;
  GtkWidget      *status_box;
  GtkLabel       *status_label;
  GtkButton      *export_button;
  GtkColumnView  *comparison_view;
  GtkLabel       *comparison_note;
  GtkLabel       *subjects_heading;
  GtkColumnView  *subjects_view;
  GtkDropDown    *method_dropdown;
  GtkWidget      *confusion_figure_box;
  GtkWidget      *pretrain_figure_box;
  GtkWidget      *finetune_figure_box;

  RunResults     *results;
  GtkStringList  *comparison_keys;   /* method indices */
  GtkStringList  *subject_keys;      /* subject names */
  GtkStringList  *method_names;      /* the drop-down's */

  GtkWidget      *confusion_view;
  GtkWidget      *pretrain_view;
  GtkWidget      *finetune_view;

  GtkFileChooserNative *export_chooser;
};

G_DEFINE_FINAL_TYPE (ScmmResultsPage, scmm_results_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- cells ---- */

static void
set_cell (GtkLabel   *label,
          const char *text,
          gboolean    bold)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (label, attrs);
  gtk_label_set_label (label, text);
  pango_attr_list_unref (attrs);
}

static void
format_percent (char   *buffer,
                gsize   size,
                double  value)
{
  if (isfinite (value))
    g_snprintf (buffer, size, "%.2f", 100 * value);
  else
    g_strlcpy (buffer, "–", size);
}

static void
format_mean_std (char   *buffer,
                 gsize   size,
                 double  mean,
                 double  std)
{
  if (isfinite (mean) && isfinite (std))
    g_snprintf (buffer, size, "%.2f ± %.2f", 100 * mean, 100 * std);
  else
    g_strlcpy (buffer, "–", size);
}

static void
text_cell_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  gboolean numeric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "numeric"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
method_cell_setup (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *best = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  /* GTK 4.8's theme has no label.success: GNOME's green reads on light and dark. */
  gtk_label_set_markup (GTK_LABEL (best), "<span foreground=\"#26a269\" weight=\"bold\">★ best</span>");
  gtk_widget_add_css_class (best, "caption");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), best);
  gtk_list_item_set_child (item, box);
}

static const MethodResult *
method_for_item (ScmmResultsPage *self,
                 GtkListItem     *item,
                 int             *index)
{
  GtkStringObject *key = gtk_list_item_get_item (item);
  int m = atoi (gtk_string_object_get_string (key));

  if (self->results == NULL || m < 0 || m >= (int) self->results->methods->len)
    return NULL;
  if (index != NULL)
    *index = m;
  return g_ptr_array_index (self->results->methods, m);
}

static void
comparison_cell_bind (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  ScmmResultsPage *self = user_data;
  ComparisonColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *child = gtk_list_item_get_child (item);
  const MethodResult *method;
  gboolean best;
  char text[64];
  int m = -1;

  method = method_for_item (self, item, &m);
  if (method == NULL)
    return;
  best = m == self->results->best && self->results->methods->len > 1;

  switch (column)
    {
    case COMPARISON_METHOD:
      set_cell (GTK_LABEL (gtk_widget_get_first_child (child)), method->name, best);
      gtk_widget_set_visible (gtk_widget_get_last_child (child), best);
      return;

    case COMPARISON_ACCURACY:
      format_mean_std (text, sizeof text, method->accuracy_mean, method->accuracy_std);
      break;

    case COMPARISON_F1:
      format_mean_std (text, sizeof text, method->f1_mean, method->f1_std);
      break;

    case COMPARISON_SUBJECTS:
      if (self->results->total_subjects >= 0)
        g_snprintf (text, sizeof text, _("%d of %d"), method_result_done (method),
                    self->results->total_subjects);
      else
        g_snprintf (text, sizeof text, "%d", method_result_done (method));
      break;

    default:
      g_assert_not_reached ();
    }

  set_cell (GTK_LABEL (child), text, best && column != COMPARISON_SUBJECTS);
}

/* Per subject: the column's method and what it shows, packed in the factory. */
static void
subject_cell_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  ScmmResultsPage *self = user_data;
  SubjectColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  int m = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "method"));
  const char *subject = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const MethodResult *method;
  const Score *score;
  gboolean best = FALSE;
  char text[64];

  if (self->results == NULL)
    return;

  if (column == SUBJECT_NAME)
    {
      set_cell (label, subject, FALSE);
      return;
    }

  method = g_ptr_array_index (self->results->methods, m);
  score = g_hash_table_lookup (method->scores, subject);
  if (score == NULL)
    {
      set_cell (label, "–", FALSE);
      return;
    }

  /* With several methods, the best accuracy of the subject stands out. */
  if ((column == SUBJECT_ACCURACY || column == SUBJECT_BOTH) && self->results->methods->len > 1)
    {
      best = TRUE;
      for (guint o = 0; o < self->results->methods->len; o++)
        {
          const MethodResult *other = g_ptr_array_index (self->results->methods, o);
          const Score *other_score = g_hash_table_lookup (other->scores, subject);

          if (other_score != NULL && other_score->accuracy > score->accuracy)
            best = FALSE;
        }
    }

  switch (column)
    {
    case SUBJECT_ACCURACY:
      format_percent (text, sizeof text, score->accuracy);
      break;
    case SUBJECT_F1:
      format_percent (text, sizeof text, score->f1);
      break;
    case SUBJECT_EPOCH:
      g_snprintf (text, sizeof text, "%d", score->epoch);
      break;
    case SUBJECT_BOTH:
      g_snprintf (text, sizeof text, "%.2f / %.2f", 100 * score->accuracy, 100 * score->f1);
      break;
    default:
      g_assert_not_reached ();
    }
  set_cell (label, text, best);
}

static void
add_column (ScmmResultsPage *self,
            GtkColumnView   *view,
            const char      *title,
            GCallback        setup,
            GCallback        bind,
            int              column,
            int              method,
            gboolean         numeric,
            gboolean         expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (factory), "method", GINT_TO_POINTER (method));
  g_object_set_data (G_OBJECT (factory), "numeric", GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (view, view_column);
  g_object_unref (view_column);
}

static void
remove_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
}

static void
build_subject_columns (ScmmResultsPage *self)
{
  const RunResults *results = self->results;

  remove_columns (self->subjects_view);
  add_column (self, self->subjects_view, _("Subject"), G_CALLBACK (text_cell_setup),
              G_CALLBACK (subject_cell_bind), SUBJECT_NAME, 0, FALSE, FALSE);

  if (results->methods->len == 1)
    {
      gtk_label_set_label (self->subjects_heading, _("Per Target Subject"));
      add_column (self, self->subjects_view, _("Accuracy (%)"), G_CALLBACK (text_cell_setup),
                  G_CALLBACK (subject_cell_bind), SUBJECT_ACCURACY, 0, TRUE, TRUE);
      add_column (self, self->subjects_view, _("Macro-F1 (%)"), G_CALLBACK (text_cell_setup),
                  G_CALLBACK (subject_cell_bind), SUBJECT_F1, 0, TRUE, TRUE);
      add_column (self, self->subjects_view, _("Selected epoch"), G_CALLBACK (text_cell_setup),
                  G_CALLBACK (subject_cell_bind), SUBJECT_EPOCH, 0, TRUE, TRUE);
      return;
    }

  /* Several methods: one column each, so that a comparison fits. */
  gtk_label_set_label (self->subjects_heading, _("Per Target Subject: accuracy / macro-F1 (%)"));
  for (guint m = 0; m < results->methods->len; m++)
    {
      const MethodResult *method = g_ptr_array_index (results->methods, m);

      add_column (self, self->subjects_view, method->name, G_CALLBACK (text_cell_setup),
                  G_CALLBACK (subject_cell_bind), SUBJECT_BOTH, (int) m, TRUE, TRUE);
    }
}

/* ---- figures ---- */

static void
set_view_figure (GtkWidget  *view,
                 ScmmFigure *figure)
{
  scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (view), figure);
  scmm_figure_unref (figure);
}

/* confusion.csv: "true\predicted,c1,..,ck" then k rows "ci,n1,..,nk". */
static gboolean
read_confusion_csv (const char  *path,
                    gint64     **counts,
                    int         *k,
                    GStrv       *classes)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autofree gint64 *values = NULL;
  int n;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;

  lines = g_strsplit (g_strchomp (text), "\n", -1);
  if (lines[0] == NULL)
    return FALSE;
  header = g_strsplit (lines[0], ",", -1);
  n = (int) g_strv_length (header) - 1;
  if (n < 1 || (int) g_strv_length (lines) != n + 1)
    return FALSE;

  values = g_new0 (gint64, n * n);
  for (int i = 0; i < n; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i + 1], ",", -1);

      if ((int) g_strv_length (fields) != n + 1)
        return FALSE;
      for (int j = 0; j < n; j++)
        values[i * n + j] = g_ascii_strtoll (fields[j + 1], NULL, 10);
    }

  *classes = g_new0 (char *, n + 1);
  for (int j = 0; j < n; j++)
    (*classes)[j] = g_strdup (header[j + 1]);
  *counts = g_steal_pointer (&values);
  *k = n;
  return TRUE;
}

/* The subjects' result.ini confusions, summed. */
static gboolean
sum_subject_confusions (const RunResults    *results,
                        const MethodResult  *method,
                        gint64             **counts,
                        int                 *k,
                        GStrv               *classes)
{
  GHashTableIter iter;
  gpointer subject;
  int n = 0;

  *counts = NULL;
  *classes = NULL;
  g_hash_table_iter_init (&iter, method->scores);
  while (g_hash_table_iter_next (&iter, &subject, NULL))
    {
      g_autofree char *path = g_build_filename (results->dir, method->name, "subjects",
                                                subject, "result.ini", NULL);
      g_autoptr(GKeyFile) ini = g_key_file_new ();
      g_auto(GStrv) names = NULL;
      g_autofree int *confusion = NULL;
      gsize n_names = 0, n_confusion = 0;

      if (!g_key_file_load_from_file (ini, path, G_KEY_FILE_NONE, NULL))
        continue;
      names = g_key_file_get_string_list (ini, "result", "classes", &n_names, NULL);
      confusion = g_key_file_get_integer_list (ini, "result", "confusion", &n_confusion, NULL);
      if (names == NULL || confusion == NULL || n_names < 1 || n_confusion != n_names * n_names
          || (n > 0 && (gsize) n != n_names))
        continue;

      if (n == 0)
        {
          n = (int) n_names;
          *counts = g_new0 (gint64, n * n);
          *classes = g_steal_pointer (&names);
        }
      for (int i = 0; i < n * n; i++)
        (*counts)[i] += confusion[i];
    }

  *k = n;
  return n > 0;
}

static ScmmFigure *
confusion_figure (const RunResults   *results,
                  const MethodResult *method)
{
  g_autofree char *csv = g_build_filename (results->dir, method->name, "confusion.csv", NULL);
  g_autofree gint64 *counts = NULL;
  g_auto(GStrv) classes = NULL;
  g_autofree char *title = NULL;
  ScmmFigure *figure;
  int done = method_result_done (method);
  int k = 0;
  gboolean ok;

  /* confusion.csv is written with results.csv: current unless subjects came since. */
  ok = (!method->supplemented && read_confusion_csv (csv, &counts, &k, &classes))
       || sum_subject_confusions (results, method, &counts, &k, &classes);

  title = g_strdup_printf (ngettext ("%s: confusion, %d subject",
                                     "%s: confusion, %d subjects", done),
                           method->name, done);
  figure = scmm_figure_new (title);
  if (ok)
    {
      scmm_figure_set_confusion (figure, counts, k, (const char *const *) classes, TRUE);
      scmm_figure_set_axis_labels (figure, _("predicted class"), _("true class"));
    }
  else
    {
      g_autofree char *empty = g_strdup_printf (_("%s: confusion, no subject done yet"), method->name);

      scmm_figure_set_title (figure, empty);
    }

  return figure;
}

/* Columns of a CSV with a header, as doubles: one GArray per name asked. */
static int
read_csv_columns (const char         *path,
                  const char *const  *names,
                  GArray            **columns)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  int index[8];
  int n_names = (int) g_strv_length ((GStrv) names);
  int rows = 0;

  g_return_val_if_fail (n_names <= (int) G_N_ELEMENTS (index), 0);

  for (int c = 0; c < n_names; c++)
    columns[c] = g_array_new (FALSE, FALSE, sizeof (double));

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;

  lines = g_strsplit (g_strchomp (text), "\n", -1);
  if (lines[0] == NULL)
    return 0;
  header = g_strsplit (lines[0], ",", -1);
  for (int c = 0; c < n_names; c++)
    {
      index[c] = -1;
      for (int h = 0; header[h] != NULL; h++)
        if (strcmp (header[h], names[c]) == 0)
          index[c] = h;
      if (index[c] < 0)
        return 0;
    }

  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[l], ",", -1);
      int n_fields = (int) g_strv_length (fields);
      double values[8];
      gboolean ok = TRUE;

      for (int c = 0; c < n_names && ok; c++)
        ok = index[c] < n_fields && parse_double (fields[index[c]], &values[c]);
      if (!ok)
        continue;
      for (int c = 0; c < n_names; c++)
        g_array_append_val (columns[c], values[c]);
      rows++;
    }

  return rows;
}

static ScmmFigure *
pretrain_figure (const RunResults   *results,
                 const MethodResult *method)
{
  static const char *const names[] = { "epoch", "loss", "loss_c", "loss_r", NULL };
  static const char *const series[] = { N_("L (total)"), "L_C", "L_R" };
  g_autofree char *path = g_build_filename (results->dir, method->name, "pretrain.csv", NULL);
  g_autofree char *title = g_strdup_printf (_("%s: pre-training losses"), method->name);
  GArray *columns[4];
  ScmmFigure *figure = scmm_figure_new (title);
  gboolean positive = TRUE;
  int rows = read_csv_columns (path, names, columns);

  scmm_figure_set_axis_labels (figure, _("epoch"), _("loss"));

  if (rows == 0)
    {
      g_autofree char *none = strcmp (method->name, "supervised") == 0
        ? g_strdup (_("supervised: no pre-training"))
        : g_strdup_printf (_("%s: no pre-training epoch yet"), method->name);

      scmm_figure_set_title (figure, none);
    }
  else
    {
      for (int c = 1; c < 4; c++)
        for (int r = 0; r < rows; r++)
          if (!(g_array_index (columns[c], double, r) > 0)
              && !(c == 2 && strcmp (method->name, "reconstruction-only") == 0))
            positive = FALSE;

      if (positive)
        {
          scmm_figure_set_y_scale (figure, SCMM_SCALE_LOG);
          scmm_figure_set_axis_labels (figure, _("epoch"), _("loss (log scale)"));
        }
      for (int c = 1; c < 4; c++)
        {
          /* Reconstruction only has no contrastive term: L_C is 0 throughout. */
          if (c == 2 && strcmp (method->name, "reconstruction-only") == 0)
            continue;
          scmm_figure_add_line (figure, c == 1 ? _(series[0]) : series[c - 1],
                                (const double *) columns[0]->data,
                                (const double *) columns[c]->data, rows);
        }
    }

  for (int c = 0; c < 4; c++)
    g_array_unref (columns[c]);
  return figure;
}

/* The mean over the subjects of the test (and train) accuracy per epoch. */
static ScmmFigure *
finetune_figure (const RunResults   *results,
                 const MethodResult *method)
{
  static const char *const names[] = { "epoch", "train_accuracy", "test_accuracy", NULL };
  g_autofree char *title = NULL;
  g_autoptr(GArray) test_sum = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr(GArray) train_sum = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr(GArray) count = g_array_new (FALSE, TRUE, sizeof (int));
  g_autofree double *epochs = NULL;
  g_autofree double *test = NULL;
  g_autofree double *train = NULL;
  ScmmFigure *figure;
  int subjects = 0;
  int n = 0;

  for (guint s = 0; s < results->subjects->len; s++)
    {
      const char *subject = g_ptr_array_index (results->subjects, s);
      g_autofree char *path = NULL;
      GArray *columns[3];
      int rows;

      if (!g_hash_table_contains (method->scores, subject))
        continue;

      path = g_build_filename (results->dir, method->name, "subjects", subject, "finetune.csv", NULL);
      rows = read_csv_columns (path, names, columns);
      if (rows > 0)
        subjects++;
      for (int r = 0; r < rows; r++)
        {
          int epoch = (int) g_array_index (columns[0], double, r);

          if (epoch < 1 || epoch > 100000)
            continue;
          if ((int) test_sum->len < epoch)
            {
              g_array_set_size (test_sum, epoch);
              g_array_set_size (train_sum, epoch);
              g_array_set_size (count, epoch);
            }
          g_array_index (train_sum, double, epoch - 1) += g_array_index (columns[1], double, r);
          g_array_index (test_sum, double, epoch - 1) += g_array_index (columns[2], double, r);
          g_array_index (count, int, epoch - 1) += 1;
        }
      for (int c = 0; c < 3; c++)
        g_array_unref (columns[c]);
    }

  epochs = g_new (double, MAX (test_sum->len, 1));
  test = g_new (double, MAX (test_sum->len, 1));
  train = g_new (double, MAX (test_sum->len, 1));
  for (guint e = 0; e < test_sum->len; e++)
    {
      int c = g_array_index (count, int, e);

      if (c == 0)
        continue;
      epochs[n] = e + 1;
      test[n] = 100 * g_array_index (test_sum, double, e) / c;
      train[n] = 100 * g_array_index (train_sum, double, e) / c;
      n++;
    }

  title = g_strdup_printf (ngettext ("%s: fine-tuning, %d subject",
                                     "%s: fine-tuning, mean of %d subjects", subjects),
                           method->name, subjects);
  figure = scmm_figure_new (title);
  scmm_figure_set_axis_labels (figure, _("epoch"), _("accuracy (%)"));
  if (n > 0)
    {
      scmm_figure_add_line (figure, _("test"), epochs, test, n);
      scmm_figure_add_line (figure, _("train"), epochs, train, n);
    }
  else
    {
      g_autofree char *none = g_strdup_printf (_("%s: fine-tuning, no subject done yet"), method->name);

      scmm_figure_set_title (figure, none);
    }

  return figure;
}

static void
show_method_figures (ScmmResultsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->method_dropdown);
  const MethodResult *method;

  if (self->results == NULL || selected >= self->results->methods->len)
    {
      scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (self->confusion_view), NULL);
      scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (self->pretrain_view), NULL);
      scmm_figure_view_set_figure (SCMM_FIGURE_VIEW (self->finetune_view), NULL);
      return;
    }

  method = g_ptr_array_index (self->results->methods, selected);
  set_view_figure (self->confusion_view, confusion_figure (self->results, method));
  set_view_figure (self->pretrain_view, pretrain_figure (self->results, method));
  set_view_figure (self->finetune_view, finetune_figure (self->results, method));
}

/* ---- the header ---- */

static void
show_header (ScmmResultsPage *self)
{
  const RunResults *results = self->results;
  g_autofree char *subtitle = g_strdup_printf ("%s → %s", results->source, results->target);
  g_autofree char *base = g_path_get_basename (results->dir);
  GString *details = g_string_new (NULL);
  int most_done = 0;

  g_string_append_printf (details, _("%s · model selection: %s"), results->protocol, results->selection);
  if (results->released)
    g_string_append (details, _(" · released-code fidelity"));
  if (results->total_subjects >= 0)
    g_string_append_printf (details, ngettext (" · %d target subject", " · %d target subjects",
                                               results->total_subjects),
                            results->total_subjects);
  g_string_append_printf (details, _(" · run folder %s"), base);

  set_cell (self->title_label, results->name, FALSE);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->details_label, details->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_label), results->dir);
  g_string_free (details, TRUE);

  for (guint m = 0; m < results->methods->len; m++)
    most_done = MAX (most_done, method_result_done (g_ptr_array_index (results->methods, m)));

  /* An unfinished run says so, and what the table holds. */
  if (g_strcmp0 (results->status, "finished") != 0)
    {
      g_autofree char *text = NULL;
      const char *colon = results->status != NULL ? strchr (results->status, ':') : NULL;
      g_autofree char *word = results->status == NULL ? g_strdup (_("not started"))
                              : colon != NULL ? g_strndup (results->status, colon - results->status)
                              : g_strdup (results->status);
      const char *why = colon != NULL ? colon + 1 : "";
      g_autofree char *state = NULL;

      while (*why == ' ')
        why++;
      /* "stopped: stopped" is the record of a cancelled run; "failed: why" says why. */
      if (strcmp (word, "running") == 0)
        state = g_strdup (_("running, or interrupted"));
      else if (*why != '\0' && strcmp (why, word) != 0)
        state = g_strdup_printf ("%s: %s", word, why);
      else
        state = g_strdup (word);

      g_autofree char *sentence = g_strdup_printf (_("This run is not finished (%s): the tables show "
                                                     "the subjects done so far."), state);

      /* GTK 4.8's theme has no label.warning: GNOME's orange reads on light and dark. */
      text = g_markup_printf_escaped ("<span foreground=\"#e66100\" weight=\"bold\">⚠</span> %s",
                                      sentence);
      gtk_label_set_markup (self->status_label, text);
      gtk_widget_set_visible (self->status_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->status_box, FALSE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), most_done > 0);
}

static void
show_results (ScmmResultsPage *self)
{
  const RunResults *results = self->results;
  g_autoptr(GPtrArray) method_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree const char **subjects = NULL;
  guint selected;

  show_header (self);

  for (guint m = 0; m < results->methods->len; m++)
    {
      g_ptr_array_add (keys, g_strdup_printf ("%u", m));
      g_ptr_array_add (method_names, g_strdup (((MethodResult *) g_ptr_array_index (results->methods, m))->name));
    }
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (method_names, NULL);

  gtk_string_list_splice (self->comparison_keys, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->comparison_keys)),
                          (const char *const *) keys->pdata);

  build_subject_columns (self);
  subjects = g_new0 (const char *, results->subjects->len + 1);
  for (guint s = 0; s < results->subjects->len; s++)
    subjects[s] = g_ptr_array_index (results->subjects, s);
  gtk_string_list_splice (self->subject_keys, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->subject_keys)),
                          subjects);

  /* The figures show the best method first. */
  selected = results->best >= 0 ? (guint) results->best : 0;
  g_signal_handlers_block_by_func (self->method_dropdown, show_method_figures, self);
  gtk_string_list_splice (self->method_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->method_names)),
                          (const char *const *) method_names->pdata);
  gtk_drop_down_set_selected (self->method_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->method_dropdown, show_method_figures, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_dropdown), results->methods->len > 1);
  show_method_figures (self);

  gtk_stack_set_visible_child_name (self->content_stack, "run");
}

/* ---- public API ---- */

GtkWidget *
scmm_results_page_new (void)
{
  return g_object_new (SCMM_TYPE_RESULTS_PAGE, NULL);
}

/**
 * scmm_results_page_show_run:
 * @page: a #ScmmResultsPage
 * @dir: a run folder, finished or not
 * @error: where a folder that cannot be shown says why
 *
 * Reads and shows the run in @dir. On error the page keeps what it showed,
 * and the error names the folder or file.
 */
gboolean
scmm_results_page_show_run (ScmmResultsPage  *page,
                            const char       *dir,
                            GError          **error)
{
  RunResults *results;

  g_return_val_if_fail (SCMM_IS_RESULTS_PAGE (page), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  results = load_run (dir, error);
  if (results == NULL)
    return FALSE;

  /* The old results go after the models stop pointing into them. */
  gtk_string_list_splice (page->comparison_keys, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (page->comparison_keys)), NULL);
  gtk_string_list_splice (page->subject_keys, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (page->subject_keys)), NULL);
  run_results_free (page->results);
  page->results = results;

  show_results (page);
  g_object_notify_by_pspec (G_OBJECT (page), properties[PROP_RUN]);
  return TRUE;
}

const char *
scmm_results_page_get_run (ScmmResultsPage *page)
{
  g_return_val_if_fail (SCMM_IS_RESULTS_PAGE (page), NULL);

  return page->results != NULL ? page->results->dir : NULL;
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (strpbrk (text, ",\"\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * scmm_results_page_export_csv:
 * @page: a #ScmmResultsPage showing a run
 * @path: the CSV file to write
 * @error: where a failure says why, naming the file
 *
 * Writes the per-subject table as results.csv has it: method, subject,
 * accuracy, macro_f1, selected_epoch, then a mean and a std row per method.
 */
gboolean
scmm_results_page_export_csv (ScmmResultsPage  *page,
                              const char       *path,
                              GError          **error)
{
  g_autoptr(GString) csv = NULL;
  g_autoptr(GError) local = NULL;
  char number[2][G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (SCMM_IS_RESULTS_PAGE (page), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (page->results == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   "%s: no run is shown, so there is nothing to export", path);
      return FALSE;
    }

  csv = g_string_new ("method,subject,accuracy,macro_f1,selected_epoch\n");
  for (guint m = 0; m < page->results->methods->len; m++)
    {
      const MethodResult *method = g_ptr_array_index (page->results->methods, m);

      if (method_result_done (method) == 0)
        continue;

      for (guint s = 0; s < page->results->subjects->len; s++)
        {
          const char *subject = g_ptr_array_index (page->results->subjects, s);
          const Score *score = g_hash_table_lookup (method->scores, subject);

          if (score == NULL)
            continue;
          append_csv_field (csv, method->name);
          g_string_append_c (csv, ',');
          append_csv_field (csv, subject);
          g_string_append_printf (csv, ",%s,%s,%d\n",
                                  g_ascii_formatd (number[0], sizeof number[0], "%.6f", score->accuracy),
                                  g_ascii_formatd (number[1], sizeof number[1], "%.6f", score->f1),
                                  score->epoch);
        }

      append_csv_field (csv, method->name);
      g_string_append_printf (csv, ",mean,%s,%s,\n",
                              g_ascii_formatd (number[0], sizeof number[0], "%.6f", method->accuracy_mean),
                              g_ascii_formatd (number[1], sizeof number[1], "%.6f", method->f1_mean));
      append_csv_field (csv, method->name);
      g_string_append_printf (csv, ",std,%s,%s,\n",
                              g_ascii_formatd (number[0], sizeof number[0], "%.6f", method->accuracy_std),
                              g_ascii_formatd (number[1], sizeof number[1], "%.6f", method->f1_std));
    }

  if (!g_file_set_contents (path, csv->str, (gssize) csv->len, &local))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: cannot be written: %s", path,
                   local->message);
      return FALSE;
    }

  return TRUE;
}

static void
export_chooser_response (ScmmResultsPage      *self,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (chooser));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !scmm_results_page_export_csv (self, path, &error))
        scmm_show_error (parent, _("The results cannot be exported"), error);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  if (self->export_chooser == chooser)
    g_clear_object (&self->export_chooser);
}

/**
 * scmm_results_page_choose_export:
 * @page: a #ScmmResultsPage showing a run
 * @parent: (nullable): the window the file chooser belongs to
 *
 * Asks where to write the per-subject table, then writes it; a failure is
 * an error dialog naming the file.
 */
void
scmm_results_page_choose_export (ScmmResultsPage *page,
                                 GtkWindow       *parent)
{
  g_autoptr(GtkFileFilter) csv_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  g_return_if_fail (SCMM_IS_RESULTS_PAGE (page));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  if (page->results == NULL)
    return;

  if (page->export_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (page->export_chooser));
      g_clear_object (&page->export_chooser);
    }

  chooser = gtk_file_chooser_native_new (_("Export the Results"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (csv_filter, _("CSV files"));
  gtk_file_filter_add_pattern (csv_filter, "*.csv");
  gtk_file_filter_add_mime_type (csv_filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv_filter);
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), csv_filter);

  base = g_path_get_basename (page->results->dir);
  name = g_strdup_printf ("%s-results.csv", base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  page->export_chooser = chooser;
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chooser_response),
                           page, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_button_clicked (ScmmResultsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  scmm_results_page_choose_export (self, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

/* ---- GObject ---- */

static void
scmm_results_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ScmmResultsPage *self = SCMM_RESULTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_RUN:
      g_value_set_string (value, scmm_results_page_get_run (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
scmm_results_page_dispose (GObject *object)
{
  ScmmResultsPage *self = SCMM_RESULTS_PAGE (object);

  if (self->export_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->export_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
      g_clear_object (&self->export_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SCMM_TYPE_RESULTS_PAGE);

  G_OBJECT_CLASS (scmm_results_page_parent_class)->dispose (object);
}

static void
scmm_results_page_finalize (GObject *object)
{
  ScmmResultsPage *self = SCMM_RESULTS_PAGE (object);

  g_clear_object (&self->comparison_keys);
  g_clear_object (&self->subject_keys);
  g_clear_object (&self->method_names);
  g_clear_pointer (&self->results, run_results_free);

  G_OBJECT_CLASS (scmm_results_page_parent_class)->finalize (object);
}

static void
scmm_results_page_class_init (ScmmResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = scmm_results_page_get_property;
  object_class->dispose = scmm_results_page_dispose;
  object_class->finalize = scmm_results_page_finalize;

  /**
   * ScmmResultsPage:run:
   *
   * The run folder shown, or %NULL.
   */
  properties[PROP_RUN] =
    g_param_spec_string ("run", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scmm-results-page");

  scmm_resources_ensure_registered ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SCMM_RESOURCE_BASE_PATH "/ui/scmm-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, comparison_view);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, comparison_note);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, subjects_heading);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, subjects_view);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, confusion_figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, pretrain_figure_box);
  gtk_widget_class_bind_template_child (widget_class, ScmmResultsPage, finetune_figure_box);
}

static GtkWidget *
add_figure_view (GtkWidget *box)
{
  GtkWidget *view = scmm_figure_view_new ();

  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), view);

  return view;
}

static void
scmm_results_page_init (ScmmResultsPage *self)
{
  g_autoptr(GtkNoSelection) comparison = NULL;
  g_autoptr(GtkNoSelection) subjects = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->comparison_keys = gtk_string_list_new (NULL);
  comparison = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->comparison_keys)));
  gtk_column_view_set_model (self->comparison_view, GTK_SELECTION_MODEL (comparison));
  add_column (self, self->comparison_view, _("Method"), G_CALLBACK (method_cell_setup),
              G_CALLBACK (comparison_cell_bind), COMPARISON_METHOD, 0, FALSE, TRUE);
  add_column (self, self->comparison_view, _("Accuracy (%)"), G_CALLBACK (text_cell_setup),
              G_CALLBACK (comparison_cell_bind), COMPARISON_ACCURACY, 0, TRUE, FALSE);
  add_column (self, self->comparison_view, _("Macro-F1 (%)"), G_CALLBACK (text_cell_setup),
              G_CALLBACK (comparison_cell_bind), COMPARISON_F1, 0, TRUE, FALSE);
  add_column (self, self->comparison_view, _("Subjects"), G_CALLBACK (text_cell_setup),
              G_CALLBACK (comparison_cell_bind), COMPARISON_SUBJECTS, 0, TRUE, FALSE);

  self->subject_keys = gtk_string_list_new (NULL);
  subjects = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->subject_keys)));
  gtk_column_view_set_model (self->subjects_view, GTK_SELECTION_MODEL (subjects));

  self->method_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->method_dropdown, G_LIST_MODEL (self->method_names));
  g_signal_connect_object (self->method_dropdown, "notify::selected",
                           G_CALLBACK (show_method_figures), self, G_CONNECT_SWAPPED);

  self->confusion_view = add_figure_view (self->confusion_figure_box);
  self->pretrain_view = add_figure_view (self->pretrain_figure_box);
  self->finetune_view = add_figure_view (self->finetune_figure_box);

  g_signal_connect_object (self->export_button, "clicked",
                           G_CALLBACK (export_button_clicked), self, G_CONNECT_SWAPPED);
}
