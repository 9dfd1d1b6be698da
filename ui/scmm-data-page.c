/* scmm-data-page.c: being written. */
#include "scmm-data-page.h"
