/* scmm-figure-text.c: a figure's text, measured and drawn with Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text is measured with Pango using unhinted metrics and absolute sizes, so
 * the layout is the same on screen, in a PNG, an SVG or a PDF, whatever the
 * screen's font options; those only change how glyphs are rasterised.
 */

#include "gl/scmm-figure-private.h"

/* A context whose metrics do not depend on the output: unhinted, with
 * unrounded glyph positions. `options` (may be NULL) brings the screen's
 * antialiasing and hinting of outlines. */
PangoContext *
scmm_figure_text_create_context (const cairo_font_options_t *options)
{
  PangoContext *pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *merged = options != NULL ? cairo_font_options_copy (options)
                                                 : cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (merged, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango, merged);
  pango_context_set_round_glyph_positions (pango, FALSE);
  pango_context_set_base_dir (pango, PANGO_DIRECTION_LTR);
  cairo_font_options_destroy (merged);

  return pango;
}

/* A layout of `text` (plain, or Pango markup when `markup`) at `size`
 * device units; max_width > 0 ellipsizes it to that width. */
PangoLayout *
scmm_figure_text_make (PangoContext *pango,
                       const char   *text,
                       gboolean      markup,
                       double        size,
                       gboolean      bold,
                       double        max_width)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  return layout;
}

void
scmm_figure_text_size (PangoLayout *layout,
                       double      *width,
                       double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (double) PANGO_SCALE;
  if (height != NULL)
    *height = logical.height / (double) PANGO_SCALE;
}

double
scmm_figure_text_measure_width (PangoContext *pango,
                                const char   *text,
                                gboolean      markup,
                                double        size,
                                gboolean      bold,
                                double        max_width)
{
  g_autoptr(PangoLayout) layout = scmm_figure_text_make (pango, text, markup, size, bold, max_width);
  double width;

  scmm_figure_text_size (layout, &width, NULL);
  return width;
}

double
scmm_figure_text_line_height (PangoContext *pango,
                              double        size,
                              gboolean      bold)
{
  g_autoptr(PangoLayout) layout = scmm_figure_text_make (pango, "Ag", FALSE, size, bold, 0);
  double height;

  scmm_figure_text_size (layout, NULL, &height);
  return height;
}

static double
align_factor (Align align)
{
  return align == ALIGN_START ? 0.0 : align == ALIGN_CENTRE ? 0.5 : 1.0;
}

/* Draws the layout with its box aligned on (x, y); vertical text reads
 * bottom to top, and its alignments are those of the rotated box. */
void
scmm_figure_text_show (cairo_t     *cr,
                       PangoLayout *layout,
                       double       x,
                       double       y,
                       Align        halign,
                       Align        valign,
                       gboolean     vertical)
{
  double width, height;

  scmm_figure_text_size (layout, &width, &height);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  if (vertical)
    {
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, -(1.0 - align_factor (valign)) * width, -align_factor (halign) * height);
    }
  else
    {
      cairo_move_to (cr, -align_factor (halign) * width, -align_factor (valign) * height);
    }
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}
