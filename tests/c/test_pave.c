/*
 * The C contract of libpave_token, checked from C: every vector of the shared
 * files, every bad-input case with canaries after each output buffer, cleared
 * outputs, aliasing, 8 threads sharing one signer, and the now-functions.
 *
 * usage: test_pave VECTORS_DIR      (prints "N passed, N failed"; exit 1 on failure)
 */
#define _POSIX_C_SOURCE 200809L
#include <pave_token.h>

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

#define CANARY 0xA5
#define SLACK 16

/* ---------- shared vectors (tab-separated, hex-encoded byte strings) ---------- */

typedef struct {
    unsigned char *data;
    size_t len;
} bytes;

typedef struct {
    char **fields;
    size_t count;
} row;

typedef struct {
    row *rows;
    size_t count;
} table;

static char *xstrdup(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) abort();
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* One line of `f` into *line (grown as needed), without relying on POSIX
 * getline (mingw's C runtime lacks it); its length, or 0 at the end. */
static size_t read_line(FILE *f, char **line, size_t *cap) {
    size_t len = 0;
    for (;;) {
        if (*cap - len < 2) {
            *cap = *cap ? *cap * 2 : 256;
            *line = realloc(*line, *cap);
            if (!*line) abort();
        }
        if (!fgets(*line + len, (int)(*cap - len), f)) return len;
        len += strlen(*line + len);
        if (len > 0 && (*line)[len - 1] == '\n') return len;
    }
}

static table read_table(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    table t = {0};
    size_t cap = 0;
    char *line = NULL;
    size_t line_cap = 0;
    size_t n;
    while ((n = read_line(f, &line, &line_cap)) > 0) {
        if (line[0] == '#') continue;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        if (t.count == cap) {
            cap = cap ? cap * 2 : 256;
            t.rows = realloc(t.rows, cap * sizeof *t.rows);
            if (!t.rows) abort();
        }
        row r = {0};
        const char *start = line;
        for (;;) {
            const char *tab = strchr(start, '\t');
            size_t len = tab ? (size_t)(tab - start) : strlen(start);
            r.fields = realloc(r.fields, (r.count + 1) * sizeof *r.fields);
            if (!r.fields) abort();
            r.fields[r.count++] = xstrdup(start, len);
            if (!tab) break;
            start = tab + 1;
        }
        t.rows[t.count++] = r;
    }
    free(line);
    fclose(f);
    return t;
}

static void free_table(table *t) {
    for (size_t i = 0; i < t->count; i++) {
        for (size_t j = 0; j < t->rows[i].count; j++) free(t->rows[i].fields[j]);
        free(t->rows[i].fields);
    }
    free(t->rows);
}

static bytes unhex(const char *hex) {
    size_t n = strlen(hex) / 2;
    bytes b = {malloc(n + 1), n};
    if (!b.data) abort();
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) abort();
        b.data[i] = (unsigned char)v;
    }
    b.data[n] = '\0';
    return b;
}

#define P(b) (const char *)(b).data, (b).len

/* ---------- helpers ---------- */

static void fill(char *buf, size_t n) { memset(buf, CANARY, n); }

static int canary_intact(const char *buf, size_t from, size_t to) {
    for (size_t i = from; i < to; i++)
        if ((unsigned char)buf[i] != CANARY) return 0;
    return 1;
}

static const char *msg(pave_status s) { return pave_status_message(s); }

/* ---------- vectors ---------- */

static void test_token_vectors(const char *dir, pave_signer **keep, bytes *keep_ts, char *keep_token) {
    table t = read_table(dir, "tokens.tsv");
    CHECK(t.count >= 500, "%zu token vectors", t.count);
    for (size_t i = 0; i < t.count; i++) {
        bytes u = unhex(t.rows[i].fields[0]), k = unhex(t.rows[i].fields[1]);
        bytes ts = unhex(t.rows[i].fields[2]), s = unhex(t.rows[i].fields[3]);
        const char *want = t.rows[i].fields[4];
        char out[PAVE_TOKEN_SIZE + SLACK];

        fill(out, sizeof out);
        pave_status st = pave_token(P(u), P(k), P(ts), P(s), out, PAVE_TOKEN_SIZE);
        CHECK(st == PAVE_OK && strcmp(out, want) == 0, "vector %zu: %s", i, msg(st));
        CHECK(canary_intact(out, PAVE_TOKEN_SIZE, sizeof out), "vector %zu canary", i);

        pave_signer *signer = NULL;
        st = pave_signer_new(P(u), P(k), P(s), &signer);
        CHECK(st == PAVE_OK && signer != NULL, "signer %zu: %s", i, msg(st));
        fill(out, sizeof out);
        st = pave_signer_token(signer, P(ts), out, PAVE_TOKEN_SIZE);
        CHECK(st == PAVE_OK && strcmp(out, want) == 0, "signer vector %zu: %s", i, msg(st));
        CHECK(canary_intact(out, PAVE_TOKEN_SIZE, sizeof out), "signer vector %zu canary", i);

        st = pave_token_verify(P(u), P(k), P(ts), P(s), want, strlen(want));
        CHECK(st == PAVE_OK, "verify %zu: %s", i, msg(st));
        char upper[PAVE_TOKEN_SIZE], wrong[PAVE_TOKEN_SIZE];
        for (size_t j = 0; j < PAVE_TOKEN_SIZE; j++) upper[j] = (char)toupper((unsigned char)want[j]);
        CHECK(pave_token_verify(P(u), P(k), P(ts), P(s), upper, PAVE_TOKEN_LEN) == PAVE_OK, "upper %zu", i);
        memcpy(wrong, want, PAVE_TOKEN_SIZE);
        wrong[i % PAVE_TOKEN_LEN] = wrong[i % PAVE_TOKEN_LEN] == '0' ? '1' : '0';
        CHECK(pave_token_verify(P(u), P(k), P(ts), P(s), wrong, PAVE_TOKEN_LEN) == PAVE_ERR_TOKEN_MISMATCH,
              "wrong %zu", i);

        /* NUL-free vectors also through the C-string entry point. */
        if (strlen((char *)u.data) == u.len && strlen((char *)k.data) == k.len &&
            strlen((char *)ts.data) == ts.len && strlen((char *)s.data) == s.len) {
            fill(out, sizeof out);
            st = pave_token_cstr((char *)u.data, (char *)k.data, (char *)ts.data, (char *)s.data, out,
                                 PAVE_TOKEN_SIZE);
            CHECK(st == PAVE_OK && strcmp(out, want) == 0, "cstr %zu: %s", i, msg(st));
        }
        if (i == 0) {
            *keep = signer;
            *keep_ts = ts;
            memcpy(keep_token, want, PAVE_TOKEN_SIZE);
        } else {
            pave_signer_free(signer);
            free(ts.data);
        }
        free(u.data);
        free(k.data);
        free(s.data);
    }
    free_table(&t);
}

/* verify_fresh over the shared vectors: Python decided each answer (the MAC first, then the
   timestamp's grammar, then its distance from the clock). */
static void test_fresh_vectors(const char *dir) {
    static const struct { const char *name; pave_status status; } expect[] = {
        {"ok", PAVE_OK}, {"token_mismatch", PAVE_ERR_TOKEN_MISMATCH},
        {"invalid_timestamp", PAVE_ERR_INVALID_TIMESTAMP}, {"timestamp_skew", PAVE_ERR_TIMESTAMP_SKEW}};
    table t = read_table(dir, "fresh.tsv");
    size_t seen[4] = {0};
    CHECK(t.count >= 1000, "%zu freshness vectors", t.count);
    for (size_t i = 0; i < t.count; i++) {
        bytes u = unhex(t.rows[i].fields[0]), k = unhex(t.rows[i].fields[1]);
        bytes ts = unhex(t.rows[i].fields[2]), s = unhex(t.rows[i].fields[3]);
        const char *tok = t.rows[i].fields[4];
        long long now = strtoll(t.rows[i].fields[5], NULL, 10);
        unsigned long skew = strtoul(t.rows[i].fields[6], NULL, 10);
        size_t e = 0;
        while (e < 4 && strcmp(expect[e].name, t.rows[i].fields[7]) != 0) e++;
        CHECK(e < 4, "fresh %zu: unknown answer %s", i, t.rows[i].fields[7]);
        if (e == 4) continue;
        seen[e]++;
        pave_status st = pave_token_verify_fresh(P(u), P(k), P(ts), P(s), tok, strlen(tok), (int64_t)now,
                                                 (uint32_t)skew);
        CHECK(st == expect[e].status, "fresh %zu: %s, want %s", i, msg(st), expect[e].name);
        free(u.data);
        free(k.data);
        free(ts.data);
        free(s.data);
    }
    for (size_t e = 0; e < 4; e++) CHECK(seen[e] >= 100, "fresh: %zu %s cases", seen[e], expect[e].name);
    free_table(&t);
}

static void test_timestamp_vectors(const char *dir) {
    table t = read_table(dir, "timestamps.tsv");
    static const pave_time_format formats[] = {PAVE_TIME_RFC3339, PAVE_TIME_UNIX, PAVE_TIME_RFC3339_MILLIS};
    for (size_t i = 0; i < t.count; i++) {
        long long unix_seconds = strtoll(t.rows[i].fields[0], NULL, 10);
        unsigned millis = (unsigned)strtoul(t.rows[i].fields[1], NULL, 10);
        for (size_t f = 0; f < 3; f++) {
            const char *want = t.rows[i].fields[2 + f];
            size_t want_len = strlen(want);
            char out[PAVE_TIMESTAMP_SIZE + SLACK];
            size_t len = 99;
            fill(out, sizeof out);
            pave_status st = pave_timestamp(unix_seconds, millis, formats[f], out, PAVE_TIMESTAMP_SIZE, &len);
            CHECK(st == PAVE_OK && strcmp(out, want) == 0 && len == want_len, "ts %zu fmt %zu: %s %s", i, f,
                  msg(st), out);
            CHECK(canary_intact(out, PAVE_TIMESTAMP_SIZE, sizeof out), "ts canary");
            /* Exactly len + 1 bytes suffice; len bytes do not. */
            fill(out, sizeof out);
            CHECK(pave_timestamp(unix_seconds, millis, formats[f], out, want_len + 1, NULL) == PAVE_OK &&
                      canary_intact(out, want_len + 1, sizeof out),
                  "ts exact size");
            fill(out, sizeof out);
            len = 99;
            st = pave_timestamp(unix_seconds, millis, formats[f], out, want_len, &len);
            CHECK(st == PAVE_ERR_BUFFER_TOO_SMALL && out[0] == '\0' && len == 0 &&
                      canary_intact(out, want_len ? 1 : 0, sizeof out),
                  "ts too small: %s", msg(st));
            int64_t parsed = 0;
            st = pave_timestamp_parse(want, want_len, &parsed);
            CHECK(st == PAVE_OK && parsed == unix_seconds, "parse %s: %s", want, msg(st));
        }
    }
    free_table(&t);
}

static void test_parse_vectors(const char *dir) {
    table t = read_table(dir, "parse.tsv");
    size_t invalid = 0;
    for (size_t i = 0; i < t.count; i++) {
        bytes in = unhex(t.rows[i].fields[0]);
        const char *want = t.rows[i].fields[1];
        int64_t got = 12345;
        pave_status st = pave_timestamp_parse(P(in), &got);
        if (strcmp(want, "invalid") == 0) {
            invalid++;
            CHECK(st == PAVE_ERR_INVALID_TIMESTAMP && got == 0, "parse %zu should fail: %s", i, msg(st));
        } else {
            CHECK(st == PAVE_OK && got == strtoll(want, NULL, 10), "parse %zu: %s", i, msg(st));
        }
        free(in.data);
    }
    CHECK(invalid > 100, "%zu invalid parse cases", invalid);
    free_table(&t);
}

/* ---------- bad input ---------- */

#define U "acme_motors", 11
#define K "0123456789abcdef0123456789abcdef", 32
#define T "2026-11-29T21:33:57Z", 20
#define S "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210", 64
#define WANT "891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e"

static void test_token_bad_input(void) {
    char out[PAVE_TOKEN_SIZE + SLACK];
    pave_status st;

    /* Every size below PAVE_TOKEN_SIZE is too small; nothing past it is written. */
    for (size_t size = 0; size < PAVE_TOKEN_SIZE; size++) {
        fill(out, sizeof out);
        st = pave_token(U, K, T, S, out, size);
        CHECK(st == PAVE_ERR_BUFFER_TOO_SMALL, "size %zu: %s", size, msg(st));
        CHECK(size == 0 ? canary_intact(out, 0, sizeof out) : (out[0] == '\0' && canary_intact(out, 1, sizeof out)),
              "size %zu: only the NUL written", size);
    }
    fill(out, sizeof out);
    CHECK(pave_token(U, K, T, S, out, PAVE_TOKEN_SIZE) == PAVE_OK && strcmp(out, WANT) == 0, "worked example");

    /* Empty arguments, each position. NULL with length 0 is an empty string too. */
    const char *empty_cases[][4] = {{"", "k", "t", "s"}, {"u", "", "t", "s"}, {"u", "k", "", "s"}, {"u", "k", "t", ""}};
    for (int c = 0; c < 4; c++) {
        fill(out, sizeof out);
        const char *const *a = empty_cases[c];
        st = pave_token(a[0], strlen(a[0]), a[1], strlen(a[1]), a[2], strlen(a[2]), a[3], strlen(a[3]), out,
                        sizeof out);
        CHECK(st == PAVE_ERR_EMPTY_ARGUMENT && out[0] == '\0', "empty %d: %s", c, msg(st));
        st = pave_token(c == 0 ? NULL : "u", c == 0 ? 0 : 1, c == 1 ? NULL : "k", c == 1 ? 0 : 1,
                        c == 2 ? NULL : "t", c == 2 ? 0 : 1, c == 3 ? NULL : "s", c == 3 ? 0 : 1, out, sizeof out);
        CHECK(st == PAVE_ERR_EMPTY_ARGUMENT, "NULL,0 %d: %s", c, msg(st));
        st = pave_token_cstr(a[0], a[1], a[2], a[3], out, sizeof out);
        CHECK(st == PAVE_ERR_EMPTY_ARGUMENT && out[0] == '\0', "cstr empty %d", c);
        pave_signer *sg = (pave_signer *)out;
        if (c != 2) {
            st = pave_signer_new(a[0], strlen(a[0]), a[1], strlen(a[1]), a[3], strlen(a[3]), &sg);
            CHECK(st == PAVE_ERR_EMPTY_ARGUMENT && sg == NULL, "signer empty %d", c);
        }
        CHECK(pave_token_verify(a[0], strlen(a[0]), a[1], strlen(a[1]), a[2], strlen(a[2]), a[3], strlen(a[3]),
                                WANT, 64) == PAVE_ERR_EMPTY_ARGUMENT,
              "verify empty %d", c);
    }

    /* NULL inputs with a length, each position; NULL output. */
    for (int c = 0; c < 4; c++) {
        fill(out, sizeof out);
        st = pave_token(c == 0 ? NULL : "u", 1, c == 1 ? NULL : "k", 1, c == 2 ? NULL : "t", 1,
                        c == 3 ? NULL : "s", 1, out, sizeof out);
        CHECK(st == PAVE_ERR_NULL_ARGUMENT && out[0] == '\0' && canary_intact(out, 1, sizeof out), "NULL %d", c);
        st = pave_token_cstr(c == 0 ? NULL : "u", c == 1 ? NULL : "k", c == 2 ? NULL : "t", c == 3 ? NULL : "s",
                             out, sizeof out);
        CHECK(st == PAVE_ERR_NULL_ARGUMENT && out[0] == '\0', "cstr NULL %d", c);
        CHECK(pave_token_verify(c == 0 ? NULL : "u", 1, c == 1 ? NULL : "k", 1, c == 2 ? NULL : "t", 1,
                                c == 3 ? NULL : "s", 1, WANT, 64) == PAVE_ERR_NULL_ARGUMENT,
              "verify NULL %d", c);
    }
    CHECK(pave_token(U, K, T, S, NULL, PAVE_TOKEN_SIZE) == PAVE_ERR_NULL_ARGUMENT, "NULL out");
    CHECK(pave_token_cstr("u", "k", "t", "s", NULL, 65) == PAVE_ERR_NULL_ARGUMENT, "cstr NULL out");

    /* Verify: wrong, short, long, non-hex, absent tokens. */
    const char *bad_tokens[] = {WANT "0", "891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687",
                                "891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687g",
                                "891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687 ", "", "0"};
    for (size_t i = 0; i < sizeof bad_tokens / sizeof *bad_tokens; i++)
        CHECK(pave_token_verify(U, K, T, S, bad_tokens[i], strlen(bad_tokens[i])) == PAVE_ERR_TOKEN_MISMATCH,
              "bad token %zu", i);
    CHECK(pave_token_verify(U, K, T, S, NULL, 0) == PAVE_ERR_TOKEN_MISMATCH, "absent token");
    CHECK(pave_token_verify(U, K, T, S, NULL, 64) == PAVE_ERR_NULL_ARGUMENT, "NULL token with length");
    CHECK(pave_token_verify(U, K, T, S, WANT, 64) == PAVE_OK, "good token");

    /* verify_fresh: the same argument checks as verify, before any clock. */
    for (int c = 0; c < 4; c++) {
        const char *a[4] = {"u", "k", "t", "s"};
        a[c] = "";
        CHECK(pave_token_verify_fresh(a[0], strlen(a[0]), a[1], strlen(a[1]), a[2], strlen(a[2]), a[3], strlen(a[3]),
                                      WANT, 64, 0, 300) == PAVE_ERR_EMPTY_ARGUMENT, "fresh empty %d", c);
        CHECK(pave_token_verify_fresh(c == 0 ? NULL : "u", 1, c == 1 ? NULL : "k", 1, c == 2 ? NULL : "t", 1,
                                      c == 3 ? NULL : "s", 1, WANT, 64, 0, 300) == PAVE_ERR_NULL_ARGUMENT,
              "fresh NULL %d", c);
    }
    CHECK(pave_token_verify_fresh(U, K, T, S, NULL, 0, 0, 300) == PAVE_ERR_TOKEN_MISMATCH, "fresh absent token");
    CHECK(pave_token_verify_fresh(U, K, T, S, NULL, 64, 0, 300) == PAVE_ERR_NULL_ARGUMENT, "fresh NULL token");
    /* 2026-11-29T21:33:57Z is 1795988037 (date -u -d @1795988037). */
    CHECK(pave_token_verify_fresh(U, K, T, S, WANT, 64, 1795988037 + 300, 300) == PAVE_OK, "fresh at +300");
    CHECK(pave_token_verify_fresh(U, K, T, S, WANT, 64, 1795988037 - 301, 300) == PAVE_ERR_TIMESTAMP_SKEW, "fresh -301");
    CHECK(pave_token_verify_fresh(U, K, T, S, WANT, 64, INT64_MIN, UINT32_MAX) == PAVE_ERR_TIMESTAMP_SKEW, "fresh min");
    CHECK(pave_token_verify_fresh(U, K, T, S, bad_tokens[0], strlen(bad_tokens[0]), 1795988037, 300) ==
              PAVE_ERR_TOKEN_MISMATCH, "fresh wrong token");
}

static void test_now_and_timestamp_bad_input(void) {
    char ts[PAVE_TIMESTAMP_SIZE + SLACK], tok[PAVE_TOKEN_SIZE + SLACK];
    size_t len = 7;
    int64_t secs = 7;
    pave_status st;
    const pave_time_format bad_formats[] = {3, 4, 255, 0x7fffffff, 0xffffffffu};
    for (size_t i = 0; i < sizeof bad_formats / sizeof *bad_formats; i++) {
        fill(ts, sizeof ts);
        fill(tok, sizeof tok);
        st = pave_token_now(U, K, S, bad_formats[i], ts, PAVE_TIMESTAMP_SIZE, tok, PAVE_TOKEN_SIZE);
        CHECK(st == PAVE_ERR_INVALID_ARGUMENT && ts[0] == '\0' && tok[0] == '\0', "now format %zu", i);
        len = 7;
        st = pave_timestamp(0, 0, bad_formats[i], ts, PAVE_TIMESTAMP_SIZE, &len);
        CHECK(st == PAVE_ERR_INVALID_ARGUMENT && ts[0] == '\0' && len == 0, "timestamp format %zu", i);
        len = 7;
        st = pave_timestamp_now(bad_formats[i], ts, PAVE_TIMESTAMP_SIZE, &len);
        CHECK(st == PAVE_ERR_INVALID_ARGUMENT && ts[0] == '\0' && len == 0, "timestamp_now format %zu", i);
    }
    len = 7;
    CHECK(pave_timestamp(0, 1000, PAVE_TIME_UNIX, ts, sizeof ts, &len) == PAVE_ERR_INVALID_ARGUMENT && len == 0,
          "millis 1000");
    CHECK(pave_timestamp(0, 1000, PAVE_TIME_RFC3339, ts, sizeof ts, &len) == PAVE_ERR_INVALID_ARGUMENT, "millis");
    CHECK(pave_timestamp(253402300800LL, 0, PAVE_TIME_RFC3339, ts, sizeof ts, &len) == PAVE_ERR_INVALID_TIMESTAMP,
          "year 10000");
    CHECK(pave_timestamp(-62167219201LL, 0, PAVE_TIME_UNIX, ts, sizeof ts, &len) == PAVE_ERR_INVALID_TIMESTAMP,
          "year -1");
    CHECK(pave_timestamp(INT64_MIN, 0, PAVE_TIME_UNIX, ts, sizeof ts, &len) == PAVE_ERR_INVALID_TIMESTAMP, "min");
    CHECK(pave_timestamp(-62167219200LL, 0, PAVE_TIME_RFC3339, ts, sizeof ts, &len) == PAVE_OK &&
              strcmp(ts, "0000-01-01T00:00:00Z") == 0,
          "year 0: %s", ts);
    CHECK(pave_timestamp(-62167219200LL, 0, PAVE_TIME_UNIX, ts, 13, &len) == PAVE_OK && len == 12, "min unix");
    CHECK(pave_timestamp(0, 0, PAVE_TIME_RFC3339, NULL, 32, &len) == PAVE_ERR_NULL_ARGUMENT && len == 0, "NULL out");
    CHECK(pave_timestamp_now(PAVE_TIME_RFC3339, NULL, 32, NULL) == PAVE_ERR_NULL_ARGUMENT, "now NULL out");
    CHECK(pave_timestamp_parse(T, NULL) == PAVE_ERR_NULL_ARGUMENT, "parse NULL out");
    CHECK(pave_timestamp_parse(NULL, 5, &secs) == PAVE_ERR_NULL_ARGUMENT && secs == 0, "parse NULL in");
    secs = 7;
    CHECK(pave_timestamp_parse(NULL, 0, &secs) == PAVE_ERR_INVALID_TIMESTAMP && secs == 0, "parse empty");

    /* pave_token_now: each output too small by one, NULL outputs, empty inputs. */
    fill(ts, sizeof ts);
    fill(tok, sizeof tok);
    st = pave_token_now(U, K, S, PAVE_TIME_RFC3339, ts, 20, tok, PAVE_TOKEN_SIZE);
    CHECK(st == PAVE_ERR_BUFFER_TOO_SMALL && ts[0] == '\0' && tok[0] == '\0' && canary_intact(ts, 1, sizeof ts) &&
              canary_intact(tok, 1, sizeof tok),
          "now ts too small");
    fill(ts, sizeof ts);
    fill(tok, sizeof tok);
    st = pave_token_now(U, K, S, PAVE_TIME_RFC3339, ts, 21, tok, PAVE_TOKEN_LEN);
    CHECK(st == PAVE_ERR_BUFFER_TOO_SMALL && ts[0] == '\0' && tok[0] == '\0' && canary_intact(ts, 21, sizeof ts) &&
              canary_intact(tok, PAVE_TOKEN_LEN, sizeof tok),
          "now token too small: %s", msg(st));
    CHECK(pave_token_now(U, K, S, 0, NULL, 32, tok, 65) == PAVE_ERR_NULL_ARGUMENT && tok[0] == '\0', "NULL ts out");
    CHECK(pave_token_now(U, K, S, 0, ts, 32, NULL, 65) == PAVE_ERR_NULL_ARGUMENT && ts[0] == '\0', "NULL tok out");
    CHECK(pave_token_now(U, K, "", 0, 0, ts, 32, tok, 65) == PAVE_ERR_EMPTY_ARGUMENT && ts[0] == '\0', "empty");
    CHECK(pave_token_now(NULL, 3, K, S, 0, ts, 32, tok, 65) == PAVE_ERR_NULL_ARGUMENT, "NULL username");

    /* Signers. */
    pave_signer *sg = (pave_signer *)ts;
    CHECK(pave_signer_new(U, K, NULL, 4, &sg) == PAVE_ERR_NULL_ARGUMENT && sg == NULL, "signer NULL secret");
    CHECK(pave_signer_new(U, K, S, NULL) == PAVE_ERR_NULL_ARGUMENT, "signer NULL out");
    CHECK(pave_signer_token(NULL, T, tok, sizeof tok) == PAVE_ERR_NULL_ARGUMENT && tok[0] == '\0', "NULL signer");
    CHECK(pave_signer_token_now(NULL, 0, ts, 32, tok, 65) == PAVE_ERR_NULL_ARGUMENT, "NULL signer now");
    pave_signer_free(NULL);
    CHECK(pave_signer_new(U, K, S, &sg) == PAVE_OK && sg != NULL, "signer");
    fill(tok, sizeof tok);
    CHECK(pave_signer_token(sg, "", 0, tok, sizeof tok) == PAVE_ERR_EMPTY_ARGUMENT && tok[0] == '\0', "empty ts");
    CHECK(pave_signer_token(sg, NULL, 1, tok, sizeof tok) == PAVE_ERR_NULL_ARGUMENT, "NULL ts");
    CHECK(pave_signer_token(sg, T, tok, 64) == PAVE_ERR_BUFFER_TOO_SMALL && canary_intact(tok, 1, sizeof tok), "signer token too small");
    CHECK(pave_signer_token(sg, T, NULL, 65) == PAVE_ERR_NULL_ARGUMENT, "NULL token out");
    CHECK(pave_signer_token_now(sg, 9, ts, 32, tok, 65) == PAVE_ERR_INVALID_ARGUMENT && tok[0] == '\0', "format");
    CHECK(pave_signer_token_now(sg, 0, ts, 32, tok, 10) == PAVE_ERR_BUFFER_TOO_SMALL && ts[0] == '\0', "small");
    pave_signer_free(sg);
}

/* ---------- aliasing ---------- */

static void test_aliasing(void) {
    /* The output buffer holds the timestamp input. */
    char buf[PAVE_TOKEN_SIZE + SLACK] = "2026-11-29T21:33:57Z";
    CHECK(pave_token(U, K, buf, 20, S, buf, PAVE_TOKEN_SIZE) == PAVE_OK && strcmp(buf, WANT) == 0, "alias ts");
    /* The output buffer holds the secret (longer than the token). */
    char secret[128];
    memcpy(secret, "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210", 64);
    CHECK(pave_token(U, K, T, secret, 64, secret, sizeof secret) == PAVE_OK && strcmp(secret, WANT) == 0, "alias s");
    /* The output is the username, passed as a C string. */
    char user[PAVE_TOKEN_SIZE] = "acme_motors";
    CHECK(pave_token_cstr(user, "0123456789abcdef0123456789abcdef", "2026-11-29T21:33:57Z",
                          "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210", user,
                          sizeof user) == PAVE_OK &&
              strcmp(user, WANT) == 0,
          "alias cstr");
    /* Signer output over its timestamp input. */
    pave_signer *sg = NULL;
    CHECK(pave_signer_new(U, K, S, &sg) == PAVE_OK, "signer");
    char buf2[PAVE_TOKEN_SIZE] = "2026-11-29T21:33:57Z";
    CHECK(pave_signer_token(sg, buf2, 20, buf2, sizeof buf2) == PAVE_OK && strcmp(buf2, WANT) == 0, "alias signer");
    pave_signer_free(sg);
    /* Parse output over its input. */
    union {
        int64_t v;
        char s[16];
    } u;
    memcpy(u.s, "1622378959", 10);
    CHECK(pave_timestamp_parse(u.s, 10, &u.v) == PAVE_OK && u.v == 1622378959, "alias parse");
    /* Error path with aliasing: the failing call empties the buffer it read. */
    char small[20] = "2026-11-29T21:33:57";
    CHECK(pave_token(U, K, small, 19, S, small, sizeof small) == PAVE_ERR_BUFFER_TOO_SMALL && small[0] == '\0', "alias error path");
}

/* ---------- overlapping outputs of the now-functions ---------- */

/* The timestamp and token buffers of pave_token_now / pave_signer_token_now
 * must not share a byte: every overlap is PAVE_ERR_INVALID_ARGUMENT with both
 * cleared; buffers that merely touch are fine. */
static void test_overlapping_outputs(void) {
    enum { TS = PAVE_TIMESTAMP_SIZE, TOK = PAVE_TOKEN_SIZE };
    char buf[TOK + 2 + TS + 2 + TOK];
    pave_signer *sg = NULL;
    CHECK(pave_signer_new(U, K, S, &sg) == PAVE_OK, "signer");
    /* token at offset d from the timestamp: overlapping for -TOK < d < TS */
    for (int d = -TOK - 2; d <= TS + 2; d++) {
        char *ts = buf + TOK + 2, *tok = ts + d;
        int overlap = d > -TOK && d < TS;
        for (int signer = 0; signer < 2; signer++) {
            memset(buf, 'x', sizeof buf);
            pave_status st = signer ? pave_signer_token_now(sg, PAVE_TIME_RFC3339, ts, TS, tok, TOK)
                                    : pave_token_now(U, K, S, PAVE_TIME_RFC3339, ts, TS, tok, TOK);
            if (overlap) {
                CHECK(st == PAVE_ERR_INVALID_ARGUMENT && ts[0] == '\0' && tok[0] == '\0',
                      "overlap at %d (signer %d): %s", d, signer, msg(st));
            } else {
                int64_t when = 0;
                CHECK(st == PAVE_OK && strlen(ts) == 20 && strlen(tok) == PAVE_TOKEN_LEN &&
                          pave_timestamp_parse(ts, strlen(ts), &when) == PAVE_OK &&
                          pave_token_verify(U, K, ts, strlen(ts), S, tok, strlen(tok)) == PAVE_OK,
                      "apart at %d (signer %d): %s", d, signer, msg(st));
            }
        }
    }
    /* One buffer passed twice. */
    char same[TOK];
    CHECK(pave_token_now(U, K, S, PAVE_TIME_UNIX, same, sizeof same, same, sizeof same) == PAVE_ERR_INVALID_ARGUMENT &&
              same[0] == '\0',
          "one buffer twice");
    pave_signer_free(sg);
}

/* ---------- now ---------- */

static void test_now(void) {
    static const pave_time_format formats[] = {PAVE_TIME_RFC3339, PAVE_TIME_UNIX, PAVE_TIME_RFC3339_MILLIS};
    static const size_t lengths[] = {20, 10, 24};
    for (size_t f = 0; f < 3; f++) {
        char ts[PAVE_TIMESTAMP_SIZE], tok[PAVE_TOKEN_SIZE], again[PAVE_TOKEN_SIZE];
        time_t before = time(NULL);
        pave_status st = pave_token_now(U, K, S, formats[f], ts, sizeof ts, tok, sizeof tok);
        time_t after = time(NULL);
        CHECK(st == PAVE_OK && strlen(ts) == lengths[f] && strlen(tok) == PAVE_TOKEN_LEN, "now %zu: %s", f, msg(st));
        CHECK(pave_token(U, K, ts, strlen(ts), S, again, sizeof again) == PAVE_OK && strcmp(tok, again) == 0,
              "now token signs its own timestamp %zu", f);
        CHECK(pave_token_verify(U, K, ts, strlen(ts), S, tok, strlen(tok)) == PAVE_OK, "verify now");
        int64_t parsed = 0;
        /* time() may read a coarse clock that lags the library's by up to a
         * tick, so `after` can be a second behind a timestamp made before it. */
        CHECK(pave_timestamp_parse(ts, strlen(ts), &parsed) == PAVE_OK && parsed >= before - 1 && parsed <= after + 1,
              "now is now: %s", ts);

        pave_signer *sg = NULL;
        CHECK(pave_signer_new(U, K, S, &sg) == PAVE_OK, "signer");
        st = pave_signer_token_now(sg, formats[f], ts, sizeof ts, tok, sizeof tok);
        CHECK(st == PAVE_OK && pave_token_verify(U, K, ts, strlen(ts), S, tok, strlen(tok)) == PAVE_OK, "signer now");
        pave_signer_free(sg);

        size_t len = 0;
        CHECK(pave_timestamp_now(formats[f], ts, sizeof ts, &len) == PAVE_OK && len == lengths[f], "ts now");
    }
}

/* ---------- threads ---------- */

#define THREADS 8
#define ROUNDS 2000

typedef struct {
    const pave_signer *signer;
    int index;
    unsigned long bad;
} job;

static void *worker(void *arg) {
    job *j = arg;
    for (int r = 0; r < ROUNDS; r++) {
        char ts[PAVE_TIMESTAMP_SIZE], a[PAVE_TOKEN_SIZE], b[PAVE_TOKEN_SIZE];
        int64_t when = 1600000000 + (int64_t)j->index * ROUNDS + r;
        if (pave_timestamp(when, 0, PAVE_TIME_RFC3339, ts, sizeof ts, NULL) != PAVE_OK) j->bad++;
        if (pave_signer_token(j->signer, ts, strlen(ts), a, sizeof a) != PAVE_OK) j->bad++;
        if (pave_token(U, K, ts, strlen(ts), S, b, sizeof b) != PAVE_OK) j->bad++;
        if (strcmp(a, b) != 0) j->bad++;
    }
    return NULL;
}

static void test_threads(void) {
    pave_signer *sg = NULL;
    CHECK(pave_signer_new(U, K, S, &sg) == PAVE_OK, "signer");
    pthread_t threads[THREADS];
    job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){sg, i, 0};
        CHECK(pthread_create(&threads[i], NULL, worker, &jobs[i]) == 0, "pthread_create");
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        CHECK(jobs[i].bad == 0, "thread %d: %lu mismatches", i, jobs[i].bad);
    }
    pave_signer_free(sg);
}

/* ---------- messages and version ---------- */

static void test_messages(void) {
    for (unsigned s = 0; s <= 300; s++) CHECK(pave_status_message(s) != NULL, "message %u", s);
    CHECK(pave_status_message(UINT32_MAX) != NULL, "message max");
    CHECK(strcmp(pave_status_message(PAVE_OK), "ok") == 0, "ok message");
    CHECK(strcmp(pave_status_message(PAVE_ERR_BUFFER_TOO_SMALL), pave_status_message(PAVE_ERR_CLOCK)) != 0, "distinct messages");
    CHECK(strcmp(pave_status_message(1000), "unknown status") == 0, "unknown");
    CHECK(strcmp(pave_version(), PAVE_TOKEN_VERSION) == 0, "version %s", pave_version());
    CHECK(PAVE_TOKEN_SIZE == PAVE_TOKEN_LEN + 1 && PAVE_TIMESTAMP_SIZE == 32, "sizes");
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTORS_DIR\n", argv[0]);
        return 2;
    }
    pave_signer *first = NULL;
    bytes first_ts = {0};
    char first_token[PAVE_TOKEN_SIZE];
    test_token_vectors(argv[1], &first, &first_ts, first_token);
    test_timestamp_vectors(argv[1]);
    test_parse_vectors(argv[1]);
    test_fresh_vectors(argv[1]);
    test_token_bad_input();
    test_now_and_timestamp_bad_input();
    test_aliasing();
    test_overlapping_outputs();
    test_now();
    test_threads();
    test_messages();
    /* A signer kept across all of the above still signs the same. */
    char out[PAVE_TOKEN_SIZE];
    CHECK(pave_signer_token(first, P(first_ts), out, sizeof out) == PAVE_OK && strcmp(out, first_token) == 0, "kept");
    pave_signer_free(first);
    free(first_ts.data);

    printf("c: %lu passed, %lu failed\n", passed, failed);
    return failed ? 1 : 0;
}
