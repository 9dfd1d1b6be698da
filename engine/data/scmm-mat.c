/* scmm-mat.c: MATLAB files through matio. */
#include "scmm-mat.h"

#include <math.h>
#include <string.h>

#include "scmm-error.h"

/* matio prints its own complaints to stderr; the errors a user sees are ours. */
static void
quiet_log (int level, char *message)
{
}

static void
silence_matio (void)
{
  static gsize once = 0;
  if (g_once_init_enter (&once))
    {
      Mat_LogInitFunc ("scmm", quiet_log);
      g_once_init_leave (&once, 1);
    }
}

ScmmMat *
scmm_mat_open (const char *path, GError **error)
{
  silence_matio ();
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: no such file", path);
      return NULL;
    }
  mat_t *mat = Mat_Open (path, MAT_ACC_RDONLY);
  if (mat == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: not a MATLAB file, or a damaged one", path);
      return NULL;
    }
  ScmmMat *m = g_new0 (ScmmMat, 1);
  m->mat = mat;
  m->path = g_strdup (path);
  return m;
}

void
scmm_mat_close (ScmmMat *mat)
{
  if (mat == NULL)
    return;
  Mat_Close (mat->mat);
  g_free (mat->path);
  g_free (mat);
}

char **
scmm_mat_variables (ScmmMat *mat, GError **error)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  Mat_Rewind (mat->mat);
  matvar_t *var;
  while ((var = Mat_VarReadNextInfo (mat->mat)) != NULL)
    {
      if (var->name != NULL)
        g_ptr_array_add (names, g_strdup (var->name));
      Mat_VarFree (var);
    }
  Mat_Rewind (mat->mat);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

gboolean
scmm_mat_has (ScmmMat *mat, const char *name)
{
  matvar_t *var = Mat_VarReadInfo (mat->mat, name);
  Mat_VarFree (var);
  return var != NULL;
}

static gboolean
is_numeric (enum matio_classes c)
{
  return c >= MAT_C_DOUBLE && c <= MAT_C_UINT64;
}

/* Converts n elements of class `c` at `data` to doubles. */
static void
to_doubles (double *out, const void *data, enum matio_classes c, gsize n)
{
  switch (c)
    {
#define CONVERT(klass, type) \
    case klass: for (gsize i = 0; i < n; i++) out[i] = (double) ((const type *) data)[i]; break;
      CONVERT (MAT_C_DOUBLE, double)
      CONVERT (MAT_C_SINGLE, float)
      CONVERT (MAT_C_INT8, gint8)
      CONVERT (MAT_C_UINT8, guint8)
      CONVERT (MAT_C_INT16, gint16)
      CONVERT (MAT_C_UINT16, guint16)
      CONVERT (MAT_C_INT32, gint32)
      CONVERT (MAT_C_UINT32, guint32)
      CONVERT (MAT_C_INT64, gint64)
      CONVERT (MAT_C_UINT64, guint64)
#undef CONVERT
    default:
      memset (out, 0, sizeof (double) * n);
      break;
    }
}

static gboolean
element_count (const matvar_t *var, gsize *count)
{
  gsize n = 1;
  for (int i = 0; i < var->rank; i++)
    {
      if (var->dims[i] != 0 && n > G_MAXSIZE / 16 / var->dims[i])
        return FALSE;
      n *= var->dims[i];
    }
  *count = n;
  return TRUE;
}

double *
scmm_mat_var_doubles (const ScmmMat *mat, const char *what, const matvar_t *var, gsize *count,
                      GError **error)
{
  gsize n = 0;
  if (var == NULL || !is_numeric (var->class_type) || var->isComplex || var->data == NULL
      || !element_count (var, &n))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: “%s” is not a real numeric array", mat->path, what);
      return NULL;
    }
  /* A damaged file may claim more elements than it holds. */
  if (var->data_size <= 0 || var->nbytes < n * (gsize) var->data_size)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: “%s” holds fewer values than its dimensions say", mat->path, what);
      return NULL;
    }
  double *out = g_try_new (double, MAX (n, 1));
  if (out == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: not enough memory for “%s”",
                   mat->path, what);
      return NULL;
    }
  to_doubles (out, var->data, var->class_type, n);
  *count = n;
  return out;
}

double *
scmm_mat_read_doubles (ScmmMat *mat, const char *name, int *rank, size_t dims[4],
                       gboolean allow_nonfinite, GError **error)
{
  matvar_t *info = Mat_VarReadInfo (mat->mat, name);
  if (info == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: variable “%s” is missing",
                   mat->path, name);
      return NULL;
    }
  gboolean ok = is_numeric (info->class_type) && !info->isComplex && info->rank >= 1
                && info->rank <= 4;
  gsize n = 0;
  ok = ok && element_count (info, &n) && n <= ((gsize) 1 << 31);
  Mat_VarFree (info);
  if (!ok)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: variable “%s” is not a real numeric array of rank 1 to 4", mat->path,
                   name);
      return NULL;
    }
  matvar_t *var = Mat_VarRead (mat->mat, name);
  if (var == NULL || var->data == NULL)
    {
      Mat_VarFree (var);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: variable “%s” cannot be read (truncated or damaged file?)", mat->path,
                   name);
      return NULL;
    }
  gsize count = 0;
  double *values = scmm_mat_var_doubles (mat, name, var, &count, error);
  if (values != NULL)
    {
      *rank = var->rank;
      for (int i = 0; i < 4; i++)
        dims[i] = i < var->rank ? var->dims[i] : 1;
    }
  Mat_VarFree (var);
  for (gsize i = 0; values != NULL && !allow_nonfinite && i < count; i++)
    if (!isfinite (values[i]))
      {
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                     "%s: variable “%s” holds %s at element %" G_GSIZE_FORMAT " (column-major)",
                     mat->path, name, isnan (values[i]) ? "NaN" : "an infinite value", i);
        g_clear_pointer (&values, g_free);
      }
  return values;
}

char *
scmm_mat_var_string (const matvar_t *var)
{
  gsize n = 0;
  if (var == NULL || var->class_type != MAT_C_CHAR || var->data == NULL
      || !element_count (var, &n))
    return NULL;
  if (var->data_size == 2 || var->data_type == MAT_T_UINT16 || var->data_type == MAT_T_UTF16)
    {
      if (var->nbytes < n * 2)
        return NULL;
      return g_utf16_to_utf8 (var->data, (glong) n, NULL, NULL, NULL);
    }
  if (var->nbytes < n)
    return NULL;
  char *s = g_strndup (var->data, n);
  if (!g_utf8_validate (s, -1, NULL))
    {
      char *latin1 = g_convert (s, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
      g_free (s);
      s = latin1;
    }
  return s;
}
