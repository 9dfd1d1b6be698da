/* scmm-gl-shader.c: GLSL programs from the resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scmm-build-config.h"

#include <gio/gio.h>
#include <gdk/gdk.h>

#include "gl/scmm-gl-shader.h"
#include "scmm-resources.h"

/* GLSL 3.30 and ESSL 3.00 accept the same shaders once the precision is
 * given: the ones here use nothing of either beyond that. */
static const char desktop_header[] = "#version 330 core\n";
static const char es_header[] = "#version 300 es\nprecision highp float;\nprecision highp int;\n";

/* What the compiler or the linker said of a shader or a program. */
static char *
info_log (GLuint   object,
          gboolean is_program)
{
  GLint length = 0;
  char *log;

  if (is_program)
    glGetProgramiv (object, GL_INFO_LOG_LENGTH, &length);
  else
    glGetShaderiv (object, GL_INFO_LOG_LENGTH, &length);
  log = g_malloc0 ((gsize) MAX (length, 1));
  if (is_program)
    glGetProgramInfoLog (object, MAX (length, 1), NULL, log);
  else
    glGetShaderInfoLog (object, MAX (length, 1), NULL, log);
  return log;
}

static GLuint
compile (GLenum       type,
         const char  *name,
         const char  *defines,
         gboolean     use_es,
         GError     **error)
{
  g_autofree char *path = g_strconcat (SCMM_RESOURCE_BASE_PATH "/gl/", name, NULL);
  g_autoptr(GBytes) source = NULL;
  const char *sources[3];
  GLint lengths[3];
  GLuint shader;
  GLint ok = GL_FALSE;

  /* A test may draw figures without the application that registers them. */
  scmm_resources_ensure_registered ();
  source = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (source == NULL)
    return 0;

  sources[0] = use_es ? es_header : desktop_header;
  lengths[0] = -1;
  sources[1] = defines != NULL ? defines : "";
  lengths[1] = -1;
  sources[2] = g_bytes_get_data (source, NULL);
  lengths[2] = (GLint) g_bytes_get_size (source);

  shader = glCreateShader (type);
  glShaderSource (shader, 3, sources, lengths);
  glCompileShader (shader);
  glGetShaderiv (shader, GL_COMPILE_STATUS, &ok);
  if (!ok)
    {
      g_autofree char *log = info_log (shader, FALSE);

      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_COMPILATION_FAILED,
                   "The shader %s does not compile: %s", name, log);
      glDeleteShader (shader);
      return 0;
    }
  return shader;
}

GLuint
scmm_gl_shader_program_new (const char  *vertex_name,
                            const char  *fragment_name,
                            const char  *defines,
                            gboolean     use_es,
                            GError     **error)
{
  GLuint vertex, fragment, program;
  GLint ok = GL_FALSE;

  vertex = compile (GL_VERTEX_SHADER, vertex_name, defines, use_es, error);
  if (vertex == 0)
    return 0;
  fragment = compile (GL_FRAGMENT_SHADER, fragment_name, defines, use_es, error);
  if (fragment == 0)
    {
      glDeleteShader (vertex);
      return 0;
    }

  program = glCreateProgram ();
  glAttachShader (program, vertex);
  glAttachShader (program, fragment);
  glLinkProgram (program);
  glGetProgramiv (program, GL_LINK_STATUS, &ok);
  /* The program keeps what it needs: the shaders can go. */
  glDetachShader (program, vertex);
  glDetachShader (program, fragment);
  glDeleteShader (vertex);
  glDeleteShader (fragment);

  if (!ok)
    {
      g_autofree char *log = info_log (program, TRUE);

      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_LINK_FAILED,
                   "The shaders %s and %s do not link: %s", vertex_name, fragment_name, log);
      glDeleteProgram (program);
      return 0;
    }
  return program;
}
