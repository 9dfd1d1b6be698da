/* scmm-h5-seal.h: a checksum seal in an HDF5 file's user block.
 *
 * HDF5 1.10 trusts the bytes of a file: a damaged file can make it read out
 * of bounds or loop forever (found by fuzzing the corpus store). Files that
 * only SCMM Studio writes therefore carry a seal in HDF5's user block, the
 * first 512 bytes, which HDF5 itself skips (h5py and h5dump read the file as
 * usual):
 *   "SCMM-SEAL 1\n" "sha256 <64 hex digits>\n" "bytes <n>\n", zero-padded,
 * the SHA-256 and the length of everything after the user block. A sealed
 * file is verified before HDF5 parses it, so damage is reported as damage. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SCMM_H5_SEAL_SIZE 512

/* Writes the seal of a file created with a SCMM_H5_SEAL_SIZE user block. */
gboolean scmm_h5_seal        (const char *path, const char *shown_path, GError **error);
/* Checks a file's seal; the error says whether it is missing or broken. */
gboolean scmm_h5_verify_seal (const char *path, GError **error);

G_END_DECLS
