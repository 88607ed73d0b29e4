/*
 * pave_token.node: the C ABI of libpave_token for Node, as a Node-API addon
 * (ABI-stable: one build serves Node 18 and later) with the static library
 * linked in. index.js is the JavaScript API over it.
 *
 * Arguments are strings (passed as their UTF-8 bytes) or Uint8Arrays
 * (Buffers included; passed in place, no copy). Failures throw the PaveError
 * class index.js registers, with the library's status and message.
 */
#define NAPI_VERSION 8
#include <node_api.h>

#include <pave_token.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static napi_ref error_class;

/* Throws PaveError(status, message); returns NULL for the caller to return. */
static napi_value fail(napi_env env, pave_status status) {
    napi_value ctor, args[2], error;
    const char *message = pave_status_message(status);
    if (error_class && napi_get_reference_value(env, error_class, &ctor) == napi_ok &&
        napi_create_uint32(env, status, &args[0]) == napi_ok &&
        napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &args[1]) == napi_ok &&
        napi_new_instance(env, ctor, 2, args, &error) == napi_ok) {
        napi_throw(env, error);
    } else {
        napi_throw_error(env, NULL, message);
    }
    return NULL;
}

/* One input: a Uint8Array's bytes in place, or a string's UTF-8 bytes in a
 * stack buffer (or on the heap past 256 bytes). */
typedef struct {
    const char *ptr;
    size_t len;
    char *heap;
    char stack[256];
} input;

static int get_input(napi_env env, napi_value value, input *in) {
    napi_valuetype type;
    in->heap = NULL;
    if (napi_typeof(env, value, &type) != napi_ok) return 0;
    if (type == napi_string) {
        size_t len = 0;
        if (napi_get_value_string_utf8(env, value, NULL, 0, &len) != napi_ok) return 0;
        char *buf = in->stack;
        if (len >= sizeof in->stack) {
            buf = in->heap = malloc(len + 1);
            if (!buf) return fail(env, PAVE_ERR_INTERNAL), 0;
        }
        if (napi_get_value_string_utf8(env, value, buf, len + 1, &in->len) != napi_ok) return 0;
        in->ptr = buf;
        return 1;
    }
    bool is_typed = false;
    if (type == napi_object && napi_is_typedarray(env, value, &is_typed) == napi_ok && is_typed) {
        napi_typedarray_type kind;
        void *data;
        if (napi_get_typedarray_info(env, value, &kind, &in->len, &data, NULL, NULL) != napi_ok) return 0;
        if (kind == napi_uint8_array || kind == napi_uint8_clamped_array || kind == napi_int8_array) {
            in->ptr = data;
            return 1;
        }
    }
    napi_throw_type_error(env, NULL, "pave_token: expected a string, Buffer or Uint8Array");
    return 0;
}

static void release(input *in, size_t n) {
    for (size_t i = 0; i < n; i++) free(in[i].heap);
}

/* Reads `n` inputs from args[first..]; on failure releases what it read. */
static int get_inputs(napi_env env, napi_value *args, size_t first, input *in, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!get_input(env, args[first + i], &in[i])) {
            release(in, i);
            return 0;
        }
    }
    return 1;
}

/* A format: an integer in uint32_t's range, else PaveError(INVALID_ARGUMENT). */
static int get_format(napi_env env, napi_value value, pave_time_format *out) {
    double d;
    napi_valuetype type;
    if (napi_typeof(env, value, &type) != napi_ok) return 0;
    if (type == napi_undefined) {
        *out = PAVE_TIME_RFC3339;
        return 1;
    }
    if (type != napi_number || napi_get_value_double(env, value, &d) != napi_ok || d != (double)(int64_t)d || d < 0 ||
        d > 4294967295.0) {
        fail(env, PAVE_ERR_INVALID_ARGUMENT);
        return 0;
    }
    *out = (pave_time_format)d;
    return 1;
}

static napi_value string(napi_env env, const char *s, size_t n) {
    napi_value v;
    return napi_create_string_latin1(env, s, n, &v) == napi_ok ? v : NULL;
}

static napi_value signed_now(napi_env env, const char *ts, const char *tok) {
    napi_value obj;
    if (napi_create_object(env, &obj) != napi_ok ||
        napi_set_named_property(env, obj, "timestamp", string(env, ts, strlen(ts))) != napi_ok ||
        napi_set_named_property(env, obj, "token", string(env, tok, PAVE_TOKEN_LEN)) != napi_ok)
        return NULL;
    return obj;
}

#define ARGS(n)                                                                        \
    size_t argc = (n);                                                                 \
    napi_value args[(n) > 0 ? (n) : 1];                                                \
    napi_value self;                                                                   \
    if (napi_get_cb_info(env, info, &argc, args, &self, NULL) != napi_ok) return NULL; \
    for (size_t i = argc; i < (n); i++) napi_get_undefined(env, &args[i]);            \
    (void)self

static napi_value token(napi_env env, napi_callback_info info) {
    ARGS(4);
    input in[4];
    if (!get_inputs(env, args, 0, in, 4)) return NULL;
    char out[PAVE_TOKEN_SIZE];
    pave_status st = pave_token(in[0].ptr, in[0].len, in[1].ptr, in[1].len, in[2].ptr, in[2].len, in[3].ptr,
                                in[3].len, out, sizeof out);
    release(in, 4);
    return st == PAVE_OK ? string(env, out, PAVE_TOKEN_LEN) : fail(env, st);
}

static napi_value token_now(napi_env env, napi_callback_info info) {
    ARGS(4);
    input in[3];
    pave_time_format format;
    if (!get_format(env, args[3], &format) || !get_inputs(env, args, 0, in, 3)) return NULL;
    char ts[PAVE_TIMESTAMP_SIZE], tok[PAVE_TOKEN_SIZE];
    pave_status st = pave_token_now(in[0].ptr, in[0].len, in[1].ptr, in[1].len, in[2].ptr, in[2].len, format, ts,
                                    sizeof ts, tok, sizeof tok);
    release(in, 3);
    return st == PAVE_OK ? signed_now(env, ts, tok) : fail(env, st);
}

static napi_value verify(napi_env env, napi_callback_info info) {
    ARGS(5);
    input in[5];
    if (!get_inputs(env, args, 0, in, 5)) return NULL;
    pave_status st = pave_token_verify(in[0].ptr, in[0].len, in[1].ptr, in[1].len, in[2].ptr, in[2].len, in[3].ptr,
                                       in[3].len, in[4].ptr, in[4].len);
    release(in, 5);
    if (st != PAVE_OK && st != PAVE_ERR_TOKEN_MISMATCH) return fail(env, st);
    napi_value result;
    return napi_get_boolean(env, st == PAVE_OK, &result) == napi_ok ? result : NULL;
}

/* timestamp(unix, format, millis): unix and millis checked by index.js. */
static napi_value timestamp(napi_env env, napi_callback_info info) {
    ARGS(3);
    int64_t unix_seconds;
    uint32_t millis;
    pave_time_format format;
    if (napi_get_value_int64(env, args[0], &unix_seconds) != napi_ok ||
        napi_get_value_uint32(env, args[2], &millis) != napi_ok) {
        napi_throw_type_error(env, NULL, "pave_token: unix and millis must be numbers");
        return NULL;
    }
    if (!get_format(env, args[1], &format)) return NULL;
    char out[PAVE_TIMESTAMP_SIZE];
    size_t len = 0;
    pave_status st = pave_timestamp(unix_seconds, millis, format, out, sizeof out, &len);
    return st == PAVE_OK ? string(env, out, len) : fail(env, st);
}

static napi_value timestamp_now(napi_env env, napi_callback_info info) {
    ARGS(1);
    pave_time_format format;
    if (!get_format(env, args[0], &format)) return NULL;
    char out[PAVE_TIMESTAMP_SIZE];
    size_t len = 0;
    pave_status st = pave_timestamp_now(format, out, sizeof out, &len);
    return st == PAVE_OK ? string(env, out, len) : fail(env, st);
}

static napi_value parse_timestamp(napi_env env, napi_callback_info info) {
    ARGS(1);
    input in;
    if (!get_input(env, args[0], &in)) return NULL;
    int64_t seconds = 0;
    pave_status st = pave_timestamp_parse(in.ptr, in.len, &seconds);
    release(&in, 1);
    napi_value result;
    if (st != PAVE_OK) return fail(env, st);
    return napi_create_int64(env, seconds, &result) == napi_ok ? result : NULL;
}

static napi_value version(napi_env env, napi_callback_info info) {
    (void)info;
    const char *v = pave_version();
    return string(env, v, strlen(v));
}

static napi_value set_error_class(napi_env env, napi_callback_info info) {
    ARGS(1);
    if (error_class) napi_delete_reference(env, error_class);
    napi_create_reference(env, args[0], 1, &error_class);
    return NULL;
}

/* ---------- Signer: a pave_signer owned by a JS object ---------- */

typedef struct {
    pave_signer *signer;
} handle;

static void finalize_signer(napi_env env, void *data, void *hint) {
    (void)env;
    (void)hint;
    handle *h = data;
    pave_signer_free(h->signer);
    free(h);
}

static napi_value signer_new(napi_env env, napi_callback_info info) {
    ARGS(3);
    input in[3];
    if (!get_inputs(env, args, 0, in, 3)) return NULL;
    handle *h = calloc(1, sizeof *h);
    pave_status st = h ? pave_signer_new(in[0].ptr, in[0].len, in[1].ptr, in[1].len, in[2].ptr, in[2].len, &h->signer)
                       : PAVE_ERR_INTERNAL;
    release(in, 3);
    if (st != PAVE_OK) {
        free(h);
        return fail(env, st);
    }
    if (napi_wrap(env, self, h, finalize_signer, NULL, NULL) != napi_ok) {
        finalize_signer(env, h, NULL);
        return NULL;
    }
    return self;
}

static pave_signer *live(napi_env env, napi_value self) {
    handle *h = NULL;
    if (napi_unwrap(env, self, (void **)&h) != napi_ok || !h) return NULL;
    if (!h->signer) napi_throw_error(env, NULL, "pave_token: signer is closed");
    return h->signer;
}

static napi_value signer_token(napi_env env, napi_callback_info info) {
    ARGS(1);
    pave_signer *signer = live(env, self);
    input in;
    if (!signer || !get_input(env, args[0], &in)) return NULL;
    char out[PAVE_TOKEN_SIZE];
    pave_status st = pave_signer_token(signer, in.ptr, in.len, out, sizeof out);
    release(&in, 1);
    return st == PAVE_OK ? string(env, out, PAVE_TOKEN_LEN) : fail(env, st);
}

static napi_value signer_token_now(napi_env env, napi_callback_info info) {
    ARGS(1);
    pave_signer *signer = live(env, self);
    pave_time_format format;
    if (!signer || !get_format(env, args[0], &format)) return NULL;
    char ts[PAVE_TIMESTAMP_SIZE], tok[PAVE_TOKEN_SIZE];
    pave_status st = pave_signer_token_now(signer, format, ts, sizeof ts, tok, sizeof tok);
    return st == PAVE_OK ? signed_now(env, ts, tok) : fail(env, st);
}

static napi_value signer_close(napi_env env, napi_callback_info info) {
    napi_value self;
    if (napi_get_cb_info(env, info, NULL, NULL, &self, NULL) != napi_ok) return NULL;
    handle *h = NULL;
    if (napi_unwrap(env, self, (void **)&h) == napi_ok && h) {
        pave_signer_free(h->signer); /* NULL is a no-op: close() twice is fine */
        h->signer = NULL;
    }
    return NULL;
}

/* ---------- module ---------- */

static napi_value init(napi_env env, napi_value exports) {
    napi_property_descriptor functions[] = {
        {"token", NULL, token, NULL, NULL, NULL, napi_default, NULL},
        {"tokenNow", NULL, token_now, NULL, NULL, NULL, napi_default, NULL},
        {"verify", NULL, verify, NULL, NULL, NULL, napi_default, NULL},
        {"timestamp", NULL, timestamp, NULL, NULL, NULL, napi_default, NULL},
        {"timestampNow", NULL, timestamp_now, NULL, NULL, NULL, napi_default, NULL},
        {"parseTimestamp", NULL, parse_timestamp, NULL, NULL, NULL, napi_default, NULL},
        {"version", NULL, version, NULL, NULL, NULL, napi_default, NULL},
        {"setErrorClass", NULL, set_error_class, NULL, NULL, NULL, napi_default, NULL},
    };
    napi_property_descriptor methods[] = {
        {"token", NULL, signer_token, NULL, NULL, NULL, napi_default, NULL},
        {"tokenNow", NULL, signer_token_now, NULL, NULL, NULL, napi_default, NULL},
        {"close", NULL, signer_close, NULL, NULL, NULL, napi_default, NULL},
    };
    napi_value signer_class, value;
    if (napi_define_properties(env, exports, sizeof functions / sizeof *functions, functions) != napi_ok ||
        napi_define_class(env, "Signer", NAPI_AUTO_LENGTH, signer_new, NULL, sizeof methods / sizeof *methods,
                          methods, &signer_class) != napi_ok ||
        napi_set_named_property(env, exports, "Signer", signer_class) != napi_ok)
        return NULL;
    const struct {
        const char *name;
        uint32_t value;
    } constants[] = {
        {"TOKEN_SIZE", PAVE_TOKEN_SIZE},
        {"TIMESTAMP_SIZE", PAVE_TIMESTAMP_SIZE},
        {"TIME_RFC3339", PAVE_TIME_RFC3339},
        {"TIME_UNIX", PAVE_TIME_UNIX},
        {"TIME_RFC3339_MILLIS", PAVE_TIME_RFC3339_MILLIS},
        {"OK", PAVE_OK},
        {"INVALID_ARGUMENT", PAVE_ERR_INVALID_ARGUMENT},
        {"INVALID_TIMESTAMP", PAVE_ERR_INVALID_TIMESTAMP},
        {"TOKEN_MISMATCH", PAVE_ERR_TOKEN_MISMATCH},
    };
    for (size_t i = 0; i < sizeof constants / sizeof *constants; i++) {
        if (napi_create_uint32(env, constants[i].value, &value) != napi_ok ||
            napi_set_named_property(env, exports, constants[i].name, value) != napi_ok)
            return NULL;
    }
    return exports;
}

NAPI_MODULE_INIT() { return init(env, exports); }
