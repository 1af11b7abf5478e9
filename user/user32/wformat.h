/* wsprintf's formatting engine (wformat.c), shared by user32's wsprintf
 * family and shlwapi's wnsprintf (which is compiled with it). */
#ifndef NTMM_WFORMAT_H
#define NTMM_WFORMAT_H

#include <stdarg.h>
#include "inc/ntguest.h"

/* Formats spec into buffer (WCHARs when wide, else bytes) holding max
 * units with the NUL; the units written without the NUL, or -1 when the
 * output filled the buffer (it is cut there and terminated). */
int WformatV(BOOL wide, void *buffer, unsigned int max, const void *spec, va_list args);

#endif
