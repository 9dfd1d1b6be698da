/* scmm-figure-layout-bars.c: the layout of a bar chart, and what is under a point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cell of the x axis a bar (axis units 0 .. n, bar i in [i, i + 1]),
 * its label below (thinned by the category ticks when there are many), a
 * numeric value axis that always holds the zero baseline and starts at it
 * when every value is on one side, unless the caller fixed its ends
 * (set_y_range).
 */

#include <math.h>

#include <glib/gi18n.h>

#include "gl/scmm-figure-private.h"

/* The labels, when there is one a bar. */
static const char *const *
bar_labels (const ScmmFigure *figure)
{
  if (figure->bar_labels == NULL || g_strv_length (figure->bar_labels) != (guint) figure->n_bars)
    return NULL;
  return (const char *const *) figure->bar_labels;
}

void
scmm_figure_layout_bars (const ScmmFigure *figure,
                         PangoContext     *pango,
                         double            width,
                         double            height,
                         double            top,
                         Layout           *layout)
{
  XyAxes axes = { NULL, FALSE, FALSE, figure->n_bars, bar_labels (figure) };
  double lo = 0, hi = 0;

  layout->has_data = figure->bars != NULL && figure->n_bars > 0;
  if (!layout->has_data)
    return;

  for (int i = 0; i < figure->n_bars; i++)
    if (isfinite (figure->bars[i]))
      {
        lo = MIN (lo, figure->bars[i]);
        hi = MAX (hi, figure->bars[i]);
      }

  layout->y_log = FALSE;
  layout->x_lo = 0;
  layout->x_hi = figure->n_bars;
  scmm_figure_layout_y_range (figure, FALSE, lo, hi, &layout->y_lo, &layout->y_hi);
  /* Bars stand on the baseline: no margin below it (above it for
   * negative bars) unless asked for. */
  if (lo >= 0 && isnan (figure->y_min) && hi > 0)
    layout->y_lo = 0;
  if (hi <= 0 && isnan (figure->y_max) && lo < 0)
    layout->y_hi = 0;

  scmm_figure_layout_xy (figure, pango, width, height, top, &axes, layout);
}

/* "Fp1: 0.0312" for the bar whose column is under (x, y). */
char *
scmm_figure_layout_bars_describe (const ScmmFigure *figure,
                                  const Layout     *layout,
                                  double            x,
                                  double            y)
{
  const Box *plot = &layout->plot;
  const char *const *labels = bar_labels (figure);
  g_autofree char *name = NULL;
  double value;
  int i;

  if (x < plot->x || x >= plot->x + plot->w || y < plot->y || y >= plot->y + plot->h)
    return NULL;

  i = CLAMP ((int) floor ((x - plot->x) / plot->w * figure->n_bars), 0, figure->n_bars - 1);
  name = labels != NULL ? g_strdup (labels[i]) : g_strdup_printf (_("bar %d"), i);
  value = figure->bars[i];
  if (isnan (value))
    return g_strdup_printf (_("%s: no value"), name);
  return g_strdup_printf ("%s: %.4g", name, value);
}
