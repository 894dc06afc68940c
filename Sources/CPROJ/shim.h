// PROJ 9 C API: one PJ_CONTEXT per thread.
#include <proj.h>
