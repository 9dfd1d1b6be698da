/* scmm-h5.c: careful reading and writing of HDF5 files. */
#include "scmm-h5.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "scmm-error.h"
#include "scmm-h5-seal.h"

/* A tensor larger than this is refused before allocating: a damaged file may
 * claim any size. 2^31 values is far beyond any EEG corpus the store holds. */
#define MAX_ELEMENTS ((int64_t) 1 << 31)

/* HDF5 keeps its error-printing setting per thread in thread-safe builds, so
 * it is switched off on every entry point rather than once. */
static void
silence_hdf5 (void)
{
  H5Eset_auto2 (H5E_DEFAULT, NULL, NULL);
}

static void
close_id (hid_t id, herr_t (*closer) (hid_t))
{
  if (id >= 0)
    closer (id);
}

static ScmmH5 *
h5_new (hid_t file, const char *path)
{
  ScmmH5 *h5 = g_new0 (ScmmH5, 1);
  h5->file = file;
  h5->path = g_strdup (path);
  return h5;
}

ScmmH5 *
scmm_h5_open (const char *path, GError **error)
{
  silence_hdf5 ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: no such file", path);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: not a regular file", path);
      return NULL;
    }
  htri_t is_h5 = H5Fis_hdf5 (path);
  if (is_h5 <= 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: not an HDF5 file (no HDF5 signature)", path);
      return NULL;
    }
  hid_t file = H5Fopen (path, H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: cannot be opened as HDF5 (truncated or damaged)", path);
      return NULL;
    }
  return h5_new (file, path);
}

/* Creates `file_path` for writing; messages name `shown_path`. */
static ScmmH5 *
create_file (const char *file_path, const char *shown_path, gboolean sealed, GError **error)
{
  silence_hdf5 ();
  hid_t fcpl = H5Pcreate (H5P_FILE_CREATE);
  if (sealed)
    H5Pset_userblock (fcpl, SCMM_H5_SEAL_SIZE);
  hid_t file = H5Fcreate (file_path, H5F_ACC_TRUNC, fcpl, H5P_DEFAULT);
  H5Pclose (fcpl);
  if (file < 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO,
                   "%s: cannot create the file (does the folder exist and is it writable?)",
                   shown_path);
      return NULL;
    }
  ScmmH5 *h5 = h5_new (file, file_path);
  h5->sealed = sealed;
  return h5;
}

ScmmH5 *
scmm_h5_create (const char *path, GError **error)
{
  return create_file (path, path, FALSE, error);
}

static ScmmH5 *
create_atomic (const char *path, gboolean sealed, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  static gint counter = 0;
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.tmp-%d-%d", dir, base, (int) getpid (),
                                          g_atomic_int_add (&counter, 1));
  ScmmH5 *h5 = create_file (tmp, path, sealed, error);
  if (h5 != NULL)
    h5->final_path = g_strdup (path);
  return h5;
}

ScmmH5 *
scmm_h5_create_atomic (const char *path, GError **error)
{
  return create_atomic (path, FALSE, error);
}

ScmmH5 *
scmm_h5_create_sealed (const char *path, GError **error)
{
  return create_atomic (path, TRUE, error);
}

ScmmH5 *
scmm_h5_open_sealed (const char *path, GError **error)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return scmm_h5_open (path, error);   /* its message for a missing file */
  if (!scmm_h5_verify_seal (path, error))
    return NULL;
  return scmm_h5_open (path, error);
}

static void
h5_free (ScmmH5 *h5)
{
  g_free (h5->path);
  g_free (h5->final_path);
  g_free (h5);
}

gboolean
scmm_h5_close (ScmmH5 *h5, GError **error)
{
  if (h5 == NULL)
    return TRUE;
  silence_hdf5 ();
  const char *shown = h5->final_path ? h5->final_path : h5->path;
  gboolean ok = H5Fclose (h5->file) >= 0;
  if (!ok)
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO,
                 "%s: could not be written completely (disk full?)", shown);
  if (ok && h5->sealed)
    ok = scmm_h5_seal (h5->path, shown, error);
  if (h5->final_path != NULL)
    {
      if (ok && g_rename (h5->path, h5->final_path) != 0)
        {
          int saved = errno;
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: cannot be written: %s",
                       h5->final_path, g_strerror (saved));
          ok = FALSE;
        }
      if (!ok)
        g_unlink (h5->path);
    }
  h5_free (h5);
  return ok;
}

void
scmm_h5_close_quietly (ScmmH5 *h5)
{
  if (h5 == NULL)
    return;
  silence_hdf5 ();
  H5Fclose (h5->file);
  if (h5->final_path != NULL)
    g_unlink (h5->path);    /* never committed: discard */
  h5_free (h5);
}

/* H5Lexists fails on a path whose parent is missing, so walk it. */
gboolean
scmm_h5_exists (ScmmH5 *h5, const char *name)
{
  silence_hdf5 ();
  if (g_strcmp0 (name, "/") == 0)
    return TRUE;
  g_auto (GStrv) parts = g_strsplit (name, "/", -1);
  GString *prefix = g_string_new ("");
  gboolean ok = TRUE;
  for (int i = 0; parts[i] != NULL && ok; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      g_string_append_c (prefix, '/');
      g_string_append (prefix, parts[i]);
      ok = H5Lexists (h5->file, prefix->str, H5P_DEFAULT) > 0
           && H5Oexists_by_name (h5->file, prefix->str, H5P_DEFAULT) > 0;
    }
  g_string_free (prefix, TRUE);
  return ok;
}

static hid_t
open_dataset (ScmmH5 *h5, const char *name, GError **error)
{
  if (!scmm_h5_exists (h5, name))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: dataset “%s” is missing", h5->path, name);
      return -1;
    }
  /* H5Oopen and H5Iget_type rather than H5Oget_info, whose signature
   * changed in HDF5 1.12. */
  hid_t obj = H5Oopen (h5->file, name, H5P_DEFAULT);
  if (obj < 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: “%s” cannot be opened (damaged file?)", h5->path, name);
      return -1;
    }
  if (H5Iget_type (obj) != H5I_DATASET)
    {
      H5Oclose (obj);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: “%s” is not a dataset", h5->path, name);
      return -1;
    }
  return obj;
}

static gboolean
dataset_shape (ScmmH5 *h5, hid_t ds, const char *name, ScmmShape *shape, GError **error)
{
  hid_t space = H5Dget_space (ds);
  int ndims = space >= 0 ? H5Sget_simple_extent_ndims (space) : -1;
  if (ndims < 0 || ndims > SCMM_MAX_DIMS)
    {
      close_id (space, H5Sclose);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: dataset “%s” has an unreadable or unsupported shape (rank %d)",
                   h5->path, name, ndims);
      return FALSE;
    }
  hsize_t dims[SCMM_MAX_DIMS] = { 0 };
  H5Sget_simple_extent_dims (space, dims, NULL);
  H5Sclose (space);
  shape->ndim = ndims;
  for (int i = 0; i < SCMM_MAX_DIMS; i++)
    shape->dim[i] = i < ndims ? (int64_t) dims[i] : 0;
  /* The product, not only each dim, must stay in range (checked as it grows). */
  guint64 numel = 1;
  for (int i = 0; i < ndims; i++)
    if (!g_uint64_checked_mul (&numel, numel, dims[i]) || numel > (guint64) MAX_ELEMENTS)
      {
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                     "%s: dataset “%s” claims an impossible size", h5->path, name);
        return FALSE;
      }
  return TRUE;
}

gboolean
scmm_h5_get_shape (ScmmH5 *h5, const char *name, ScmmShape *shape, GError **error)
{
  hid_t ds = open_dataset (h5, name, error);
  if (ds < 0)
    return FALSE;
  gboolean ok = dataset_shape (h5, ds, name, shape, error);
  H5Dclose (ds);
  return ok;
}

static herr_t
collect_member (hid_t group, const char *name, const H5L_info_t *info, void *data)
{
  g_ptr_array_add (data, g_strdup (name));
  return 0;
}

char **
scmm_h5_list_group (ScmmH5 *h5, const char *group, GError **error)
{
  silence_hdf5 ();
  if (!scmm_h5_exists (h5, group))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: group “%s” is missing", h5->path, group);
      return NULL;
    }
  hid_t g = H5Gopen2 (h5->file, group, H5P_DEFAULT);
  if (g < 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: “%s” is not a group", h5->path, group);
      return NULL;
    }
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  hsize_t idx = 0;
  herr_t status = H5Literate (g, H5_INDEX_NAME, H5_ITER_INC, &idx, collect_member, names);
  H5Gclose (g);
  if (status < 0)
    {
      g_ptr_array_free (names, TRUE);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: group “%s” cannot be listed (damaged file?)", h5->path, group);
      return NULL;
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/* The class of a type, but only for the standard IEEE floats and two's
 * complement integers (and enums over them, as h5py stores booleans): a
 * damaged type description (odd precision or offset) would make HDF5's
 * converters read past their buffers, so anything else is H5T_NO_CLASS. */
static H5T_class_t
standard_type_class (hid_t type)
{
  static const hid_t *const floats[] = { &H5T_IEEE_F32LE_g, &H5T_IEEE_F32BE_g,
                                         &H5T_IEEE_F64LE_g, &H5T_IEEE_F64BE_g };
  static const hid_t *const integers[] = {
    &H5T_STD_I8LE_g, &H5T_STD_I8BE_g, &H5T_STD_U8LE_g, &H5T_STD_U8BE_g,
    &H5T_STD_I16LE_g, &H5T_STD_I16BE_g, &H5T_STD_U16LE_g, &H5T_STD_U16BE_g,
    &H5T_STD_I32LE_g, &H5T_STD_I32BE_g, &H5T_STD_U32LE_g, &H5T_STD_U32BE_g,
    &H5T_STD_I64LE_g, &H5T_STD_I64BE_g, &H5T_STD_U64LE_g, &H5T_STD_U64BE_g,
  };
  if (type < 0)
    return H5T_NO_CLASS;
  H5T_class_t cls = H5Tget_class (type);
  if (cls == H5T_FLOAT)
    {
      for (guint i = 0; i < G_N_ELEMENTS (floats); i++)
        if (H5Tequal (type, *floats[i]) > 0)
          return cls;
    }
  else if (cls == H5T_INTEGER)
    {
      for (guint i = 0; i < G_N_ELEMENTS (integers); i++)
        if (H5Tequal (type, *integers[i]) > 0)
          return cls;
    }
  else if (cls == H5T_STRING)
    {
      return cls;   /* read through a string type of our own, size-checked */
    }
  else if (cls == H5T_ENUM)
    {
      hid_t base = H5Tget_super (type);
      H5T_class_t base_cls = standard_type_class (base);
      size_t size = base >= 0 ? H5Tget_size (base) : 0;
      close_id (base, H5Tclose);
      if (base_cls == H5T_INTEGER && size == 1)
        return cls;
    }
  return H5T_NO_CLASS;
}

/* HDF5 1.10 trusts a dataset's layout message: a damaged file whose message
 * claims less storage than the dataspace needs makes H5Dread copy past its
 * buffers. So the storage is checked against the shape before any read. */
static gboolean
storage_is_plausible (ScmmH5 *h5, hid_t ds, const char *name, const ScmmShape *shape,
                      GError **error)
{
  hid_t type = H5Dget_type (ds);
  size_t type_size = type >= 0 ? H5Tget_size (type) : 0;
  gboolean is_string = type >= 0 && H5Tget_class (type) == H5T_STRING;
  /* variable-length strings are stored as heap references whose size is not
   * the memory type's */
  gboolean is_vlen = is_string && H5Tis_variable_str (type) > 0;
  close_id (type, H5Tclose);
  hid_t dcpl = H5Dget_create_plist (ds);
  H5D_layout_t layout = dcpl >= 0 ? H5Pget_layout (dcpl) : H5D_LAYOUT_ERROR;
  close_id (dcpl, H5Pclose);
  hsize_t need = (hsize_t) scmm_shape_numel (shape) * type_size;
  hsize_t have = H5Dget_storage_size (ds);
  hsize_t file_size = 0;
  H5Fget_filesize (h5->file, &file_size);

  gboolean ok = type_size >= 1 && (type_size <= 8 || (is_string && type_size < 65536));
  switch (layout)
    {
    case H5D_COMPACT:
      ok = ok && (is_vlen ? have <= file_size : have == need);
      break;
    case H5D_CONTIGUOUS:
      if (is_vlen)
        {
          ok = ok && have <= file_size;
          break;
        }
      {
        /* 0 bytes: never written, HDF5 returns the fill value */
        haddr_t offset = H5Dget_offset (ds);
        ok = ok && (have == 0 || (have == need && offset != HADDR_UNDEF
                                  && offset <= file_size && have <= file_size - offset));
      }
      break;
    case H5D_CHUNKED:
      ok = ok && have <= file_size;   /* compressed chunks: any smaller size */
      break;
    default:
      ok = FALSE;
      break;
    }
  if (!ok)
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                 "%s: dataset “%s” is damaged (its storage does not match its shape)",
                 h5->path, name);
  return ok;
}

/* Opens `name`, checks its type class and shape; returns the dataset and
 * fills `shape`, or sets `error`. */
static hid_t
open_checked (ScmmH5 *h5, const char *name, const H5T_class_t *classes, int n_classes,
              const char *type_word, const ScmmShape *expect, ScmmShape *shape,
              GError **error)
{
  hid_t ds = open_dataset (h5, name, error);
  if (ds < 0)
    return -1;
  hid_t type = H5Dget_type (ds);
  H5T_class_t cls = standard_type_class (type);
  close_id (type, H5Tclose);
  gboolean class_ok = FALSE;
  for (int i = 0; i < n_classes; i++)
    class_ok |= cls == classes[i];
  if (!class_ok)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: dataset “%s” has the wrong type (expected %s)",
                   h5->path, name, type_word);
      H5Dclose (ds);
      return -1;
    }
  if (!dataset_shape (h5, ds, name, shape, error))
    {
      H5Dclose (ds);
      return -1;
    }
  if (expect != NULL && !scmm_shape_matches (shape, expect))
    {
      g_autofree char *got = scmm_shape_to_string (shape);
      g_autofree char *want = scmm_shape_to_string (expect);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: dataset “%s” has shape %s, expected %s", h5->path, name, got, want);
      H5Dclose (ds);
      return -1;
    }
  if (!storage_is_plausible (h5, ds, name, shape, error))
    {
      H5Dclose (ds);
      return -1;
    }
  return ds;
}

static gpointer
alloc_for (ScmmH5 *h5, const char *name, const ScmmShape *shape, gsize elem_size,
           GError **error)
{
  int64_t n = scmm_shape_numel (shape);
  if (n > MAX_ELEMENTS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: dataset “%s” is too large (%" G_GINT64_FORMAT " values)",
                   h5->path, name, n);
      return NULL;
    }
  gpointer buf = g_try_malloc0 ((gsize) MAX (n, 1) * elem_size);
  if (buf == NULL)
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO,
                 "%s: not enough memory for dataset “%s”", h5->path, name);
  return buf;
}

static gboolean
read_all (ScmmH5 *h5, hid_t ds, const char *name, hid_t memtype, gpointer dst, GError **error)
{
  if (H5Dread (ds, memtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, dst) < 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: dataset “%s” cannot be read (truncated or damaged file?)",
                   h5->path, name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_finite (ScmmH5 *h5, const char *name, const ScmmShape *shape, const float *v,
              GError **error)
{
  int64_t n = scmm_shape_numel (shape);
  for (int64_t i = 0; i < n; i++)
    if (!isfinite (v[i]))
      {
        g_autofree char *where = scmm_shape_index_to_string (shape, i);
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                     "%s: dataset “%s” holds %s at %s", h5->path, name,
                     isnan (v[i]) ? "NaN" : "an infinite value", where);
        return FALSE;
      }
  return TRUE;
}

static const H5T_class_t float_classes[] = { H5T_FLOAT };

/* The contracts name exact types (float32 tensors, uint8 masks): a float64
 * or int64 dataset where they ask for those is the wrong type, not a
 * conversion to make silently. */
static gboolean
check_type_size (ScmmH5 *h5, hid_t ds, const char *name, size_t size, const char *word,
                 GError **error)
{
  hid_t type = H5Dget_type (ds);
  size_t actual = type >= 0 ? H5Tget_size (type) : 0;
  close_id (type, H5Tclose);
  if (actual == size)
    return TRUE;
  g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
               "%s: dataset “%s” has a %zu-byte type, expected %s", h5->path, name, actual, word);
  return FALSE;
}
static const H5T_class_t integer_classes[] = { H5T_INTEGER, H5T_ENUM };

gboolean
scmm_h5_read_f32_into (ScmmH5 *h5, const char *name, const ScmmShape *expect, float *dst,
                       GError **error)
{
  silence_hdf5 ();
  ScmmShape shape;
  hid_t ds = open_checked (h5, name, float_classes, 1, "float32", expect, &shape, error);
  if (ds < 0)
    return FALSE;
  gboolean ok = check_type_size (h5, ds, name, 4, "float32", error)
                && read_all (h5, ds, name, H5T_NATIVE_FLOAT, dst, error)
                && check_finite (h5, name, &shape, dst, error);
  H5Dclose (ds);
  return ok;
}

float *
scmm_h5_read_f32 (ScmmH5 *h5, const char *name, const ScmmShape *expect, ScmmShape *shape_out,
                  GError **error)
{
  silence_hdf5 ();
  ScmmShape shape;
  hid_t ds = open_checked (h5, name, float_classes, 1, "float32", expect, &shape, error);
  if (ds < 0)
    return NULL;
  float *buf = check_type_size (h5, ds, name, 4, "float32", error)
                 ? alloc_for (h5, name, &shape, sizeof (float), error) : NULL;
  if (buf != NULL && !(read_all (h5, ds, name, H5T_NATIVE_FLOAT, buf, error)
                       && check_finite (h5, name, &shape, buf, error)))
    g_clear_pointer (&buf, g_free);
  H5Dclose (ds);
  if (buf != NULL && shape_out != NULL)
    *shape_out = shape;
  return buf;
}

double *
scmm_h5_read_f64 (ScmmH5 *h5, const char *name, const ScmmShape *expect, ScmmShape *shape_out,
                  GError **error)
{
  silence_hdf5 ();
  ScmmShape shape;
  hid_t ds = open_checked (h5, name, float_classes, 1, "a floating-point type", expect, &shape,
                           error);
  if (ds < 0)
    return NULL;
  double *buf = alloc_for (h5, name, &shape, sizeof (double), error);
  if (buf != NULL && !read_all (h5, ds, name, H5T_NATIVE_DOUBLE, buf, error))
    g_clear_pointer (&buf, g_free);
  H5Dclose (ds);
  for (int64_t i = 0; buf != NULL && i < scmm_shape_numel (&shape); i++)
    if (!isfinite (buf[i]))
      {
        g_autofree char *where = scmm_shape_index_to_string (&shape, i);
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                     "%s: dataset “%s” holds %s at %s", h5->path, name,
                     isnan (buf[i]) ? "NaN" : "an infinite value", where);
        g_clear_pointer (&buf, g_free);
      }
  if (buf != NULL && shape_out != NULL)
    *shape_out = shape;
  return buf;
}

static const H5T_class_t string_classes[] = { H5T_STRING };

char **
scmm_h5_read_strings (ScmmH5 *h5, const char *name, int64_t expect_n, int64_t *n_out,
                      GError **error)
{
  silence_hdf5 ();
  ScmmShape shape;
  ScmmShape expect = SCMM_SHAPE1 (expect_n);
  hid_t ds = open_checked (h5, name, string_classes, 1, "strings", &expect, &shape, error);
  if (ds < 0)
    return NULL;
  const int64_t n = shape.dim[0];
  hid_t ftype = H5Dget_type (ds);
  char **result = g_new0 (char *, n + 1);
  gboolean ok = ftype >= 0;
  if (ok && H5Tis_variable_str (ftype) > 0)
    {
      hid_t mem = H5Tcopy (H5T_C_S1);
      H5Tset_size (mem, H5T_VARIABLE);
      H5Tset_cset (mem, H5Tget_cset (ftype));
      char **raw = g_new0 (char *, MAX (n, 1));
      ok = read_all (h5, ds, name, mem, raw, error);
      for (int64_t i = 0; i < n; i++)
        {
          result[i] = g_strdup (raw[i] != NULL ? raw[i] : "");
          if (raw[i] != NULL)
            H5free_memory (raw[i]);
        }
      g_free (raw);
      H5Tclose (mem);
    }
  else if (ok)
    {
      size_t size = H5Tget_size (ftype);
      ok = size > 0 && size < 65536 && (uint64_t) n * size < ((uint64_t) 1 << 31);
      char *raw = ok ? g_malloc0 ((gsize) n * size + 1) : NULL;
      ok = ok && read_all (h5, ds, name, ftype, raw, error);
      for (int64_t i = 0; ok && i < n; i++)
        result[i] = g_strndup (raw + (gsize) i * size, size);
      g_free (raw);
    }
  close_id (ftype, H5Tclose);
  H5Dclose (ds);
  for (int64_t i = 0; ok && i < n; i++)
    if (!g_utf8_validate (result[i], -1, NULL))
      {
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                     "%s: dataset “%s” holds a string that is not valid UTF-8", h5->path, name);
        ok = FALSE;
      }
  if (!ok)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                     "%s: dataset “%s” cannot be read as strings", h5->path, name);
      g_strfreev (result);
      return NULL;
    }
  if (n_out != NULL)
    *n_out = n;
  return result;
}

/* Integer data (or an enum over integers, as h5py stores booleans) read as
 * int32; out-of-range values saturate and are caught by the callers' checks. */
static gint32 *
read_integers (ScmmH5 *h5, const char *name, const ScmmShape *expect, ScmmShape *shape_out,
               const char *type_word, size_t required_size, GError **error)
{
  silence_hdf5 ();
  ScmmShape shape;
  hid_t ds = open_checked (h5, name, integer_classes, 2, type_word, expect, &shape, error);
  if (ds < 0)
    return NULL;
  if (required_size > 0 && !check_type_size (h5, ds, name, required_size, type_word, error))
    {
      H5Dclose (ds);
      return NULL;
    }
  gint32 *buf = alloc_for (h5, name, &shape, sizeof (gint32), error);
  hid_t ftype = H5Dget_type (ds);
  gboolean ok = buf != NULL && ftype >= 0;
  if (buf != NULL && ftype < 0)
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: dataset “%s” has an unreadable type",
                 h5->path, name);
  if (ok && H5Tget_class (ftype) == H5T_ENUM)
    {
      /* An enum converts only to an enum: read its base integers raw. */
      hid_t base = H5Tget_super (ftype);
      hid_t native = base >= 0 ? H5Tget_native_type (base, H5T_DIR_ASCEND) : -1;
      size_t size = native >= 0 ? H5Tget_size (native) : 0;
      H5T_sign_t sign = native >= 0 ? H5Tget_sign (native) : H5T_SGN_ERROR;
      guint8 *raw = size == 1 ? alloc_for (h5, name, &shape, 1, error) : NULL;
      hid_t memtype = H5Tget_native_type (ftype, H5T_DIR_ASCEND);
      ok = raw != NULL && memtype >= 0 && read_all (h5, ds, name, memtype, raw, error);
      if (ok)
        for (int64_t i = 0; i < scmm_shape_numel (&shape); i++)
          buf[i] = sign == H5T_SGN_2 ? (gint32) (gint8) raw[i] : (gint32) raw[i];
      else if (error != NULL && *error == NULL)
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                     "%s: dataset “%s” has an unsupported enum type (expected %s)",
                     h5->path, name, type_word);
      g_free (raw);
      close_id (memtype, H5Tclose);
      close_id (native, H5Tclose);
      close_id (base, H5Tclose);
    }
  else if (ok)
    {
      ok = read_all (h5, ds, name, H5T_NATIVE_INT32, buf, error);
    }
  close_id (ftype, H5Tclose);
  H5Dclose (ds);
  if (!ok)
    {
      g_free (buf);
      return NULL;
    }
  if (shape_out != NULL)
    *shape_out = shape;
  return buf;
}

gint32 *
scmm_h5_read_i32 (ScmmH5 *h5, const char *name, const ScmmShape *expect, ScmmShape *shape,
                  GError **error)
{
  return read_integers (h5, name, expect, shape, "an integer type", 0, error);
}

guint8 *
scmm_h5_read_mask (ScmmH5 *h5, const char *name, const ScmmShape *expect, ScmmShape *shape_out,
                   GError **error)
{
  ScmmShape shape;
  g_autofree gint32 *values = read_integers (h5, name, expect, &shape, "uint8", 1, error);
  if (values == NULL)
    return NULL;
  int64_t n = scmm_shape_numel (&shape);
  guint8 *mask = g_malloc (MAX (n, 1));
  for (int64_t i = 0; i < n; i++)
    {
      if (values[i] != 0 && values[i] != 1)
        {
          g_autofree char *where = scmm_shape_index_to_string (&shape, i);
          g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                       "%s: dataset “%s” must hold only 0 and 1, found %d at %s",
                       h5->path, name, values[i], where);
          g_free (mask);
          return NULL;
        }
      mask[i] = (guint8) values[i];
    }
  if (shape_out != NULL)
    *shape_out = shape;
  return mask;
}

gboolean
scmm_h5_read_scalar (ScmmH5 *h5, const char *name, double *value, GError **error)
{
  silence_hdf5 ();
  ScmmShape shape;
  hid_t ds = open_checked (h5, name, float_classes, 1, "a floating-point number", NULL,
                           &shape, error);
  if (ds < 0)
    return FALSE;
  gboolean ok = TRUE;
  if (scmm_shape_numel (&shape) != 1)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_SHAPE,
                   "%s: dataset “%s” should hold one number", h5->path, name);
      ok = FALSE;
    }
  ok = ok && read_all (h5, ds, name, H5T_NATIVE_DOUBLE, value, error);
  H5Dclose (ds);
  if (ok && !isfinite (*value))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                   "%s: dataset “%s” is not a finite number", h5->path, name);
      ok = FALSE;
    }
  return ok;
}

/* ---- attributes ---- */

gboolean
scmm_h5_has_attr (ScmmH5 *h5, const char *object, const char *attr)
{
  silence_hdf5 ();
  return scmm_h5_exists (h5, object)
         && H5Aexists_by_name (h5->file, object, attr, H5P_DEFAULT) > 0;
}

static hid_t
open_attr (ScmmH5 *h5, const char *object, const char *attr, GError **error)
{
  if (!scmm_h5_has_attr (h5, object, attr))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: attribute “%s” of “%s” is missing", h5->path, attr, object);
      return -1;
    }
  hid_t a = H5Aopen_by_name (h5->file, object, attr, H5P_DEFAULT, H5P_DEFAULT);
  if (a < 0)
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                 "%s: attribute “%s” of “%s” cannot be read", h5->path, attr, object);
  return a;
}

static gboolean
read_numeric_attr (ScmmH5 *h5, const char *object, const char *attr, hid_t memtype,
                   gpointer value, GError **error)
{
  silence_hdf5 ();
  hid_t a = open_attr (h5, object, attr, error);
  if (a < 0)
    return FALSE;
  hid_t type = H5Aget_type (a);
  hid_t space = H5Aget_space (a);
  H5T_class_t cls = standard_type_class (type);
  hssize_t n = space >= 0 ? H5Sget_simple_extent_npoints (space) : -1;
  gboolean ok = (cls == H5T_INTEGER || cls == H5T_FLOAT) && n == 1;
  if (!ok)
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                 "%s: attribute “%s” of “%s” should be one number", h5->path, attr, object);
  else if (H5Aread (a, memtype, value) < 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: attribute “%s” of “%s” cannot be read", h5->path, attr, object);
      ok = FALSE;
    }
  close_id (type, H5Tclose);
  close_id (space, H5Sclose);
  H5Aclose (a);
  return ok;
}

gboolean
scmm_h5_read_attr_double (ScmmH5 *h5, const char *object, const char *attr, double *value,
                          GError **error)
{
  if (!read_numeric_attr (h5, object, attr, H5T_NATIVE_DOUBLE, value, error))
    return FALSE;
  if (!isfinite (*value))
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_NUMERIC,
                   "%s: attribute “%s” of “%s” is not a finite number", h5->path, attr, object);
      return FALSE;
    }
  return TRUE;
}

gboolean
scmm_h5_read_attr_int (ScmmH5 *h5, const char *object, const char *attr, int64_t *value,
                       GError **error)
{
  double v;
  if (!scmm_h5_read_attr_double (h5, object, attr, &v, error))
    return FALSE;
  if (v != floor (v) || fabs (v) > 9.0e15)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: attribute “%s” of “%s” should be a whole number", h5->path, attr, object);
      return FALSE;
    }
  *value = (int64_t) v;
  return TRUE;
}

char *
scmm_h5_read_attr_string (ScmmH5 *h5, const char *object, const char *attr, GError **error)
{
  silence_hdf5 ();
  hid_t a = open_attr (h5, object, attr, error);
  if (a < 0)
    return NULL;
  hid_t type = H5Aget_type (a);
  hid_t space = H5Aget_space (a);
  hssize_t points = space >= 0 ? H5Sget_simple_extent_npoints (space) : -1;
  close_id (space, H5Sclose);
  char *result = NULL;
  if (type < 0 || H5Tget_class (type) != H5T_STRING || points != 1)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: attribute “%s” of “%s” should be one string", h5->path, attr, object);
    }
  else if (H5Tis_variable_str (type) > 0)
    {
      hid_t mem = H5Tcopy (H5T_C_S1);
      H5Tset_size (mem, H5T_VARIABLE);
      H5Tset_cset (mem, H5Tget_cset (type));
      char *vlen = NULL;
      if (H5Aread (a, mem, &vlen) >= 0 && vlen != NULL)
        {
          result = g_strdup (vlen);
          H5free_memory (vlen);
        }
      H5Tclose (mem);
    }
  else
    {
      size_t size = H5Tget_size (type);
      if (size > 0 && size < 65536)
        {
          char *buf = g_malloc0 (size + 1);
          if (H5Aread (a, type, buf) >= 0)
            result = g_strndup (buf, size);
          g_free (buf);
        }
    }
  if (result == NULL && (error == NULL || *error == NULL))
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                 "%s: attribute “%s” of “%s” cannot be read", h5->path, attr, object);
  if (result != NULL)
    g_strchomp (result);   /* fixed-length strings may be space-padded */
  if (result != NULL && !g_utf8_validate (result, -1, NULL))
    {
      g_clear_pointer (&result, g_free);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: attribute “%s” of “%s” is not valid UTF-8", h5->path, attr, object);
    }
  close_id (type, H5Tclose);
  H5Aclose (a);
  return result;
}

/* ---- writing ---- */

static hid_t
intermediate_groups_plist (void)
{
  hid_t lcpl = H5Pcreate (H5P_LINK_CREATE);
  H5Pset_create_intermediate_group (lcpl, 1);
  return lcpl;
}

gboolean
scmm_h5_ensure_group (ScmmH5 *h5, const char *group, GError **error)
{
  silence_hdf5 ();
  if (scmm_h5_exists (h5, group))
    return TRUE;
  hid_t lcpl = intermediate_groups_plist ();
  hid_t g = H5Gcreate2 (h5->file, group, lcpl, H5P_DEFAULT, H5P_DEFAULT);
  H5Pclose (lcpl);
  if (g < 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO,
                   "%s: cannot create group “%s”", h5->path, group);
      return FALSE;
    }
  H5Gclose (g);
  return TRUE;
}

static gboolean
write_dataset (ScmmH5 *h5, const char *name, const ScmmShape *shape, hid_t filetype,
               hid_t memtype, const void *data, GError **error)
{
  silence_hdf5 ();
  hsize_t dims[SCMM_MAX_DIMS];
  for (int i = 0; i < shape->ndim; i++)
    dims[i] = (hsize_t) shape->dim[i];
  hid_t space = shape->ndim == 0 ? H5Screate (H5S_SCALAR)
                                 : H5Screate_simple (shape->ndim, dims, NULL);
  hid_t lcpl = intermediate_groups_plist ();
  hid_t ds = H5Dcreate2 (h5->file, name, filetype, space, lcpl, H5P_DEFAULT, H5P_DEFAULT);
  gboolean ok = ds >= 0 && H5Dwrite (ds, memtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) >= 0;
  close_id (ds, H5Dclose);
  H5Pclose (lcpl);
  close_id (space, H5Sclose);
  if (!ok)
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO,
                 "%s: cannot write dataset “%s” (disk full, or it exists already?)",
                 h5->path, name);
  return ok;
}

gboolean
scmm_h5_write_f32 (ScmmH5 *h5, const char *name, const ScmmShape *shape, const float *data,
                   GError **error)
{
  return write_dataset (h5, name, shape, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, data, error);
}

gboolean
scmm_h5_write_u8 (ScmmH5 *h5, const char *name, const ScmmShape *shape, const guint8 *data,
                  GError **error)
{
  return write_dataset (h5, name, shape, H5T_STD_U8LE, H5T_NATIVE_UINT8, data, error);
}

gboolean
scmm_h5_write_i32 (ScmmH5 *h5, const char *name, const ScmmShape *shape, const gint32 *data,
                   GError **error)
{
  return write_dataset (h5, name, shape, H5T_STD_I32LE, H5T_NATIVE_INT32, data, error);
}

gboolean
scmm_h5_write_scalar (ScmmH5 *h5, const char *name, double value, GError **error)
{
  ScmmShape scalar = SCMM_SHAPE_SCALAR;
  return write_dataset (h5, name, &scalar, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value, error);
}

gboolean
scmm_h5_write_f64 (ScmmH5 *h5, const char *name, const ScmmShape *shape, const double *data,
                   GError **error)
{
  return write_dataset (h5, name, shape, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, data, error);
}

/* Strings are written fixed-length (UTF-8, NUL-terminated, as long as the
 * longest): variable-length ones live in HDF5's global heap, whose reader
 * in HDF5 1.10 can loop forever on a damaged file (found by fuzzing). */
static hid_t
fixed_string_type (const char *const *strings, int64_t n)
{
  size_t longest = 1;
  for (int64_t i = 0; i < n; i++)
    longest = MAX (longest, strlen (strings[i] ? strings[i] : "") + 1);
  hid_t type = H5Tcopy (H5T_C_S1);
  H5Tset_size (type, longest);
  H5Tset_strpad (type, H5T_STR_NULLTERM);
  H5Tset_cset (type, H5T_CSET_UTF8);
  return type;
}

gboolean
scmm_h5_write_strings (ScmmH5 *h5, const char *name, const char *const *strings, int64_t n,
                       GError **error)
{
  hid_t type = fixed_string_type (strings, n);
  size_t size = H5Tget_size (type);
  char *packed = g_malloc0 (MAX (n, 1) * size);
  for (int64_t i = 0; i < n; i++)
    if (strings[i] != NULL)
      memcpy (packed + i * size, strings[i], strlen (strings[i]));
  ScmmShape shape = SCMM_SHAPE1 (n);
  gboolean ok = write_dataset (h5, name, &shape, type, type, packed, error);
  g_free (packed);
  H5Tclose (type);
  return ok;
}

static gboolean
write_attr (ScmmH5 *h5, const char *object, const char *attr, hid_t filetype, hid_t memtype,
            const void *value, GError **error)
{
  silence_hdf5 ();
  if (!scmm_h5_ensure_group (h5, object, error))
    return FALSE;
  if (H5Aexists_by_name (h5->file, object, attr, H5P_DEFAULT) > 0)
    H5Adelete_by_name (h5->file, object, attr, H5P_DEFAULT);
  hid_t space = H5Screate (H5S_SCALAR);
  hid_t a = H5Acreate_by_name (h5->file, object, attr, filetype, space, H5P_DEFAULT,
                               H5P_DEFAULT, H5P_DEFAULT);
  gboolean ok = a >= 0 && H5Awrite (a, memtype, value) >= 0;
  close_id (a, H5Aclose);
  H5Sclose (space);
  if (!ok)
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO,
                 "%s: cannot write attribute “%s” of “%s”", h5->path, attr, object);
  return ok;
}

gboolean
scmm_h5_write_attr_double (ScmmH5 *h5, const char *object, const char *attr, double value,
                           GError **error)
{
  return write_attr (h5, object, attr, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value, error);
}

gboolean
scmm_h5_write_attr_int (ScmmH5 *h5, const char *object, const char *attr, int64_t value,
                        GError **error)
{
  return write_attr (h5, object, attr, H5T_STD_I64LE, H5T_NATIVE_INT64, &value, error);
}

gboolean
scmm_h5_write_attr_string (ScmmH5 *h5, const char *object, const char *attr,
                           const char *value, GError **error)
{
  const char *values[] = { value };
  hid_t type = fixed_string_type (values, 1);
  g_autofree char *buffer = g_malloc0 (H5Tget_size (type));
  memcpy (buffer, value, strlen (value));
  gboolean ok = write_attr (h5, object, attr, type, type, buffer, error);
  H5Tclose (type);
  return ok;
}
