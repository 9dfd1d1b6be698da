/* scmm-cmd.h: what the `scmm` commands share: exit codes, option parsing,
 * error reporting. Each command lives in its own scmm-cmd-*.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum { SCMM_EXIT_USAGE = 2 };

/* Prints the error ("scmm: message"), frees it, returns EXIT_FAILURE. */
int      scmm_cmd_fail          (GError *error);
/* Parses options, leaving at most `max_arguments` arguments after them; on a
 * usage error prints it with a hint and returns FALSE. */
gboolean scmm_cmd_parse_options (GOptionContext *context, const char *command, int *argc,
                                 char ***argv, int max_arguments);
/* A threads option's value: 0 (all processors) to 1024. */
gboolean scmm_cmd_check_threads (const char *command, int threads);

int scmm_cmd_step    (int argc, char **argv);
int scmm_cmd_bench   (int argc, char **argv);
int scmm_cmd_import  (int argc, char **argv);
int scmm_cmd_info    (int argc, char **argv);
int scmm_cmd_run     (int argc, char **argv);
int scmm_cmd_embedding (int argc, char **argv);
int scmm_cmd_version (int argc, char **argv);

G_END_DECLS
