/* scmm-figure-theme.c: a figure's colours, for a white background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The theme's colours (text, axes, grid, placeholder, missing values), the
 * series' palette, and the text colour that reads on a coloured cell. The
 * colormaps are in scmm-colormap.c.
 */

#include <math.h>

#include "gl/scmm-figure-private.h"

/* The theme, for a white background. */
const Rgb scmm_figure_theme_background = RGB_HEX (0xffffff);
const Rgb scmm_figure_theme_text = RGB_HEX (0x1f1f1f);
const Rgb scmm_figure_theme_axis = RGB_HEX (0x595959);
const Rgb scmm_figure_theme_grid = RGB_HEX (0xe6e6e6);
const Rgb scmm_figure_theme_placeholder = RGB_HEX (0x8c8c8c);
const Rgb scmm_figure_theme_missing = RGB_HEX (0xbdbdbd);    /* NaN cells */
/* What stands out: highlighted bars, a heatmap's selected row. */
const Rgb scmm_figure_theme_highlight = RGB_HEX (0xd55e00);
/* Bars that are not highlighted. */
const Rgb scmm_figure_theme_bar = RGB_HEX (0x4c72b0);

/* Okabe and Ito's colour-blind-safe palette, reordered for a white
 * background; their yellow (#F0E442) is left out, it vanishes on white. */
const Rgb scmm_figure_theme_line_palette[] = {
  RGB_HEX (0x0072b2),   /* blue */
  RGB_HEX (0xd55e00),   /* vermillion */
  RGB_HEX (0x009e73),   /* bluish green */
  RGB_HEX (0xe69f00),   /* orange */
  RGB_HEX (0xcc79a7),   /* reddish purple */
  RGB_HEX (0x56b4e9),   /* sky blue */
  RGB_HEX (0x000000),   /* black */
};
const guint scmm_figure_theme_n_line_colours = G_N_ELEMENTS (scmm_figure_theme_line_palette);

void
scmm_figure_theme_set_source (cairo_t   *cr,
                              const Rgb *colour)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
}

/* WCAG relative luminance. */
static double
luminance (const double rgb[3])
{
  double lin[3];

  for (int i = 0; i < 3; i++)
    lin[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

/* Dark or white text, whichever contrasts more with the background. */
Rgb
scmm_figure_theme_text_colour_on (const double background[3])
{
  static const Rgb white = RGB_HEX (0xffffff);
  double l = luminance (background);
  double dark_contrast = (l + 0.05) / (0.0137 + 0.05);   /* 0.0137: scmm_figure_theme_text's luminance */
  double light_contrast = 1.05 / (l + 0.05);

  return dark_contrast >= light_contrast ? scmm_figure_theme_text : white;
}

const Rgb *
scmm_figure_theme_palette_colour (int index)
{
  guint n = scmm_figure_theme_n_line_colours;

  return &scmm_figure_theme_line_palette[(guint) ABS (index) % n];
}
