/* test-checkpoint.c: checkpoints round-trip exactly, and every kind of bad
 * file gets an error that names the file and the dataset. */
#include <glib/gstdio.h>
#include <math.h>

#include "scmm-checkpoint.h"
#include "scmm-error.h"
#include "scmm-test-util.h"

static ScmmModel *
random_model (int classes)
{
  ScmmModelConfig config = { 7, 5 };
  ScmmModel *model = scmm_model_new (&config);
  if (classes > 0)
    scmm_model_add_classifier (model, classes, NULL);
  ScmmRng rng;
  scmm_rng_init (&rng, 99);
  scmm_model_init_default (model, &rng);
  scmm_test_fill_uniform (model->model->buffers, model->model->n_buffer_values, &rng, 0.5f, 2);
  return model;
}

static char *
temp_dir (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("scmm-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  if (d != NULL)
    g_dir_close (d);
  g_rmdir (dir);
}

static void
test_checkpoint_round_trip (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "model.h5", NULL);
  g_autoptr (ScmmModel) model = random_model (4);
  ScmmCheckpointTraining training = {
    { 0.75f, 0.5f, 0.2f, SCMM_RECON_ORIGINAL },
    { SCMM_MASK_PARALLEL, 0.4f, 0.2f, 2 },
  };
  GError *error = NULL;
  g_assert_true (scmm_checkpoint_save (model, &training, path, &error));
  g_assert_no_error (error);
  /* saving again replaces the file whole */
  g_assert_true (scmm_checkpoint_save (model, &training, path, &error));

  ScmmCheckpointTraining loaded_training;
  gboolean has_training = FALSE;
  g_autoptr (ScmmModel) loaded = scmm_checkpoint_load (path, &loaded_training, &has_training, &error);
  g_assert_no_error (error);
  g_assert_true (has_training);
  g_assert_cmpint (loaded->config.channels, ==, 7);
  g_assert_cmpint (loaded->classes, ==, 4);
  g_assert_cmpmem (loaded->model->values, loaded->model->n_values * 4, model->model->values,
                   model->model->n_values * 4);
  g_assert_cmpmem (loaded->model->buffers, loaded->model->n_buffer_values * 4,
                   model->model->buffers, model->model->n_buffer_values * 4);
  g_assert_cmpmem (loaded->classifier->values, loaded->classifier->n_values * 4,
                   model->classifier->values, model->classifier->n_values * 4);
  g_assert_cmpmem (&loaded_training, sizeof training, &training, sizeof training);

  /* nothing but the checkpoint is left in the folder (no temporary file) */
  GDir *d = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (d), ==, "model.h5");
  g_assert_null (g_dir_read_name (d));
  g_dir_close (d);
  remove_dir (dir);
}

static void
test_checkpoint_without_classifier (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "pre.h5", NULL);
  g_autoptr (ScmmModel) model = random_model (0);
  GError *error = NULL;
  g_assert_true (scmm_checkpoint_save (model, NULL, path, &error));
  gboolean has_training = TRUE;
  g_autoptr (ScmmModel) loaded = scmm_checkpoint_load (path, NULL, &has_training, &error);
  g_assert_no_error (error);
  g_assert_null (loaded->classifier);
  g_assert_false (has_training);
  remove_dir (dir);
}

typedef enum {
  BREAK_MISSING,
  BREAK_SHAPE,
  BREAK_TYPE,
  BREAK_NAN,
  BREAK_EXTRA,
  BREAK_NO_CHANNELS,
  BREAK_CLASSES,
} Breakage;

/* Writes the model as a checkpoint with one thing wrong about `victim`. */
static void
write_broken (const ScmmModel *model, const char *path, Breakage breakage, const char *victim)
{
  GError *error = NULL;
  g_autoptr (ScmmH5) h5 = scmm_h5_create (path, &error);
  g_assert_no_error (error);
  if (breakage != BREAK_NO_CHANNELS)
    scmm_h5_write_attr_int (h5, "/", "channels", model->config.channels, &error);
  scmm_h5_write_attr_int (h5, "/", "bands", model->config.bands, &error);
  scmm_h5_write_attr_int (h5, "/", "classes", breakage == BREAK_CLASSES ? 5 : 0, &error);
  const ScmmTensorSet *set = model->model;
  for (guint i = 0; i < scmm_tensor_set_count (set); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_info (set, i);
      g_autofree char *name = g_strdup_printf ("/model/%s", info->name);
      gboolean is_victim = g_strcmp0 (info->name, victim) == 0;
      g_autofree float *v = g_memdup2 (scmm_tensor_set_data_at (set, i), info->numel * 4);
      ScmmShape shape = info->shape;
      if (is_victim && breakage == BREAK_MISSING)
        continue;
      if (is_victim && breakage == BREAK_SHAPE)
        shape.dim[shape.ndim - 1] -= 1;
      if (is_victim && breakage == BREAK_NAN)
        v[info->numel / 2] = NAN;
      if (is_victim && breakage == BREAK_TYPE)
        {
          g_autofree gint32 *ints = g_new0 (gint32, info->numel);
          scmm_h5_write_i32 (h5, name, &shape, ints, &error);
          continue;
        }
      scmm_h5_write_f32 (h5, name, &shape, v, &error);
    }
  if (breakage == BREAK_EXTRA)
    {
      ScmmShape s = SCMM_SHAPE1 (3);
      float v[3] = { 0 };
      scmm_h5_write_f32 (h5, "/model/encoder.2.weight", &s, v, &error);
    }
  g_assert_no_error (error);
  scmm_h5_close (h5, &error);
  g_assert_no_error (error);
  (void) g_steal_pointer (&h5);
}

static void
expect_load_error (const char *path, int code, const char *fragment)
{
  GError *error = NULL;
  ScmmModel *model = scmm_checkpoint_load (path, NULL, NULL, &error);
  g_assert_null (model);
  g_assert_nonnull (error);
  g_assert_true (error->domain == SCMM_ERROR);
  if (code >= 0)
    g_assert_error (error, SCMM_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
  g_clear_error (&error);
}

static void
test_checkpoint_bad_files (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "bad.h5", NULL);
  g_autoptr (ScmmModel) model = random_model (0);

  write_broken (model, path, BREAK_MISSING, "encoder.5.bias");
  expect_load_error (path, SCMM_ERROR_FORMAT, "/model/encoder.5.bias");
  write_broken (model, path, BREAK_SHAPE, "encoder.0.weight");
  expect_load_error (path, SCMM_ERROR_SHAPE, "/model/encoder.0.weight");
  write_broken (model, path, BREAK_TYPE, "decoder.weight");
  expect_load_error (path, SCMM_ERROR_FORMAT, "/model/decoder.weight");
  write_broken (model, path, BREAK_NAN, "projector.3.weight");
  expect_load_error (path, SCMM_ERROR_NUMERIC, "“/model/projector.3.weight” holds NaN");
  write_broken (model, path, BREAK_EXTRA, NULL);
  expect_load_error (path, SCMM_ERROR_FORMAT, "encoder.2.weight");
  write_broken (model, path, BREAK_NO_CHANNELS, NULL);
  expect_load_error (path, SCMM_ERROR_FORMAT, "channels");
  write_broken (model, path, BREAK_CLASSES, NULL);
  expect_load_error (path, SCMM_ERROR_FORMAT, "/classifier");

  /* not HDF5 at all */
  g_file_set_contents (path, "encoder.0.weight = 1\n", -1, NULL);
  expect_load_error (path, SCMM_ERROR_FORMAT, "not an HDF5 file");
  /* a good checkpoint cut short */
  g_autofree char *good = scmm_test_fixture ("step-hybrid-own/checkpoint.h5");
  g_autofree char *bytes = NULL;
  gsize length;
  g_assert_true (g_file_get_contents (good, &bytes, &length, NULL));
  for (gsize cut = 64; cut < length; cut = cut * 3 + 17)
    {
      g_file_set_contents (path, bytes, (gssize) cut, NULL);
      expect_load_error (path, -1, NULL);   /* any SCMM error, no crash */
    }
  /* missing file */
  g_autofree char *missing = g_build_filename (dir, "nothing-here.h5", NULL);
  expect_load_error (missing, SCMM_ERROR_IO, "no such file");
  remove_dir (dir);
}

static void
test_checkpoint_save_failure (void)
{
  g_autoptr (ScmmModel) model = random_model (0);
  GError *error = NULL;
  g_assert_false (scmm_checkpoint_save (model, NULL, "/nonexistent-folder/model.h5", &error));
  g_assert_error (error, SCMM_ERROR, SCMM_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/model.h5"));
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/checkpoint/round-trip", test_checkpoint_round_trip);
  g_test_add_func ("/checkpoint/without-classifier", test_checkpoint_without_classifier);
  g_test_add_func ("/checkpoint/bad-files", test_checkpoint_bad_files);
  g_test_add_func ("/checkpoint/save-failure", test_checkpoint_save_failure);
  return g_test_run ();
}
