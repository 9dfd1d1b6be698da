/* scmm-figure-view.c: being written. */
#include "scmm-figure-view.h"
