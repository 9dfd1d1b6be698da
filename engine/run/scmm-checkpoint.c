/* scmm-checkpoint.c: save and load models as HDF5. */
#include "scmm-checkpoint.h"

#include <string.h>

#include "scmm-build-config.h"
#include "scmm-error.h"
#include "scmm-h5.h"

static gboolean
write_set (ScmmH5 *h5, const char *group, const ScmmTensorSet *set, GError **error)
{
  if (!scmm_h5_ensure_group (h5, group, error))
    return FALSE;
  for (guint i = 0; i < scmm_tensor_set_count (set); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_info (set, i);
      g_autofree char *name = g_strdup_printf ("%s/%s", group, info->name);
      if (!scmm_h5_write_f32 (h5, name, &info->shape, scmm_tensor_set_data_at (set, i), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_training (ScmmH5 *h5, const ScmmCheckpointTraining *t, GError **error)
{
  return scmm_h5_write_attr_double (h5, "/", "alpha", t->loss.alpha, error)
         && scmm_h5_write_attr_double (h5, "/", "sigma", t->loss.sigma, error)
         && scmm_h5_write_attr_double (h5, "/", "tau", t->loss.tau, error)
         && scmm_h5_write_attr_string (h5, "/", "recon_target",
                                       scmm_recon_target_to_string (t->loss.recon_target), error)
         && scmm_h5_write_attr_string (h5, "/", "mask_mode",
                                       scmm_mask_mode_to_string (t->mask.mode), error)
         && scmm_h5_write_attr_double (h5, "/", "mask_ratio", t->mask.ratio, error)
         && scmm_h5_write_attr_double (h5, "/", "mask_threshold", t->mask.threshold, error)
         && scmm_h5_write_attr_int (h5, "/", "mask_views", t->mask.views, error)
         && scmm_h5_write_attr_int (h5, "/", "soft_weights", t->loss.soft_weights, error)
         && scmm_h5_write_attr_int (h5, "/", "contrastive", t->loss.contrastive, error)
         && scmm_h5_write_attr_int (h5, "/", "aggregator", t->loss.aggregator, error);
}

gboolean
scmm_checkpoint_save (const ScmmModel *model, const ScmmCheckpointTraining *training,
                      const char *path, GError **error)
{
  return scmm_checkpoint_save_with (model, training, NULL, NULL, path, error);
}

gboolean
scmm_checkpoint_save_with (const ScmmModel *model, const ScmmCheckpointTraining *training,
                           ScmmCheckpointExtra extra, gconstpointer extra_data, const char *path,
                           GError **error)
{
  ScmmH5 *h5 = scmm_h5_create_atomic (path, error);
  if (h5 == NULL)
    return FALSE;
  gboolean ok =
    scmm_h5_write_attr_string (h5, "/", "format", SCMM_CHECKPOINT_FORMAT, error)
    && scmm_h5_write_attr_int (h5, "/", "format_version", SCMM_CHECKPOINT_FORMAT_VERSION, error)
    && scmm_h5_write_attr_string (h5, "/", "program", "scmm-studio " SCMM_VERSION, error)
    && scmm_h5_write_attr_int (h5, "/", "channels", model->config.channels, error)
    && scmm_h5_write_attr_int (h5, "/", "bands", model->config.bands, error)
    && scmm_h5_write_attr_int (h5, "/", "classes", model->classifier ? model->classes : 0, error)
    && (training == NULL || write_training (h5, training, error))
    && write_set (h5, "/model", model->model, error)
    && (model->classifier == NULL || write_set (h5, "/classifier", model->classifier, error))
    && (extra == NULL || extra (h5, extra_data, error));
  if (!ok)
    {
      scmm_h5_close_quietly (h5);
      return FALSE;
    }
  return scmm_h5_close (h5, error);
}

static gboolean
read_dimension (ScmmH5 *h5, const char *attr, int min, int max, int *value, GError **error)
{
  int64_t v;
  if (!scmm_h5_read_attr_int (h5, "/", attr, &v, error))
    return FALSE;
  if (v < min || v > max)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: attribute “%s” is %" G_GINT64_FORMAT ", expected %d to %d",
                   h5->path, attr, v, min, max);
      return FALSE;
    }
  *value = (int) v;
  return TRUE;
}

/* Every dataset of the group must be a known tensor (PyTorch's
 * num_batches_tracked counters are accepted and ignored), and every tensor
 * must be there with its exact shape. */
static gboolean
read_set (ScmmH5 *h5, const char *group, ScmmTensorSet *set, GError **error)
{
  g_auto (GStrv) members = scmm_h5_list_group (h5, group, error);
  if (members == NULL)
    return FALSE;
  for (int i = 0; members[i] != NULL; i++)
    if (scmm_tensor_set_find (set, members[i]) == NULL
        && !g_str_has_suffix (members[i], ".num_batches_tracked"))
      {
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                     "%s: “%s/%s” is not a tensor of this model (a checkpoint of another "
                     "architecture?)", h5->path, group, members[i]);
        return FALSE;
      }
  for (guint i = 0; i < scmm_tensor_set_count (set); i++)
    {
      const ScmmTensorInfo *info = scmm_tensor_set_info (set, i);
      g_autofree char *name = g_strdup_printf ("%s/%s", group, info->name);
      if (!scmm_h5_read_f32_into (h5, name, &info->shape, scmm_tensor_set_data_at (set, i),
                                  error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_training (ScmmH5 *h5, ScmmCheckpointTraining *t, GError **error)
{
  double alpha, sigma, tau, ratio, threshold;
  int64_t views;
  g_autofree char *recon = NULL;
  g_autofree char *mode = NULL;
  if (!(scmm_h5_read_attr_double (h5, "/", "alpha", &alpha, error)
        && scmm_h5_read_attr_double (h5, "/", "sigma", &sigma, error)
        && scmm_h5_read_attr_double (h5, "/", "tau", &tau, error)
        && (recon = scmm_h5_read_attr_string (h5, "/", "recon_target", error)) != NULL
        && (mode = scmm_h5_read_attr_string (h5, "/", "mask_mode", error)) != NULL
        && scmm_h5_read_attr_double (h5, "/", "mask_ratio", &ratio, error)
        && scmm_h5_read_attr_double (h5, "/", "mask_threshold", &threshold, error)
        && scmm_h5_read_attr_int (h5, "/", "mask_views", &views, error)))
    return FALSE;
  t->loss.alpha = (float) alpha;
  t->loss.sigma = (float) sigma;
  t->loss.tau = (float) tau;
  /* the ablation switches: absent in older files, which were all SCMM */
  const char *switches[] = { "soft_weights", "contrastive", "aggregator" };
  gboolean *values[] = { &t->loss.soft_weights, &t->loss.contrastive, &t->loss.aggregator };
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      int64_t v = 1;
      if (scmm_h5_has_attr (h5, "/", switches[i])
          && !scmm_h5_read_attr_int (h5, "/", switches[i], &v, error))
        return FALSE;
      *values[i] = v != 0;
    }
  if (!scmm_recon_target_from_string (recon, &t->loss.recon_target)
      || !scmm_mask_mode_from_string (mode, &t->mask.mode) || views < 1 || views > 16)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: the training attributes are not valid (recon_target “%s”, mask_mode "
                   "“%s”, mask_views %" G_GINT64_FORMAT ")", h5->path, recon, mode, views);
      return FALSE;
    }
  t->mask.ratio = (float) ratio;
  t->mask.threshold = (float) threshold;
  t->mask.views = (int) views;
  g_autoptr (GError) invalid = NULL;
  if (!(ratio >= 0.0 && ratio < 1.0) || !(threshold >= 0.0 && threshold <= 1.0))
    g_set_error (&invalid, SCMM_ERROR, SCMM_ERROR_FORMAT,
                 "mask_ratio must be in [0, 1) and mask_threshold in [0, 1]");
  else
    scmm_pretrain_loss_check (&t->loss, &invalid);
  if (invalid != NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: %s", h5->path, invalid->message);
      return FALSE;
    }
  return TRUE;
}

ScmmModel *
scmm_checkpoint_load (const char *path, ScmmCheckpointTraining *training, gboolean *has_training,
                      GError **error)
{
  g_autoptr (ScmmH5) h5 = scmm_h5_open (path, error);
  if (h5 == NULL)
    return NULL;

  if (scmm_h5_has_attr (h5, "/", "format"))
    {
      g_autofree char *format = scmm_h5_read_attr_string (h5, "/", "format", error);
      if (format == NULL)
        return NULL;
      if (strcmp (format, SCMM_CHECKPOINT_FORMAT) != 0)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s: is a “%s” file, not a checkpoint", path, format);
          return NULL;
        }
    }
  if (scmm_h5_has_attr (h5, "/", "format_version"))
    {
      int64_t version;
      if (!scmm_h5_read_attr_int (h5, "/", "format_version", &version, error))
        return NULL;
      if (version > SCMM_CHECKPOINT_FORMAT_VERSION)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s: checkpoint format version %" G_GINT64_FORMAT " is newer than this "
                       "program reads (%d); update SCMM Studio", path, version,
                       SCMM_CHECKPOINT_FORMAT_VERSION);
          return NULL;
        }
    }

  ScmmModelConfig config;
  int classes = 0;
  if (!read_dimension (h5, "channels", 1, 4096, &config.channels, error)
      || !read_dimension (h5, "bands", 1, 1024, &config.bands, error))
    return NULL;
  if (scmm_h5_has_attr (h5, "/", "classes")
      && !read_dimension (h5, "classes", 0, 1000, &classes, error))
    return NULL;

  /* All attributes are read before any dataset: HDF5 1.10 can trip over a
   * damaged file's cached object headers once dataset chunks have been read. */
  ScmmCheckpointTraining file_training = { SCMM_PRETRAIN_LOSS_DEFAULT, SCMM_MASK_CONFIG_DEFAULT };
  gboolean with_training = scmm_h5_has_attr (h5, "/", "tau");
  if (with_training && training != NULL && !read_training (h5, &file_training, error))
    return NULL;

  g_autoptr (ScmmModel) model = scmm_model_new (&config);
  if (!read_set (h5, "/model", model->model, error))
    return NULL;

  gboolean has_classifier = scmm_h5_exists (h5, "/classifier");
  if (has_classifier)
    {
      ScmmShape shape;
      if (!scmm_h5_get_shape (h5, "/classifier/classifier.weight", &shape, error))
        return NULL;
      if (shape.ndim != 2 || shape.dim[0] < 2 || shape.dim[0] > 1000)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                       "%s: dataset “/classifier/classifier.weight” should be [K, %d] with "
                       "K >= 2", path, SCMM_CLASSIFIER_HIDDEN);
          return NULL;
        }
      if (classes != 0 && shape.dim[0] != classes)
        {
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s: attribute “classes” is %d but the classifier has %" G_GINT64_FORMAT
                       " outputs", path, classes, shape.dim[0]);
          return NULL;
        }
      scmm_model_add_classifier (model, (int) shape.dim[0], NULL);
      if (!read_set (h5, "/classifier", model->classifier, error))
        return NULL;
    }
  else if (classes != 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: attribute “classes” is %d but the group “/classifier” is missing",
                   path, classes);
      return NULL;
    }

  if (has_training != NULL)
    *has_training = with_training;
  if (training != NULL)
    *training = file_training;
  return g_steal_pointer (&model);
}
