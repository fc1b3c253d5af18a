// Loads libcurl with dlopen on first use and sends requests with its "easy" interface
// (include/CCurl.h says why it is not linked).
#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// libcurl's ABI, as curl/curl.h defines it (stable since libcurl 7.x; the option numbers are
// the option's type base plus its index).
typedef void CURL;
struct curl_slist;
enum {
  OPT_WRITEDATA = 10001,
  OPT_URL = 10002,
  OPT_ERRORBUFFER = 10010,
  OPT_POSTFIELDS = 10015,
  OPT_HTTPHEADER = 10023,
  OPT_WRITEFUNCTION = 20011,
  OPT_POST = 47,
  OPT_FOLLOWLOCATION = 52,
  OPT_MAXREDIRS = 68,
  OPT_HTTPGET = 80,
  OPT_NOSIGNAL = 99,
  OPT_TIMEOUT_MS = 155,
  OPT_CONNECTTIMEOUT_MS = 156,
  OPT_POSTFIELDSIZE_LARGE = 30120,
  INFO_RESPONSE_CODE = 0x200000 + 2,
  GLOBAL_DEFAULT = 3,
  ERROR_SIZE = 256,
};

static struct {
  int (*global_init)(long);
  CURL *(*easy_init)(void);
  int (*easy_setopt)(CURL *, int, ...);
  int (*easy_perform)(CURL *);
  int (*easy_getinfo)(CURL *, int, ...);
  void (*easy_cleanup)(CURL *);
  const char *(*easy_strerror)(int);
  struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
  void (*slist_free_all)(struct curl_slist *);
  int loaded;
  char why[256];
} curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
  static const char *const names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so",
                                      "libcurl.4.dylib", "libcurl.dylib"};
  void *library = NULL;
  for (size_t i = 0; i < sizeof names / sizeof names[0] && library == NULL; i++) {
    library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
  }
  if (library == NULL) {
    snprintf(curl.why, sizeof curl.why,
             "libcurl could not be loaded (%s); install it (Debian: apt install libcurl4) to "
             "read a tracking server",
             dlerror());
    return;
  }
#define SYMBOL(field, name)                                                                  \
  *(void **)(&curl.field) = dlsym(library, name);                                            \
  if (curl.field == NULL) {                                                                  \
    snprintf(curl.why, sizeof curl.why, "libcurl has no %s; it is too old for mldebt", name); \
    return;                                                                                  \
  }
  SYMBOL(global_init, "curl_global_init")
  SYMBOL(easy_init, "curl_easy_init")
  SYMBOL(easy_setopt, "curl_easy_setopt")
  SYMBOL(easy_perform, "curl_easy_perform")
  SYMBOL(easy_getinfo, "curl_easy_getinfo")
  SYMBOL(easy_cleanup, "curl_easy_cleanup")
  SYMBOL(easy_strerror, "curl_easy_strerror")
  SYMBOL(slist_append, "curl_slist_append")
  SYMBOL(slist_free_all, "curl_slist_free_all")
#undef SYMBOL
  if (curl.global_init(GLOBAL_DEFAULT) != 0) {
    snprintf(curl.why, sizeof curl.why, "libcurl could not be initialised");
    return;
  }
  curl.loaded = 1;
}

int mldebt_http_available(char *why, size_t size) {
  pthread_once(&once, load);
  if (curl.loaded) return 1;
  if (size > 0) snprintf(why, size, "%s", curl.why);
  return 0;
}

// Where curl's write callback hands the body on: the caller's sink and its context.
struct destination {
  mldebt_http_sink sink;
  void *context;
};

// curl's write callback (`size` is always 1).
static size_t deliver(char *data, size_t size, size_t count, void *userdata) {
  struct destination *destination = userdata;
  return destination->sink(data, size * count, destination->context);
}

static void fail(mldebt_http_result *result, int code, const char *message) {
  result->code = code;
  snprintf(result->message, sizeof result->message, "%s", message);
}

void mldebt_http_request(
  const char *url, const char *method, const char *const *headers, int count, const void *body,
  size_t body_length, long connect_timeout_ms, long total_timeout_ms, mldebt_http_sink sink,
  void *context, mldebt_http_result *result) {
  result->status = 0;
  result->code = 0;
  result->message[0] = '\0';
  pthread_once(&once, load);
  if (!curl.loaded) {
    fail(result, MLDEBT_CURL_NOT_LOADED, curl.why);
    return;
  }
  CURL *handle = curl.easy_init();
  if (handle == NULL) {
    fail(result, MLDEBT_CURL_NOT_LOADED, "libcurl could not start a request");
    return;
  }
  struct curl_slist *list = NULL;
  for (int i = 0; i < count; i++) {
    struct curl_slist *longer = curl.slist_append(list, headers[i]);
    if (longer == NULL) break;
    list = longer;
  }
  char error[ERROR_SIZE];
  error[0] = '\0';
  curl.easy_setopt(handle, OPT_URL, url);
  curl.easy_setopt(handle, OPT_ERRORBUFFER, error);
  curl.easy_setopt(handle, OPT_NOSIGNAL, 1L);
  curl.easy_setopt(handle, OPT_FOLLOWLOCATION, 1L);
  curl.easy_setopt(handle, OPT_MAXREDIRS, 5L);
  curl.easy_setopt(handle, OPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
  curl.easy_setopt(handle, OPT_TIMEOUT_MS, total_timeout_ms);
  curl.easy_setopt(handle, OPT_HTTPHEADER, list);
  struct destination destination = {sink, context};
  curl.easy_setopt(handle, OPT_WRITEFUNCTION, deliver);
  curl.easy_setopt(handle, OPT_WRITEDATA, &destination);
  if (strcmp(method, "POST") == 0) {
    curl.easy_setopt(handle, OPT_POST, 1L);
    curl.easy_setopt(handle, OPT_POSTFIELDSIZE_LARGE, (long long)(body == NULL ? 0 : body_length));
    curl.easy_setopt(handle, OPT_POSTFIELDS, body == NULL ? "" : body);
  } else {
    curl.easy_setopt(handle, OPT_HTTPGET, 1L);
  }
  int code = curl.easy_perform(handle);
  long status = 0;
  curl.easy_getinfo(handle, INFO_RESPONSE_CODE, &status);
  result->status = status;
  result->code = code;
  if (code != 0) {
    snprintf(result->message, sizeof result->message, "%s",
             error[0] != '\0' ? error : curl.easy_strerror(code));
  }
  curl.easy_cleanup(handle);
  curl.slist_free_all(list);
}
