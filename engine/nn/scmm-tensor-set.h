/* scmm-tensor-set.h: named tensors in one arena, with their gradients.
 *
 * A module's trainable parameters live in one float arena (`values`), their
 * gradients in a second arena with the same layout (`grads`), and its
 * non-trainable buffers (batch-norm running statistics) in a third. Names
 * and shapes are PyTorch's, so a set maps one to one onto a state_dict. */
#pragma once

#include <glib.h>

#include "scmm-shape.h"

G_BEGIN_DECLS

typedef enum {
  SCMM_TENSOR_PARAMETER,   /* trained: has a gradient */
  SCMM_TENSOR_BUFFER,      /* state that is not trained (running statistics) */
} ScmmTensorKind;

typedef struct {
  char           *name;
  ScmmShape       shape;
  ScmmTensorKind  kind;
  gsize           offset;  /* into values/grads (parameters) or buffers */
  gsize           numel;
} ScmmTensorInfo;

typedef struct {
  GArray *tensors;         /* ScmmTensorInfo, in declaration order */
  gsize   n_values;        /* trainable values */
  gsize   n_buffer_values;
  float  *values;
  float  *grads;
  float  *buffers;
} ScmmTensorSet;

ScmmTensorSet        *scmm_tensor_set_new        (void);
void                  scmm_tensor_set_free       (ScmmTensorSet *set);
/* Declares a tensor; call scmm_tensor_set_allocate once all are declared. */
void                  scmm_tensor_set_declare    (ScmmTensorSet *set, const char *name,
                                                  const ScmmShape *shape, ScmmTensorKind kind);
/* Allocates the arenas, zero-filled. */
void                  scmm_tensor_set_allocate   (ScmmTensorSet *set);
guint                 scmm_tensor_set_count      (const ScmmTensorSet *set);
const ScmmTensorInfo *scmm_tensor_set_info       (const ScmmTensorSet *set, guint index);
const ScmmTensorInfo *scmm_tensor_set_find       (const ScmmTensorSet *set, const char *name);
/* The values of a tensor (parameter or buffer); NULL when unknown. */
float                *scmm_tensor_set_data       (const ScmmTensorSet *set, const char *name);
/* The gradient of a parameter; NULL for buffers and unknown names. */
float                *scmm_tensor_set_grad       (const ScmmTensorSet *set, const char *name);
float                *scmm_tensor_set_data_at    (const ScmmTensorSet *set, guint index);
float                *scmm_tensor_set_grad_at    (const ScmmTensorSet *set, guint index);
void                  scmm_tensor_set_zero_grads (ScmmTensorSet *set);
/* Copies values and buffers (not gradients) between sets of the same layout. */
void                  scmm_tensor_set_copy_values (ScmmTensorSet *dst, const ScmmTensorSet *src);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmTensorSet, scmm_tensor_set_free)

G_END_DECLS
