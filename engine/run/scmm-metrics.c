/* scmm-metrics.c: confusion matrices, accuracy, macro-F1, mean +- std. */
#include "scmm-metrics.h"

#include <math.h>
#include <string.h>

ScmmConfusion *
scmm_confusion_new (int classes)
{
  ScmmConfusion *c = g_new0 (ScmmConfusion, 1);
  c->classes = classes;
  c->counts = g_new0 (gint64, (gsize) classes * classes);
  return c;
}

void
scmm_confusion_free (ScmmConfusion *c)
{
  if (c == NULL)
    return;
  g_free (c->counts);
  g_free (c);
}

void
scmm_confusion_clear (ScmmConfusion *c)
{
  memset (c->counts, 0, sizeof (gint64) * c->classes * c->classes);
}

void
scmm_confusion_add (ScmmConfusion *c, const int32_t *truth, const int32_t *predicted, int n)
{
  for (int i = 0; i < n; i++)
    if (truth[i] >= 0 && truth[i] < c->classes && predicted[i] >= 0 && predicted[i] < c->classes)
      c->counts[truth[i] * c->classes + predicted[i]]++;
}

void
scmm_confusion_add_all (ScmmConfusion *sum, const ScmmConfusion *other)
{
  g_return_if_fail (sum->classes == other->classes);
  for (int i = 0; i < sum->classes * sum->classes; i++)
    sum->counts[i] += other->counts[i];
}

gint64
scmm_confusion_total (const ScmmConfusion *c)
{
  gint64 total = 0;
  for (int i = 0; i < c->classes * c->classes; i++)
    total += c->counts[i];
  return total;
}

double
scmm_confusion_accuracy (const ScmmConfusion *c)
{
  gint64 total = scmm_confusion_total (c), correct = 0;
  for (int k = 0; k < c->classes; k++)
    correct += c->counts[k * c->classes + k];
  return total > 0 ? (double) correct / total : 0.0;
}

double
scmm_confusion_macro_f1 (const ScmmConfusion *c)
{
  const int k = c->classes;
  double sum = 0.0;
  int present = 0;
  for (int j = 0; j < k; j++)
    {
      gint64 tp = c->counts[j * k + j], row = 0, col = 0;
      for (int i = 0; i < k; i++)
        {
          row += c->counts[j * k + i];
          col += c->counts[i * k + j];
        }
      if (row == 0 && col == 0)
        continue;   /* a class neither true nor predicted does not count */
      present++;
      gint64 fn = row - tp, fp = col - tp;
      sum += 2.0 * tp / (2.0 * tp + fp + fn);
    }
  return present > 0 ? sum / present : 0.0;
}

void
scmm_mean_std (const double *values, int n, double *mean, double *std)
{
  double m = 0.0, v = 0.0;
  for (int i = 0; i < n; i++)
    m += values[i];
  m = n > 0 ? m / n : 0.0;
  for (int i = 0; i < n; i++)
    v += (values[i] - m) * (values[i] - m);
  *mean = m;
  *std = n > 0 ? sqrt (v / n) : 0.0;
}
