/* scmm-cmd.c: what the `scmm` commands share. */
#include "scmm-cmd.h"

#include <stdlib.h>

int
scmm_cmd_fail (GError *error)
{
  g_printerr ("scmm: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

gboolean
scmm_cmd_parse_options (GOptionContext *context, const char *command, int *argc, char ***argv,
                        int max_arguments)
{
  GError *error = NULL;
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("scmm %s: %s\nTry “scmm %s --help”.\n", command, error->message, command);
      g_error_free (error);
      return FALSE;
    }
  if (*argc > 1 + max_arguments)
    {
      g_printerr ("scmm %s: unexpected argument “%s”\nTry “scmm %s --help”.\n", command,
                  (*argv)[1 + max_arguments], command);
      return FALSE;
    }
  return TRUE;
}

gboolean
scmm_cmd_check_threads (const char *command, int threads)
{
  if (threads >= 0 && threads <= 1024)
    return TRUE;
  g_printerr ("scmm %s: --threads must be between 1 and 1024 (0: all processors)\n", command);
  return FALSE;
}
