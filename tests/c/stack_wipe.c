/*
 * Key material left on the stack: after each secret-handling call returns,
 * scan the stack the call just used for the derived secrets — the padded key
 * blocks (K ^ ipad, K ^ opad), the HMAC pad states, the inner state after the
 * first message block, and the hashed key of a long secret — computed
 * independently with OpenSSL. None may be found. Not run under valgrind: it
 * deliberately reads stack memory that no longer belongs to a live frame.
 *
 * Linked with -z now: with lazy binding, the dynamic linker's resolver runs
 * on the first call of each function and saves every vector register on
 * the stack, where values the previous call left in registers would show up.
 * Registers are outside what the library can clear from Rust.
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <pave_token.h>

#include <openssl/sha.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define PROBE 32768

typedef struct {
    const char *name, *layout;
    unsigned char bytes[64];
    size_t len;
} needle;

static needle needles[64];
static size_t needle_count;

static void add(const char *name, const char *layout, const void *bytes, size_t len) {
    needle *n = &needles[needle_count++];
    n->name = name;
    n->layout = layout;
    memcpy(n->bytes, bytes, len);
    n->len = len;
}

/* A chaining state in both layouts the library holds it in: eight
 * native-endian u32 words (the portable path), and the SHA-NI register
 * layout, lanes F E B A and H G D C from lane 0 (the x86-64 fast path). */
static void add_state(const char *name, const SHA256_CTX *ctx) {
    uint32_t words[8];
    for (int i = 0; i < 8; i++) words[i] = ctx->h[i];
    add(name, "u32 words", words, sizeof words);
    const uint32_t *h = ctx->h;
    uint32_t abef[4] = {h[5], h[4], h[1], h[0]}, cdgh[4] = {h[7], h[6], h[3], h[2]};
    add(name, "SHA-NI ABEF", abef, sizeof abef);
    add(name, "SHA-NI CDGH", cdgh, sizeof cdgh);
}

/* A key block as bytes and as the big-endian words the SHA-NI path loads:
 * each 16-byte quarter (the scan matches 16 bytes), except a quarter that is
 * one repeated byte (zero padding, or its ^ 0x36 / ^ 0x5c: public). */
static void add_block(const char *name, const unsigned char *block) {
    unsigned char swapped[64];
    for (int i = 0; i < 64; i++) swapped[i] = block[i ^ 3];
    for (int q = 0; q < 64; q += 16) {
        int uniform = 1;
        for (int i = 1; i < 16; i++) uniform &= block[q + i] == block[q];
        if (uniform) continue;
        add(name, "bytes", block + q, 16);
        add(name, "big-endian words", swapped + q, 16);
    }
}

static void derive(const unsigned char *secret, size_t secret_len, const unsigned char *first_block) {
    unsigned char key[64] = {0}, pad[64];
    if (secret_len > 64) {
        SHA256(secret, secret_len, key);
        add("hashed long key", "bytes", key, 32);
    } else {
        memcpy(key, secret, secret_len);
    }
    add_block("padded key block", key);
    for (int i = 0; i < 64; i++) pad[i] = key[i] ^ 0x36;
    add_block("K ^ ipad block", pad);
    SHA256_CTX inner;
    SHA256_Init(&inner);
    SHA256_Update(&inner, pad, 64);
    add_state("ipad state", &inner);
    SHA256_Update(&inner, first_block, 64);
    add_state("inner state after the first message block", &inner);
    for (int i = 0; i < 64; i++) pad[i] = key[i] ^ 0x5c;
    add_block("K ^ opad block", pad);
    SHA256_CTX outer;
    SHA256_Init(&outer);
    SHA256_Update(&outer, pad, 64);
    add_state("opad state", &outer);
}

/* Scans the stack below the caller's frame, where the library's frames were. */
__attribute__((noinline)) static void scan(const char *call) {
    volatile unsigned char probe[PROBE];
    for (size_t n = 0; n < needle_count; n++) {
        size_t hits = 0, depth = 0;
        /* 16 bytes of a needle are plenty to recognize it. */
        for (size_t i = 0; i + 16 <= PROBE; i++) {
            size_t j = 0;
            while (j < 16 && probe[i + j] == needles[n].bytes[j]) j++;
            if (j == 16 && hits++ == 0) depth = PROBE - i;
        }
        CHECK(hits == 0, "%s left %s (%s) on the stack (%zu places, the first %zu bytes below the caller)", call,
              needles[n].name, needles[n].layout, hits, depth);
    }
}

/* Zeroes the stack region the scans look at. */
__attribute__((noinline)) static void scrub(void) {
    volatile unsigned char probe[PROBE];
    for (size_t i = 0; i < PROBE; i++) probe[i] = 0;
    (void)probe[0];
}

int main(void) {
    const char *user = "acme_motors", *key = "0123456789abcdef0123456789abcdef";
    const char *ts = "2026-11-29T21:33:57Z";
    /* A 64-byte secret (one block, used as is) and a 100-byte one (hashed first). */
    unsigned char secrets[2][100];
    size_t secret_lens[2] = {64, 100};
    for (int i = 0; i < 100; i++) secrets[0][i] = (unsigned char)(0xC3 ^ i), secrets[1][i] = (unsigned char)(0x5A + 7 * i);

    char message[128];
    int message_len = snprintf(message, sizeof message, "%s:%s@%s", user, key, ts);
    CHECK(message_len >= 64, "the message spans two blocks");

    for (int s = 0; s < 2; s++) {
        const char *secret = (const char *)secrets[s];
        size_t secret_len = secret_lens[s];
        needle_count = 0;
        derive(secrets[s], secret_len, (const unsigned char *)message);
        scrub(); /* OpenSSL's own frames in derive() held the same values */
        char out[PAVE_TOKEN_SIZE], stamp[PAVE_TIMESTAMP_SIZE];

        CHECK(pave_token(user, 11, key, 32, ts, 20, secret, secret_len, out, sizeof out) == PAVE_OK, "token");
        scan("pave_token");
        CHECK(pave_token_verify(user, 11, key, 32, ts, 20, secret, secret_len, out, 64) == PAVE_OK, "verify");
        scan("pave_token_verify");
        CHECK(pave_token_now(user, 11, key, 32, secret, secret_len, PAVE_TIME_RFC3339, stamp, sizeof stamp, out,
                             sizeof out) == PAVE_OK, "now");
        scan("pave_token_now");
        pave_signer *signer = NULL;
        CHECK(pave_signer_new(user, 11, key, 32, secret, secret_len, &signer) == PAVE_OK, "signer");
        scan("pave_signer_new");
        CHECK(pave_signer_token(signer, ts, 20, out, sizeof out) == PAVE_OK, "signer token");
        scan("pave_signer_token");
        CHECK(pave_signer_token_now(signer, PAVE_TIME_UNIX, stamp, sizeof stamp, out, sizeof out) == PAVE_OK, "signer now");
        scan("pave_signer_token_now");
        pave_signer_free(signer);
        scan("pave_signer_free");
    }
    printf("stack-wipe: %lu passed, %lu failed\n", passed, failed);
    return failed ? 1 : 0;
}
