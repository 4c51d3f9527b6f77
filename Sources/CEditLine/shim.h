// libedit's el_set, el_get and history are C variadic functions, which Swift cannot call;
// the REPL reaches them through the small static inline wrappers below, one per use.
#include <stdio.h>
#include <string.h>
#include <locale.h>
#include <langinfo.h>
#include <sys/ioctl.h>
#include <histedit.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>
#include <wchar.h>

/// Makes the C library decode UTF-8 input: libedit drops non-ASCII keys in the "C" locale.
/// Uses the user's locale when it is UTF-8, and C.UTF-8 otherwise.
static inline void quire_use_utf8_locale(void) {
    const char *locale = setlocale(LC_CTYPE, "");
    if (locale == NULL || strcmp(nl_langinfo(CODESET), "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");
}

/// An editor on the process's standard input, output and error (C globals Swift 6 cannot touch).
static inline EditLine *quire_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

/// Writes out what libedit has buffered, before the REPL writes to the terminal itself.
static inline void quire_flush_output(void) { fflush(stdout); }

/// The width of the terminal on `fd`, or 0 when it is unknown.
static inline int quire_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

typedef char *(*quire_prompt_fn)(EditLine *);
typedef unsigned char (*quire_command_fn)(EditLine *, int);

static inline int quire_el_set_prompt(EditLine *el, quire_prompt_fn prompt) {
    return el_set(el, EL_PROMPT, prompt);
}

static inline int quire_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/// Lets libedit restore the terminal on signals; it then re-sends the signal to the process.
static inline int quire_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

/// Puts the terminal in (1) or out of (0) editing mode. libedit itself does so only when it
/// reads the first key, after printing the prompt; keys typed in between would be handled by the
/// terminal (^R would reprint the line, text would be echoed twice).
static inline int quire_el_prep_term(EditLine *el, int on) {
    return el_set(el, EL_PREP_TERM, on);
}

static inline int quire_el_set_addfn(EditLine *el, const char *name, const char *help,
                                     quire_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

static inline int quire_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

static inline int quire_el_set_hist(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int quire_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *quire_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

static inline int quire_history_setsize(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

static inline int quire_history_setunique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}

static inline int quire_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

static inline int quire_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

static inline int quire_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

/// The read end of the pipe the REPL's SIGINT handler writes a byte to (-1: none). Only the C
/// reader below reads it; `quire_set_wake_fd` sets it before the first read.
static int quire_wake_fd = -1;

static inline void quire_set_wake_fd(int fd) { quire_wake_fd = fd; }

/// libedit's character reader, replaced so that Ctrl-C always ends the read: it waits for the
/// terminal and the wake-up pipe together, so a SIGINT that lands just before the read starts
/// (when no read is there for the signal to interrupt) still wakes it. A byte in the pipe ends
/// the read as an interrupted one (-1, errno EINTR); the Swift side takes the byte. UTF-8 is
/// decoded with mbrtowc, as libedit's own reader does.
static inline int quire_read_char(EditLine *el, wchar_t *out) {
    (void)el;
    char bytes[MB_LEN_MAX];
    size_t count = 0;
    mbstate_t state;
    memset(&state, 0, sizeof state);
    for (;;) {
        struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {quire_wake_fd, POLLIN, 0}};
        int ready = poll(fds, quire_wake_fd >= 0 ? 2 : 1, -1);
        if (ready < 0) {
            if (errno == EINTR) continue;  /* the handler has written to the pipe, if it was Ctrl-C */
            *out = L'\0';
            return -1;
        }
        if (quire_wake_fd >= 0 && (fds[1].revents & POLLIN)) {
            *out = L'\0';
            errno = EINTR;
            return -1;
        }
        if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        char byte;
        ssize_t got = read(STDIN_FILENO, &byte, 1);
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            *out = L'\0';
            return -1;
        }
        if (got == 0) {
            *out = L'\0';
            return 0;
        }
        bytes[count++] = byte;
        wchar_t wc;
        size_t used = mbrtowc(&wc, bytes, count, &state);
        if (used == (size_t)-2 && count < sizeof bytes) continue;  /* an incomplete character */
        if (used == (size_t)-1 || used == (size_t)-2) {
            *out = (wchar_t)(unsigned char)bytes[0];  /* not UTF-8: the first byte as it is */
            return 1;
        }
        *out = wc;
        return 1;
    }
}

static inline int quire_el_set_reader(EditLine *el) {
    return el_set(el, EL_GETCFN, quire_read_char);
}
