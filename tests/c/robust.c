/*
 * Robustness run for pave_token, meant for ASan+UBSan (make test-robust):
 * every input length 0..4096 in every field (each input in a heap block of
 * exactly its length, so any over-read is caught), 64 MiB inputs, every
 * NULL/length/size combination of the contract, and random byte strings with
 * random output sizes behind canaries, for a fixed budget of calls. Tokens are
 * checked against OpenSSL's HMAC (an independent implementation).
 */
#include <pave_token.h>

#include <openssl/hmac.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUDGET 200000
#define CANARY 0x5A

#include "check.h"

static unsigned long calls;

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t next_random(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* A heap copy of exactly n random bytes (NULL when n == 0), so ASan sees any read past it. */
static char *random_block(size_t n) {
    if (n == 0) return NULL;
    char *p = malloc(n);
    if (!p) abort();
    for (size_t i = 0; i < n; i++) p[i] = (char)next_random();
    return p;
}

/* The expected token, from OpenSSL. */
static void reference(const char *f[4], const size_t n[4], char out[65]) {
    size_t total = n[0] + n[1] + n[2] + 2;
    unsigned char *msg = malloc(total), mac[32];
    if (!msg) abort();
    size_t at = 0;
    memcpy(msg + at, f[0], n[0]), at += n[0];
    msg[at++] = ':';
    memcpy(msg + at, f[1], n[1]), at += n[1];
    msg[at++] = '@';
    memcpy(msg + at, f[2], n[2]);
    unsigned int len = 0;
    HMAC(EVP_sha256(), f[3], (int)n[3], msg, total, mac, &len);
    for (int i = 0; i < 32; i++) sprintf(out + 2 * i, "%02x", mac[i]);
    free(msg);
}

/* One call: output in a heap block of out_size + 16 canary bytes. Returns the status. */
static pave_status call(const char *f[4], const size_t n[4], size_t out_size, int null_out, char *token_copy) {
    char *out = malloc(out_size + 16);
    if (!out) abort();
    memset(out, CANARY, out_size + 16);
    pave_status st = pave_token(f[0], n[0], f[1], n[1], f[2], n[2], f[3], n[3], null_out ? NULL : out, out_size);
    calls++;
    for (size_t i = out_size + (st == PAVE_OK ? 0 : 0); i < out_size + 16; i++)
        if ((unsigned char)out[i] != CANARY) {
            CHECK(0, "write past out_size %zu at %zu", out_size, i);
            break;
        }
    if (st != PAVE_OK && out_size > 0 && !null_out) CHECK(out[0] == '\0', "output not cleared on status %u", st);
    if (st == PAVE_OK && token_copy) memcpy(token_copy, out, 65);
    free(out);
    return st;
}

static void check_against_reference(const char *f[4], const size_t n[4], const char *what) {
    char got[65], want[65];
    pave_status st = call(f, n, PAVE_TOKEN_SIZE, 0, got);
    int empty = !n[0] || !n[1] || !n[2] || !n[3];
    if (empty) {
        CHECK(st == PAVE_ERR_EMPTY_ARGUMENT, "%s: status %u for an empty field", what, st);
        return;
    }
    reference(f, n, want);
    CHECK(st == PAVE_OK && strcmp(got, want) == 0, "%s: status %u", what, st);
}

int main(void) {
    /* Every length 0..4096 in each field in turn. */
    for (int field = 0; field < 4; field++) {
        for (size_t len = 0; len <= 4096; len++) {
            size_t n[4] = {11, 32, 20, 64};
            n[field] = len;
            const char *f[4];
            for (int i = 0; i < 4; i++) f[i] = random_block(n[i]);
            char what[64];
            snprintf(what, sizeof what, "field %d length %zu", field, len);
            check_against_reference(f, n, what);
            for (int i = 0; i < 4; i++) free((void *)f[i]);
        }
    }

    /* 64 MiB username, then 64 MiB secret. */
    for (int field = 0; field < 4; field += 3) {
        size_t n[4] = {11, 32, 20, 64};
        n[field] = 64u << 20;
        const char *f[4];
        for (int i = 0; i < 4; i++) f[i] = random_block(n[i]);
        check_against_reference(f, n, "64 MiB field");
        for (int i = 0; i < 4; i++) free((void *)f[i]);
    }

    /* Every NULL / length combination of the four inputs, with NULL and each
     * size of output around the need. Precedence: NULL > empty > too small. */
    const char *data[4] = {"acme_motors", "0123456789abcdef0123456789abcdef", "2026-11-29T21:33:57Z", "secret"};
    for (int combo = 0; combo < 256; combo++) {
        const char *f[4];
        size_t n[4];
        int any_null = 0, any_empty = 0;
        for (int i = 0; i < 4; i++) {
            switch ((combo >> (2 * i)) & 3) {
            case 0: f[i] = data[i], n[i] = strlen(data[i]); break;  /* valid */
            case 1: f[i] = NULL, n[i] = 0, any_empty = 1; break;    /* NULL, 0: empty */
            case 2: f[i] = NULL, n[i] = 7, any_null = 1; break;     /* NULL with a length */
            default: f[i] = data[i], n[i] = 0, any_empty = 1; break; /* pointer, 0: empty */
            }
        }
        size_t sizes[] = {0, 1, 63, 64, 65, 66, 1000};
        for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
            for (int null_out = 0; null_out < 2; null_out++) {
                pave_status want = null_out || any_null ? PAVE_ERR_NULL_ARGUMENT
                                   : any_empty          ? PAVE_ERR_EMPTY_ARGUMENT
                                   : sizes[s] < 65      ? PAVE_ERR_BUFFER_TOO_SMALL
                                                        : PAVE_OK;
                pave_status got = call(f, n, sizes[s], null_out, NULL);
                CHECK(got == want, "combo %d size %zu null_out %d: got %u want %u", combo, sizes[s], null_out, got, want);
            }
        }
    }

    /* Random byte strings and random output sizes until the budget is spent. */
    while (calls < BUDGET) {
        size_t n[4];
        const char *f[4];
        for (int i = 0; i < 4; i++) n[i] = next_random() % 301, f[i] = random_block(n[i]);
        size_t out_size = next_random() % 80;
        char got[65], want[65];
        pave_status st = call(f, n, out_size, 0, got);
        int empty = !n[0] || !n[1] || !n[2] || !n[3];
        if (empty) {
            CHECK(st == PAVE_ERR_EMPTY_ARGUMENT, "random: empty field, status %u", st);
        } else if (out_size < PAVE_TOKEN_SIZE) {
            CHECK(st == PAVE_ERR_BUFFER_TOO_SMALL, "random: size %zu, status %u", out_size, st);
        } else {
            reference(f, n, want);
            CHECK(st == PAVE_OK && strcmp(got, want) == 0, "random: status %u", st);
        }
        for (int i = 0; i < 4; i++) free((void *)f[i]);
    }

    printf("robust: %lu passed, %lu failed (%lu calls)\n", passed, failed, calls);
    return failed ? 1 : 0;
}
