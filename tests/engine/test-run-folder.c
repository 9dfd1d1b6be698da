/* test-run-folder.c: a run folder read back. A tiny demo run is made once;
 * the reader must return what its files hold (checked against the files read
 * here by hand), read a stopped run's folder with the subjects it has, and
 * name the file when one is damaged or the folder is not a run. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "scmm-error.h"
#include "scmm-experiment.h"
#include "scmm-run-folder.h"
#include "scmm-run.h"

static char *work_dir;
static char *run_dir;
static ScmmExperiment *experiment;

/* The demo preset made tiny, as a user would write it in its config file:
 * quick, and still every stage. */
static ScmmExperiment *
tiny_experiment (void)
{
  static const char *const settings[][3] = {
    { "experiment", "name", "Tiny run" },
    { "pretrain", "epochs", "2" },
    { "pretrain", "batch_size", "64" },
    { "finetune", "epochs", "3" },
    { "finetune", "batch_size", "64" },
    { "run", "threads", "2" },
    { "target", "subjects", "1,2,3" },
  };
  g_autoptr (ScmmExperiment) demo = scmm_experiment_preset ("demo");
  g_autofree char *data = scmm_experiment_to_data (demo);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  GError *error = NULL;
  g_assert_true (g_key_file_load_from_data (kf, data, -1, G_KEY_FILE_KEEP_COMMENTS, &error));
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    g_key_file_set_value (kf, settings[i][0], settings[i][1], settings[i][2]);
  g_autofree char *tiny = g_key_file_to_data (kf, NULL, NULL);
  ScmmExperiment *e = scmm_experiment_load_data (tiny, "the tiny run", &error);
  g_assert_no_error (error);
  return e;
}

/* ---- the folder's files, by hand ---- */

static char *
path_in (const char *dir, const char *relative)
{
  return g_build_filename (dir, relative, NULL);
}

static void
write_text (const char *dir, const char *relative, const char *text)
{
  g_autofree char *path = path_in (dir, relative);
  GError *error = NULL;
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static char *
read_text (const char *dir, const char *relative)
{
  g_autofree char *path = path_in (dir, relative);
  char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
remove_file (const char *dir, const char *relative)
{
  g_autofree char *path = path_in (dir, relative);
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* The folder without its models (the reader needs none of them). */
static void
copy_tree (const char *from, const char *to)
{
  g_autoptr (GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;
  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0755), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *text = NULL;
      gsize length;
      if (g_file_test (source, G_FILE_TEST_IS_DIR))
        copy_tree (source, target);
      else if (!g_str_has_suffix (name, ".h5"))
        {
          g_assert_true (g_file_get_contents (source, &text, &length, NULL));
          g_assert_true (g_file_set_contents (target, text, (gssize) length, NULL));
        }
    }
}

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;
  GFile *child;
  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL)
         && info != NULL)
    if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
      remove_tree (child);
    else
      g_file_delete (child, NULL, NULL);
  g_file_delete (file, NULL, NULL);
}

static char *
new_copy (const char *name)
{
  char *dir = g_build_filename (work_dir, name, NULL);
  copy_tree (run_dir, dir);
  return dir;
}

/* A number of a CSV file: line `line` (0 = the header), field `field`. */
static double
csv_number (const char *dir, const char *relative, int line, int field)
{
  g_autofree char *text = read_text (dir, relative);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, (guint) line);
  g_auto (GStrv) fields = g_strsplit (lines[line], ",", -1);
  g_assert_cmpuint (g_strv_length (fields), >, (guint) field);
  return g_ascii_strtod (fields[field], NULL);
}

static double
result_accuracy (const char *dir, const char *subject)
{
  g_autofree char *relative = g_build_filename ("scmm", "subjects", subject, "result.ini", NULL);
  g_autofree char *path = path_in (dir, relative);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  GError *error = NULL;
  g_assert_true (g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error));
  double accuracy = g_key_file_get_double (kf, "result", "accuracy", &error);
  g_assert_no_error (error);
  return accuracy;
}

static void
mean_std_by_hand (const double *v, int n, double *mean, double *std)
{
  double sum = 0, squares = 0;
  for (int i = 0; i < n; i++)
    sum += v[i];
  *mean = sum / n;
  for (int i = 0; i < n; i++)
    squares += (v[i] - *mean) * (v[i] - *mean);
  *std = sqrt (squares / n);   /* the population std, as numpy.std */
}

static void
assert_subject_names (const ScmmRunMethod *m, const char *const *names)
{
  g_assert_cmpuint (m->subjects->len, ==, g_strv_length ((GStrv) names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_cmpstr (((ScmmRunSubject *) g_ptr_array_index (m->subjects, i))->name, ==, names[i]);
}

/* The method's confusion is the sum of its subjects', and counts every test window. */
static void
assert_confusion_is_the_sum (const ScmmRunMethod *m)
{
  g_assert_nonnull (m->confusion);
  const int k = m->confusion->classes;
  g_assert_cmpuint (g_strv_length (m->classes), ==, (guint) k);
  g_autofree gint64 *sum = g_new0 (gint64, k * k);
  gint64 windows = 0;
  for (guint s = 0; s < m->subjects->len; s++)
    {
      const ScmmRunSubject *subject = g_ptr_array_index (m->subjects, s);
      g_assert_nonnull (subject->confusion);
      g_assert_cmpint (subject->confusion->classes, ==, k);
      for (int i = 0; i < k * k; i++)
        sum[i] += subject->confusion->counts[i];
      windows += subject->test_windows;
      g_assert_cmpint (scmm_confusion_total (subject->confusion), ==, subject->test_windows);
    }
  for (int i = 0; i < k * k; i++)
    g_assert_cmpint (m->confusion->counts[i], ==, sum[i]);
  g_assert_cmpint (scmm_confusion_total (m->confusion), ==, windows);
}

static void
expect_error_naming (const char *dir, const char *relative, const char *fragment)
{
  g_autofree char *path = relative != NULL ? path_in (dir, relative) : g_strdup (dir);
  GError *error = NULL;
  g_autoptr (ScmmRunFolder) folder = scmm_run_folder_read (dir, &error);
  g_assert_null (folder);
  g_assert_nonnull (error);
  g_assert_true (error->domain == SCMM_ERROR);
  g_test_message ("%s", error->message);
  if (strstr (error->message, path) == NULL || strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not name %s and say “%s”", error->message, path, fragment);
  g_clear_error (&error);
}

/* ---- tests ---- */

static void
test_run_folder_finished (void)
{
  GError *error = NULL;
  g_autoptr (ScmmRunFolder) folder = scmm_run_folder_read (run_dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (folder);

  /* record.json and config.ini */
  g_assert_cmpstr (folder->dir, ==, run_dir);
  g_assert_cmpint (folder->record->status, ==, SCMM_RUN_STATUS_FINISHED);
  g_assert_cmpstr (folder->record->status_word, ==, "finished");
  g_assert_null (folder->record->why);
  g_assert_cmpint (folder->record->updated, >, 0);
  g_assert_cmpint (folder->record->updated, <=, g_get_real_time () / G_USEC_PER_SEC + 1);
  const ScmmRunRecord *record = folder->record;
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, experiment->seed);
  g_assert_cmpstr (scmm_run_record_get (record, "seed"), ==, seed);
  g_assert_cmpstr (scmm_run_record_get (record, "threads"), ==, "2");
  g_assert_true (g_str_has_prefix (scmm_run_record_get (record, "program"), "scmm-studio "));
  g_assert_cmpstr (scmm_run_record_get (record, "source.corpus"), ==, experiment->source.corpus);
  g_assert_nonnull (strstr (scmm_run_record_get (record, "source.fingerprint"), "demo:seed seed="));
  g_assert_nonnull (scmm_run_record_get (record, "source.name"));
  g_assert_cmpstr (folder->source_name, ==, scmm_run_record_get (record, "source.name"));
  g_assert_cmpstr (folder->target_name, ==, scmm_run_record_get (record, "target.name"));
  g_assert_null (scmm_run_record_get (record, "nothing such"));
  g_assert_cmpstr (folder->config->name, ==, "Tiny run");
  g_assert_cmpint (folder->target_subjects, ==, 3);

  /* one method, scmm, with what its files hold */
  g_assert_cmpuint (folder->methods->len, ==, 1);
  ScmmRunMethod *m = scmm_run_folder_find_method (folder, "scmm");
  g_assert_true (m == g_ptr_array_index (folder->methods, 0));
  g_assert_null (scmm_run_folder_find_method (folder, "supervised"));
  g_assert_cmpint (folder->best, ==, 0);

  g_assert_cmpuint (m->pretrain->len, ==, 2);
  for (guint e = 0; e < m->pretrain->len; e++)
    {
      const ScmmPretrainEpoch *row = &g_array_index (m->pretrain, ScmmPretrainEpoch, e);
      g_assert_cmpint (row->epoch, ==, (int) e + 1);
      g_assert_cmpfloat (row->loss, ==, csv_number (run_dir, "scmm/pretrain.csv", e + 1, 1));
      g_assert_cmpfloat (row->lr, ==, csv_number (run_dir, "scmm/pretrain.csv", e + 1, 6));
    }

  const char *const names[] = { "1", "2", "3", NULL };
  assert_subject_names (m, names);
  double accuracy[3];
  for (int s = 0; s < 3; s++)
    {
      const ScmmRunSubject *subject = g_ptr_array_index (m->subjects, s);
      g_autofree char *curve = g_build_filename ("scmm", "subjects", names[s], "finetune.csv", NULL);
      accuracy[s] = result_accuracy (run_dir, names[s]);
      g_assert_cmpfloat (subject->accuracy, ==, accuracy[s]);
      g_assert_cmpint (subject->selected_epoch, ==, 3);   /* honest: the last epoch */
      g_assert_cmpint (subject->test_windows, >, 0);
      g_assert_cmpuint (subject->finetune->len, ==, 3);
      const ScmmFinetuneEpoch *last = &g_array_index (subject->finetune, ScmmFinetuneEpoch, 2);
      g_assert_cmpint (last->epoch, ==, 3);
      g_assert_cmpfloat (last->test_accuracy, ==, csv_number (run_dir, curve, 3, 3));
      g_assert_true (scmm_run_method_find_subject (m, names[s]) == subject);
    }

  /* results.csv: the subjects, then a mean and a std row, as computed here */
  double mean, std;
  mean_std_by_hand (accuracy, 3, &mean, &std);
  g_assert_cmpfloat_with_epsilon (m->accuracy_mean, mean, 1e-6);
  g_assert_cmpfloat_with_epsilon (m->accuracy_std, std, 1e-6);
  g_assert_cmpuint (folder->table->len, ==, 5);
  const ScmmRunTableRow *rows = (const ScmmRunTableRow *) folder->table->data;
  g_assert_cmpstr (rows[0].method, ==, "scmm");
  g_assert_cmpstr (rows[0].subject, ==, "1");
  g_assert_cmpfloat_with_epsilon (rows[0].accuracy, accuracy[0], 1e-6);
  g_assert_cmpint (rows[0].selected_epoch, ==, 3);
  g_assert_cmpstr (rows[3].subject, ==, "mean");
  g_assert_cmpfloat (rows[3].accuracy, ==, m->accuracy_mean);
  g_assert_cmpfloat (rows[3].accuracy, ==, csv_number (run_dir, "results.csv", 4, 2));
  g_assert_cmpint (rows[3].selected_epoch, ==, -1);
  g_assert_cmpstr (rows[4].subject, ==, "std");
  g_assert_cmpfloat (rows[4].macro_f1, ==, m->f1_std);
  g_assert_cmpuint (folder->subjects->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (folder->subjects, 2), ==, "3");

  /* the mean fine-tuning curve, and the summed confusion (confusion.csv) */
  g_assert_cmpint (m->finetune_subjects, ==, 3);
  g_assert_cmpuint (m->finetune_mean->len, ==, 3);
  double first = 0;
  for (int s = 0; s < 3; s++)
    first += g_array_index (((ScmmRunSubject *) g_ptr_array_index (m->subjects, s))->finetune,
                            ScmmFinetuneEpoch, 0).test_accuracy / 3;
  g_assert_cmpfloat_with_epsilon (g_array_index (m->finetune_mean, ScmmFinetuneEpoch, 0).test_accuracy,
                                  first, 1e-12);
  assert_confusion_is_the_sum (m);
  g_assert_cmpint (m->confusion->counts[0], ==, (gint64) csv_number (run_dir, "scmm/confusion.csv", 1, 1));
}

/* Stopped while fine-tuning subject 2: no results.csv, no result.ini of 2. */
static void
test_run_folder_partial (void)
{
  g_autofree char *dir = new_copy ("partial");
  g_autofree char *record = read_text (dir, "record.json");
  g_autoptr (GString) stopped = g_string_new (record);
  GError *error = NULL;
  g_string_replace (stopped, "\"finished\"", "\"stopped: stopped\"", 1);
  write_text (dir, "record.json", stopped->str);
  remove_file (dir, "results.csv");
  remove_file (dir, "scmm/subjects/2/result.ini");

  g_autoptr (ScmmRunFolder) folder = scmm_run_folder_read (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (folder->record->status, ==, SCMM_RUN_STATUS_STOPPED);
  g_assert_cmpstr (folder->record->status_word, ==, "stopped");
  g_assert_null (folder->record->why);
  g_assert_cmpuint (folder->table->len, ==, 0);
  g_assert_cmpint (folder->target_subjects, ==, 3);
  ScmmRunMethod *m = g_ptr_array_index (folder->methods, 0);
  const char *const names[] = { "1", "3", NULL };
  assert_subject_names (m, names);
  g_assert_cmpuint (m->pretrain->len, ==, 2);

  double accuracy[2] = { result_accuracy (dir, "1"), result_accuracy (dir, "3") }, mean, std;
  mean_std_by_hand (accuracy, 2, &mean, &std);
  g_assert_cmpfloat_with_epsilon (m->accuracy_mean, mean, 1e-12);
  g_assert_cmpfloat_with_epsilon (m->accuracy_std, std, 1e-12);
  g_assert_cmpint (m->finetune_subjects, ==, 2);
  assert_confusion_is_the_sum (m);

  /* the method alone, as a view following the run reads it */
  g_autoptr (ScmmRunMethod) alone = scmm_run_method_read (dir, "scmm", &error);
  g_assert_no_error (error);
  assert_subject_names (alone, names);
  g_assert_cmpfloat (alone->accuracy_mean, ==, m->accuracy_mean);

  /* results.csv of an earlier state, and a subject done since: the subjects
   * are all there and the mean is recomputed, not results.csv's */
  write_text (dir, "results.csv", "method,subject,accuracy,macro_f1,selected_epoch\n"
                                  "scmm,1,0.5,0.5,3\nscmm,mean,0.5,0.5,\nscmm,std,0,0,\n");
  g_autoptr (ScmmRunFolder) mixed = scmm_run_folder_read (dir, &error);
  g_assert_no_error (error);
  m = g_ptr_array_index (mixed->methods, 0);
  assert_subject_names (m, names);
  g_assert_cmpfloat_with_epsilon (m->accuracy_mean, mean, 1e-12);

  /* a run that has not begun: a config only */
  g_autofree char *fresh = g_build_filename (work_dir, "fresh", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fresh, 0755), ==, 0);
  g_autofree char *config = read_text (run_dir, "config.ini");
  write_text (fresh, "config.ini", config);
  g_autoptr (ScmmRunFolder) none = scmm_run_folder_read (fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpint (none->record->status, ==, SCMM_RUN_STATUS_NONE);
  g_assert_null (none->record->status_word);
  g_assert_cmpuint (none->methods->len, ==, 1);
  m = g_ptr_array_index (none->methods, 0);
  g_assert_cmpuint (m->subjects->len, ==, 0);
  g_assert_cmpuint (m->pretrain->len, ==, 0);
  g_assert_true (isnan (m->accuracy_mean));
  g_assert_null (m->confusion);
  g_assert_cmpint (none->best, ==, -1);
  g_assert_cmpstr (none->source_name, ==, experiment->source.corpus);
}

static void
test_run_folder_failed_record (void)
{
  g_autofree char *dir = new_copy ("failed");
  write_text (dir, "record.json", "{\n  \"updated\": \"2025-06-07T08:09:10Z\",\n"
                                  "  \"status\": \"failed: the loss diverged \\u2014 \\\"lr\\\"\"\n}\n");
  GError *error = NULL;
  g_autoptr (ScmmRunRecord) record = scmm_run_record_read (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->status, ==, SCMM_RUN_STATUS_FAILED);
  g_assert_cmpstr (record->status_word, ==, "failed");
  g_assert_cmpstr (record->why, ==, "the loss diverged — \"lr\"");
  g_assert_cmpint (record->updated, ==, 1749283750);
  g_assert_null (scmm_run_record_get (record, "program"));

  /* A lone UTF-16 surrogate is no character: it reads as U+FFFD, and the
   * text stays valid UTF-8 (labels show it). */
  write_text (dir, "record.json", "{\n  \"status\": \"failed: \\ud800 here\"\n}\n");
  g_autoptr (ScmmRunRecord) lone = scmm_run_record_read (dir, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (lone->why, -1, NULL));
  g_assert_cmpstr (lone->why, ==, "\xef\xbf\xbd here");
}

static void
test_run_folder_damaged (void)
{
  g_autofree char *garbage = new_copy ("garbage-result");
  write_text (garbage, "scmm/subjects/2/result.ini", "this is not a result\n\x01\x02");
  expect_error_naming (garbage, "scmm/subjects/2/result.ini", "damaged");

  g_autofree char *wrong = new_copy ("wrong-confusion");
  g_autofree char *ini = read_text (wrong, "scmm/subjects/3/result.ini");
  g_autoptr (GString) fewer = g_string_new (ini);
  g_string_replace (fewer, "confusion=", "confusion=1;", 1);
  write_text (wrong, "scmm/subjects/3/result.ini", fewer->str);
  expect_error_naming (wrong, "scmm/subjects/3/result.ini", "confusion");

  /* a CSV cut off in the middle of a line */
  const char *const curves[] = { "scmm/subjects/1/finetune.csv", "scmm/pretrain.csv", "results.csv" };
  for (guint i = 0; i < G_N_ELEMENTS (curves); i++)
    {
      g_autofree char *name = g_strdup_printf ("truncated-%u", i);
      g_autofree char *dir = new_copy (name);
      g_autofree char *text = read_text (dir, curves[i]);
      char *last = strrchr (g_strchomp (text), '\n') + 1;
      char *cut = strchr (strchr (last, ',') + 1, ',') + 3;   /* in its third field */
      *cut = '\0';
      write_text (dir, curves[i], text);
      expect_error_naming (dir, curves[i], "line");
    }

  g_autofree char *record = new_copy ("bad-record");
  write_text (record, "record.json", "{\n  \"status\": \"finished\",\n  \"seed\": \n");
  expect_error_naming (record, "record.json", "JSON");

  g_autofree char *confusion = new_copy ("bad-confusion");
  write_text (confusion, "scmm/confusion.csv", "true\\predicted,a,b\na,1\n");
  expect_error_naming (confusion, "scmm/confusion.csv", "damaged");

  /* a header of 200,000 classes in a short file: refused before k x k counts
   * (320 GB) are asked for */
  g_autofree char *wide = new_copy ("wide-confusion");
  g_autoptr (GString) header = g_string_new ("true\\predicted");
  for (int i = 0; i < 200000; i++)
    g_string_append (header, ",c");
  g_string_append (header, "\nc,1\n");
  write_text (wide, "scmm/confusion.csv", header->str);
  expect_error_naming (wide, "scmm/confusion.csv", "damaged");

  g_autofree char *config = new_copy ("bad-config");
  write_text (config, "config.ini", "[experiment]\nmethod = nothing-known\n");
  expect_error_naming (config, "config.ini", "method");
}

static void
test_run_folder_not_a_run (void)
{
  g_autofree char *empty = g_build_filename (work_dir, "not-a-run", NULL);
  g_autofree char *missing = g_build_filename (work_dir, "missing", NULL);
  g_assert_cmpint (g_mkdir_with_parents (empty, 0755), ==, 0);
  expect_error_naming (empty, NULL, "not a run folder");
  expect_error_naming (missing, NULL, "no such folder");

  GError *error = NULL;
  g_autoptr (ScmmRunFolder) summary = scmm_run_folder_read_summary (empty, &error);
  g_assert_null (summary);
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT);
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("scmm-run-folder-XXXXXX", NULL);
  g_assert_nonnull (work_dir);
  run_dir = g_build_filename (work_dir, "run", NULL);
  experiment = tiny_experiment ();
  GError *error = NULL;
  if (!scmm_run_experiment (experiment, run_dir, NULL, NULL, NULL, &error))
    g_error ("the tiny run failed: %s", error->message);

  g_test_add_func ("/run-folder/finished", test_run_folder_finished);
  g_test_add_func ("/run-folder/partial", test_run_folder_partial);
  g_test_add_func ("/run-folder/failed-record", test_run_folder_failed_record);
  g_test_add_func ("/run-folder/damaged", test_run_folder_damaged);
  g_test_add_func ("/run-folder/not-a-run", test_run_folder_not_a_run);
  int status = g_test_run ();

  g_autoptr (GFile) work = g_file_new_for_path (work_dir);
  remove_tree (work);
  g_free (work_dir);
  g_free (run_dir);
  scmm_experiment_free (experiment);
  return status;
}
