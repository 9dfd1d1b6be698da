/* scmm-figure-export.c: a figure written to PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same drawing as on screen, into a cairo surface of the format the
 * file's extension names, rendered to memory first and then written to the
 * file in one go; every error names the file.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "scmm-error.h"

#include "gl/scmm-figure-private.h"

typedef enum {
  FORMAT_UNKNOWN,
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} ExportFormat;

static ExportFormat
format_for_path (const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);
  const char *dot = strrchr (basename, '.');

  if (dot == NULL)
    return FORMAT_UNKNOWN;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return FORMAT_PNG;
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return FORMAT_SVG;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return FORMAT_PDF;
  return FORMAT_UNKNOWN;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_file (const char  *path,
            GByteArray  *bytes,
            GError     **error)
{
  FILE *file = g_fopen (path, "wb");
  int saved_errno;

  if (file == NULL)
    {
      saved_errno = errno;
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, _("%s: cannot write the figure: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (fwrite (bytes->data, 1, bytes->len, file) != bytes->len)
    {
      saved_errno = errno;
      fclose (file);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, _("%s: cannot write the figure: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (fclose (file) != 0)
    {
      saved_errno = errno;
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, _("%s: cannot write the figure: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
scmm_figure_export (const ScmmFigure  *figure,
                    const char        *path,
                    int                width,
                    int                height,
                    GError           **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  PangoContext *pango;
  ExportFormat format;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (figure != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = format_for_path (path);
  if (format == FORMAT_UNKNOWN)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   _("%s: unknown figure format: the name must end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_INVALID_ARGUMENT,
                   _("%s: cannot export a figure of %d × %d (each side from 1 to 16384)"), path, width, height);
      return FALSE;
    }

  bytes = g_byte_array_new ();
  switch (format)
    {
    case FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      break;

    case FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "SCMM Studio");
      if (scmm_figure_has_text (figure->title))
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, figure->title);
      break;

    case FORMAT_PNG:
    case FORMAT_UNKNOWN:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      break;
    }

  /* Text for files: greyscale antialiasing, no hinting, as a printer would. */
  {
    cairo_font_options_t *options = cairo_font_options_create ();

    cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    pango = scmm_figure_text_create_context (options);
    cairo_font_options_destroy (options);
  }

  cr = cairo_create (surface);
  scmm_figure_draw_with_context (figure, cr, pango, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  g_object_unref (pango);

  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FAILED, _("%s: cannot draw the figure: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  return write_file (path, bytes, error);
}
