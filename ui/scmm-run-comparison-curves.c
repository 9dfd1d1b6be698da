/* scmm-run-comparison-curves.c: a run's curves as figure series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "scmm-run-comparison-curves.h"

static double
pretrain_value (gconstpointer row,
                int           column)
{
  const ScmmPretrainEpoch *e = row;

  switch ((ScmmPretrainColumn) column)
    {
    case SCMM_PRETRAIN_LOSS:
      return e->loss;
    case SCMM_PRETRAIN_LOSS_C:
      return e->loss_c;
    case SCMM_PRETRAIN_LOSS_R:
      return e->loss_r;
    case SCMM_PRETRAIN_P1:
      return e->p1;
    case SCMM_PRETRAIN_P2:
      return e->p2;
    case SCMM_PRETRAIN_LR:
      return e->lr;
    default:
      g_return_val_if_reached (NAN);
    }
}

static double
finetune_value (gconstpointer row,
                int           column)
{
  const ScmmFinetuneEpoch *e = row;

  return 100 * (column == SCMM_FINETUNE_TEST_ACCURACY ? e->test_accuracy : e->train_accuracy);
}

/* Both kinds of row start with their epoch. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (ScmmPretrainEpoch, epoch) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (ScmmFinetuneEpoch, epoch) == 0);

/* A column of `rows` by epoch into the figure; -1 without a finite value. */
static int
add_rows (ScmmFigure   *figure,
          const char   *name,
          const GArray *rows,
          double      (*value) (gconstpointer row, int column),
          int           column)
{
  int n = rows != NULL ? (int) rows->len : 0;
  gsize size = rows != NULL ? g_array_get_element_size ((GArray *) rows) : 0;
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new (double, MAX (n, 1));
  gboolean any = FALSE;

  for (int i = 0; i < n; i++)
    {
      const char *row = rows->data + (gsize) i * size;

      x[i] = *(const int *) row;
      y[i] = value (row, column);
      any = any || isfinite (y[i]);
    }
  return any ? scmm_figure_add_line (figure, name, x, y, n) : -1;
}

int
scmm_run_curve_add_pretrain (ScmmFigure         *figure,
                             const char         *name,
                             const GArray       *pretrain,
                             ScmmPretrainColumn  column)
{
  return add_rows (figure, name, pretrain, pretrain_value, column);
}

int
scmm_run_curve_add_finetune (ScmmFigure         *figure,
                             const char         *name,
                             const GArray       *finetune,
                             ScmmFinetuneColumn  column)
{
  return add_rows (figure, name, finetune, finetune_value, column);
}

gboolean
scmm_run_curve_pretrain_positive (const GArray       *pretrain,
                                  ScmmPretrainColumn  first,
                                  ScmmPretrainColumn  last)
{
  if (pretrain == NULL || pretrain->len == 0)
    return FALSE;
  for (guint i = 0; i < pretrain->len; i++)
    for (ScmmPretrainColumn c = first; c <= last; c++)
      if (!(pretrain_value (&g_array_index (pretrain, ScmmPretrainEpoch, i), (int) c) > 0))
        return FALSE;
  return TRUE;
}
