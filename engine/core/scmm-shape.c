/* scmm-shape.c: shapes of row-major tensors, and how to say them. */
#include "scmm-shape.h"

int64_t
scmm_shape_numel (const ScmmShape *shape)
{
  int64_t n = 1;
  for (int i = 0; i < shape->ndim; i++)
    n *= shape->dim[i];
  return n;
}

gboolean
scmm_shape_matches (const ScmmShape *actual, const ScmmShape *expected)
{
  if (actual->ndim != expected->ndim)
    return FALSE;
  for (int i = 0; i < actual->ndim; i++)
    if (expected->dim[i] >= 0 && actual->dim[i] != expected->dim[i])
      return FALSE;
  return TRUE;
}

gboolean
scmm_shape_equal (const ScmmShape *a, const ScmmShape *b)
{
  if (a->ndim != b->ndim)
    return FALSE;
  for (int i = 0; i < a->ndim; i++)
    if (a->dim[i] != b->dim[i])
      return FALSE;
  return TRUE;
}

char *
scmm_shape_to_string (const ScmmShape *shape)
{
  GString *s = g_string_new ("[");
  for (int i = 0; i < shape->ndim; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      if (shape->dim[i] < 0)
        g_string_append (s, "?");
      else
        g_string_append_printf (s, "%" G_GINT64_FORMAT, shape->dim[i]);
    }
  g_string_append (s, "]");
  return g_string_free (s, FALSE);
}

char *
scmm_shape_index_to_string (const ScmmShape *shape, int64_t index)
{
  int64_t idx[SCMM_MAX_DIMS] = { 0 };
  for (int i = shape->ndim - 1; i >= 0; i--)
    {
      int64_t d = shape->dim[i] > 0 ? shape->dim[i] : 1;
      idx[i] = index % d;
      index /= d;
    }
  ScmmShape as_shape = { shape->ndim, { idx[0], idx[1], idx[2], idx[3] } };
  return scmm_shape_to_string (&as_shape);
}
