/* scmm-shape.h: the shape of a row-major tensor. */
#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

#define SCMM_MAX_DIMS 4

typedef struct {
  int     ndim;
  int64_t dim[SCMM_MAX_DIMS];   /* in an expected shape, a negative dim matches any size */
} ScmmShape;

#define SCMM_SHAPE1(a)       ((ScmmShape) { 1, { (a), 0, 0, 0 } })
#define SCMM_SHAPE2(a, b)    ((ScmmShape) { 2, { (a), (b), 0, 0 } })
#define SCMM_SHAPE3(a, b, c) ((ScmmShape) { 3, { (a), (b), (c), 0 } })
#define SCMM_SHAPE_SCALAR    ((ScmmShape) { 0, { 0, 0, 0, 0 } })

int64_t  scmm_shape_numel    (const ScmmShape *shape);
gboolean scmm_shape_matches  (const ScmmShape *actual, const ScmmShape *expected);
gboolean scmm_shape_equal    (const ScmmShape *a, const ScmmShape *b);
/* "[32, 62, 8]"; "[]" for a scalar; "?" for a wildcard dim. */
char    *scmm_shape_to_string (const ScmmShape *shape);
/* "[3, 10, 2]": the row-major multi-index of flat position `index`. */
char    *scmm_shape_index_to_string (const ScmmShape *shape, int64_t index);

G_END_DECLS
