// ZeroMQ (Debian's libzmq5, which libzmq3-dev installs) is not linked: ZMQ.swift loads
// libzmq.so.5 with dlopen when the Jupyter kernel starts. Linked, the dynamic loader would load
// it, and the dozen libraries it pulls in (libsodium, libpgm, libnorm, gssapi...), at every start
// of quire: about 2 ms.
//
// The header still gives the types and constants (zmq_msg_t, zmq_pollitem_t, ZMQ_ROUTER...). The
// function pointer types are taken from its declarations, so that they cannot drift from them;
// Swift must call the functions only through these, never by name (which would not link).
#include <zmq.h>

typedef __typeof__(&zmq_errno) quire_zmq_errno;
typedef __typeof__(&zmq_strerror) quire_zmq_strerror;
typedef __typeof__(&zmq_ctx_new) quire_zmq_ctx_new;
typedef __typeof__(&zmq_ctx_term) quire_zmq_ctx_term;
typedef __typeof__(&zmq_socket) quire_zmq_socket;
typedef __typeof__(&zmq_close) quire_zmq_close;
typedef __typeof__(&zmq_setsockopt) quire_zmq_setsockopt;
typedef __typeof__(&zmq_bind) quire_zmq_bind;
typedef __typeof__(&zmq_connect) quire_zmq_connect;
typedef __typeof__(&zmq_send) quire_zmq_send;
typedef __typeof__(&zmq_msg_init) quire_zmq_msg_init;
typedef __typeof__(&zmq_msg_recv) quire_zmq_msg_recv;
typedef __typeof__(&zmq_msg_close) quire_zmq_msg_close;
typedef __typeof__(&zmq_msg_data) quire_zmq_msg_data;
typedef __typeof__(&zmq_msg_size) quire_zmq_msg_size;
typedef __typeof__(&zmq_msg_more) quire_zmq_msg_more;
typedef __typeof__(&zmq_poll) quire_zmq_poll;
