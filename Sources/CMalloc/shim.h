// glibc's malloc tuning (mallopt), which the Glibc module does not import; part of the C library,
// nothing to link. Used by QuireSupport's Memory.keepFreedBuffers.
#include <malloc.h>
