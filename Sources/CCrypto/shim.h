// OpenSSL's libcrypto (Debian's libssl3, which libssl-dev installs) is not linked: Signer.swift
// loads libcrypto.so.3 with dlopen when the Jupyter kernel starts. Linked, the dynamic loader
// would load and relocate it at every start of quire: about 1 ms.
//
// The headers still give the types and constants (EVP_MD, EVP_MAX_MD_SIZE). The function pointer
// types are taken from their declarations, so that they cannot drift from them; Swift must call
// the functions only through these, never by name (which would not link).
#include <openssl/evp.h>
#include <openssl/hmac.h>

typedef __typeof__(&EVP_sha256) quire_EVP_sha256;
typedef __typeof__(&HMAC) quire_HMAC;
