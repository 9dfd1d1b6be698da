/* test-cli.c: the `scmm` command as a user runs it: `scmm step` reproduces
 * the reference, bad input exits 1 with a message naming the file and the
 * dataset (and writes nothing), usage errors exit 2, `scmm bench` ends with
 * its machine-readable line. */
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <math.h>

#include "scmm-h5.h"
#include "scmm-test-util.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *r)
{
  g_free (r->out);
  g_free (r->err);
}

/* Runs scmm with the NULL-terminated arguments. */
static RunResult
run_scmm (const char *first, ...)
{
  const char *cli = g_getenv ("SCMM_CLI");
  g_assert_nonnull (cli);
  GPtrArray *args = g_ptr_array_new ();
  g_ptr_array_add (args, (gpointer) cli);
  va_list ap;
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  RunResult r = { 0 };
  GError *error = NULL;
  int wait_status;
  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait_status, &error));
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))   /* no crash, no abort */
    g_error ("scmm %s ended by signal %d; it said:\n%s", first ? first : "",
             WIFSIGNALED (wait_status) ? WTERMSIG (wait_status) : 0, r.err);
  r.status = WEXITSTATUS (wait_status);
  g_ptr_array_free (args, TRUE);
  return r;
}

static char *
temp_path (const char *name)
{
  static char *dir;
  if (dir == NULL)
    dir = g_dir_make_tmp ("scmm-cli-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

static void
test_cli_step_matches_reference (void)
{
  const char *cases[] = { "step-hybrid-own", "step-channel-original-m2" };
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *dir = scmm_test_fixture (cases[c]);
      g_autofree char *ck = g_build_filename (dir, "checkpoint.h5", NULL);
      g_autofree char *batch = g_build_filename (dir, "batch.h5", NULL);
      g_autofree char *expected_path = g_build_filename (dir, "expected.h5", NULL);
      g_autofree char *out = temp_path ("dump.h5");
      RunResult r = run_scmm ("step", "--checkpoint", ck, "--batch", batch, "--out", out, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (g_str_has_prefix (r.out, "step loss="));

      GError *error = NULL;
      g_autoptr (ScmmH5) dump = scmm_h5_open (out, &error);
      g_assert_no_error (error);
      g_autoptr (ScmmH5) expected = scmm_h5_open (expected_path, &error);
      g_assert_no_error (error);
      const char *scalars[] = { "loss", "loss_c", "loss_r" };
      for (guint i = 0; i < G_N_ELEMENTS (scalars); i++)
        {
          double a, b;
          g_assert_true (scmm_h5_read_scalar (dump, scalars[i], &a, &error));
          g_assert_true (scmm_h5_read_scalar (expected, scalars[i], &b, &error));
          g_assert_cmpfloat (fabs (a - b), <=, 1e-4 * fabs (b));
        }
      /* every dataset of the reference, gradients included, is in the dump */
      const char *tensors[] = { "S", "W", "R", "h", "z", "x_hat", "grad/encoder.0.weight",
                                "grad/projector.1.bias", "grad/decoder.weight", "grad/awl.params",
                                "running/encoder.9.running_var" };
      for (guint i = 0; i < G_N_ELEMENTS (tensors); i++)
        {
          ScmmShape shape_a, shape_b;
          g_autofree float *a = scmm_h5_read_f32 (dump, tensors[i], NULL, &shape_a, &error);
          g_assert_no_error (error);
          g_autofree float *b = scmm_h5_read_f32 (expected, tensors[i], NULL, &shape_b, &error);
          g_assert_no_error (error);
          g_assert_true (scmm_shape_equal (&shape_a, &shape_b));
          scmm_test_assert_close (tensors[i], a, b, scmm_shape_numel (&shape_a), 1e-4, 1e-10);
        }
      g_auto (GStrv) grads = scmm_h5_list_group (dump, "/grad", &error);
      g_auto (GStrv) expected_grads = scmm_h5_list_group (expected, "/grad", &error);
      g_assert_cmpstrv (grads, expected_grads);
      run_result_clear (&r);
      g_unlink (out);
    }
}

typedef enum {
  BATCH_NO_KEEP,
  BATCH_KEEP_ROWS,
  BATCH_KEEP_VALUE,
  BATCH_KEEP_FLOAT,
  BATCH_X_NAN,
  BATCH_X_CHANNELS,
  BATCH_NO_ALPHA,
  BATCH_BAD_RECON,
  BATCH_NEGATIVE_TAU,
  BATCH_NO_X,
  BATCH_X_FLOAT64,
  BATCH_RECON_ARRAY,
  BATCH_TOO_LARGE,
} BatchFault;

/* An attribute holding 64 strings where one is expected (a reader that
 * assumed one string would overflow its buffer). */
static void
write_string_array_attribute (ScmmH5 *h5, const char *attr)
{
  hid_t type = H5Tcopy (H5T_C_S1);
  H5Tset_size (type, H5T_VARIABLE);
  hsize_t n = 64;
  hid_t space = H5Screate_simple (1, &n, NULL);
  const char *values[64];
  for (int i = 0; i < 64; i++)
    values[i] = "own_input";
  hid_t a = H5Acreate2 (h5->file, attr, type, space, H5P_DEFAULT, H5P_DEFAULT);
  g_assert_cmpint (H5Awrite (a, type, values), >=, 0);
  H5Aclose (a);
  H5Sclose (space);
  H5Tclose (type);
}

/* A copy of the hybrid-own batch with one fault. */
static void
write_faulty_batch (const char *path, BatchFault fault)
{
  g_autofree char *source = scmm_test_fixture ("step-hybrid-own/batch.h5");
  GError *error = NULL;
  g_autoptr (ScmmH5) in = scmm_h5_open (source, &error);
  g_assert_no_error (error);
  ScmmShape xs, ks;
  g_autofree float *x = scmm_h5_read_f32 (in, "x", NULL, &xs, &error);
  g_autofree guint8 *keep = scmm_h5_read_mask (in, "keep", NULL, &ks, &error);
  g_assert_no_error (error);

  g_autoptr (ScmmH5) out = scmm_h5_create (path, &error);
  g_assert_no_error (error);
  if (fault == BATCH_X_NAN)
    x[17] = NAN;
  if (fault == BATCH_X_CHANNELS)
    xs.dim[1] -= 1;
  if (fault == BATCH_X_FLOAT64)
    {
      g_autofree double *xd = g_new (double, scmm_shape_numel (&xs));
      for (gint64 i = 0; i < scmm_shape_numel (&xs); i++)
        xd[i] = x[i];
      scmm_h5_write_f64 (out, "x", &xs, xd, &error);
    }
  else if (fault == BATCH_TOO_LARGE)
    {
      /* 20000 samples of zeros: small on disk, too many rows for one step */
      ScmmShape big = SCMM_SHAPE3 (20000, xs.dim[1], xs.dim[2]);
      g_autofree float *zeros = g_new0 (float, scmm_shape_numel (&big));
      g_autofree guint8 *ones = g_malloc (scmm_shape_numel (&big));
      memset (ones, 1, scmm_shape_numel (&big));
      scmm_h5_write_f32 (out, "x", &big, zeros, &error);
      scmm_h5_write_u8 (out, "keep", &big, ones, &error);
    }
  else if (fault != BATCH_NO_X)
    scmm_h5_write_f32 (out, "x", &xs, x, &error);
  if (fault == BATCH_KEEP_VALUE)
    keep[5] = 2;
  if (fault == BATCH_KEEP_ROWS)
    ks.dim[0] -= 1;
  if (fault == BATCH_KEEP_FLOAT)
    {
      g_autofree float *kf = g_new (float, scmm_shape_numel (&ks));
      scmm_h5_write_f32 (out, "keep", &ks, kf, &error);
    }
  else if (fault != BATCH_NO_KEEP && fault != BATCH_TOO_LARGE)
    scmm_h5_write_u8 (out, "keep", &ks, keep, &error);
  if (fault != BATCH_NO_ALPHA)
    scmm_h5_write_attr_double (out, "/", "alpha", 0.5, &error);
  scmm_h5_write_attr_double (out, "/", "sigma", 0.05, &error);
  scmm_h5_write_attr_double (out, "/", "tau", fault == BATCH_NEGATIVE_TAU ? -0.5 : 0.5, &error);
  if (fault == BATCH_RECON_ARRAY)
    write_string_array_attribute (out, "recon_target");
  else
    scmm_h5_write_attr_string (out, "/", "recon_target",
                               fault == BATCH_BAD_RECON ? "everything" : "own_input", &error);
  g_assert_no_error (error);
}

static void
test_cli_step_bad_batches (void)
{
  struct { BatchFault fault; const char *says; } faults[] = {
    { BATCH_NO_KEEP, "“keep” is missing" },
    { BATCH_KEEP_ROWS, "“keep” has 7 rows" },
    { BATCH_KEEP_VALUE, "only 0 and 1" },
    { BATCH_KEEP_FLOAT, "“keep” has the wrong type" },
    { BATCH_X_NAN, "“x” holds NaN" },
    { BATCH_X_CHANNELS, "“x” has shape [8, 5, 5], expected [?, 6, 5]" },
    { BATCH_NO_ALPHA, "“alpha”" },
    { BATCH_BAD_RECON, "“recon_target” is “everything”" },
    { BATCH_NEGATIVE_TAU, "tau" },
    { BATCH_NO_X, "“x” is missing" },
    { BATCH_X_FLOAT64, "“x” has a 8-byte type, expected float32" },
    { BATCH_RECON_ARRAY, "“recon_target” of “/” should be one string" },
    { BATCH_TOO_LARGE, "make 40000 rows" },
  };
  g_autofree char *ck = scmm_test_fixture ("step-hybrid-own/checkpoint.h5");
  g_autofree char *batch = temp_path ("bad-batch.h5");
  g_autofree char *out = temp_path ("never-written.h5");
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      write_faulty_batch (batch, faults[i].fault);
      RunResult r = run_scmm ("step", "--checkpoint", ck, "--batch", batch, "--out", out, NULL);
      g_test_message ("%s", r.err);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, batch));
      if (strstr (r.err, faults[i].says) == NULL)
        g_error ("fault %u: “%s” does not say “%s”", i, r.err, faults[i].says);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      run_result_clear (&r);
    }
}

static void
test_cli_step_bad_checkpoint_and_output (void)
{
  g_autofree char *ck = scmm_test_fixture ("step-hybrid-own/checkpoint.h5");
  g_autofree char *batch = scmm_test_fixture ("step-hybrid-own/batch.h5");
  g_autofree char *other_batch = scmm_test_fixture ("step-random-tau005/batch.h5");

  RunResult r = run_scmm ("step", "--checkpoint", "/nonexistent/ck.h5", "--batch", batch,
                          "--out", "/tmp/x.h5", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "/nonexistent/ck.h5: no such file"));
  run_result_clear (&r);

  /* a batch of 8 channels for a 6-channel model */
  r = run_scmm ("step", "--checkpoint", ck, "--batch", other_batch, "--out", "/tmp/x.h5", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "expected [?, 6, 5]"));
  run_result_clear (&r);

  /* an existing dump survives a failed step; an unwritable output is an error */
  g_autofree char *out = temp_path ("kept.h5");
  g_file_set_contents (out, "precious", -1, NULL);
  r = run_scmm ("step", "--checkpoint", ck, "--batch", other_batch, "--out", out, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_autofree char *contents = NULL;
  g_file_get_contents (out, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "precious");
  run_result_clear (&r);
  r = run_scmm ("step", "--checkpoint", ck, "--batch", batch, "--out", "/nonexistent/d.h5", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "/nonexistent/d.h5"));
  run_result_clear (&r);
}

static void
test_cli_step_nan_checkpoint (void)
{
  /* A copy of the fixture checkpoint with one NaN: the message names the
   * file and the dataset. */
  g_autofree char *ck = scmm_test_fixture ("step-hybrid-own/checkpoint.h5");
  g_autofree char *batch = scmm_test_fixture ("step-hybrid-own/batch.h5");
  g_autofree char *bad = temp_path ("nan-checkpoint.h5");
  GError *error = NULL;
  g_autofree char *bytes = NULL;
  gsize length;
  g_assert_true (g_file_get_contents (ck, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (bad, bytes, (gssize) length, NULL));
  hid_t f = H5Fopen (bad, H5F_ACC_RDWR, H5P_DEFAULT);
  hid_t ds = H5Dopen2 (f, "/model/projector.3.bias", H5P_DEFAULT);
  float values[128];
  g_assert_cmpint (H5Dread (ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), >=, 0);
  values[5] = NAN;
  g_assert_cmpint (H5Dwrite (ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), >=, 0);
  H5Dclose (ds);
  H5Fclose (f);
  g_assert_no_error (error);
  RunResult r = run_scmm ("step", "--checkpoint", bad, "--batch", batch, "--out", "/tmp/x.h5",
                          NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, bad));
  g_assert_nonnull (strstr (r.err, "“/model/projector.3.bias” holds NaN at [5]"));
  run_result_clear (&r);
}

static void
test_cli_import_and_info (void)
{
  const char *shared = g_getenv ("SCMM_SHARED_DATA_DIR");
  g_autofree char *seed_iv = shared ? g_build_filename (shared, "seed-iv", "eeg_feature_smooth", NULL) : NULL;
  g_autofree char *store = temp_path ("seed-iv.h5");
  if (seed_iv != NULL && g_file_test (seed_iv, G_FILE_TEST_IS_DIR))
    {
      RunResult r = run_scmm ("import", seed_iv, "--out", store, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "15 subjects, 15 sessions, 360 trials, 12765 windows of 4 s"));
      run_result_clear (&r);
      /* an existing store is not replaced without --force */
      r = run_scmm ("import", seed_iv, "--out", store, NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "--force"));
      run_result_clear (&r);
      r = run_scmm ("info", store, "--json", NULL);
      g_assert_cmpint (r.status, ==, 0);
      const char *expect[] = { "\"subjects\": 15", "\"sessions\": 15", "\"trials\": 360",
                               "\"windows\": 12765", "\"channels\": 62", "\"bands\": 5",
                               "\"classes\": [{\"name\": \"neutral\", \"windows\": 3255}, "
                               "{\"name\": \"sad\", \"windows\": 3885}, "
                               "{\"name\": \"fear\", \"windows\": 2730}, "
                               "{\"name\": \"happy\", \"windows\": 2895}]" };
      for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
        if (strstr (r.out, expect[i]) == NULL)
          g_error ("scmm info --json lacks %s: %s", expect[i], r.out);
      run_result_clear (&r);
    }
  else
    g_test_message ("../shared/data is absent: the SEED-IV import through the CLI is skipped");

  /* the demo corpora need no file */
  RunResult r = run_scmm ("info", "demo:deap", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"channels\": 32"));
  g_assert_nonnull (strstr (r.out, "{\"name\": \"high valence\""));
  run_result_clear (&r);

  /* a folder that is no known corpus, a damaged store */
  g_autofree char *empty = temp_path ("empty-folder");
  g_mkdir (empty, 0755);
  g_autofree char *out = temp_path ("never.h5");
  r = run_scmm ("import", empty, "--out", out, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "not a corpus this program knows"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  run_result_clear (&r);
  g_autofree char *ck = scmm_test_fixture ("step-hybrid-own/checkpoint.h5");
  r = run_scmm ("info", ck, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no seal"));
  run_result_clear (&r);
  r = run_scmm ("import", "--format", "seed", empty, "--out", out, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_result_clear (&r);
}

/* A small experiment on the demo corpora, as a file. */
static char *
write_tiny_experiment (const char *name, int pretrain_epochs)
{
  g_autofree char *path = temp_path (name);
  g_autofree char *text = g_strdup_printf (
    "[experiment]\nprotocol = cross-corpus\nmethod = scmm\n"
    "[source]\ncorpus = demo:seed\n"
    "[target]\ncorpus = demo:deap\nsubjects = 1-2\nfinetune_trials = 1-12\ntest_trials = 13-20\n"
    "[pretrain]\nepochs = %d\nbatch_size = 64\n"
    "[finetune]\nepochs = 2\nbatch_size = 64\n"
    "[run]\nthreads = 1\n", pretrain_epochs);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_steal_pointer (&path);
}

static GPid
spawn_scmm (const char *const *args, int *err_fd)
{
  const char *cli = g_getenv ("SCMM_CLI");
  GPtrArray *argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) cli);
  for (int i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  GPid pid;
  GError *error = NULL;
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL,
                                           NULL, err_fd, &error));
  g_assert_no_error (error);
  g_ptr_array_free (argv, TRUE);
  return pid;
}

/* Waits until `path` holds at least `lines` lines (or the child ended). */
static void
wait_for_lines (const char *path, int lines, GPid pid)
{
  for (int tries = 0; tries < 6000; tries++)
    {
      g_autofree char *text = NULL;
      if (g_file_get_contents (path, &text, NULL, NULL))
        {
          int n = 0;
          for (const char *p = text; *p; p++)
            n += *p == '\n';
          if (n >= lines)
            return;
        }
      if (waitpid (pid, NULL, WNOHANG) == pid)
        g_error ("scmm ended before %s had %d lines", path, lines);
      g_usleep (10000);
    }
  g_error ("%s never had %d lines", path, lines);
}

static char *
read_all (int fd)
{
  GString *s = g_string_new (NULL);
  char buf[4096];
  ssize_t n;
  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (s, buf, n);
  close (fd);
  return g_string_free (s, FALSE);
}

/* Ctrl-C stops between steps, says how to continue, and --resume finishes. */
static void
test_cli_run_interrupt_and_resume (void)
{
  g_autofree char *ini = write_tiny_experiment ("interrupt.ini", 8);
  g_autofree char *dir = temp_path ("interrupted-run");
  g_autofree char *csv = g_build_filename (dir, "scmm", "pretrain.csv", NULL);
  const char *args[] = { "run", ini, "--out", dir, NULL };
  int err_fd;
  GPid pid = spawn_scmm (args, &err_fd);
  wait_for_lines (csv, 2, pid);   /* the header and one epoch */
  kill (pid, SIGINT);
  int status;
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_autofree char *err = read_all (err_fd);
  g_test_message ("%s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 130);
  g_assert_nonnull (strstr (err, "scmm run --resume"));
  RunResult r = run_scmm ("run", "--resume", dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "| scmm |"));
  run_result_clear (&r);
}

/* kill -9 during pre-training loses at most the epoch it was in. */
static void
test_cli_run_killed_and_resumed (void)
{
  g_autofree char *ini = write_tiny_experiment ("kill.ini", 10);
  g_autofree char *dir = temp_path ("killed-run");
  g_autofree char *csv = g_build_filename (dir, "scmm", "pretrain.csv", NULL);
  const char *args[] = { "run", ini, "--out", dir, NULL };
  int err_fd;
  GPid pid = spawn_scmm (args, &err_fd);
  wait_for_lines (csv, 4, pid);   /* three epochs */
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_free (read_all (err_fd));
  g_autofree char *before = NULL;
  g_assert_true (g_file_get_contents (csv, &before, NULL, NULL));
  int epochs_before = 0;
  for (const char *p = before; *p; p++)
    epochs_before += *p == '\n';
  epochs_before -= 1;

  RunResult r = run_scmm ("run", "--resume", dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_result_clear (&r);
  /* every epoch once, in order, none lost beyond the one being trained */
  g_autofree char *after = NULL;
  g_assert_true (g_file_get_contents (csv, &after, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (g_strchomp (after), "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, 11);
  for (int e = 1; e <= 10; e++)
    g_assert_cmpint (atoi (lines[e]), ==, e);
  g_test_message ("killed after %d epochs were written; resumed to 10", epochs_before);
  g_assert_cmpint (epochs_before, >=, 3);
}

static void
test_cli_usage_errors (void)
{
  const char *const cases[][4] = {
    { NULL },
    { "frobnicate", NULL },
    { "step", "--checkpoint", "a.h5", NULL },
    { "step", "--no-such-option", NULL },
    { "bench", "--steps", "0", NULL },
    { "bench", "--threads", "-3", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RunResult r = run_scmm (cases[i][0], cases[i][0] ? cases[i][1] : NULL,
                              cases[i][0] && cases[i][1] ? cases[i][2] : NULL, NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.err, !=, "");
      run_result_clear (&r);
    }
  RunResult r = run_scmm ("--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "step"));
  g_assert_nonnull (strstr (r.out, "bench"));
  run_result_clear (&r);
  r = run_scmm ("version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "scmm "));
  run_result_clear (&r);
}

static void
test_cli_bench_line (void)
{
  RunResult r = run_scmm ("bench", "--steps", "2", "--threads", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_auto (GStrv) lines = g_strsplit (g_strchomp (r.out), "\n", -1);
  const char *last = lines[g_strv_length (lines) - 1];
  g_test_message ("%s", last);
  g_assert_true (g_regex_match_simple ("^pretrain-step median_ms=[0-9.]+ samples_per_s=[0-9.]+ "
                                       "gflops=[0-9.]+ sgemm_gflops=[0-9.]+ peak_rss_mb=[0-9.]+$",
                                       last, 0, 0));
  run_result_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/step-matches-reference", test_cli_step_matches_reference);
  g_test_add_func ("/cli/step-bad-batches", test_cli_step_bad_batches);
  g_test_add_func ("/cli/step-bad-checkpoint-and-output", test_cli_step_bad_checkpoint_and_output);
  g_test_add_func ("/cli/step-nan-checkpoint", test_cli_step_nan_checkpoint);
  g_test_add_func ("/cli/import-and-info", test_cli_import_and_info);
  g_test_add_func ("/cli/run-interrupt-and-resume", test_cli_run_interrupt_and_resume);
  g_test_add_func ("/cli/run-killed-and-resumed", test_cli_run_killed_and_resumed);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/cli/bench-line", test_cli_bench_line);
  return g_test_run ();
}
