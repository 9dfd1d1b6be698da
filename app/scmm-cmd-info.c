/* scmm-cmd-info.c: `scmm info`, a corpus summarised. */
#include <stdlib.h>

#include "scmm-cmd.h"
#include "scmm-corpus-info.h"
#include "scmm-demo.h"

int
scmm_cmd_info (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "One JSON object, for programs", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("CORPUS.h5 - summarise a corpus");
  g_option_context_set_summary (context,
    "Prints a corpus store's subjects, sessions, trials, windows, channels, bands and\n"
    "classes. CORPUS may also be a built-in demo corpus: demo:seed or demo:deap.\n"
    "The JSON has subjects, sessions, trials, windows, channels, bands and classes\n"
    "(the name and window count of each), and more.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!scmm_cmd_parse_options (context, "info", &argc, &argv, 1))
    return SCMM_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr ("scmm info: name a corpus store (or demo:seed, demo:deap)\n"
                  "Try “scmm info --help”.\n");
      return SCMM_EXIT_USAGE;
    }
  GError *error = NULL;
  g_autoptr (ScmmCorpus) corpus = scmm_corpus_open (argv[1], &error);
  if (corpus == NULL)
    return scmm_cmd_fail (error);
  g_autofree char *text = json ? scmm_corpus_to_json (corpus) : scmm_corpus_describe (corpus);
  g_print ("%s%s", text, json ? "\n" : "");
  return EXIT_SUCCESS;
}
