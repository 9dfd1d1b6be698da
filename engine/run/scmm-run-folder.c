/* scmm-run-folder.c: a run folder read back (docs/run-folder.md). The files
 * are those scmm-run.c writes; each is read whole, as each is written whole. */
#include "scmm-run-folder.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scmm-error.h"

#define RESULTS_CSV_HEADER "method,subject,accuracy,macro_f1,selected_epoch"

/* ---- files ---- */

/* The file's text; *absent (and no error) when there is no such file. All
 * the run's text files are UTF-8 (the views show their names). */
static char *
read_text (const char *path, gboolean *absent, GError **error)
{
  g_autoptr (GError) local = NULL;
  char *text = NULL;
  gsize length;
  *absent = FALSE;
  if (g_file_get_contents (path, &text, &length, &local))
    {
      if (g_utf8_validate (text, (gssize) length, NULL))
        return text;
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: damaged (not UTF-8 text)", path);
      g_free (text);
      return NULL;
    }
  if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    *absent = TRUE;
  else
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: %s", path, local->message);
  return NULL;
}

static gboolean
parse_double (const char *text, double *value)
{
  char *end = NULL;
  if (text == NULL || *text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

static gboolean
parse_int (const char *text, int *value)
{
  gint64 v;
  if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &v, NULL))
    return FALSE;
  *value = (int) v;
  return TRUE;
}

/* Subjects as the corpora name them: numbers in numeric order ("2" before
 * "10"), names alphabetically. For g_ptr_array_sort of ScmmRunSubject *. */
static int
compare_subjects (gconstpointer pa, gconstpointer pb)
{
  const char *a = (*(ScmmRunSubject *const *) pa)->name;
  const char *b = (*(ScmmRunSubject *const *) pb)->name;
  guint64 na, nb;
  gboolean numeric_a = g_ascii_string_to_unsigned (a, 10, 0, G_MAXUINT64, &na, NULL);
  gboolean numeric_b = g_ascii_string_to_unsigned (b, 10, 0, G_MAXUINT64, &nb, NULL);
  if (numeric_a && numeric_b)
    return na < nb ? -1 : na > nb ? 1 : 0;
  if (numeric_a != numeric_b)
    return numeric_a ? -1 : 1;
  return g_utf8_collate (a, b);
}

/* Methods and subjects: their name comes first. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (ScmmRunMethod, name) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (ScmmRunSubject, name) == 0);

static gboolean
has_name (gconstpointer item, gconstpointer name)
{
  return strcmp (*(const char *const *) item, name) == 0;
}

/* The method or subject of that name in `items`, or NULL. */
static gpointer
find_named (GPtrArray *items, const char *name)
{
  guint at;
  return g_ptr_array_find_with_equal_func (items, name, has_name, &at) ? items->pdata[at] : NULL;
}

/* The fields of the next line that is not empty, from lines[*at] on; *at is
 * then past it, and so its line number. NULL at the end. */
static GStrv
next_fields (GStrv lines, guint *at)
{
  for (; lines[*at] != NULL; (*at)++)
    {
      g_strchomp (lines[*at]);
      if (lines[*at][0] != '\0')
        return g_strsplit (lines[(*at)++], ",", -1);
    }
  return NULL;
}

char *
scmm_run_subject_dir (const char *dir, const char *method, const char *subject)
{
  g_autofree char *safe = g_strdup (subject);
  g_strdelimit (safe, "/\\", '_');
  return g_build_filename (dir, method, "subjects", safe, NULL);
}

/* ---- record.json: a JSON object of strings, numbers and objects ---- */

typedef struct {
  const char *p;
  GHashTable *values;   /* "key" or "object.key" -> the value's text */
  const char *wrong;    /* what was expected where parsing stopped */
} Json;

static void
json_skip_space (Json *j)
{
  while (g_ascii_isspace (*j->p))
    j->p++;
}

static gboolean
json_fail (Json *j, const char *expected)
{
  j->wrong = expected;
  return FALSE;
}

static gboolean
json_hex4 (const char *p, gunichar *c)
{
  *c = 0;
  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      *c = *c * 16 + (gunichar) g_ascii_xdigit_value (p[i]);
    }
  return TRUE;
}

/* At the opening quote; the unescaped string, or NULL. */
static char *
json_string (Json *j)
{
  g_autoptr (GString) s = g_string_new (NULL);
  for (j->p++; *j->p != '"'; j->p++)
    {
      gunichar c, low;
      if ((guchar) *j->p < 0x20)
        return json_fail (j, "the end of a string"), NULL;
      if (*j->p != '\\')
        {
          g_string_append_c (s, *j->p);
          continue;
        }
      switch (*++j->p)
        {
        case '"': case '\\': case '/': g_string_append_c (s, *j->p); break;
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'u':
          if (!json_hex4 (j->p + 1, &c))
            return json_fail (j, "four hex digits after \\u"), NULL;
          j->p += 4;
          /* a UTF-16 surrogate pair */
          if (c >= 0xd800 && c < 0xdc00 && j->p[1] == '\\' && j->p[2] == 'u'
              && json_hex4 (j->p + 3, &low) && low >= 0xdc00 && low < 0xe000)
            {
              c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
              j->p += 6;
            }
          else if (c >= 0xd800 && c < 0xe000)
            c = 0xfffd;   /* a lone surrogate is no character: the replacement one */
          g_string_append_unichar (s, c);
          break;
        default:
          return json_fail (j, "an escape such as \\n or \\u0041"), NULL;
        }
    }
  j->p++;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* A number, true, false or null: its text. */
static char *
json_literal (Json *j)
{
  const char *start = j->p;
  while (g_ascii_isalnum (*j->p) || *j->p == '-' || *j->p == '+' || *j->p == '.')
    j->p++;
  g_autofree char *text = g_strndup (start, j->p - start);
  double number;
  if (strcmp (text, "true") == 0 || strcmp (text, "false") == 0 || strcmp (text, "null") == 0
      || parse_double (text, &number))
    return g_steal_pointer (&text);
  j->p = start;
  return json_fail (j, "a value"), NULL;
}

static gboolean json_value (Json *j, const char *path, int depth);

/* An object's members (stored under path.key) or an array's elements (passed
 * over: the record has none that the views need), up to `close`. */
static gboolean
json_members (Json *j, const char *path, int depth, char close)
{
  j->p++;
  json_skip_space (j);
  if (*j->p == close)
    return j->p++, TRUE;
  for (;;)
    {
      g_autofree char *child = NULL;
      json_skip_space (j);
      if (close == '}')
        {
          g_autofree char *key = *j->p == '"' ? json_string (j) : NULL;
          if (key == NULL)
            return j->wrong == NULL ? json_fail (j, "a key in quotes") : FALSE;
          json_skip_space (j);
          if (*j->p != ':')
            return json_fail (j, "':'");
          j->p++;
          /* path is NULL at the top, and inside arrays (whose values are not kept) */
          child = path != NULL ? g_strconcat (path, ".", key, NULL)
                  : depth == 0 ? g_strdup (key) : NULL;
        }
      if (!json_value (j, child, depth + 1))
        return FALSE;
      json_skip_space (j);
      if (*j->p == close)
        return j->p++, TRUE;
      if (*j->p != ',')
        return json_fail (j, close == '}' ? "',' or '}'" : "',' or ']'");
      j->p++;
    }
}

static gboolean
json_value (Json *j, const char *path, int depth)
{
  char *text;
  if (depth > 32)
    return json_fail (j, "less nesting");
  json_skip_space (j);
  if (*j->p == '{' || *j->p == '[')
    return json_members (j, path, depth, *j->p == '{' ? '}' : ']');
  text = *j->p == '"' ? json_string (j) : json_literal (j);
  if (text == NULL)
    return FALSE;
  if (path != NULL)
    g_hash_table_replace (j->values, g_strdup (path), text);
  else
    g_free (text);
  return TRUE;
}

/* The values of a JSON object, by "key" and "object.key". */
static GHashTable *
json_parse_object (const char *path, const char *text, GError **error)
{
  Json j = { .p = text,
             .values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };
  json_skip_space (&j);
  gboolean ok = *j.p == '{' ? json_members (&j, NULL, 0, '}') : json_fail (&j, "'{'");
  if (ok)
    {
      json_skip_space (&j);
      ok = *j.p == '\0' || json_fail (&j, "the end of the file");
    }
  if (!ok)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: not a run record (JSON): %s expected at byte %ld", path, j.wrong,
                   (long) (j.p - text));
      g_hash_table_unref (j.values);
      return NULL;
    }
  return j.values;
}

/* "finished", "stopped", "failed: why" (any "word: more"): the word, and why
 * when it says more. */
static void
record_set_status (ScmmRunRecord *record, const char *status)
{
  static const char *const words[] = { "running", "finished", "stopped", "failed" };
  const char *colon = strchr (status, ':');
  const char *why = colon != NULL ? colon + 1 : "";
  record->status_word = colon != NULL ? g_strndup (status, colon - status) : g_strdup (status);
  g_strstrip (record->status_word);
  while (*why == ' ')
    why++;
  if (*why != '\0' && strcmp (why, record->status_word) != 0)
    record->why = g_strdup (why);
  record->status = SCMM_RUN_STATUS_OTHER;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (record->status_word, words[i]) == 0)
      record->status = (ScmmRunStatus) (SCMM_RUN_STATUS_RUNNING + i);
}

ScmmRunRecord *
scmm_run_record_read (const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "record.json", NULL);
  gboolean absent;
  g_autofree char *text = read_text (path, &absent, error);
  g_autoptr (ScmmRunRecord) record = g_new0 (ScmmRunRecord, 1);
  if (absent)
    record->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  else if (text == NULL || (record->values = json_parse_object (path, text, error)) == NULL)
    return NULL;

  const char *status = scmm_run_record_get (record, "status");
  const char *updated = scmm_run_record_get (record, "updated");
  g_autoptr (GDateTime) time = updated != NULL ? g_date_time_new_from_iso8601 (updated, NULL) : NULL;
  if (status != NULL)
    record_set_status (record, status);
  if (time != NULL)
    record->updated = g_date_time_to_unix (time);
  return g_steal_pointer (&record);
}

const char *
scmm_run_record_get (const ScmmRunRecord *record, const char *key)
{
  return g_hash_table_lookup (record->values, key);
}

void
scmm_run_record_free (ScmmRunRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->values, g_hash_table_unref);
  g_free (record->status_word);
  g_free (record->why);
  g_free (record);
}

/* ---- the curves: CSV files of numbers with a header line ---- */

/* The named columns of every row, row after row; NULL with an error naming
 * the file when a column is missing or a row is short or not numbers. */
static GArray *
read_numbers_csv (const char *path, const char *text, const char *const *columns, GError **error)
{
  const int n = (int) g_strv_length ((GStrv) columns);
  g_autofree int *index = g_new (int, n);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  if (lines[0] == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: empty (no header line)", path);
      return NULL;
    }
  g_auto (GStrv) header = g_strsplit (g_strchomp (lines[0]), ",", -1);
  const int width = (int) g_strv_length (header);
  for (int c = 0; c < n; c++)
    {
      index[c] = -1;
      for (int h = 0; h < width; h++)
        if (strcmp (header[h], columns[c]) == 0)
          index[c] = h;
      if (index[c] < 0)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s: the header line has no column “%s”", path, columns[c]);
          return NULL;
        }
    }
  guint l = 1;
  GStrv line;
  while ((line = next_fields (lines, &l)) != NULL)
    {
      g_auto (GStrv) fields = line;
      if ((int) g_strv_length (fields) != width)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s: line %u has %u fields where the header has %d (a damaged or "
                       "truncated file)", path, l, g_strv_length (fields), width);
          return NULL;
        }
      for (int c = 0; c < n; c++)
        {
          double v;
          if (!parse_double (fields[index[c]], &v))
            {
              g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                           "%s: line %u: “%s” is not a number (column %s)", path, l,
                           fields[index[c]], columns[c]);
              return NULL;
            }
          g_array_append_val (values, v);
        }
    }
  return g_steal_pointer (&values);
}

typedef void (*AddRow) (GArray *rows, const double *values);

/* A curve file of the run: a row of `row_size` bytes a line, made by
 * `add_row` of the line's numbers; no rows when absent. */
static GArray *
read_curve (const char *path, const char *const *columns, guint row_size, AddRow add_row,
            GError **error)
{
  const guint n = g_strv_length ((GStrv) columns);
  gboolean absent;
  g_autofree char *text = read_text (path, &absent, error);
  g_autoptr (GArray) values = text != NULL ? read_numbers_csv (path, text, columns, error) : NULL;
  if (values == NULL && !absent)
    return NULL;
  GArray *rows = g_array_new (FALSE, FALSE, row_size);
  for (guint i = 0; values != NULL && i + n <= values->len; i += n)
    add_row (rows, &g_array_index (values, double, i));
  return rows;
}

/* An epoch number read as a double: converted only when it is one (a
 * damaged "1e300" or "nan" would make the cast undefined); -1 otherwise. */
static int
epoch_number (double value)
{
  return value >= 0 && value <= G_MAXINT && value == floor (value) ? (int) value : -1;
}

static void
add_pretrain_row (GArray *rows, const double *r)
{
  ScmmPretrainEpoch e = { epoch_number (r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7] };
  g_array_append_val (rows, e);
}

GArray *
scmm_run_pretrain_read (const char *dir, const char *method, GError **error)
{
  static const char *const columns[] = { "epoch", "loss", "loss_c", "loss_r", "p1", "p2", "lr",
                                         "seconds", NULL };
  g_autofree char *path = g_build_filename (dir, method, "pretrain.csv", NULL);
  return read_curve (path, columns, sizeof (ScmmPretrainEpoch), add_pretrain_row, error);
}

static void
add_finetune_row (GArray *rows, const double *r)
{
  ScmmFinetuneEpoch e = { epoch_number (r[0]), r[1], r[2], r[3], r[4], r[5] };
  g_array_append_val (rows, e);
}

static GArray *
read_finetune (const char *subject_dir, GError **error)
{
  static const char *const columns[] = { "epoch", "loss", "train_accuracy", "test_accuracy",
                                         "test_macro_f1", "validation_accuracy", NULL };
  g_autofree char *path = g_build_filename (subject_dir, "finetune.csv", NULL);
  return read_curve (path, columns, sizeof (ScmmFinetuneEpoch), add_finetune_row, error);
}

/* ---- a subject: result.ini ---- */

static ScmmRunSubject *
run_subject_new (const char *name)
{
  ScmmRunSubject *s = g_new0 (ScmmRunSubject, 1);
  s->name = g_strdup (name);
  s->test_windows = -1;
  s->finetune = g_array_new (FALSE, FALSE, sizeof (ScmmFinetuneEpoch));
  return s;
}

void
scmm_run_subject_free (ScmmRunSubject *subject)
{
  if (subject == NULL)
    return;
  g_free (subject->name);
  g_clear_pointer (&subject->confusion, scmm_confusion_free);
  g_clear_pointer (&subject->finetune, g_array_unref);
  g_strfreev (subject->classes);
  g_free (subject);
}

ScmmRunSubject *
scmm_run_result_read (const char *path, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *folder_name = g_path_get_basename (folder);
  g_autofree char *name = NULL;
  g_autofree gint *confusion = NULL;
  g_auto (GStrv) classes = NULL;
  gsize n_classes = 0, n = 0;
  double accuracy = 0, f1 = 0;
  int epoch = 0, windows = -1;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT)
          || local->domain != G_KEY_FILE_ERROR)
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: %s", path, local->message);
      else
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: damaged (%s)", path, local->message);
      return NULL;
    }
  name = g_key_file_get_string (kf, "result", "subject", NULL);
  if (g_key_file_has_key (kf, "result", "test_windows", NULL))
    windows = g_key_file_get_integer (kf, "result", "test_windows", &local);
  if (local == NULL)
    accuracy = g_key_file_get_double (kf, "result", "accuracy", &local);
  if (local == NULL)
    f1 = g_key_file_get_double (kf, "result", "macro_f1", &local);
  if (local == NULL)
    epoch = g_key_file_get_integer (kf, "result", "selected_epoch", &local);
  if (local == NULL)
    classes = g_key_file_get_string_list (kf, "result", "classes", &n_classes, &local);
  if (local == NULL)
    confusion = g_key_file_get_integer_list (kf, "result", "confusion", &n, &local);
  if (local != NULL || n_classes == 0 || n != n_classes * n_classes)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: damaged (%s)", path,
                   local != NULL ? local->message
                   : "the confusion matrix has the wrong size for its classes");
      return NULL;
    }

  ScmmRunSubject *s = run_subject_new (name != NULL && name[0] != '\0' ? name : folder_name);
  s->accuracy = accuracy;
  s->macro_f1 = f1;
  s->selected_epoch = epoch;
  s->test_windows = windows;
  s->classes = g_steal_pointer (&classes);
  s->confusion = scmm_confusion_new ((int) n_classes);
  for (gsize i = 0; i < n; i++)
    s->confusion->counts[i] = confusion[i];
  return s;
}

/* ---- a method: its pretrain.csv and subjects ---- */

static ScmmRunMethod *
run_method_new (const char *name)
{
  ScmmRunMethod *m = g_new0 (ScmmRunMethod, 1);
  m->name = g_strdup (name);
  m->subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) scmm_run_subject_free);
  m->finetune_mean = g_array_new (FALSE, FALSE, sizeof (ScmmFinetuneEpoch));
  m->accuracy_mean = m->accuracy_std = m->f1_mean = m->f1_std = NAN;
  return m;
}

void
scmm_run_method_free (ScmmRunMethod *method)
{
  if (method == NULL)
    return;
  g_clear_pointer (&method->pretrain, g_array_unref);
  g_clear_pointer (&method->subjects, g_ptr_array_unref);
  g_clear_pointer (&method->finetune_mean, g_array_unref);
  g_clear_pointer (&method->confusion, scmm_confusion_free);
  g_strfreev (method->classes);
  g_free (method->name);
  g_free (method);
}

static void
compute_mean_std (ScmmRunMethod *m)
{
  const guint n = m->subjects->len;
  g_autofree double *accuracy = g_new (double, MAX (n, 1));
  g_autofree double *f1 = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const ScmmRunSubject *s = g_ptr_array_index (m->subjects, i);
      accuracy[i] = s->accuracy;
      f1[i] = s->macro_f1;
    }
  if (n == 0)
    {
      m->accuracy_mean = m->accuracy_std = m->f1_mean = m->f1_std = NAN;
      return;
    }
  scmm_mean_std (accuracy, (int) n, &m->accuracy_mean, &m->accuracy_std);
  scmm_mean_std (f1, (int) n, &m->f1_mean, &m->f1_std);
}

/* Per fine-tuning epoch, the mean over the subjects that reached it. */
static void
compute_finetune_mean (ScmmRunMethod *m)
{
  enum { MAX_EPOCHS = 100000 };
  g_autoptr (GArray) sum = g_array_new (FALSE, TRUE, sizeof (ScmmFinetuneEpoch));
  g_autoptr (GArray) count = g_array_new (FALSE, TRUE, sizeof (int));
  g_array_set_size (m->finetune_mean, 0);
  m->finetune_subjects = 0;
  for (guint i = 0; i < m->subjects->len; i++)
    {
      const ScmmRunSubject *s = g_ptr_array_index (m->subjects, i);
      if (s->finetune->len > 0)
        m->finetune_subjects++;
      for (guint r = 0; r < s->finetune->len; r++)
        {
          const ScmmFinetuneEpoch *e = &g_array_index (s->finetune, ScmmFinetuneEpoch, r);
          if (e->epoch < 1 || e->epoch > MAX_EPOCHS)
            continue;
          if ((int) sum->len < e->epoch)
            {
              g_array_set_size (sum, e->epoch);
              g_array_set_size (count, e->epoch);
            }
          ScmmFinetuneEpoch *t = &g_array_index (sum, ScmmFinetuneEpoch, e->epoch - 1);
          t->loss += e->loss;
          t->train_accuracy += e->train_accuracy;
          t->test_accuracy += e->test_accuracy;
          t->test_f1 += e->test_f1;
          t->validation_accuracy += e->validation_accuracy;
          g_array_index (count, int, e->epoch - 1)++;
        }
    }
  for (guint e = 0; e < sum->len; e++)
    {
      const int c = g_array_index (count, int, e);
      const ScmmFinetuneEpoch *t = &g_array_index (sum, ScmmFinetuneEpoch, e);
      if (c == 0)
        continue;
      ScmmFinetuneEpoch mean = { (int) e + 1, t->loss / c, t->train_accuracy / c,
                                 t->test_accuracy / c, t->test_f1 / c,
                                 t->validation_accuracy / c };
      g_array_append_val (m->finetune_mean, mean);
    }
}

/* The subjects' confusion matrices summed; an error names the subject whose
 * classes differ from the others'. */
static gboolean
sum_confusions (ScmmRunMethod *m, const char *dir, GError **error)
{
  g_clear_pointer (&m->confusion, scmm_confusion_free);
  g_clear_pointer (&m->classes, g_strfreev);
  for (guint i = 0; i < m->subjects->len; i++)
    {
      const ScmmRunSubject *s = g_ptr_array_index (m->subjects, i);
      if (s->confusion == NULL)
        continue;
      if (m->confusion == NULL)
        {
          m->confusion = scmm_confusion_new (s->confusion->classes);
          m->classes = g_strdupv (s->classes);
        }
      if (s->confusion->classes != m->confusion->classes)
        {
          g_autofree char *sdir = scmm_run_subject_dir (dir, m->name, s->name);
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s%sresult.ini: %d classes, where the other subjects have %d", sdir,
                       G_DIR_SEPARATOR_S, s->confusion->classes, m->confusion->classes);
          return FALSE;
        }
      scmm_confusion_add_all (m->confusion, s->confusion);
    }
  return TRUE;
}

/* What follows from the subjects: mean, std, the mean curve, the confusion. */
static gboolean
method_summarise (ScmmRunMethod *m, const char *dir, GError **error)
{
  compute_mean_std (m);
  compute_finetune_mean (m);
  return sum_confusions (m, dir, error);
}

/* The subject in `subject_dir`: NULL, and *done FALSE, without a result.ini. */
static ScmmRunSubject *
read_subject (const char *subject_dir, gboolean *done, GError **error)
{
  g_autofree char *path = g_build_filename (subject_dir, "result.ini", NULL);
  *done = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!*done)
    return NULL;
  g_autoptr (ScmmRunSubject) s = scmm_run_result_read (path, error);
  GArray *curve = s != NULL ? read_finetune (subject_dir, error) : NULL;
  if (curve == NULL)
    return NULL;
  g_array_unref (s->finetune);
  s->finetune = curve;
  return g_steal_pointer (&s);
}

ScmmRunMethod *
scmm_run_method_read (const char *dir, const char *method, GError **error)
{
  g_autoptr (ScmmRunMethod) m = run_method_new (method);
  g_autofree char *subjects_dir = g_build_filename (dir, method, "subjects", NULL);
  m->pretrain = scmm_run_pretrain_read (dir, method, error);
  if (m->pretrain == NULL)
    return NULL;
  g_autoptr (GDir) folder = g_dir_open (subjects_dir, 0, NULL);
  const char *name;
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *subject_dir = g_build_filename (subjects_dir, name, NULL);
      gboolean done;
      ScmmRunSubject *s = read_subject (subject_dir, &done, error);
      if (s == NULL && done)
        return NULL;
      if (s != NULL)
        g_ptr_array_add (m->subjects, s);
    }
  g_ptr_array_sort (m->subjects, compare_subjects);
  return method_summarise (m, dir, error) ? g_steal_pointer (&m) : NULL;
}

/* ---- results.csv and confusion.csv ---- */

static void
table_row_clear (ScmmRunTableRow *row)
{
  g_free (row->method);
  g_free (row->subject);
}

/* results.csv: method,subject,accuracy,macro_f1,selected_epoch rows, then a
 * mean and a std row per method. An empty table when absent. */
static GArray *
read_results_csv (const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "results.csv", NULL);
  g_autoptr (GArray) table = g_array_new (FALSE, TRUE, sizeof (ScmmRunTableRow));
  g_array_set_clear_func (table, (GDestroyNotify) table_row_clear);
  gboolean absent;
  g_autofree char *text = read_text (path, &absent, error);
  if (absent)
    return g_steal_pointer (&table);
  if (text == NULL)
    return NULL;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  if (lines[0] == NULL || !g_str_has_prefix (lines[0], RESULTS_CSV_HEADER))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: not a results table (the first line should be " RESULTS_CSV_HEADER ")",
                   path);
      return NULL;
    }
  guint l = 1;
  GStrv line;
  while ((line = next_fields (lines, &l)) != NULL)
    {
      g_auto (GStrv) f = line;
      ScmmRunTableRow row = { .selected_epoch = -1 };
      gboolean summary = g_strv_length (f) == 5
                         && (strcmp (f[1], "mean") == 0 || strcmp (f[1], "std") == 0);
      if (g_strv_length (f) != 5 || f[0][0] == '\0' || f[1][0] == '\0'
          || !parse_double (f[2], &row.accuracy) || !parse_double (f[3], &row.macro_f1)
          || (summary ? f[4][0] != '\0' : !parse_int (f[4], &row.selected_epoch)))
        {
          g_autofree char *joined = g_strjoinv (",", f);
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s: line %u is not " RESULTS_CSV_HEADER ": %s", path, l, joined);
          return NULL;
        }
      row.method = g_strdup (f[0]);
      row.subject = g_strdup (f[1]);
      g_array_append_val (table, row);
    }
  return g_steal_pointer (&table);
}

/* <method>/confusion.csv: "true\predicted,c1,..,ck", then k rows "ci,n1,..,nk".
 * FALSE without an error when there is none. */
static gboolean
read_confusion_csv (ScmmRunMethod *m, const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, m->name, "confusion.csv", NULL);
  gboolean absent;
  g_autofree char *text = read_text (path, &absent, error);
  if (text == NULL)
    return FALSE;
  g_auto (GStrv) lines = g_strsplit (g_strchomp (text), "\n", -1);
  g_auto (GStrv) header = g_strsplit (lines[0] != NULL ? lines[0] : "", ",", -1);
  const int k = (int) g_strv_length (header) - 1;
  /* the shape first: k + 1 lines, before k x k counts are allocated */
  gboolean ok = k >= 1 && (int) g_strv_length (lines) == k + 1;
  g_autoptr (ScmmConfusion) confusion = ok ? scmm_confusion_new (k) : NULL;
  for (int i = 0; ok && i < k; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i + 1], ",", -1);
      ok = (int) g_strv_length (f) == k + 1;
      for (int j = 0; ok && j < k; j++)
        ok = g_ascii_string_to_signed (f[j + 1], 10, 0, G_MAXINT64,
                                       &confusion->counts[i * k + j], NULL);
    }
  if (!ok)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: damaged (not a header of class names and a row of counts per class)",
                   path);
      return FALSE;
    }
  scmm_confusion_free (m->confusion);
  m->confusion = g_steal_pointer (&confusion);
  g_strfreev (m->classes);
  m->classes = g_new0 (char *, k + 1);
  for (int j = 0; j < k; j++)
    m->classes[j] = g_strdup (header[j + 1]);
  return TRUE;
}

ScmmRunSubject *
scmm_run_method_find_subject (const ScmmRunMethod *method, const char *subject)
{
  return find_named (method->subjects, subject);
}

/* A subject results.csv lists but whose result.ini is gone: its numbers there. */
static ScmmRunSubject *
subject_from_row (const ScmmRunTableRow *row, const char *dir, const char *method, GError **error)
{
  g_autofree char *subject_dir = scmm_run_subject_dir (dir, method, row->subject);
  GArray *curve = read_finetune (subject_dir, error);
  if (curve == NULL)
    return NULL;
  ScmmRunSubject *s = run_subject_new (row->subject);
  g_array_unref (s->finetune);
  s->finetune = curve;
  s->accuracy = row->accuracy;
  s->macro_f1 = row->macro_f1;
  s->selected_epoch = row->selected_epoch;
  return s;
}

/* results.csv's view of a method: its subjects first, in its order, with its
 * mean and std when it holds every subject done (then confusion.csv is
 * current too). */
static gboolean
merge_table (ScmmRunMethod *m, const GArray *table, const char *dir, GError **error)
{
  GPtrArray *ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) scmm_run_subject_free);
  const ScmmRunTableRow *mean = NULL, *std = NULL;
  for (guint i = 0; i < table->len; i++)
    {
      const ScmmRunTableRow *row = &g_array_index (table, ScmmRunTableRow, i);
      ScmmRunSubject *s;
      guint at;
      if (strcmp (row->method, m->name) != 0 || find_named (ordered, row->subject) != NULL)
        continue;
      if (strcmp (row->subject, "mean") == 0 || strcmp (row->subject, "std") == 0)
        {
          *(strcmp (row->subject, "mean") == 0 ? &mean : &std) = row;
          continue;
        }
      s = find_named (m->subjects, row->subject);
      if (s != NULL && g_ptr_array_find (m->subjects, s, &at))
        g_ptr_array_steal_index (m->subjects, at);
      else if ((s = subject_from_row (row, dir, m->name, error)) == NULL)
        {
          g_ptr_array_unref (ordered);
          return FALSE;
        }
      g_ptr_array_add (ordered, s);
    }
  /* what is left was done since results.csv was written */
  const gboolean supplemented = m->subjects->len > 0;
  g_ptr_array_extend_and_steal (ordered, m->subjects);
  m->subjects = ordered;

  if (!method_summarise (m, dir, error))
    return FALSE;
  if (!supplemented && mean != NULL && std != NULL)
    {
      m->accuracy_mean = mean->accuracy;
      m->f1_mean = mean->macro_f1;
      m->accuracy_std = std->accuracy;
      m->f1_std = std->macro_f1;
    }
  g_autoptr (GError) local = NULL;
  if (!supplemented && m->subjects->len > 0 && !read_confusion_csv (m, dir, &local)
      && local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* ---- the folder ---- */

/* How many target subjects the run has: results.md says it; else the
 * config's list; -1 when neither does (all the subjects of a corpus not yet
 * opened). */
static int
count_target_subjects (const char *dir, const ScmmExperiment *config)
{
  g_autofree char *path = g_build_filename (dir, "results.md", NULL);
  g_autofree char *md = NULL;
  if (g_file_get_contents (path, &md, NULL, NULL))
    {
      g_autoptr (GRegex) regex = g_regex_new ("([0-9]+) target subjects", 0, 0, NULL);
      g_autoptr (GMatchInfo) match = NULL;
      if (g_regex_match (regex, md, 0, &match))
        {
          g_autofree char *number = g_match_info_fetch (match, 1);
          int n;
          if (parse_int (number, &n))
            return n;
        }
    }
  if (!config->target.subjects.all && config->target.subjects.names != NULL)
    return (int) g_strv_length (config->target.subjects.names);
  return -1;
}

/* "Demo SEED-like": the record's name of a corpus, else the config's spec. */
static char *
corpus_name (const ScmmRunRecord *record, const char *key, const char *spec)
{
  const char *name = scmm_run_record_get (record, key);
  return g_strdup (name != NULL && name[0] != '\0' ? name : spec != NULL ? spec : "?");
}

static void
run_folder_add_method (ScmmRunFolder *folder, ScmmRunMethod *method)
{
  g_ptr_array_add (folder->methods, method);
  for (guint i = 0; i < method->subjects->len; i++)
    {
      const ScmmRunSubject *s = g_ptr_array_index (method->subjects, i);
      if (!g_ptr_array_find_with_equal_func (folder->subjects, s->name, g_str_equal, NULL))
        g_ptr_array_add (folder->subjects, g_strdup (s->name));
    }
}

ScmmRunFolder *
scmm_run_folder_read_summary (const char *dir, GError **error)
{
  g_autofree char *config = g_build_filename (dir, "config.ini", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: no such folder", dir);
      return NULL;
    }
  if (!g_file_test (config, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: not a run folder (it has no config.ini)", dir);
      return NULL;
    }
  g_autoptr (ScmmRunFolder) folder = g_new0 (ScmmRunFolder, 1);
  folder->dir = g_strdup (dir);
  folder->methods = g_ptr_array_new_with_free_func ((GDestroyNotify) scmm_run_method_free);
  folder->subjects = g_ptr_array_new_with_free_func (g_free);
  folder->table = g_array_new (FALSE, TRUE, sizeof (ScmmRunTableRow));
  g_array_set_clear_func (folder->table, (GDestroyNotify) table_row_clear);
  folder->best = -1;
  folder->config = scmm_experiment_load (config, error);
  if (folder->config == NULL)
    return NULL;
  folder->record = scmm_run_record_read (dir, error);
  if (folder->record == NULL)
    return NULL;

  const ScmmExperiment *e = folder->config;
  folder->source_name = corpus_name (folder->record, "source.name", e->source.corpus);
  folder->target_name = corpus_name (folder->record, "target.name",
                                     e->target.corpus != NULL && e->target.corpus[0] != '\0'
                                     ? e->target.corpus : e->source.corpus);
  folder->target_subjects = count_target_subjects (dir, e);
  return g_steal_pointer (&folder);
}

ScmmRunFolder *
scmm_run_folder_read (const char *dir, GError **error)
{
  g_autoptr (ScmmRunFolder) folder = scmm_run_folder_read_summary (dir, error);
  if (folder == NULL)
    return NULL;
  g_autoptr (GArray) table = read_results_csv (dir, error);
  if (table == NULL)
    return NULL;

  /* The config's methods, in its order, then whatever else the table has. */
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (int m = 0; m < folder->config->n_methods; m++)
    g_ptr_array_add (names, (gpointer) scmm_method_to_string (folder->config->methods[m]));
  for (guint i = 0; i < table->len; i++)
    {
      const char *name = g_array_index (table, ScmmRunTableRow, i).method;
      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, (gpointer) name);
    }

  double best = -1;
  for (guint i = 0; i < names->len; i++)
    {
      ScmmRunMethod *m = scmm_run_method_read (dir, g_ptr_array_index (names, i), error);
      if (m == NULL || !merge_table (m, table, dir, error))
        {
          scmm_run_method_free (m);
          return NULL;
        }
      run_folder_add_method (folder, m);
      if (m->subjects->len > 0 && m->accuracy_mean > best)
        {
          best = m->accuracy_mean;
          folder->best = (int) i;
        }
    }
  g_array_unref (folder->table);
  folder->table = g_steal_pointer (&table);
  return g_steal_pointer (&folder);
}

void
scmm_run_folder_free (ScmmRunFolder *folder)
{
  if (folder == NULL)
    return;
  g_free (folder->dir);
  g_free (folder->source_name);
  g_free (folder->target_name);
  g_clear_pointer (&folder->config, scmm_experiment_free);
  g_clear_pointer (&folder->record, scmm_run_record_free);
  g_clear_pointer (&folder->methods, g_ptr_array_unref);
  g_clear_pointer (&folder->subjects, g_ptr_array_unref);
  g_clear_pointer (&folder->table, g_array_unref);
  g_free (folder);
}

ScmmRunMethod *
scmm_run_folder_find_method (const ScmmRunFolder *folder, const char *method)
{
  return find_named (folder->methods, method);
}
