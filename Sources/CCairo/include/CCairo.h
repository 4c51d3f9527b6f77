// Cairo (Debian's libcairo2, which libcairo2-dev installs) is not linked: forward.c loads
// libcairo.so.2 with dlopen at the first drawing. Linked, the dynamic loader would load it and the
// fifteen libraries it pulls in (pixman, freetype, fontconfig, the X11 client libraries...) at
// every start of quire: about 0.9 ms of a run that draws nothing.
//
// Swift calls the functions by their own names, as declared here; forward.c defines each one
// Quire uses, calling the library's function of that name.
#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
#include <cairo/cairo-pdf.h>

/// Loads libcairo.so.2 if it is not loaded yet: 1 when it is loaded, 0 when it cannot be. Call it
/// before any cairo_ function: those end the process with an error when the library is missing.
int quire_cairo_load(void);
