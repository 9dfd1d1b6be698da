/* scmm-eeglab.c: EEGLAB datasets (.set + .fdt).
 *
 * A .set is a MATLAB file holding a struct `EEG` (EEGLAB 2021 and later may
 * instead save its fields as top-level variables; both are read, as
 * pop_loadset does). EEG.data is either the samples themselves, nbchan x
 * pnts (x trials), or the name of a file beside the .set holding them as
 * float32 little-endian: a .fdt is sample-major (all channels of sample 0,
 * then sample 1, ...), an old .dat channel-major. Events come from
 * EEG.event: type, latency in samples counted from 1, optional duration. */
#define G_LOG_DOMAIN "scmm-eeglab"

#include "scmm-eeglab.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <matio.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "scmm-error.h"

/* Samples transposed per read of a .fdt. */
#define FDT_CHUNK_SAMPLES 16384

typedef struct {
  const char *path;     /* the .set */
  mat_t      *mat;
  matvar_t   *eeg;      /* the struct EEG, or one gathered from top-level variables */
  int         n_channels;
  gint64      pnts;
  gint64      trials;
  double      srate;
} SetReader;

static void
set_reader_clear (SetReader *r)
{
  if (r->eeg != NULL)
    Mat_VarFree (r->eeg);
  if (r->mat != NULL)
    Mat_Close (r->mat);
}

G_GNUC_PRINTF (4, 5) static gboolean
fail_code (const char *path, GError **error, ScmmError code, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SCMM_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

#define fail(r, error, ...) fail_code ((r)->path, (error), SCMM_ERROR_FORMAT, __VA_ARGS__)

/* ---- matio values ----------------------------------------------------- */

/* The number of elements, 0 when it cannot be trusted. */
static size_t
numel (const matvar_t *v)
{
  if (v == NULL || v->rank <= 0 || v->dims == NULL)
    return 0;
  size_t n = 1;
  for (int i = 0; i < v->rank; i++)
    if (!g_size_checked_mul (&n, n, v->dims[i]))
      return 0;
  return n;
}

/* Whether `v` really holds `n` elements of its data type: matio fills
 * matvar_t from the file, so nothing is assumed. */
static gboolean
holds_elements (const matvar_t *v, size_t n)
{
  size_t size = Mat_SizeOf (v->data_type), bytes;
  return v->data != NULL && size > 0 && g_size_checked_mul (&bytes, n, size)
         && v->nbytes >= bytes;
}

static gboolean
is_real_numeric (const matvar_t *v)
{
  switch (v->class_type)
    {
    case MAT_C_DOUBLE: case MAT_C_SINGLE:
    case MAT_C_INT8: case MAT_C_UINT8: case MAT_C_INT16: case MAT_C_UINT16:
    case MAT_C_INT32: case MAT_C_UINT32: case MAT_C_INT64: case MAT_C_UINT64:
      return !v->isComplex;
    default:
      return FALSE;
    }
}

/* Element i of a real numeric array as a double. */
static gboolean
numeric_value (const matvar_t *v, size_t i, double *value)
{
  if (v == NULL || !is_real_numeric (v) || i >= numel (v) || !holds_elements (v, numel (v)))
    return FALSE;
  const void *d = v->data;
  switch (v->data_type)
    {
    case MAT_T_DOUBLE: *value = ((const double *) d)[i]; return TRUE;
    case MAT_T_SINGLE: *value = ((const float *) d)[i]; return TRUE;
    case MAT_T_INT8: *value = ((const gint8 *) d)[i]; return TRUE;
    case MAT_T_UINT8: *value = ((const guint8 *) d)[i]; return TRUE;
    case MAT_T_INT16: *value = ((const gint16 *) d)[i]; return TRUE;
    case MAT_T_UINT16: *value = ((const guint16 *) d)[i]; return TRUE;
    case MAT_T_INT32: *value = ((const gint32 *) d)[i]; return TRUE;
    case MAT_T_UINT32: *value = ((const guint32 *) d)[i]; return TRUE;
    case MAT_T_INT64: *value = (double) ((const gint64 *) d)[i]; return TRUE;
    case MAT_T_UINT64: *value = (double) ((const guint64 *) d)[i]; return TRUE;
    default: return FALSE;
    }
}

/* UTF-16 code units to UTF-8; a lone surrogate becomes U+FFFD rather than
 * failing the whole text. */
static char *
utf16_text (const guint32 *units, size_t n)
{
  GString *s = g_string_sized_new (n);
  for (size_t i = 0; i < n; i++)
    {
      gunichar c = units[i];
      if (c >= 0xD800 && c < 0xDC00 && i + 1 < n && units[i + 1] >= 0xDC00
          && units[i + 1] < 0xE000)
        c = 0x10000 + ((c - 0xD800) << 10) + (units[++i] - 0xDC00);
      else if (c >= 0xD800 && c < 0xE000)
        c = 0xFFFD;
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static char *
utf32_text (const guint32 *units, size_t n)
{
  GString *s = g_string_sized_new (n);
  for (size_t i = 0; i < n; i++)
    g_string_append_unichar (s, g_unichar_validate (units[i]) ? units[i] : 0xFFFD);
  return g_string_free (s, FALSE);
}

/* 8-bit chars: UTF-8 when they are, else Latin-1. */
static char *
byte_text (const guint8 *bytes, size_t n)
{
  if (g_utf8_validate ((const char *) bytes, n, NULL))
    return g_strndup ((const char *) bytes, n);
  GString *s = g_string_sized_new (n);
  for (size_t i = 0; i < n; i++)
    g_string_append_unichar (s, bytes[i]);
  return g_string_free (s, FALSE);
}

static guint32
code_unit (const matvar_t *v, size_t i, size_t unit)
{
  if (unit == 1)
    return ((const guint8 *) v->data)[i];
  if (unit == 2)
    return ((const guint16 *) v->data)[i];
  return ((const guint32 *) v->data)[i];
}

/* A MATLAB char array as trimmed UTF-8, NULL when `v` is not one. matio
 * hands Level-5 chars over as UTF-16 code units (MAT_T_UINT16); other
 * writers give bytes. A matrix of several rows (column-major, like every
 * MATLAB array) becomes its rows joined by newlines. */
static char *
char_array_text (const matvar_t *v)
{
  if (v == NULL || v->class_type != MAT_C_CHAR)
    return NULL;
  size_t n = numel (v);
  if (n == 0)
    return g_strdup ("");
  size_t unit = Mat_SizeOf (v->data_type);
  if ((unit != 1 && unit != 2 && unit != 4) || !holds_elements (v, n))
    return NULL;
  /* UTF-8 is counted in characters by dims but stored in bytes. */
  if (v->data_type == MAT_T_UTF8 && (v->rank != 2 || v->dims[0] == 1))
    return g_strstrip (byte_text (v->data, v->nbytes));
  size_t rows = v->rank == 2 ? v->dims[0] : 1, cols = n / rows;
  g_autofree guint32 *units = g_new (guint32, n + rows);
  size_t k = 0;
  for (size_t row = 0; row < rows; row++)
    {
      for (size_t col = 0; col < cols; col++)
        units[k++] = code_unit (v, row + rows * col, unit);
      if (row + 1 < rows)
        units[k++] = '\n';
    }
  char *text;
  if (unit == 1)
    {
      g_autofree guint8 *bytes = g_new (guint8, k);
      for (size_t i = 0; i < k; i++)
        bytes[i] = (guint8) units[i];
      text = byte_text (bytes, k);
    }
  else
    text = unit == 2 ? utf16_text (units, k) : utf32_text (units, k);
  return g_strstrip (text);
}

/* A text field that may also be stored as a number (event types often
 * are). */
static char *
text_or_number (const matvar_t *v)
{
  char *text = char_array_text (v);
  if (text != NULL)
    return text;
  double value;
  if (numel (v) == 1 && numeric_value (v, 0, &value))
    return g_strdup_printf ("%.15g", value);
  return NULL;
}

/* ---- the EEG struct --------------------------------------------------- */

/* Field `name` of element `index` of a struct array, NULL when absent.
 * Looked up here rather than with Mat_VarGetStructFieldByName: matio can
 * hand over a struct it could not read completely (a file cut short), with
 * missing field names that its lookup would dereference. */
static matvar_t *
struct_field (matvar_t *s, const char *name, size_t index)
{
  if (s == NULL || s->class_type != MAT_C_STRUCT || index >= numel (s) || s->data == NULL)
    return NULL;
  size_t n_fields = Mat_VarGetNumberOfFields (s), slots;
  char *const *names = Mat_VarGetStructFieldnames (s);
  if (names == NULL || !g_size_checked_mul (&slots, numel (s), n_fields)
      || !g_size_checked_mul (&slots, slots, sizeof (matvar_t *)) || s->nbytes < slots)
    return NULL;
  for (size_t f = 0; f < n_fields; f++)
    if (names[f] != NULL && strcmp (names[f], name) == 0)
      return ((matvar_t **) s->data)[index * n_fields + f];
  return NULL;
}

static matvar_t *
eeg_field (SetReader *r, const char *name)
{
  return struct_field (r->eeg, name, 0);
}

static gboolean
has_variable (char *const *names, size_t n, const char *name)
{
  for (size_t i = 0; i < n; i++)
    if (names[i] != NULL && strcmp (names[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* EEGLAB 2021+ can save EEG's fields as the file's variables: gather them
 * into a struct so that the rest reads one layout. */
static matvar_t *
gather_top_level (SetReader *r, char *const *names, size_t n)
{
  g_autofree const char **fields = g_new0 (const char *, n + 1);
  for (size_t i = 0; i < n; i++)
    fields[i] = names[i] != NULL ? names[i] : "";
  size_t dims[2] = { 1, 1 };
  matvar_t *eeg = Mat_VarCreateStruct2 ("EEG", 2, dims, fields);
  if (eeg == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    {
      if (names[i] == NULL)
        continue;
      matvar_t *v = Mat_VarRead (r->mat, names[i]);
      if (v == NULL)
        {
          g_debug ("%s: variable %s cannot be read", r->path, names[i]);
          continue;
        }
      /* Returns the field it replaces: only a name listed twice has one. */
      matvar_t *replaced = Mat_VarSetStructFieldByName (eeg, names[i], 0, v);
      if (replaced != NULL)
        Mat_VarFree (replaced);
    }
  return eeg;
}

static gboolean
open_set (SetReader *r, GError **error)
{
  if (!g_file_test (r->path, G_FILE_TEST_EXISTS))
    return fail_code (r->path, error, SCMM_ERROR_IO, "no such file");
  if (!g_file_test (r->path, G_FILE_TEST_IS_REGULAR))
    return fail_code (r->path, error, SCMM_ERROR_IO, "not a regular file");
  r->mat = Mat_Open (r->path, MAT_ACC_RDONLY);
  if (r->mat == NULL)
    return fail (r, error, "not a MATLAB file (an EEGLAB .set is one)");
  size_t n = 0;
  char *const *names = Mat_GetDir (r->mat, &n);   /* owned by r->mat */
  if (names != NULL && has_variable (names, n, "EEG"))
    {
      r->eeg = Mat_VarRead (r->mat, "EEG");
      if (r->eeg == NULL)
        return fail (r, error, "variable “EEG” cannot be read (damaged file?)");
    }
  else if (names != NULL && has_variable (names, n, "data"))
    r->eeg = gather_top_level (r, names, n);
  else if (names != NULL && has_variable (names, n, "ALLEEG"))
    return fail (r, error, "holds several datasets (ALLEEG), a layout of EEGLAB before 5.0; "
                 "load it in EEGLAB and save each dataset");
  else
    return fail (r, error, "no variable “EEG”: not an EEGLAB dataset");
  if (r->eeg == NULL || r->eeg->class_type != MAT_C_STRUCT)
    return fail (r, error, "EEG is not a struct");
  if (numel (r->eeg) != 1)
    return fail (r, error, "EEG holds %zu datasets, not one", numel (r->eeg));
  return TRUE;
}

static gboolean
read_scalar (SetReader *r, const char *name, double *value, GError **error)
{
  matvar_t *v = eeg_field (r, name);
  if (v == NULL)
    return fail (r, error, "EEG.%s is missing", name);
  if (numel (v) == 0)
    return fail (r, error, "EEG.%s is empty", name);
  if (!numeric_value (v, 0, value) || !isfinite (*value))
    return fail (r, error, "EEG.%s is not a number", name);
  return TRUE;
}

static gboolean
read_count (SetReader *r, const char *name, gint64 *count, GError **error)
{
  double value;
  if (!read_scalar (r, name, &value, error))
    return FALSE;
  if (value < 1 || value > G_MAXINT32 || value != floor (value))
    return fail (r, error, "EEG.%s is %g; it must be a whole number from 1 to %d", name,
                 value, G_MAXINT32);
  *count = (gint64) value;
  return TRUE;
}

static gboolean
read_dimensions (SetReader *r, GError **error)
{
  gint64 nbchan;
  if (!read_count (r, "nbchan", &nbchan, error) || !read_count (r, "pnts", &r->pnts, error)
      || !read_scalar (r, "srate", &r->srate, error))
    return FALSE;
  r->n_channels = (int) nbchan;
  if (r->srate <= 0)
    return fail (r, error, "EEG.srate is %g; it must be positive", r->srate);
  /* Missing or empty trials: one continuous recording, as EEGLAB assumes. */
  matvar_t *trials = eeg_field (r, "trials");
  r->trials = 1;
  if (trials != NULL && numel (trials) > 0 && !read_count (r, "trials", &r->trials, error))
    return FALSE;
  if (r->pnts > G_MAXINT64 / r->trials)
    return fail (r, error, "EEG.pnts x EEG.trials is too large");
  return TRUE;
}

/* Labels from EEG.chanlocs(i).labels; a dataset without channel locations
 * gets the channel numbers, as EEGLAB shows it. */
static char **
read_channel_names (SetReader *r, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  matvar_t *chanlocs = eeg_field (r, "chanlocs");
  size_t n = numel (chanlocs);
  if (n > 0 && chanlocs->class_type != MAT_C_STRUCT)
    {
      fail (r, error, "EEG.chanlocs is not a struct array");
      return NULL;
    }
  if (n > 0 && n != (size_t) r->n_channels)
    {
      fail (r, error, "EEG.chanlocs has %zu entries, but EEG.nbchan is %d", n, r->n_channels);
      return NULL;
    }
  for (int c = 0; c < r->n_channels; c++)
    {
      char *label = n > 0 ? text_or_number (struct_field (chanlocs, "labels", c))
                          : NULL;
      g_ptr_array_add (names, label != NULL ? label : g_strdup_printf ("%d", c + 1));
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static char **
microvolt_units (int n)
{
  char **units = g_new0 (char *, n + 1);
  for (int c = 0; c < n; c++)
    units[c] = g_strdup ("uV");
  return units;
}

/* EEG.event latencies count samples from 1 over the whole data (epochs laid
 * end to end); durations are in samples too. An event without a usable
 * latency is left out. Epoch joins become "boundary" events, the way
 * EEGLAB's eeg_epoch2continuous marks them. */
static GArray *
read_events (SetReader *r, GError **error)
{
  g_autoptr (GArray) events = g_array_new (FALSE, FALSE, sizeof (ScmmEvent));
  matvar_t *list = eeg_field (r, "event");
  size_t n = numel (list);
  if (n > 0 && list->class_type != MAT_C_STRUCT)
    {
      fail (r, error, "EEG.event is not a struct array");
      return NULL;
    }
  for (size_t i = 0; i < n; i++)
    {
      double latency, duration = 0;
      if (!numeric_value (struct_field (list, "latency", i), 0, &latency)
          || !isfinite (latency))
        {
          g_debug ("%s: EEG.event(%zu) has no latency; left out", r->path, i + 1);
          continue;
        }
      if (!numeric_value (struct_field (list, "duration", i), 0, &duration)
          || !isfinite (duration) || duration < 0)
        duration = 0;
      char *type = text_or_number (struct_field (list, "type", i));
      scmm_events_append (events, (latency - 1) / r->srate, duration / r->srate,
                    type != NULL ? type : g_strdup (""));
    }
  for (gint64 k = 1; k < r->trials; k++)
    scmm_events_append (events, k * r->pnts / r->srate, 0, g_strdup ("boundary"));
  scmm_events_sort (events);
  return g_steal_pointer (&events);
}

/* ---- samples ---------------------------------------------------------- */

static float
float_from_le (const guint8 *bytes)
{
  guint32 bits;
  float value;
  memcpy (&bits, bytes, 4);
  bits = GUINT32_FROM_LE (bits);
  memcpy (&value, &bits, 4);
  return value;
}

/* Element (c, t) of a column-major nbchan x samples array, whatever its
 * numeric type, into row-major [C, N] floats. */
static gboolean
copy_embedded (SetReader *r, const matvar_t *v, float *out, gint64 n_samples, GError **error)
{
  size_t c_count = (size_t) r->n_channels, n = c_count * (size_t) n_samples;
  if (!is_real_numeric (v))
    return fail (r, error, "EEG.data is neither a file name nor a real numeric array");
  if (numel (v) != n || v->dims[0] != c_count || !holds_elements (v, n))
    return fail (r, error, "EEG.data holds %zu values, EEG.nbchan x EEG.pnts x EEG.trials "
                 "is %d x %" G_GINT64_FORMAT " x %" G_GINT64_FORMAT, numel (v), r->n_channels,
                 r->pnts, r->trials);
  if (v->data_type == MAT_T_SINGLE || v->data_type == MAT_T_DOUBLE)
    {
      const float *single = v->data;
      const double *dbl = v->data;
      gboolean is_single = v->data_type == MAT_T_SINGLE;
      for (gint64 t = 0; t < n_samples; t++)
        for (size_t c = 0; c < c_count; c++)
          out[c * n_samples + t] = is_single ? single[t * c_count + c]
                                             : (float) dbl[t * c_count + c];
      return TRUE;
    }
  for (gint64 t = 0; t < n_samples; t++)   /* integer types: rare, element by element */
    for (size_t c = 0; c < c_count; c++)
      {
        double value = 0;
        numeric_value (v, t * c_count + c, &value);
        out[c * n_samples + t] = (float) value;
      }
  return TRUE;
}

/* Names compared as a user on a case-insensitive file system sees them. */
static gboolean
same_name_ignoring_case (const char *a, const char *b)
{
  if (!g_utf8_validate (a, -1, NULL) || !g_utf8_validate (b, -1, NULL))
    return g_ascii_strcasecmp (a, b) == 0;
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  return strcmp (fa, fb) == 0;
}

/* `name` in `dir`: exactly, else ignoring case. */
static char *
find_beside (const char *dir, const char *name)
{
  g_autofree char *exact = g_build_filename (dir, name, NULL);
  if (g_file_test (exact, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&exact);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    return NULL;
  const char *entry;
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (same_name_ignoring_case (entry, name))
      {
        char *path = g_build_filename (dir, entry, NULL);
        if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
          return path;
        g_free (path);
      }
  return NULL;
}

/* The data file is looked for beside the .set whatever folder EEG.data
 * names (datasets move between machines, Windows paths included), and, as
 * EEGLAB's pop_loadset does for a renamed dataset, under the .set's own
 * name with the data file's extension. */
static char *
locate_data_file (SetReader *r, const char *named, GError **error)
{
  const char *base = named;
  for (const char *c = named; *c != '\0'; c++)
    if (*c == '/' || *c == '\\')
      base = c + 1;
  g_autofree char *dir = g_path_get_dirname (r->path);
  char *found = base[0] != '\0' ? find_beside (dir, base) : NULL;
  if (found != NULL)
    return found;
  const char *extension = strrchr (base, '.');
  g_autofree char *set_name = g_path_get_basename (r->path);
  char *set_dot = strrchr (set_name, '.');
  if (extension != NULL && set_dot != NULL)
    {
      *set_dot = '\0';
      g_autofree char *renamed = g_strconcat (set_name, extension, NULL);
      found = find_beside (dir, renamed);
      if (found != NULL)
        return found;
    }
  fail_code (r->path, error, SCMM_ERROR_IO, "the data file “%s” named by EEG.data is not in %s",
             base, dir);
  return NULL;
}

static gboolean
read_chunk (FILE *file, const char *path, guint8 *buffer, size_t bytes, GError **error)
{
  if (fread (buffer, 1, bytes, file) == bytes)
    return TRUE;
  return fail_code (path, error, SCMM_ERROR_IO, "cannot be read: %s",
                    ferror (file) ? g_strerror (errno) : "the file ended early");
}

/* A .fdt: all channels of sample 0, then of sample 1, ... */
static gboolean
read_sample_major (FILE *file, const char *path, int c_count, gint64 n_samples, float *out,
                   GError **error)
{
  g_autofree guint8 *buffer = g_malloc ((gsize) FDT_CHUNK_SAMPLES * c_count * 4);
  for (gint64 t0 = 0; t0 < n_samples; t0 += FDT_CHUNK_SAMPLES)
    {
      gint64 count = MIN (FDT_CHUNK_SAMPLES, n_samples - t0);
      if (!read_chunk (file, path, buffer, (gsize) count * c_count * 4, error))
        return FALSE;
      for (gint64 t = 0; t < count; t++)
        for (int c = 0; c < c_count; c++)
          out[c * n_samples + t0 + t] = float_from_le (buffer + (t * c_count + c) * 4);
    }
  return TRUE;
}

/* An old .dat: all samples of channel 0, then of channel 1, ... */
static gboolean
read_channel_major (FILE *file, const char *path, gsize n, float *out, GError **error)
{
  if (!read_chunk (file, path, (guint8 *) out, n * 4, error))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    out[i] = float_from_le ((const guint8 *) (out + i));
  return TRUE;
}

static gboolean
read_data_file (SetReader *r, const char *named, float *out, gint64 n_samples, GError **error)
{
  g_autofree char *path = locate_data_file (r, named, error);
  if (path == NULL)
    return FALSE;
  FILE *file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;
      return fail_code (path, error, SCMM_ERROR_IO, "cannot be opened: %s", g_strerror (saved));
    }
  gsize n = (gsize) r->n_channels * n_samples;
  struct stat st;
  gboolean ok;
  if (fstat (fileno (file), &st) != 0 || (guint64) st.st_size != (guint64) n * 4)
    ok = fail_code (path, error, SCMM_ERROR_FORMAT, "holds %" G_GINT64_FORMAT " bytes, but "
                    "EEG.nbchan x EEG.pnts x EEG.trials = %d x %" G_GINT64_FORMAT " x %"
                    G_GINT64_FORMAT " float32 values in %s need %" G_GUINT64_FORMAT,
                    (gint64) st.st_size, r->n_channels, r->pnts, r->trials, r->path,
                    (guint64) n * 4);
  else if (g_str_has_suffix (path, ".dat") || g_str_has_suffix (path, ".DAT"))
    ok = read_channel_major (file, path, n, out, error);
  else
    ok = read_sample_major (file, path, r->n_channels, n_samples, out, error);
  fclose (file);
  return ok;
}

/* EEG.data: the samples, or the name of the file holding them ("EEGDATA",
 * from EEGLAB before 5.0, names a variable of the .set). */
static gboolean
read_samples (SetReader *r, float *out, gint64 n_samples, GError **error)
{
  matvar_t *data = eeg_field (r, "data");
  if (data == NULL || numel (data) == 0)
    return fail (r, error, "EEG.data is %s", data == NULL ? "missing" : "empty");
  g_autofree char *named = char_array_text (data);
  if (named == NULL)
    return copy_embedded (r, data, out, n_samples, error);
  if (strcmp (named, "EEGDATA") != 0)
    return read_data_file (r, named, out, n_samples, error);
  matvar_t *old = Mat_VarRead (r->mat, "EEGDATA");
  if (old == NULL)
    return fail (r, error, "EEG.data names the variable EEGDATA, which is missing");
  gboolean ok = copy_embedded (r, old, out, n_samples, error);
  Mat_VarFree (old);
  return ok;
}

static float *
allocate_samples (SetReader *r, gint64 n_samples, GError **error)
{
  gsize bytes;
  if (!g_size_checked_mul (&bytes, (gsize) r->n_channels, (gsize) n_samples)
      || !g_size_checked_mul (&bytes, bytes, sizeof (float)))
    {
      fail (r, error, "EEG.nbchan x EEG.pnts x EEG.trials is too large");
      return NULL;
    }
  float *data = g_try_malloc (bytes);
  if (data == NULL)
    fail_code (r->path, error, SCMM_ERROR_FAILED,
               "not enough memory for %d channels x %" G_GINT64_FORMAT " samples",
               r->n_channels, n_samples);
  return data;
}

ScmmRecording *
scmm_eeglab_read (const char *set_path, GError **error)
{
  g_return_val_if_fail (set_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  SetReader r = { .path = set_path };
  g_auto (GStrv) names = NULL;
  g_autoptr (GArray) events = NULL;
  g_autofree float *data = NULL;
  ScmmRecording *recording = NULL;
  gint64 n_samples = 0;

  if (!open_set (&r, error) || !read_dimensions (&r, error))
    goto out;
  n_samples = r.pnts * r.trials;
  names = read_channel_names (&r, error);
  if (names == NULL)
    goto out;
  events = read_events (&r, error);
  if (events == NULL)
    goto out;
  data = allocate_samples (&r, n_samples, error);
  if (data == NULL || !read_samples (&r, data, n_samples, error))
    goto out;

  recording = g_new0 (ScmmRecording, 1);
  recording->source_path = g_strdup (set_path);
  recording->format = g_strdup ("EEGLAB");
  recording->subject = char_array_text (eeg_field (&r, "subject"));
  if (recording->subject == NULL)
    recording->subject = g_strdup ("");
  recording->n_channels = r.n_channels;
  recording->n_samples = n_samples;
  recording->rate_hz = r.srate;
  recording->channel_names = g_steal_pointer (&names);
  recording->channel_units = microvolt_units (r.n_channels);
  recording->data = g_steal_pointer (&data);
  recording->events = g_steal_pointer (&events);
  recording->skipped = g_new0 (char *, 1);

out:
  if (events != NULL)
    for (guint i = 0; i < events->len; i++)
      g_free (g_array_index (events, ScmmEvent, i).text);
  set_reader_clear (&r);
  return recording;
}
