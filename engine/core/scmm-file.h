/* scmm-file.h: small file utilities. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SHA-256 of a file as lowercase hex; *bytes (may be NULL) its size. */
char *scmm_file_sha256 (const char *path, gint64 *bytes, GError **error);

G_END_DECLS
