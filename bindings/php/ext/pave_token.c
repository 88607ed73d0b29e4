/*
 * pave_token: PHP bindings for libpave_token.
 *
 * Every function is: parse arguments (fast ZPP; strings may hold any bytes),
 * name an empty or out-of-range argument with a ValueError, call the library
 * with the strings' own buffers, and build the result. The library reports
 * anything else (clock, internal) as a status, which becomes an Exception.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <pave_token.h>

#include <time.h>

#include "php.h"
#include "ext/standard/info.h"
#include "zend_exceptions.h"
#include "php_pave_token.h"
#include "pave_token_arginfo.h"

/* ---- helpers ---- */

#define PAVE_ARGS(s) ZSTR_VAL(s), ZSTR_LEN(s)

/* A ValueError naming the argument when it is empty; returns 0 if so. */
static int require_nonempty(uint32_t arg_num, const zend_string *s) {
    if (ZSTR_LEN(s) == 0) {
        zend_argument_value_error(arg_num, "must not be empty");
        return 0;
    }
    return 1;
}

/* Maps a PHP int to a pave_time_format, or throws a ValueError. */
static int time_format_arg(uint32_t arg_num, zend_long value, pave_time_format *out) {
    if (value != PAVE_TIME_RFC3339 && value != PAVE_TIME_UNIX && value != PAVE_TIME_RFC3339_MILLIS) {
        zend_argument_value_error(arg_num, "must be one of PAVE_TIME_RFC3339, PAVE_TIME_UNIX or PAVE_TIME_RFC3339_MILLIS");
        return 0;
    }
    *out = (pave_time_format)value;
    return 1;
}

/* Any status the arguments could not have caused: an Exception carrying the status as its code. */
static void throw_status(pave_status status) {
    if (status == PAVE_ERR_EMPTY_ARGUMENT || status == PAVE_ERR_INVALID_ARGUMENT ||
        status == PAVE_ERR_INVALID_TIMESTAMP) {
        zend_value_error("%s", pave_status_message(status));
    } else {
        zend_throw_exception_ex(zend_ce_exception, (zend_long)status, "pave_token: %s", pave_status_message(status));
    }
}

static zend_string *token_string(void) {
    /* PAVE_TOKEN_LEN chars; zend_string_alloc reserves the NUL byte too. */
    return zend_string_alloc(PAVE_TOKEN_LEN, 0);
}

/* After a call that filled `token`: on failure frees it, throws, and returns 0. */
static int token_ok(pave_status status, zend_string *token) {
    if (status == PAVE_OK) return 1;
    zend_string_efree(token);
    throw_status(status);
    return 0;
}

/* return_value = ['timestamp' => ..., 'token' => ...] or the three headers. */
static void now_result(zval *return_value, const char *timestamp, zend_string *token, zend_string *api_key,
                       int headers) {
    array_init_size(return_value, headers ? 3 : 2);
    if (headers) {
        add_assoc_str(return_value, "API-Key", zend_string_copy(api_key));
        add_assoc_str(return_value, "API-Token", token);
        add_assoc_string(return_value, "API-Timestamp", timestamp);
    } else {
        add_assoc_string(return_value, "timestamp", timestamp);
        add_assoc_str(return_value, "token", token);
    }
}

/* ---- functions ---- */

ZEND_FUNCTION(pave_token) {
    zend_string *username, *api_key, *timestamp, *api_secret;
    ZEND_PARSE_PARAMETERS_START(4, 4)
        Z_PARAM_STR(username)
        Z_PARAM_STR(api_key)
        Z_PARAM_STR(timestamp)
        Z_PARAM_STR(api_secret)
    ZEND_PARSE_PARAMETERS_END();
    if (!require_nonempty(1, username) || !require_nonempty(2, api_key) || !require_nonempty(3, timestamp) ||
        !require_nonempty(4, api_secret)) {
        RETURN_THROWS();
    }
    zend_string *token = token_string();
    pave_status status = pave_token(PAVE_ARGS(username), PAVE_ARGS(api_key), PAVE_ARGS(timestamp),
                                    PAVE_ARGS(api_secret), ZSTR_VAL(token), PAVE_TOKEN_SIZE);
    if (!token_ok(status, token)) RETURN_THROWS();
    RETURN_NEW_STR(token);
}

static void token_now(INTERNAL_FUNCTION_PARAMETERS, int headers) {
    zend_string *username, *api_key, *api_secret;
    zend_long format_arg = PAVE_TIME_RFC3339;
    pave_time_format format;
    ZEND_PARSE_PARAMETERS_START(3, 4)
        Z_PARAM_STR(username)
        Z_PARAM_STR(api_key)
        Z_PARAM_STR(api_secret)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(format_arg)
    ZEND_PARSE_PARAMETERS_END();
    if (!require_nonempty(1, username) || !require_nonempty(2, api_key) || !require_nonempty(3, api_secret) ||
        !time_format_arg(4, format_arg, &format)) {
        RETURN_THROWS();
    }
    char timestamp[PAVE_TIMESTAMP_SIZE];
    zend_string *token = token_string();
    pave_status status = pave_token_now(PAVE_ARGS(username), PAVE_ARGS(api_key), PAVE_ARGS(api_secret), format,
                                        timestamp, sizeof timestamp, ZSTR_VAL(token), PAVE_TOKEN_SIZE);
    if (!token_ok(status, token)) RETURN_THROWS();
    now_result(return_value, timestamp, token, api_key, headers);
}

ZEND_FUNCTION(pave_token_now) { token_now(INTERNAL_FUNCTION_PARAM_PASSTHRU, 0); }

ZEND_FUNCTION(pave_token_headers) { token_now(INTERNAL_FUNCTION_PARAM_PASSTHRU, 1); }

ZEND_FUNCTION(pave_token_verify) {
    zend_string *username, *api_key, *timestamp, *api_secret, *token;
    ZEND_PARSE_PARAMETERS_START(5, 5)
        Z_PARAM_STR(username)
        Z_PARAM_STR(api_key)
        Z_PARAM_STR(timestamp)
        Z_PARAM_STR(api_secret)
        Z_PARAM_STR(token)
    ZEND_PARSE_PARAMETERS_END();
    if (!require_nonempty(1, username) || !require_nonempty(2, api_key) || !require_nonempty(3, timestamp) ||
        !require_nonempty(4, api_secret)) {
        RETURN_THROWS();
    }
    pave_status status = pave_token_verify(PAVE_ARGS(username), PAVE_ARGS(api_key), PAVE_ARGS(timestamp),
                                           PAVE_ARGS(api_secret), PAVE_ARGS(token));
    if (status == PAVE_OK) RETURN_TRUE;
    if (status == PAVE_ERR_TOKEN_MISMATCH) RETURN_FALSE;
    throw_status(status);
    RETURN_THROWS();
}

/* True when the token signs these fields and the timestamp lies within $max_skew seconds of $now
   (default: the system clock), either way. A rejection is false, never an exception (the token and
   the timestamp are what a request sent), with the reason in $status. */
ZEND_FUNCTION(pave_token_verify_fresh) {
    zend_string *username, *api_key, *timestamp, *api_secret, *token;
    zend_long now = 0, max_skew = 300;
    bool now_is_null = 1;
    zval *status_ref = NULL;
    ZEND_PARSE_PARAMETERS_START(5, 8)
        Z_PARAM_STR(username)
        Z_PARAM_STR(api_key)
        Z_PARAM_STR(timestamp)
        Z_PARAM_STR(api_secret)
        Z_PARAM_STR(token)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG_OR_NULL(now, now_is_null)
        Z_PARAM_LONG(max_skew)
        Z_PARAM_ZVAL(status_ref)
    ZEND_PARSE_PARAMETERS_END();
    if (!require_nonempty(1, username) || !require_nonempty(2, api_key) || !require_nonempty(3, timestamp) ||
        !require_nonempty(4, api_secret)) {
        RETURN_THROWS();
    }
    if (max_skew < 0 || (uint64_t)max_skew > UINT32_MAX) {
        zend_argument_value_error(7, "must be between 0 and 4294967295");
        RETURN_THROWS();
    }
    if (now_is_null) now = (zend_long)time(NULL);
    pave_status status = pave_token_verify_fresh(PAVE_ARGS(username), PAVE_ARGS(api_key), PAVE_ARGS(timestamp),
                                                 PAVE_ARGS(api_secret), PAVE_ARGS(token), (int64_t)now,
                                                 (uint32_t)max_skew);
    if (status != PAVE_OK && status != PAVE_ERR_TOKEN_MISMATCH && status != PAVE_ERR_INVALID_TIMESTAMP &&
        status != PAVE_ERR_TIMESTAMP_SKEW) {
        throw_status(status);
        RETURN_THROWS();
    }
    if (status_ref) ZEND_TRY_ASSIGN_REF_LONG(status_ref, (zend_long)status);
    RETURN_BOOL(status == PAVE_OK);
}

ZEND_FUNCTION(pave_timestamp) {
    zend_long unix_seconds = 0, format_arg = PAVE_TIME_RFC3339, millis = 0;
    bool unix_is_null = 1;
    pave_time_format format;
    ZEND_PARSE_PARAMETERS_START(0, 3)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG_OR_NULL(unix_seconds, unix_is_null)
        Z_PARAM_LONG(format_arg)
        Z_PARAM_LONG(millis)
    ZEND_PARSE_PARAMETERS_END();
    if (!time_format_arg(2, format_arg, &format)) RETURN_THROWS();
    if (millis < 0 || millis > 999) {
        zend_argument_value_error(3, "must be between 0 and 999");
        RETURN_THROWS();
    }
    char out[PAVE_TIMESTAMP_SIZE];
    size_t len = 0;
    pave_status status = unix_is_null ? pave_timestamp_now(format, out, sizeof out, &len)
                                      : pave_timestamp((int64_t)unix_seconds, (uint32_t)millis, format, out,
                                                       sizeof out, &len);
    if (status == PAVE_ERR_INVALID_TIMESTAMP) {
        zend_argument_value_error(1, "must lie within years 0000..9999 UTC");
        RETURN_THROWS();
    }
    if (status != PAVE_OK) {
        throw_status(status);
        RETURN_THROWS();
    }
    RETURN_STRINGL(out, len);
}

ZEND_FUNCTION(pave_timestamp_parse) {
    zend_string *timestamp;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(timestamp)
    ZEND_PARSE_PARAMETERS_END();
    int64_t seconds = 0;
    pave_status status = pave_timestamp_parse(PAVE_ARGS(timestamp), &seconds);
    if (status != PAVE_OK) {
        zend_argument_value_error(1, "is not a valid timestamp (Unix seconds or RFC 3339 within years 0000..9999)");
        RETURN_THROWS();
    }
    RETURN_LONG((zend_long)seconds);
}

/* ---- class Pave\Signer ---- */

typedef struct {
    pave_signer *signer;  /* NULL until constructed */
    zend_string *api_key; /* for headers() */
    zend_object std;
} signer_object;

static zend_class_entry *signer_ce;
static zend_object_handlers signer_handlers;

static signer_object *signer_from(zend_object *obj) {
    return (signer_object *)((char *)obj - XtOffsetOf(signer_object, std));
}

static zend_object *signer_create(zend_class_entry *ce) {
    signer_object *intern = zend_object_alloc(sizeof(signer_object), ce);
    zend_object_std_init(&intern->std, ce);
    object_properties_init(&intern->std, ce);
    intern->std.handlers = &signer_handlers;
    return &intern->std;
}

static void signer_release(signer_object *intern) {
    /* pave_signer_free wipes the key material. */
    pave_signer_free(intern->signer);
    intern->signer = NULL;
    if (intern->api_key) {
        zend_string_release(intern->api_key);
        intern->api_key = NULL;
    }
}

static void signer_free(zend_object *obj) {
    signer_release(signer_from(obj));
    zend_object_std_dtor(obj);
}

/* The constructed signer of $this, or NULL after throwing. */
static signer_object *this_signer(zval *this_ptr) {
    signer_object *intern = signer_from(Z_OBJ_P(this_ptr));
    if (!intern->signer) {
        zend_throw_error(NULL, "Pave\\Signer has not been constructed");
        return NULL;
    }
    return intern;
}

ZEND_METHOD(Pave_Signer, __construct) {
    zend_string *username, *api_key, *api_secret;
    ZEND_PARSE_PARAMETERS_START(3, 3)
        Z_PARAM_STR(username)
        Z_PARAM_STR(api_key)
        Z_PARAM_STR(api_secret)
    ZEND_PARSE_PARAMETERS_END();
    if (!require_nonempty(1, username) || !require_nonempty(2, api_key) || !require_nonempty(3, api_secret)) {
        RETURN_THROWS();
    }
    signer_object *intern = signer_from(Z_OBJ_P(ZEND_THIS));
    signer_release(intern); /* a repeated __construct replaces the credentials */
    pave_status status = pave_signer_new(PAVE_ARGS(username), PAVE_ARGS(api_key), PAVE_ARGS(api_secret),
                                         &intern->signer);
    if (status != PAVE_OK) {
        throw_status(status);
        RETURN_THROWS();
    }
    intern->api_key = zend_string_copy(api_key);
}

ZEND_METHOD(Pave_Signer, token) {
    zend_string *timestamp;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(timestamp)
    ZEND_PARSE_PARAMETERS_END();
    signer_object *intern = this_signer(ZEND_THIS);
    if (!intern || !require_nonempty(1, timestamp)) RETURN_THROWS();
    zend_string *token = token_string();
    pave_status status = pave_signer_token(intern->signer, PAVE_ARGS(timestamp), ZSTR_VAL(token), PAVE_TOKEN_SIZE);
    if (!token_ok(status, token)) RETURN_THROWS();
    RETURN_NEW_STR(token);
}

static void signer_now(INTERNAL_FUNCTION_PARAMETERS, int headers) {
    zend_long format_arg = PAVE_TIME_RFC3339;
    pave_time_format format;
    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(format_arg)
    ZEND_PARSE_PARAMETERS_END();
    signer_object *intern = this_signer(ZEND_THIS);
    if (!intern || !time_format_arg(1, format_arg, &format)) RETURN_THROWS();
    char timestamp[PAVE_TIMESTAMP_SIZE];
    zend_string *token = token_string();
    pave_status status = pave_signer_token_now(intern->signer, format, timestamp, sizeof timestamp, ZSTR_VAL(token),
                                               PAVE_TOKEN_SIZE);
    if (!token_ok(status, token)) RETURN_THROWS();
    now_result(return_value, timestamp, token, intern->api_key, headers);
}

ZEND_METHOD(Pave_Signer, tokenNow) { signer_now(INTERNAL_FUNCTION_PARAM_PASSTHRU, 0); }

ZEND_METHOD(Pave_Signer, headers) { signer_now(INTERNAL_FUNCTION_PARAM_PASSTHRU, 1); }

/* ---- module ---- */

PHP_MINIT_FUNCTION(pave_token) {
    register_pave_token_symbols(module_number);
    signer_ce = register_class_Pave_Signer();
    signer_ce->create_object = signer_create;
    memcpy(&signer_handlers, zend_get_std_object_handlers(), sizeof signer_handlers);
    signer_handlers.offset = XtOffsetOf(signer_object, std);
    signer_handlers.free_obj = signer_free;
    signer_handlers.clone_obj = NULL; /* a signer holds key material: not clonable */
    return SUCCESS;
}

PHP_MINFO_FUNCTION(pave_token) {
    php_info_print_table_start();
    php_info_print_table_header(2, "pave_token support", "enabled");
    php_info_print_table_row(2, "libpave_token version", pave_version());
    php_info_print_table_row(2, "compiled against header", PAVE_TOKEN_VERSION);
    php_info_print_table_end();
}

zend_module_entry pave_token_module_entry = {
    STANDARD_MODULE_HEADER,
    "pave_token",
    ext_functions,
    PHP_MINIT(pave_token),
    NULL,
    NULL,
    NULL,
    PHP_MINFO(pave_token),
    PHP_PAVE_TOKEN_VERSION,
    STANDARD_MODULE_PROPERTIES,
};

#ifdef COMPILE_DL_PAVE_TOKEN
ZEND_GET_MODULE(pave_token)
#endif
