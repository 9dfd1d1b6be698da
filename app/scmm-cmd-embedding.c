/* scmm-cmd-embedding.c: `scmm embedding`, a run's embedding map (encoder
 * outputs before and after pre-training, projected to 2-D) as CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "scmm-blas.h"
#include "scmm-cmd.h"
#include "scmm-embedding-map.h"

static const char *const stage_words[] = {
  [SCMM_EMBEDDING_STAGE_LOADING] = "opening the corpora",
  [SCMM_EMBEDDING_STAGE_ENCODING] = "encoding",
  [SCMM_EMBEDDING_STAGE_PROJECTING] = "projecting",
  [SCMM_EMBEDDING_STAGE_MEASURING] = "measuring",
};

static gboolean
show_progress (ScmmEmbeddingStage stage, ScmmEmbeddingModel model, double fraction,
               gpointer user_data)
{
  /* Loading is of both models at once: no "before" or "after" to name. */
  if (stage == SCMM_EMBEDDING_STAGE_LOADING)
    g_printerr ("\r\033[K%3d%%  %s", (int) (100 * fraction + 0.5), stage_words[stage]);
  else
    g_printerr ("\r\033[K%3d%%  %s (the model %s pre-training)", (int) (100 * fraction + 0.5),
                stage_words[stage], scmm_embedding_model_to_string (model));
  return TRUE;
}

int
scmm_cmd_embedding (int argc, char **argv)
{
  ScmmEmbeddingMapOptions options = scmm_embedding_map_options_default ();
  g_autofree char *projection = NULL, *method_name = NULL, *output = NULL;
  gint64 seed = (gint64) options.seed;
  int threads = 0;
  GOptionEntry entries[] = {
    { "method", 'm', 0, G_OPTION_ARG_STRING, &projection, "The projection: pca (default) or tsne", "pca|tsne" },
    { "per-corpus", 'n', 0, G_OPTION_ARG_INT, &options.per_corpus, "Windows of each corpus (default: 500; t-SNE at most 1500)", "N" },
    { "method-name", 0, 0, G_OPTION_ARG_STRING, &method_name, "The run's method whose pre-training is shown (default: the first pre-trained one)", "NAME" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the windows drawn and of t-SNE's start (default: 42)", "S" },
    { "neighbours", 'k', 0, G_OPTION_ARG_INT, &options.neighbours, "Neighbours counted by the purity scores (default: 10)", "K" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "OpenBLAS threads (default: all processors)", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the CSV to FILE (default: standard output)", "FILE.csv" },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new ("RUN_DIR - the embedding map of a run, before and after pre-training");
  g_option_context_set_summary (context,
    "Puts the same windows of the source and the target corpus through the encoder as the\n"
    "run initialised it and as pre-training left it (<method>/pretrained.h5), projects\n"
    "each model's encoder outputs h to 2-D (PCA fitted per model, or exact t-SNE from the\n"
    "same seed), and writes the points as CSV with the header\n"
    "  model,corpus,class,x,y\n"
    "(model: before or after; corpus: source or target; class: empty when unlabelled).\n"
    "A summary goes to standard error (standard output with --output): the explained\n"
    "variance of the PCA axes, and the k-nearest-neighbour purity of the corpora and of\n"
    "the target's classes in h and in the map (chance level given).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!scmm_cmd_parse_options (context, "embedding", &argc, &argv, 1))
    return SCMM_EXIT_USAGE;
  if (argc < 2)
    {
      g_printerr ("scmm embedding: name a run folder\nTry “scmm embedding --help”.\n");
      return SCMM_EXIT_USAGE;
    }
  if (projection != NULL
      && !scmm_embedding_projection_from_string (projection, &options.projection))
    {
      g_printerr ("scmm embedding: --method is pca or tsne, not “%s”\n", projection);
      return SCMM_EXIT_USAGE;
    }
  if (seed < 0)
    {
      g_printerr ("scmm embedding: --seed must not be negative\n");
      return SCMM_EXIT_USAGE;
    }
  if (!scmm_cmd_check_threads ("embedding", threads))
    return SCMM_EXIT_USAGE;
  options.seed = (uint64_t) seed;

  GError *error = NULL;
  /* An option out of range is a wrong command line, told before any work. */
  if (!scmm_embedding_map_options_check (&options, &error))
    {
      g_printerr ("scmm embedding: %s\nTry “scmm embedding --help”.\n", error->message);
      g_error_free (error);
      return SCMM_EXIT_USAGE;
    }
  if (output != NULL)
    {
      /* Found out before the work, not after it. */
      g_autofree char *folder = g_path_get_dirname (output);
      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_printerr ("scmm: %s: cannot write the CSV: there is no folder %s\n", output, folder);
          return EXIT_FAILURE;
        }
    }
  scmm_blas_set_threads (threads);

  gboolean tty = isatty (fileno (stderr));
  g_autoptr (ScmmEmbeddingMap) map =
    scmm_embedding_map_compute_run (argv[1], method_name, &options,
                                    tty ? show_progress : NULL, NULL, &error);
  if (tty)
    g_printerr ("\r\033[K");
  if (map == NULL)
    return scmm_cmd_fail (error);
  g_autofree char *csv = scmm_embedding_map_to_csv (map);
  g_autofree char *summary = scmm_embedding_map_describe (map);
  if (output == NULL)
    {
      /* A full disk or a closed pipe is a failure, not a short CSV. */
      if (fputs (csv, stdout) == EOF || fflush (stdout) != 0)
        {
          g_printerr ("scmm: cannot write the CSV to standard output\n");
          return EXIT_FAILURE;
        }
      g_printerr ("%s", summary);
      return EXIT_SUCCESS;
    }
  if (!g_file_set_contents (output, csv, -1, &error))
    {
      g_prefix_error (&error, "%s: cannot write the CSV: ", output);
      return scmm_cmd_fail (error);
    }
  g_print ("%swrote %s\n", summary, output);
  return EXIT_SUCCESS;
}
