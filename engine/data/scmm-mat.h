/* scmm-mat.h: reading MATLAB .mat files (Level 5 and v7.3) through matio,
 * with errors that name the file and the variable.
 *
 * MATLAB arrays are column-major: element (i, j, k) of an I x J x K array is
 * at i + I (j + J k). */
#pragma once

#include <glib.h>
#include <matio.h>

G_BEGIN_DECLS

typedef struct {
  mat_t *mat;
  char  *path;
} ScmmMat;

ScmmMat *scmm_mat_open      (const char *path, GError **error);
void     scmm_mat_close     (ScmmMat *mat);
/* The names of the variables, in file order (NULL-terminated). */
char   **scmm_mat_variables (ScmmMat *mat, GError **error);
gboolean scmm_mat_has       (ScmmMat *mat, const char *name);

/* A real numeric variable as doubles (converted from any numeric class),
 * column-major; rank and dims (up to 4) describe it. All values finite
 * unless allow_nonfinite. */
double  *scmm_mat_read_doubles (ScmmMat *mat, const char *name, int *rank, size_t dims[4],
                                gboolean allow_nonfinite, GError **error);

/* Numeric data of an already-read variable (a struct field, say) as doubles. */
double  *scmm_mat_var_doubles  (const ScmmMat *mat, const char *what, const matvar_t *var,
                                gsize *count, GError **error);
/* A char array variable as UTF-8 (8-bit and UTF-16 storage both). */
char    *scmm_mat_var_string   (const matvar_t *var);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmMat, scmm_mat_close)

G_END_DECLS
