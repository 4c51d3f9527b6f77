// OpenBLAS (Debian's libopenblas-dev), reached through pkg-config's `openblas` entry, which adds
// the include folder of the threading variant Debian selected (openblas-pthread).
#include <cblas.h>
