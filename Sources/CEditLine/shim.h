// libedit's el_set, el_get and history are C variadic functions, which Swift cannot call;
// the REPL reaches them through the small static inline wrappers below.
#include <stdio.h>
#include <histedit.h>
