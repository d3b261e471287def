#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H
/* The 8-bit library: Swift calls the _8 functions, since the unsuffixed names are macros. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* PCRE2_ZERO_TERMINATED is ~(PCRE2_SIZE)0, a macro Swift cannot import. */
static inline PCRE2_SIZE cpcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
/* PCRE2_UNSET marks an unset ovector entry. */
static inline PCRE2_SIZE cpcre2_unset(void) { return PCRE2_UNSET; }
#endif
