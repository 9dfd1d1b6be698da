/* scmm-npy.c: NumPy .npy arrays. */
#include "scmm-npy.h"

#include <string.h>

#include "scmm-error.h"

#define MAX_HEADER (1 << 20)

typedef struct {
  char     kind;        /* 'f' float, 'i' signed, 'u' unsigned, 'b' bool */
  int      size;        /* bytes per item */
  gboolean big_endian;
  gboolean fortran;
  ScmmShape shape;
} NpyHeader;

static gboolean
fail (GError **error, const char *label, const char *what)
{
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: %s", label, what);
  return FALSE;
}

/* The value of 'key' in the header dict, from just after its colon. */
static const char *
dict_value (const char *dict, const char *key)
{
  g_autofree char *single = g_strdup_printf ("'%s'", key);
  g_autofree char *dbl = g_strdup_printf ("\"%s\"", key);
  const char *at = strstr (dict, single);
  if (at == NULL)
    at = strstr (dict, dbl);
  if (at == NULL)
    return NULL;
  at = strchr (at + strlen (single), ':');
  if (at == NULL)
    return NULL;
  at++;
  while (*at == ' ')
    at++;
  return at;
}

static gboolean
parse_descr (const char *value, NpyHeader *h, const char *label, GError **error)
{
  if (value == NULL || (value[0] != '\'' && value[0] != '"') || strnlen (value, 4) < 4)
    return fail (error, label, "the header has no 'descr' string (structured arrays are not read)");
  char order = value[1];
  char kind = value[2];
  char *end = NULL;
  gint64 size = g_ascii_strtoll (value + 3, &end, 10);
  if (end == value + 3 || (*end != '\'' && *end != '"'))
    return fail (error, label, "the header's 'descr' is not a simple dtype like '<f4'");
  if (order != '<' && order != '>' && order != '|' && order != '=')
    return fail (error, label, "the header's 'descr' has no byte order");
  gboolean ok = (kind == 'f' && (size == 4 || size == 8))
                || ((kind == 'i' || kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8))
                || (kind == 'b' && size == 1);
  if (!ok)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: dtype %c%" G_GINT64_FORMAT " is not supported (floats, integers and booleans are)",
                   label, kind, size);
      return FALSE;
    }
  h->kind = kind;
  h->size = (int) size;
  h->big_endian = order == '>';
  return TRUE;
}

static gboolean
parse_shape (const char *value, NpyHeader *h, const char *label, GError **error)
{
  if (value == NULL || *value != '(')
    return fail (error, label, "the header has no 'shape' tuple");
  const char *p = value + 1;
  h->shape.ndim = 0;
  guint64 numel = 1;
  for (;;)
    {
      while (*p == ' ')
        p++;
      if (*p == ')')
        break;
      char *end = NULL;
      gint64 dim = g_ascii_strtoll (p, &end, 10);
      if (end == p || dim < 0)
        return fail (error, label, "the header's 'shape' is not a tuple of sizes");
      if (h->shape.ndim == SCMM_MAX_DIMS)
        return fail (error, label, "the array has more than 4 dimensions");
      if (!g_uint64_checked_mul (&numel, numel, (guint64) dim) || numel > ((guint64) 1 << 31))
        return fail (error, label, "the array is too large");
      h->shape.dim[h->shape.ndim++] = dim;
      p = end;
      while (*p == ' ')
        p++;
      if (*p == ',')
        p++;
      else if (*p != ')')
        return fail (error, label, "the header's 'shape' is not a tuple of sizes");
    }
  return TRUE;
}

static gboolean
parse_header (const guint8 *bytes, gsize length, const char *label, NpyHeader *h, gsize *data_at,
              GError **error)
{
  if (length < 10 || memcmp (bytes, "\x93NUMPY", 6) != 0)
    return fail (error, label, "not a NumPy .npy file (no \\x93NUMPY signature)");
  int major = bytes[6];
  gsize header_len, prefix;
  if (major == 1)
    {
      header_len = bytes[8] | (bytes[9] << 8);
      prefix = 10;
    }
  else if (major == 2 || major == 3)
    {
      if (length < 12)
        return fail (error, label, "the file ends inside its header");
      header_len = (gsize) bytes[8] | ((gsize) bytes[9] << 8) | ((gsize) bytes[10] << 16)
                   | ((gsize) bytes[11] << 24);
      prefix = 12;
    }
  else
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: .npy format version %d is not known",
                   label, major);
      return FALSE;
    }
  if (header_len > MAX_HEADER || prefix + header_len > length)
    return fail (error, label, "the file ends inside its header (truncated?)");
  g_autofree char *dict = g_strndup ((const char *) bytes + prefix, header_len);
  const char *fortran = dict_value (dict, "fortran_order");
  if (fortran == NULL || (!g_str_has_prefix (fortran, "False") && !g_str_has_prefix (fortran, "True")))
    return fail (error, label, "the header has no 'fortran_order' True or False");
  h->fortran = g_str_has_prefix (fortran, "True");
  if (!parse_descr (dict_value (dict, "descr"), h, label, error)
      || !parse_shape (dict_value (dict, "shape"), h, label, error))
    return FALSE;
  *data_at = prefix + header_len;
  return TRUE;
}

static double
read_item (const guint8 *p, const NpyHeader *h)
{
  guint8 b[8];
  memcpy (b, p, h->size);
  gboolean swap = h->big_endian != (G_BYTE_ORDER == G_BIG_ENDIAN);
  if (swap)
    for (int i = 0; i < h->size / 2; i++)
      {
        guint8 t = b[i];
        b[i] = b[h->size - 1 - i];
        b[h->size - 1 - i] = t;
      }
  switch (h->kind)
    {
    case 'f':
      {
        if (h->size == 4)
          {
            float f;
            memcpy (&f, b, 4);
            return f;
          }
        double d;
        memcpy (&d, b, 8);
        return d;
      }
    case 'b':
      return b[0] != 0;
    case 'u':
      {
        guint64 u = 0;
        memcpy (&u, b, h->size);   /* little-endian host */
        return (double) u;
      }
    default:
      {
        guint64 u = 0;
        memcpy (&u, b, h->size);   /* little-endian host */
        if (h->size < 8 && (b[h->size - 1] & 0x80))
          u |= ~(guint64) 0 << (8 * h->size);   /* sign-extend */
        return (double) (gint64) u;
      }
    }
}

double *
scmm_npy_parse (const guint8 *bytes, gsize length, const char *label, ScmmShape *shape,
                GError **error)
{
  NpyHeader h = { 0 };
  gsize data_at = 0;
  if (!parse_header (bytes, length, label, &h, &data_at, error))
    return NULL;
  const gsize n = (gsize) scmm_shape_numel (&h.shape);
  if (length - data_at < n * (gsize) h.size)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: the header promises %" G_GSIZE_FORMAT " values (%" G_GSIZE_FORMAT
                   " bytes) but the file holds %" G_GSIZE_FORMAT " bytes of data (truncated?)",
                   label, n, n * (gsize) h.size, length - data_at);
      return NULL;
    }
  double *out = g_try_new (double, MAX (n, 1));
  if (out == NULL)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: not enough memory", label);
      return NULL;
    }
  const guint8 *data = bytes + data_at;
  if (!h.fortran || h.shape.ndim < 2)
    {
      for (gsize i = 0; i < n; i++)
        out[i] = read_item (data + i * h.size, &h);
    }
  else
    {
      /* Fortran order: the first index varies fastest. */
      for (gsize i = 0; i < n; i++)
        {
          /* the C multi-index of element i, then its Fortran offset */
          gsize rest = i, f = 0, stride = 1;
          gsize idx[SCMM_MAX_DIMS];
          for (int d = h.shape.ndim - 1; d >= 0; d--)
            {
              gsize dim = (gsize) h.shape.dim[d];
              idx[d] = rest % dim;
              rest /= dim;
            }
          for (int d = 0; d < h.shape.ndim; d++)
            {
              f += idx[d] * stride;
              stride *= (gsize) h.shape.dim[d];
            }
          out[i] = read_item (data + f * h.size, &h);
        }
    }
  *shape = h.shape;
  return out;
}

double *
scmm_npy_read (const char *path, ScmmShape *shape, GError **error)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &bytes, &length, &local))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: %s", path, local->message);
      return NULL;
    }
  return scmm_npy_parse ((const guint8 *) bytes, length, path, shape, error);
}
