/* scmm-tensor-set.c: named tensors in one arena. */
#include "scmm-tensor-set.h"

#include <string.h>

static void
clear_info (gpointer data)
{
  ScmmTensorInfo *info = data;
  g_free (info->name);
}

ScmmTensorSet *
scmm_tensor_set_new (void)
{
  ScmmTensorSet *set = g_new0 (ScmmTensorSet, 1);
  set->tensors = g_array_new (FALSE, TRUE, sizeof (ScmmTensorInfo));
  g_array_set_clear_func (set->tensors, clear_info);
  return set;
}

void
scmm_tensor_set_free (ScmmTensorSet *set)
{
  if (set == NULL)
    return;
  g_array_unref (set->tensors);
  g_free (set->values);
  g_free (set->grads);
  g_free (set->buffers);
  g_free (set);
}

void
scmm_tensor_set_declare (ScmmTensorSet *set, const char *name, const ScmmShape *shape,
                         ScmmTensorKind kind)
{
  g_return_if_fail (set->values == NULL);
  g_return_if_fail (scmm_tensor_set_find (set, name) == NULL);
  ScmmTensorInfo info = {
    .name = g_strdup (name),
    .shape = *shape,
    .kind = kind,
    .numel = (gsize) scmm_shape_numel (shape),
  };
  if (kind == SCMM_TENSOR_PARAMETER)
    {
      info.offset = set->n_values;
      set->n_values += info.numel;
    }
  else
    {
      info.offset = set->n_buffer_values;
      set->n_buffer_values += info.numel;
    }
  g_array_append_val (set->tensors, info);
}

void
scmm_tensor_set_allocate (ScmmTensorSet *set)
{
  g_return_if_fail (set->values == NULL);
  set->values = g_new0 (float, MAX (set->n_values, 1));
  set->grads = g_new0 (float, MAX (set->n_values, 1));
  set->buffers = g_new0 (float, MAX (set->n_buffer_values, 1));
}

guint
scmm_tensor_set_count (const ScmmTensorSet *set)
{
  return set->tensors->len;
}

const ScmmTensorInfo *
scmm_tensor_set_info (const ScmmTensorSet *set, guint index)
{
  g_return_val_if_fail (index < set->tensors->len, NULL);
  return &g_array_index (set->tensors, ScmmTensorInfo, index);
}

const ScmmTensorInfo *
scmm_tensor_set_find (const ScmmTensorSet *set, const char *name)
{
  for (guint i = 0; i < set->tensors->len; i++)
    {
      const ScmmTensorInfo *info = &g_array_index (set->tensors, ScmmTensorInfo, i);
      if (strcmp (info->name, name) == 0)
        return info;
    }
  return NULL;
}

static float *
data_of (const ScmmTensorSet *set, const ScmmTensorInfo *info)
{
  if (info == NULL)
    return NULL;
  return info->kind == SCMM_TENSOR_PARAMETER ? set->values + info->offset
                                             : set->buffers + info->offset;
}

static float *
grad_of (const ScmmTensorSet *set, const ScmmTensorInfo *info)
{
  if (info == NULL || info->kind != SCMM_TENSOR_PARAMETER)
    return NULL;
  return set->grads + info->offset;
}

float *
scmm_tensor_set_data (const ScmmTensorSet *set, const char *name)
{
  return data_of (set, scmm_tensor_set_find (set, name));
}

float *
scmm_tensor_set_grad (const ScmmTensorSet *set, const char *name)
{
  return grad_of (set, scmm_tensor_set_find (set, name));
}

float *
scmm_tensor_set_data_at (const ScmmTensorSet *set, guint index)
{
  return data_of (set, scmm_tensor_set_info (set, index));
}

float *
scmm_tensor_set_grad_at (const ScmmTensorSet *set, guint index)
{
  return grad_of (set, scmm_tensor_set_info (set, index));
}

void
scmm_tensor_set_zero_grads (ScmmTensorSet *set)
{
  memset (set->grads, 0, sizeof (float) * set->n_values);
}

void
scmm_tensor_set_copy_values (ScmmTensorSet *dst, const ScmmTensorSet *src)
{
  g_return_if_fail (dst->n_values == src->n_values);
  g_return_if_fail (dst->n_buffer_values == src->n_buffer_values);
  memcpy (dst->values, src->values, sizeof (float) * src->n_values);
  memcpy (dst->buffers, src->buffers, sizeof (float) * src->n_buffer_values);
}
