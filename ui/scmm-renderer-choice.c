/* scmm-renderer-choice.c: cairo instead of software OpenGL. */
#include "scmm-renderer-choice.h"

#include <epoxy/gl.h>

/* The renderer string of the display's OpenGL, or NULL without OpenGL. */
static char *
gl_renderer_name (GdkDisplay *display)
{
  g_autoptr (GdkGLContext) context = NULL;
  g_autoptr (GError) error = NULL;
  const char *name;
  char *copy = NULL;

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    return NULL;
  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  if (name != NULL)
    copy = g_strdup (name);
  gdk_gl_context_clear_current ();
  return copy;
}

static gboolean
is_software (const char *renderer)
{
  static const char *const software[] = { "llvmpipe", "softpipe", "swrast", "Software Rasterizer", NULL };

  for (int i = 0; software[i] != NULL; i++)
    if (strstr (renderer, software[i]) != NULL)
      return TRUE;
  return FALSE;
}

char *
scmm_renderer_prefer_cairo_on_software_gl (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autofree char *renderer = NULL;

  if (display == NULL || g_getenv ("GSK_RENDERER") != NULL)
    return NULL;
  renderer = gl_renderer_name (display);
  if (renderer == NULL || !is_software (renderer))
    return NULL;
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  return g_steal_pointer (&renderer);
}
