/* scmm-figure.c: being written. */
#include "gl/scmm-figure.h"
