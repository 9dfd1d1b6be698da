/* scmm-resources.c: the UI's compiled-in GResource bundle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-resources.h"

#include "scmm-resources-bundle.h"

/* The bundle is compiled with --manual-register: its automatic constructor
 * would live in an object file of a static library that nothing references,
 * and the linker would drop it. Every class that loads from the bundle calls
 * this first; registering twice is harmless but wasteful, hence the once. */
void
scmm_resources_ensure_registered (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      scmm_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
