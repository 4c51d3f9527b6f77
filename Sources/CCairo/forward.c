// One forwarder per Cairo function Quire and its tests call (see CCairo.h): each finds the library's function
// with dlsym at its first call and keeps it. A function Quire starts to use needs a line here; the
// link fails without one. The prototypes are those of cairo.h (1.16).
#include "CCairo.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void *handle;

// QUIRE_CAIRO_LIBRARY names another file to load instead: the tests of a missing library use it.
static void load(void) {
    const char *name = getenv("QUIRE_CAIRO_LIBRARY");
    handle = dlopen(name && *name ? name : "libcairo.so.2", RTLD_NOW | RTLD_LOCAL);
}

int quire_cairo_load(void) {
    pthread_once(&once, load);
    return handle != NULL;
}

// The address of `name` in the library. Callers check quire_cairo_load() first; should one not,
// the run ends with the error it would have reported rather than a crash.
static void *symbol(const char *name) {
    void *address = quire_cairo_load() ? dlsym(handle, name) : NULL;
    if (address == NULL) {
        fprintf(stderr, "error: drawing needs the Cairo library (libcairo.so.2), which cannot be loaded%s%s\n"
                        "hint: install it (on Debian: sudo apt-get install libcairo2), or run scripts/install-deps.sh\n",
                handle ? ": no " : "", handle ? name : "");
        exit(1);
    }
    return address;
}

// The library's function `name`, looked up once (racing threads find the same address).
#define QUIRE_CAIRO(name)                                                                \
    ({                                                                                   \
        static __typeof__(&name) cached;                                                 \
        __typeof__(&name) f = __atomic_load_n(&cached, __ATOMIC_ACQUIRE);                \
        if (f == NULL) {                                                                 \
            f = (__typeof__(&name))symbol(#name);                                        \
            __atomic_store_n(&cached, f, __ATOMIC_RELEASE);                              \
        }                                                                                \
        f;                                                                               \
    })

// Not exported from quire: the library's own calls of these names stay inside the library.
#define QUIRE_HIDDEN __attribute__((visibility("hidden")))

QUIRE_HIDDEN void cairo_arc(cairo_t *cr, double xc, double yc, double radius, double angle1, double angle2) { QUIRE_CAIRO(cairo_arc)(cr, xc, yc, radius, angle1, angle2); }
QUIRE_HIDDEN void cairo_clip(cairo_t *cr) { QUIRE_CAIRO(cairo_clip)(cr); }
QUIRE_HIDDEN void cairo_close_path(cairo_t *cr) { QUIRE_CAIRO(cairo_close_path)(cr); }
QUIRE_HIDDEN cairo_t * cairo_create(cairo_surface_t *target) { return QUIRE_CAIRO(cairo_create)(target); }
QUIRE_HIDDEN void cairo_destroy(cairo_t *cr) { QUIRE_CAIRO(cairo_destroy)(cr); }
QUIRE_HIDDEN void cairo_fill(cairo_t *cr) { QUIRE_CAIRO(cairo_fill)(cr); }
QUIRE_HIDDEN void cairo_fill_preserve(cairo_t *cr) { QUIRE_CAIRO(cairo_fill_preserve)(cr); }
QUIRE_HIDDEN void cairo_font_extents(cairo_t *cr, cairo_font_extents_t *extents) { QUIRE_CAIRO(cairo_font_extents)(cr, extents); }
QUIRE_HIDDEN cairo_font_options_t * cairo_font_options_create(void) { return QUIRE_CAIRO(cairo_font_options_create)(); }
QUIRE_HIDDEN void cairo_font_options_destroy(cairo_font_options_t *options) { QUIRE_CAIRO(cairo_font_options_destroy)(options); }
QUIRE_HIDDEN void cairo_font_options_set_antialias(cairo_font_options_t *options, cairo_antialias_t antialias) { QUIRE_CAIRO(cairo_font_options_set_antialias)(options, antialias); }
QUIRE_HIDDEN void cairo_font_options_set_hint_metrics(cairo_font_options_t *options, cairo_hint_metrics_t hint_metrics) { QUIRE_CAIRO(cairo_font_options_set_hint_metrics)(options, hint_metrics); }
QUIRE_HIDDEN void cairo_font_options_set_hint_style(cairo_font_options_t *options, cairo_hint_style_t hint_style) { QUIRE_CAIRO(cairo_font_options_set_hint_style)(options, hint_style); }
QUIRE_HIDDEN int cairo_format_stride_for_width(cairo_format_t format, int width) { return QUIRE_CAIRO(cairo_format_stride_for_width)(format, width); }
QUIRE_HIDDEN cairo_pattern_t * cairo_get_source(cairo_t *cr) { return QUIRE_CAIRO(cairo_get_source)(cr); }
QUIRE_HIDDEN cairo_surface_t * cairo_image_surface_create(cairo_format_t format, int width, int height) { return QUIRE_CAIRO(cairo_image_surface_create)(format, width, height); }
QUIRE_HIDDEN cairo_surface_t * cairo_image_surface_create_for_data(unsigned char *data, cairo_format_t format, int width, int height, int stride) { return QUIRE_CAIRO(cairo_image_surface_create_for_data)(data, format, width, height, stride); }
QUIRE_HIDDEN cairo_surface_t * cairo_image_surface_create_from_png(const char *filename) { return QUIRE_CAIRO(cairo_image_surface_create_from_png)(filename); }
QUIRE_HIDDEN unsigned char * cairo_image_surface_get_data(cairo_surface_t *surface) { return QUIRE_CAIRO(cairo_image_surface_get_data)(surface); }
QUIRE_HIDDEN cairo_format_t cairo_image_surface_get_format(cairo_surface_t *surface) { return QUIRE_CAIRO(cairo_image_surface_get_format)(surface); }
QUIRE_HIDDEN int cairo_image_surface_get_height(cairo_surface_t *surface) { return QUIRE_CAIRO(cairo_image_surface_get_height)(surface); }
QUIRE_HIDDEN int cairo_image_surface_get_stride(cairo_surface_t *surface) { return QUIRE_CAIRO(cairo_image_surface_get_stride)(surface); }
QUIRE_HIDDEN int cairo_image_surface_get_width(cairo_surface_t *surface) { return QUIRE_CAIRO(cairo_image_surface_get_width)(surface); }
QUIRE_HIDDEN void cairo_line_to(cairo_t *cr, double x, double y) { QUIRE_CAIRO(cairo_line_to)(cr, x, y); }
QUIRE_HIDDEN void cairo_move_to(cairo_t *cr, double x, double y) { QUIRE_CAIRO(cairo_move_to)(cr, x, y); }
QUIRE_HIDDEN void cairo_new_path(cairo_t *cr) { QUIRE_CAIRO(cairo_new_path)(cr); }
QUIRE_HIDDEN void cairo_new_sub_path(cairo_t *cr) { QUIRE_CAIRO(cairo_new_sub_path)(cr); }
QUIRE_HIDDEN void cairo_paint(cairo_t *cr) { QUIRE_CAIRO(cairo_paint)(cr); }
QUIRE_HIDDEN void cairo_pattern_add_color_stop_rgba(cairo_pattern_t *pattern, double offset, double red, double green, double blue, double alpha) { QUIRE_CAIRO(cairo_pattern_add_color_stop_rgba)(pattern, offset, red, green, blue, alpha); }
QUIRE_HIDDEN cairo_pattern_t * cairo_pattern_create_linear(double x0, double y0, double x1, double y1) { return QUIRE_CAIRO(cairo_pattern_create_linear)(x0, y0, x1, y1); }
QUIRE_HIDDEN void cairo_pattern_destroy(cairo_pattern_t *pattern) { QUIRE_CAIRO(cairo_pattern_destroy)(pattern); }
QUIRE_HIDDEN void cairo_pattern_set_extend(cairo_pattern_t *pattern, cairo_extend_t extend) { QUIRE_CAIRO(cairo_pattern_set_extend)(pattern, extend); }
QUIRE_HIDDEN void cairo_pattern_set_filter(cairo_pattern_t *pattern, cairo_filter_t filter) { QUIRE_CAIRO(cairo_pattern_set_filter)(pattern, filter); }
QUIRE_HIDDEN cairo_surface_t * cairo_pdf_surface_create(const char *filename, double width_in_points, double height_in_points) { return QUIRE_CAIRO(cairo_pdf_surface_create)(filename, width_in_points, height_in_points); }
QUIRE_HIDDEN void cairo_rectangle(cairo_t *cr, double x, double y, double width, double height) { QUIRE_CAIRO(cairo_rectangle)(cr, x, y, width, height); }
QUIRE_HIDDEN void cairo_restore(cairo_t *cr) { QUIRE_CAIRO(cairo_restore)(cr); }
QUIRE_HIDDEN void cairo_rotate(cairo_t *cr, double angle) { QUIRE_CAIRO(cairo_rotate)(cr, angle); }
QUIRE_HIDDEN void cairo_save(cairo_t *cr) { QUIRE_CAIRO(cairo_save)(cr); }
QUIRE_HIDDEN void cairo_scale(cairo_t *cr, double sx, double sy) { QUIRE_CAIRO(cairo_scale)(cr, sx, sy); }
QUIRE_HIDDEN void cairo_select_font_face(cairo_t *cr, const char *family, cairo_font_slant_t slant, cairo_font_weight_t weight) { QUIRE_CAIRO(cairo_select_font_face)(cr, family, slant, weight); }
QUIRE_HIDDEN void cairo_set_antialias(cairo_t *cr, cairo_antialias_t antialias) { QUIRE_CAIRO(cairo_set_antialias)(cr, antialias); }
QUIRE_HIDDEN void cairo_set_font_options(cairo_t *cr, const cairo_font_options_t *options) { QUIRE_CAIRO(cairo_set_font_options)(cr, options); }
QUIRE_HIDDEN void cairo_set_font_size(cairo_t *cr, double size) { QUIRE_CAIRO(cairo_set_font_size)(cr, size); }
QUIRE_HIDDEN void cairo_set_line_cap(cairo_t *cr, cairo_line_cap_t line_cap) { QUIRE_CAIRO(cairo_set_line_cap)(cr, line_cap); }
QUIRE_HIDDEN void cairo_set_line_join(cairo_t *cr, cairo_line_join_t line_join) { QUIRE_CAIRO(cairo_set_line_join)(cr, line_join); }
QUIRE_HIDDEN void cairo_set_line_width(cairo_t *cr, double width) { QUIRE_CAIRO(cairo_set_line_width)(cr, width); }
QUIRE_HIDDEN void cairo_set_source(cairo_t *cr, cairo_pattern_t *source) { QUIRE_CAIRO(cairo_set_source)(cr, source); }
QUIRE_HIDDEN void cairo_set_source_rgb(cairo_t *cr, double red, double green, double blue) { QUIRE_CAIRO(cairo_set_source_rgb)(cr, red, green, blue); }
QUIRE_HIDDEN void cairo_set_source_rgba(cairo_t *cr, double red, double green, double blue, double alpha) { QUIRE_CAIRO(cairo_set_source_rgba)(cr, red, green, blue, alpha); }
QUIRE_HIDDEN void cairo_set_source_surface(cairo_t *cr, cairo_surface_t *surface, double x, double y) { QUIRE_CAIRO(cairo_set_source_surface)(cr, surface, x, y); }
QUIRE_HIDDEN void cairo_show_text(cairo_t *cr, const char *utf8) { QUIRE_CAIRO(cairo_show_text)(cr, utf8); }
QUIRE_HIDDEN cairo_status_t cairo_status(cairo_t *cr) { return QUIRE_CAIRO(cairo_status)(cr); }
QUIRE_HIDDEN const char * cairo_status_to_string(cairo_status_t status) { return QUIRE_CAIRO(cairo_status_to_string)(status); }
QUIRE_HIDDEN void cairo_stroke(cairo_t *cr) { QUIRE_CAIRO(cairo_stroke)(cr); }
QUIRE_HIDDEN void cairo_surface_destroy(cairo_surface_t *surface) { QUIRE_CAIRO(cairo_surface_destroy)(surface); }
QUIRE_HIDDEN void cairo_surface_finish(cairo_surface_t *surface) { QUIRE_CAIRO(cairo_surface_finish)(surface); }
QUIRE_HIDDEN void cairo_surface_flush(cairo_surface_t *surface) { QUIRE_CAIRO(cairo_surface_flush)(surface); }
QUIRE_HIDDEN cairo_status_t cairo_surface_status(cairo_surface_t *surface) { return QUIRE_CAIRO(cairo_surface_status)(surface); }
QUIRE_HIDDEN cairo_status_t cairo_surface_write_to_png(cairo_surface_t *surface, const char *filename) { return QUIRE_CAIRO(cairo_surface_write_to_png)(surface, filename); }
QUIRE_HIDDEN cairo_surface_t * cairo_svg_surface_create(const char *filename, double width_in_points, double height_in_points) { return QUIRE_CAIRO(cairo_svg_surface_create)(filename, width_in_points, height_in_points); }
QUIRE_HIDDEN cairo_surface_t * cairo_svg_surface_create_for_stream(cairo_write_func_t write_func, void *closure, double width_in_points, double height_in_points) { return QUIRE_CAIRO(cairo_svg_surface_create_for_stream)(write_func, closure, width_in_points, height_in_points); }
QUIRE_HIDDEN void cairo_text_extents(cairo_t *cr, const char *utf8, cairo_text_extents_t *extents) { QUIRE_CAIRO(cairo_text_extents)(cr, utf8, extents); }
QUIRE_HIDDEN void cairo_translate(cairo_t *cr, double tx, double ty) { QUIRE_CAIRO(cairo_translate)(cr, tx, ty); }
