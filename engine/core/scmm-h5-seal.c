/* scmm-h5-seal.c: a checksum seal in an HDF5 file's user block. */
#include "scmm-h5-seal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "scmm-error.h"

#define SEAL_MAGIC "SCMM-SEAL 1\n"

/* SHA-256 and length of the bytes after the user block. */
static char *
digest_after_user_block (FILE *f, const char *shown, gint64 *bytes, GError **error)
{
  if (fseek (f, SCMM_H5_SEAL_SIZE, SEEK_SET) != 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT, "%s: too short to be a sealed file", shown);
      return NULL;
    }
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar buffer[1 << 16];
  size_t n;
  *bytes = 0;
  while ((n = fread (buffer, 1, sizeof buffer, f)) > 0)
    {
      g_checksum_update (sum, buffer, n);
      *bytes += (gint64) n;
    }
  char *hex = ferror (f) ? NULL : g_strdup (g_checksum_get_string (sum));
  g_checksum_free (sum);
  if (hex == NULL)
    g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: read error", shown);
  return hex;
}

gboolean
scmm_h5_seal (const char *path, const char *shown, GError **error)
{
  FILE *f = fopen (path, "r+b");
  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: cannot be sealed: %s", shown,
                   g_strerror (saved));
      return FALSE;
    }
  gint64 bytes = 0;
  g_autofree char *hex = digest_after_user_block (f, shown, &bytes, error);
  gboolean ok = hex != NULL;
  if (ok)
    {
      char block[SCMM_H5_SEAL_SIZE] = { 0 };
      g_snprintf (block, sizeof block, SEAL_MAGIC "sha256 %s\nbytes %" G_GINT64_FORMAT "\n", hex,
                  bytes);
      ok = fseek (f, 0, SEEK_SET) == 0 && fwrite (block, 1, sizeof block, f) == sizeof block;
      if (!ok)
        g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: cannot be sealed (disk full?)", shown);
    }
  if (fclose (f) != 0 && ok)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: cannot be sealed (disk full?)", shown);
      ok = FALSE;
    }
  return ok;
}

gboolean
scmm_h5_verify_seal (const char *path, GError **error)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  char block[SCMM_H5_SEAL_SIZE + 1] = { 0 };
  size_t got = fread (block, 1, SCMM_H5_SEAL_SIZE, f);
  char want_hex[65] = { 0 };
  gint64 want_bytes = -1;
  gboolean sealed = got == SCMM_H5_SEAL_SIZE && strncmp (block, SEAL_MAGIC, strlen (SEAL_MAGIC)) == 0
                    && sscanf (block + strlen (SEAL_MAGIC), "sha256 %64[0-9a-f]\nbytes %" G_GINT64_FORMAT,
                               want_hex, &want_bytes) == 2
                    && strlen (want_hex) == 64;
  if (!sealed)
    {
      fclose (f);
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: not written by SCMM Studio, or damaged at its start (no seal)", path);
      return FALSE;
    }
  gint64 bytes = 0;
  g_autofree char *hex = digest_after_user_block (f, path, &bytes, error);
  fclose (f);
  if (hex == NULL)
    return FALSE;
  if (bytes != want_bytes || strcmp (hex, want_hex) != 0)
    {
      g_set_error (error, SCMM_ERROR, SCMM_ERROR_FORMAT,
                   "%s: damaged: its contents do not match its seal (%" G_GINT64_FORMAT
                   " bytes, sealed with %" G_GINT64_FORMAT "; truncated, or changed by another "
                   "program?)", path, bytes, want_bytes);
      return FALSE;
    }
  return TRUE;
}
