/*
 * Fault injection: the library's two calls into the system, made to fail or
 * to return what a broken system might, through `-Wl,--wrap` on a static
 * link (make test-faults, under ASan with leak checking):
 *  - posix_memalign in pave_signer_new: an error, and "success" with NULL.
 *    Expect PAVE_ERR_INTERNAL, *signer_out == NULL, nothing leaked, and the
 *    next call working again.
 *  - clock_gettime in the three *_now functions: an error, nanoseconds out
 *    of range, before 1970, after 9999, INT64_MAX; and the last valid
 *    instants. Expect PAVE_ERR_CLOCK with every output cleared, or the exact
 *    timestamp and its token.
 */
#define _POSIX_C_SOURCE 200809L
#include <pave_token.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

/* ---------- the wrapped calls ---------- */

int __real_posix_memalign(void **memptr, size_t alignment, size_t size);
int __wrap_posix_memalign(void **memptr, size_t alignment, size_t size);
int __real_clock_gettime(clockid_t clock, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clock, struct timespec *ts);

enum alloc_fault { ALLOC_REAL, ALLOC_ENOMEM, ALLOC_NULL };
static enum alloc_fault alloc_fault;
static unsigned long alloc_calls;

int __wrap_posix_memalign(void **memptr, size_t alignment, size_t size) {
    alloc_calls++;
    switch (alloc_fault) {
    case ALLOC_ENOMEM: return ENOMEM;
    case ALLOC_NULL: *memptr = NULL; return 0;
    default: return __real_posix_memalign(memptr, alignment, size);
    }
}

static int clock_fails;          /* return -1 */
static int clock_fixed;          /* return `clock_value` */
static struct timespec clock_value;
static unsigned long clock_calls;

int __wrap_clock_gettime(clockid_t clock, struct timespec *ts) {
    clock_calls++;
    if (clock_fails) {
        errno = EINVAL;
        return -1;
    }
    if (clock_fixed) {
        *ts = clock_value;
        return 0;
    }
    return __real_clock_gettime(clock, ts);
}

/* ---------- allocation ---------- */

#define U "acme_motors", 11
#define K "0123456789abcdef0123456789abcdef", 32
#define S "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210", 64
#define WANT "891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e"

static unsigned long fault_cases;

static void test_allocation(void) {
    const enum alloc_fault faults[] = {ALLOC_ENOMEM, ALLOC_NULL};
    for (size_t i = 0; i < 2; i++) {
        fault_cases++;
        pave_signer *sg = (pave_signer *)&fault_cases; /* any non-NULL value */
        alloc_fault = faults[i];
        unsigned long before = alloc_calls;
        pave_status st = pave_signer_new(U, K, S, &sg);
        alloc_fault = ALLOC_REAL;
        CHECK(alloc_calls == before + 1, "the allocator was asked (fault %zu)", i);
        CHECK(st == PAVE_ERR_INTERNAL && sg == NULL, "fault %zu: %s, signer %p", i, pave_status_message(st), (void *)sg);
        /* Recovery: the next call works. */
        char tok[PAVE_TOKEN_SIZE];
        CHECK(pave_signer_new(U, K, S, &sg) == PAVE_OK && sg != NULL, "recovered after fault %zu", i);
        CHECK(pave_signer_token(sg, "2026-11-29T21:33:57Z", 20, tok, sizeof tok) == PAVE_OK && strcmp(tok, WANT) == 0,
              "recovered signer signs");
        pave_signer_free(sg);
    }
}

/* ---------- the clock ---------- */

struct clock_case {
    const char *what;
    int fails;
    int64_t sec;
    long nsec;
    const char *want[3]; /* RFC 3339, Unix, RFC 3339 millis; NULL: PAVE_ERR_CLOCK */
};

static const struct clock_case clock_cases[] = {
    {"clock_gettime fails", 1, 0, 0, {NULL, NULL, NULL}},
    {"nanoseconds = 1e9", 0, 1622378959, 1000000000L, {NULL, NULL, NULL}},
    {"nanoseconds < 0", 0, 1622378959, -1, {NULL, NULL, NULL}},
    {"before 1970", 0, -1, 0, {NULL, NULL, NULL}},
    {"year 10000", 0, 253402300800LL, 0, {NULL, NULL, NULL}},
    {"INT64_MAX seconds", 0, INT64_MAX, 0, {NULL, NULL, NULL}},
    {"INT64_MIN seconds", 0, INT64_MIN, 0, {NULL, NULL, NULL}},
    {"the epoch", 0, 0, 999999999L, {"1970-01-01T00:00:00Z", "0", "1970-01-01T00:00:00.999Z"}},
    {"the last second", 0, 253402300799LL, 123456789L,
     {"9999-12-31T23:59:59Z", "253402300799", "9999-12-31T23:59:59.123Z"}},
    {"worked example", 0, 1622378959, 0, {"2021-05-30T12:49:19Z", "1622378959", "2021-05-30T12:49:19.000Z"}},
};

static void expect(const struct clock_case *c, const char *fn, pave_time_format f, pave_status st,
                   const char *ts, const char *tok) {
    fault_cases++;
    const char *want = c->want[f];
    if (!want) {
        CHECK(st == PAVE_ERR_CLOCK && ts[0] == '\0' && (!tok || tok[0] == '\0'), "%s, %s, format %u: %s", fn,
              c->what, f, pave_status_message(st));
        return;
    }
    CHECK(st == PAVE_OK && strcmp(ts, want) == 0, "%s, %s, format %u: %s, '%s'", fn, c->what, f,
          pave_status_message(st), ts);
    if (tok && st == PAVE_OK)
        CHECK(pave_token_verify(U, K, ts, strlen(ts), S, tok, strlen(tok)) == PAVE_OK, "%s signs '%s'", fn, ts);
}

static void test_clock(void) {
    pave_signer *sg = NULL;
    CHECK(pave_signer_new(U, K, S, &sg) == PAVE_OK, "signer");
    for (size_t i = 0; i < sizeof clock_cases / sizeof *clock_cases; i++) {
        const struct clock_case *c = &clock_cases[i];
        if (sizeof(time_t) < 8 && (c->sec > INT32_MAX || c->sec < INT32_MIN)) continue;
        clock_fails = c->fails;
        clock_fixed = !c->fails;
        clock_value.tv_sec = (time_t)c->sec;
        clock_value.tv_nsec = c->nsec;
        for (pave_time_format f = 0; f < 3; f++) {
            char ts[PAVE_TIMESTAMP_SIZE], tok[PAVE_TOKEN_SIZE];
            size_t len = 99;
            unsigned long before = clock_calls;
            memset(ts, 'x', sizeof ts);
            memset(tok, 'x', sizeof tok);
            expect(c, "pave_token_now", f, pave_token_now(U, K, S, f, ts, sizeof ts, tok, sizeof tok), ts, tok);
            memset(ts, 'x', sizeof ts);
            memset(tok, 'x', sizeof tok);
            expect(c, "pave_signer_token_now", f, pave_signer_token_now(sg, f, ts, sizeof ts, tok, sizeof tok), ts, tok);
            memset(ts, 'x', sizeof ts);
            pave_status st = pave_timestamp_now(f, ts, sizeof ts, &len);
            expect(c, "pave_timestamp_now", f, st, ts, NULL);
            CHECK(st == PAVE_OK ? len == strlen(ts) : len == 0, "pave_timestamp_now length %zu", len);
            CHECK(clock_calls == before + 3, "each now-function read the clock once");
        }
    }
    clock_fails = clock_fixed = 0;
    pave_signer_free(sg);
}

int main(void) {
    test_allocation();
    test_clock();
    printf("faults: %lu passed, %lu failed (%lu fault cases)\n", passed, failed, fault_cases);
    return failed ? 1 : 0;
}
