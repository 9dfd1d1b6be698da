/* fuzz-file.h: the readers that take a path get the fuzzer's bytes through
 * one temporary file per process. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <unistd.h>

static inline const char *
fuzz_write_file (const char *suffix, const uint8_t *data, size_t size)
{
  static char *path;
  if (path == NULL)
    {
      const char *dir = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
      path = g_strdup_printf ("%s/scmm-fuzz-%d%s", dir, (int) getpid (), suffix);
    }
  g_assert (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  return path;
}
