/* scmm-file.c: small file utilities. */
#include "scmm-file.h"

#include <errno.h>
#include <stdio.h>

#include "scmm-error.h"

char *
scmm_file_sha256 (const char *path, gint64 *bytes, GError **error)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: cannot be read: %s", path,
                   g_strerror (saved));
      return NULL;
    }
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar buffer[1 << 16];
  gint64 total = 0;
  size_t n;
  while ((n = fread (buffer, 1, sizeof buffer, f)) > 0)
    {
      g_checksum_update (sum, buffer, n);
      total += (gint64) n;
    }
  gboolean failed = ferror (f);
  fclose (f);
  if (failed)
    {
      g_checksum_free (sum);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: read error", path);
      return NULL;
    }
  char *hex = g_strdup (g_checksum_get_string (sum));
  g_checksum_free (sum);
  if (bytes != NULL)
    *bytes = total;
  return hex;
}
