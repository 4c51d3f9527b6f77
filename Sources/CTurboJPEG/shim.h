// TurboJPEG reports errors as return codes (it keeps libjpeg's setjmp inside the C library),
// which Swift can handle; plain libjpeg's error_exit must never return, which Swift cannot honour.
#include <turbojpeg.h>
