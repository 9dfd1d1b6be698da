/* scmm-figure-ticks.c: where an axis's ticks go and what their labels say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linear axes get nice steps (1, 2 or 5 times a power of ten), log axes
 * decades or 1-2-5 marks, category axes their labels thinned until they do
 * not collide. Labels are Pango markup, measured as they will be drawn.
 */

#include <math.h>

#include "gl/scmm-figure-private.h"

/* A number for a tick label, with as many decimals as the step needs and a
 * true minus sign. */
static char *
format_number (double value,
               double step)
{
  GString *text = g_string_new (NULL);
  double magnitude = fabs (value);

  if (fabs (value) < fabs (step) * 1e-6)
    value = magnitude = 0.0;

  if (magnitude != 0.0 && (magnitude >= 1e6 || magnitude < 1e-4))
    {
      int digits = (int) ceil (log10 (magnitude / step) + 1e-9) + 1;

      g_string_printf (text, "%.*g", CLAMP (digits, 1, 10), value);
    }
  else
    {
      int decimals = step >= 1.0 ? 0 : (int) ceil (-log10 (step) - 1e-9);

      g_string_printf (text, "%.*f", CLAMP (decimals, 0, 10), value);
    }

  if (text->str[0] == '-')
    {
      g_string_erase (text, 0, 1);
      g_string_prepend (text, "−");
    }

  return g_string_free (text, FALSE);
}

void
scmm_figure_ticks_clear (Ticks *ticks)
{
  for (int i = 0; i < ticks->n; i++)
    g_clear_pointer (&ticks->markup[i], g_free);
  ticks->n = 0;
  ticks->n_minor = 0;
  ticks->extent = 0;
}

static void
ticks_add (Ticks *ticks,
           double pos,
           char  *markup)
{
  if (ticks->n >= MAX_TICKS)
    {
      g_free (markup);
      return;
    }
  ticks->pos[ticks->n] = pos;
  ticks->markup[ticks->n] = markup;
  ticks->n++;
}

/* The largest label's width (ticks->extent) and height. */
static void
ticks_measure (Ticks           *ticks,
               const TickSpace *space,
               double           max_width,
               double          *height)
{
  ticks->extent = 0;
  if (height != NULL)
    *height = 0;

  for (int i = 0; i < ticks->n; i++)
    {
      g_autoptr(PangoLayout) layout = scmm_figure_text_make (space->pango, ticks->markup[i], TRUE, space->size,
                                                             FALSE, max_width);
      double w, h;

      scmm_figure_text_size (layout, &w, &h);
      ticks->extent = MAX (ticks->extent, w);
      if (height != NULL)
        *height = MAX (*height, h);
    }
}

/* Whether labels `pitch` pixels apart along the axis leave room between
 * them: the measured widths on a horizontal axis, heights on a vertical. */
static gboolean
ticks_fit (const Ticks     *ticks,
           const TickSpace *space,
           double           pitch,
           double           label_height)
{
  return pitch >= (space->horizontal ? ticks->extent : label_height) + 2 * space->gap;
}

/* The nice (1, 2 or 5 times a power of ten) step at least `raw`. */
static double
nice_step (double raw)
{
  double magnitude = pow (10.0, floor (log10 (raw)));
  double norm = raw / magnitude;

  if (norm <= 1.0 + 1e-9)
    return magnitude;
  if (norm <= 2.0 + 1e-9)
    return 2.0 * magnitude;
  if (norm <= 5.0 + 1e-9)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

static double
next_nice_step (double step)
{
  return nice_step (step * 1.5);
}

/* Fills `ticks` with the multiples of `step` in [lo, hi]; TRUE when their
 * labels do not collide. */
static gboolean
ticks_at_step (Ticks           *ticks,
               const TickSpace *space,
               double           lo,
               double           hi,
               double           step)
{
  double first = ceil (lo / step - 1e-9);
  double label_height;

  scmm_figure_ticks_clear (ticks);
  for (int i = 0; (first + i) * step <= hi + step * 1e-9; i++)
    ticks_add (ticks, (first + i) * step, format_number ((first + i) * step, step));

  ticks_measure (ticks, space, 0, &label_height);
  return ticks_fit (ticks, space, step / (hi - lo) * space->length, label_height);
}

/* Ticks every nice step (at least min_step: 1 keeps a count's axis on
 * whole numbers) over [lo, hi], so that labels do not collide. */
void
scmm_figure_ticks_linear (Ticks           *ticks,
                          const TickSpace *space,
                          double           lo,
                          double           hi,
                          double           min_step)
{
  double span = hi - lo;
  double step = MAX (nice_step (span / MAX (1.0, space->length / space->spacing)), min_step);

  while (span / step > MAX_TICKS - 2)
    step = next_nice_step (step);

  for (int attempt = 0; attempt < 16 && !ticks_at_step (ticks, space, lo, hi, step); attempt++)
    step = next_nice_step (step);

  /* One label alone does not show the scale (7 epochs in a narrow plot
   * got only "5"): a finer step whose labels still fit gives two. */
  while (ticks->n < 2)
    {
      double finer = nice_step (step / 2.5);
      Ticks candidate = { 0 };

      if (finer < min_step || finer >= step || !ticks_at_step (&candidate, space, lo, hi, finer))
        {
          scmm_figure_ticks_clear (&candidate);
          break;
        }
      scmm_figure_ticks_clear (ticks);
      *ticks = candidate;
      step = finer;
    }
}

static char *
format_power_of_ten (int exponent,
                     gboolean plain)
{
  if (plain)
    return format_number (pow (10.0, exponent), pow (10.0, exponent));
  if (exponent < 0)
    return g_strdup_printf ("10<sup>−%d</sup>", -exponent);
  return g_strdup_printf ("10<sup>%d</sup>", exponent);
}

static int
floor_mod (int a,
           int b)
{
  int r = a % b;

  return r < 0 ? r + b : r;
}

/* Ticks on a log axis; lo and hi are log10 of the range. Decades when the
 * range holds two or more, else 1-2-5 (or 1..9) times a power of ten. */
void
scmm_figure_ticks_log (Ticks           *ticks,
                       const TickSpace *space,
                       double           lo,
                       double           hi)
{
  int d0 = (int) ceil (lo - 1e-9);
  int d1 = (int) floor (hi + 1e-9);
  double px_per_decade = space->length / (hi - lo);
  double label_height;

  if (d1 - d0 + 1 >= 2)
    {
      gboolean plain = d0 >= -3 && d1 <= 4;
      int stride = 1;

      for (int attempt = 0; attempt < 16; attempt++)
        {
          scmm_figure_ticks_clear (ticks);
          for (int d = d0; d <= d1; d++)
            if (floor_mod (d, stride) == 0)
              ticks_add (ticks, d, format_power_of_ten (d, plain));

          ticks_measure (ticks, space, 0, &label_height);
          if (stride * px_per_decade >= space->spacing * 0.6 &&
              ticks_fit (ticks, space, stride * px_per_decade, label_height))
            break;
          stride = (int) lround (next_nice_step (stride));
        }

      /* Unlabelled marks at 2..9 times each decade, when there is room. */
      if (stride == 1 && px_per_decade >= 40)
        for (int d = (int) floor (lo); d <= d1; d++)
          for (int m = 2; m <= 9; m++)
            {
              double v = d + log10 (m);

              if (v >= lo && v <= hi && ticks->n_minor < MAX_MINOR_TICKS)
                ticks->minor[ticks->n_minor++] = v;
            }
      return;
    }

  /* Less than two decades: 1, 2 and 5 times a power of ten, else 1 to 9
   * times, whichever first gives two labels that do not collide. */
  {
    static const int sparse[] = { 1, 2, 5 };
    static const int dense[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    const int *sets[] = { sparse, dense };
    const int sizes[] = { G_N_ELEMENTS (sparse), G_N_ELEMENTS (dense) };

    for (int set = 0; set < 2; set++)
      {
        double min_gap = G_MAXDOUBLE;
        double previous = NAN;

        scmm_figure_ticks_clear (ticks);
        for (int d = (int) floor (lo); d <= (int) ceil (hi); d++)
          for (int i = 0; i < sizes[set]; i++)
            {
              double v = d + log10 (sets[set][i]);

              if (v < lo - 1e-9 || v > hi + 1e-9)
                continue;
              ticks_add (ticks, v, format_number (sets[set][i] * pow (10.0, d), pow (10.0, d)));
              if (!isnan (previous))
                min_gap = MIN (min_gap, (v - previous) * px_per_decade);
              previous = v;
            }

        ticks_measure (ticks, space, 0, &label_height);
        if (ticks->n >= 2 && ticks_fit (ticks, space, min_gap, label_height))
          return;
      }
  }

  /* A narrow range: linear ticks on the values, placed on the log axis. */
  {
    Ticks linear = { 0 };

    scmm_figure_ticks_linear (&linear, space, pow (10.0, lo), pow (10.0, hi), 0);
    scmm_figure_ticks_clear (ticks);
    for (int i = 0; i < linear.n; i++)
      if (linear.pos[i] > 0)
        {
          ticks_add (ticks, log10 (linear.pos[i]), linear.markup[i]);
          linear.markup[i] = NULL;
        }
    scmm_figure_ticks_clear (&linear);
    ticks_measure (ticks, space, 0, NULL);
  }
}

/* Ticks on the cells of a category axis (n cells over space->length
 * pixels): the labels, thinned to every 1, 2, 5, 10... when they would
 * collide, or the indices at nice steps when there are no labels (about
 * 70 pixels apart across, 40 up, whatever space->spacing says). */
void
scmm_figure_ticks_category (Ticks             *ticks,
                            const TickSpace   *space,
                            const char *const *labels,
                            int                n,
                            double             max_width)
{
  double cell = space->length / n;
  double label_height;
  int stride;

  if (labels == NULL)
    {
      Ticks numeric = { 0 };
      TickSpace centres = *space;

      /* Indices 0 .. n - 1 at whole steps (1, 2, 5, 10...), placed on the
       * cells' centres. */
      centres.length = MAX (1.0, space->length * (n - 1) / n);
      centres.spacing = space->horizontal ? 70 : 40;
      scmm_figure_ticks_linear (&numeric, &centres, 0, MAX (1, n - 1), 1.0);
      scmm_figure_ticks_clear (ticks);
      for (int i = 0; i < numeric.n; i++)
        if (numeric.pos[i] <= n - 1)
          ticks_add (ticks, numeric.pos[i] + 0.5, g_strdup_printf ("%d", (int) lround (numeric.pos[i])));
      scmm_figure_ticks_clear (&numeric);
      ticks_measure (ticks, space, 0, NULL);
      return;
    }

  stride = MAX (1, (n + MAX_TICKS - 2) / (MAX_TICKS - 1));
  stride = (int) lround (nice_step (stride));
  for (int attempt = 0; attempt < 16; attempt++)
    {
      scmm_figure_ticks_clear (ticks);
      for (int i = 0; i < n; i += stride)
        ticks_add (ticks, i + 0.5, g_markup_escape_text (labels[i], -1));

      ticks_measure (ticks, space, max_width, &label_height);
      if (stride * cell >= (space->horizontal ? ticks->extent + 2 * space->gap : label_height))
        break;
      stride = (int) lround (next_nice_step (stride));
    }
}
