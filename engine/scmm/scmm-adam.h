/* scmm-adam.h: Adam with COUPLED L2 weight decay (torch.optim.Adam's
 * weight_decay: g += wd theta before the moments) and the cosine schedule
 * (torch's CosineAnnealingLR), SCMM-METHOD.md §6. */
#pragma once

#include <glib.h>

#include "scmm-tensor-set.h"

G_BEGIN_DECLS

typedef struct {
  float lr;
  float beta1;
  float beta2;
  float eps;
  float weight_decay;
} ScmmAdamConfig;

#define SCMM_ADAM_CONFIG_DEFAULT ((ScmmAdamConfig) { 5e-4f, 0.9f, 0.99f, 1e-8f, 3e-4f })

typedef struct {
  ScmmAdamConfig config;
  ScmmTensorSet *set;      /* not owned */
  GArray        *indices;  /* guint: the tensors this optimiser updates */
  float         *m;        /* first moments, laid out like set->values */
  float         *v;        /* second moments */
  gint64         t;        /* steps taken */
} ScmmAdam;

/* Updates the parameters of `set` whose name starts with `prefix` (NULL: all):
 * in fine-tuning only the encoder has gradients, and PyTorch skips the rest. */
ScmmAdam *scmm_adam_new  (ScmmTensorSet *set, const char *prefix, const ScmmAdamConfig *config);
void      scmm_adam_free (ScmmAdam *adam);
/* One update with the gradients in set->grads, at learning rate lr. */
void      scmm_adam_step (ScmmAdam *adam, float lr);

/* lr at `epoch` (0-based) of cosine annealing from base_lr to eta_min over
 * t_max epochs: eta_min + (base_lr - eta_min)(1 + cos(pi epoch / t_max)) / 2. */
double    scmm_cosine_lr (double base_lr, double eta_min, int epoch, int t_max);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScmmAdam, scmm_adam_free)

G_END_DECLS
