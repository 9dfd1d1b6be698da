/* scmm-h5.h: careful reading and writing of HDF5 files.
 *
 * Every read checks what it gets: the dataset exists, has the expected type,
 * rank and dims, and (for floats) holds only finite numbers. Every error
 * names the file and the dataset, so that a user knows what to fix. HDF5's
 * own error printing is switched off; its messages never reach the console. */
#pragma once

#include <glib.h>
#include <hdf5.h>
#include <stdint.h>

#include "scmm-shape.h"

G_BEGIN_DECLS

typedef struct {
  hid_t    file;
  char    *path;       /* where the data is written (a temporary file when atomic) */
  char    *final_path; /* atomic writes: renamed to this on a successful close */
  gboolean sealed;     /* written with a checksum seal (scmm-h5-seal.h) */
} ScmmH5;

/* Opens an existing file read-only. */
ScmmH5  *scmm_h5_open            (const char *path, GError **error);
/* Creates (or truncates) a file for writing. */
ScmmH5  *scmm_h5_create          (const char *path, GError **error);
/* Creates a temporary file beside `path`; scmm_h5_close renames it to `path`
 * once everything is written, scmm_h5_close_quietly deletes it. A crash or an
 * error never leaves a half-written file, and an existing one stays whole
 * until it is replaced. */
ScmmH5  *scmm_h5_create_atomic   (const char *path, GError **error);
/* The same, for a file sealed with a checksum when it is closed
 * (scmm-h5-seal.h). */
ScmmH5  *scmm_h5_create_sealed   (const char *path, GError **error);
/* Opens a sealed file read-only after checking its seal. */
ScmmH5  *scmm_h5_open_sealed     (const char *path, GError **error);
/* Closes and frees; reports a failure to flush (and, for an atomic file,
 * to rename it into place). NULL is allowed. */
gboolean scmm_h5_close           (ScmmH5 *h5, GError **error);

gboolean scmm_h5_exists          (ScmmH5 *h5, const char *name);
gboolean scmm_h5_get_shape       (ScmmH5 *h5, const char *name, ScmmShape *shape, GError **error);
/* The names of the members of a group, sorted. */
char   **scmm_h5_list_group      (ScmmH5 *h5, const char *group, GError **error);

/* Reads a float32 dataset (another type is an error) whose shape
 * matches `expect` (negative dims match anything; NULL: any shape). All
 * values must be finite. Returns a g_malloc'd buffer; `shape` may be NULL. */
float   *scmm_h5_read_f32        (ScmmH5 *h5, const char *name, const ScmmShape *expect,
                                  ScmmShape *shape, GError **error);
/* The same into a caller's buffer of exactly the expected number of values. */
gboolean scmm_h5_read_f32_into   (ScmmH5 *h5, const char *name, const ScmmShape *expect,
                                  float *dst, GError **error);
/* Reads a 0/1 mask stored as uint8 (or int8, or h5py's boolean enum). */
guint8  *scmm_h5_read_mask       (ScmmH5 *h5, const char *name, const ScmmShape *expect,
                                  ScmmShape *shape, GError **error);
/* Reads an integer dataset as int32. */
gint32  *scmm_h5_read_i32        (ScmmH5 *h5, const char *name, const ScmmShape *expect,
                                  ScmmShape *shape, GError **error);
/* Reads a 1-D dataset of strings (variable or fixed length) of `expect_n`
 * entries (negative: any); returns a NULL-terminated vector, *n its length. */
char   **scmm_h5_read_strings    (ScmmH5 *h5, const char *name, int64_t expect_n, int64_t *n,
                                  GError **error);
/* Reads a 1-D float64 dataset (any float type converted), all finite. */
double  *scmm_h5_read_f64        (ScmmH5 *h5, const char *name, const ScmmShape *expect,
                                  ScmmShape *shape, GError **error);
/* Reads a scalar (or one-element) floating-point dataset. */
gboolean scmm_h5_read_scalar     (ScmmH5 *h5, const char *name, double *value, GError **error);

gboolean scmm_h5_has_attr        (ScmmH5 *h5, const char *object, const char *attr);
gboolean scmm_h5_read_attr_double (ScmmH5 *h5, const char *object, const char *attr,
                                   double *value, GError **error);
gboolean scmm_h5_read_attr_int   (ScmmH5 *h5, const char *object, const char *attr,
                                  int64_t *value, GError **error);
char    *scmm_h5_read_attr_string (ScmmH5 *h5, const char *object, const char *attr,
                                   GError **error);

/* Writers create missing parent groups. Datasets are contiguous. */
gboolean scmm_h5_write_f32       (ScmmH5 *h5, const char *name, const ScmmShape *shape,
                                  const float *data, GError **error);
gboolean scmm_h5_write_u8        (ScmmH5 *h5, const char *name, const ScmmShape *shape,
                                  const guint8 *data, GError **error);
gboolean scmm_h5_write_i32       (ScmmH5 *h5, const char *name, const ScmmShape *shape,
                                  const gint32 *data, GError **error);
gboolean scmm_h5_write_scalar    (ScmmH5 *h5, const char *name, double value, GError **error);
gboolean scmm_h5_write_f64       (ScmmH5 *h5, const char *name, const ScmmShape *shape,
                                  const double *data, GError **error);
/* A 1-D dataset of n variable-length UTF-8 strings. */
gboolean scmm_h5_write_strings   (ScmmH5 *h5, const char *name, const char *const *strings,
                                  int64_t n, GError **error);
gboolean scmm_h5_ensure_group    (ScmmH5 *h5, const char *group, GError **error);
gboolean scmm_h5_write_attr_double (ScmmH5 *h5, const char *object, const char *attr,
                                    double value, GError **error);
gboolean scmm_h5_write_attr_int  (ScmmH5 *h5, const char *object, const char *attr,
                                  int64_t value, GError **error);
gboolean scmm_h5_write_attr_string (ScmmH5 *h5, const char *object, const char *attr,
                                    const char *value, GError **error);

/* Closes without reporting, for error paths and g_autoptr: an atomic file
 * that was not committed with scmm_h5_close is deleted. */
void     scmm_h5_close_quietly   (ScmmH5 *h5);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmH5, scmm_h5_close_quietly)

G_END_DECLS
