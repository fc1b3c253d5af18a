// libcurl, loaded when first needed rather than linked: mldebt talks HTTP only to read an MLflow
// tracking server, and linking libcurl (with its TLS, Kerberos and LDAP libraries) cost every
// command 20 ms of start-up. No libcurl header is needed to build: the few functions and
// constants used are declared in loader.c from libcurl's stable ABI.
#ifndef MLDEBT_CCURL_H
#define MLDEBT_CCURL_H

#include <stddef.h>

/// libcurl's result codes that mldebt tells apart (the others are shown with curl's message).
enum {
  MLDEBT_CURLE_OK = 0,
  MLDEBT_CURLE_COULDNT_RESOLVE_HOST = 6,
  MLDEBT_CURLE_COULDNT_CONNECT = 7,
  MLDEBT_CURLE_OPERATION_TIMEDOUT = 28,
  MLDEBT_CURLE_SSL_CONNECT_ERROR = 35,
  MLDEBT_CURLE_SSL_CERTPROBLEM = 58,
  MLDEBT_CURLE_PEER_FAILED_VERIFICATION = 60,
  MLDEBT_CURLE_SSL_CACERT_BADFILE = 77,
  /// Not curl's: libcurl could not be loaded.
  MLDEBT_CURL_NOT_LOADED = -1,
};

/// The outcome of one request.
typedef struct mldebt_http_result {
  /// The HTTP status of the answer, 0 when there was none.
  long status;
  /// libcurl's result code (`MLDEBT_CURLE_OK` when an answer came), or `MLDEBT_CURL_NOT_LOADED`.
  int code;
  /// What went wrong, in words (curl's error buffer, or why libcurl could not be loaded).
  char message[512];
} mldebt_http_result;

/// Receives the answer's body in pieces; returns how many bytes it took (fewer stops the
/// transfer).
typedef size_t (*mldebt_http_sink)(const char *data, size_t length, void *context);

/// Sends one request and waits for its answer. `method` is "GET" or "POST"; `body` (may be NULL)
/// is sent as the POST body; `headers` are `count` lines such as "Accept: application/json".
/// `connect_timeout_ms` bounds connecting and `total_timeout_ms` the whole exchange. Redirects
/// are followed (at most 5). Safe to call from several threads at once.
void mldebt_http_request(
  const char *url, const char *method, const char *const *headers, int count, const void *body,
  size_t body_length, long connect_timeout_ms, long total_timeout_ms, mldebt_http_sink sink,
  void *context, mldebt_http_result *result);

/// Loads libcurl if it is not loaded yet. Returns 1 when requests can be sent; otherwise 0, with
/// the reason (and what to install) in `why`, at most `size` bytes including the final NUL.
int mldebt_http_available(char *why, size_t size);

#endif
