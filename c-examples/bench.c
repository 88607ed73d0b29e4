/*
 * bench: libpave_token against OpenSSL and the SHA-256 compression floor, in
 * one run, on the same 65-byte message (username, 32-char key, RFC 3339
 * timestamp, 64-char secret) unless BENCH_MESSAGE=short|long.
 *
 * A one-shot HMAC-SHA256 token of a 65-byte message costs 5 compressions (2
 * key pads, 2 message blocks, 1 outer), a signer token 3 (pads precomputed);
 * a reused HMAC_CTX also starts from precomputed pads.
 * Prints ns/token, the ratio to that floor and to OpenSSL's one-shot HMAC().
 * Best of 7 rounds.  Build and run: make bench (it runs this against the
 * default library and the one built with force-portable, whose one-shot and
 * signer rows are then the portable backend's).
 */
#define _POSIX_C_SOURCE 200809L
#define OPENSSL_SUPPRESS_DEPRECATED /* HMAC_CTX and SHA256_Transform: the peers being measured */
#include <pave_token.h>

#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile unsigned char sink;
static const char *user = "acme_motors", *key = "0123456789abcdef0123456789abcdef", *ts = "2026-11-29T21:33:57Z";
static const char *secret = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
static char message[512];
static size_t message_len, user_len, key_len, ts_len, secret_len; /* measured once, like a real caller */
static pave_signer *signer;
static HMAC_CTX *ctx;

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void to_hex(const unsigned char *mac, char *out) {
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = digits[mac[i] >> 4];
        out[2 * i + 1] = digits[mac[i] & 15];
    }
    out[64] = '\0';
}

static void run_pave_token(void) {
    char out[PAVE_TOKEN_SIZE];
    pave_token(user, user_len, key, key_len, ts, ts_len, secret, secret_len, out, sizeof out);
    sink ^= (unsigned char)out[0];
}

static void run_pave_signer(void) {
    char out[PAVE_TOKEN_SIZE];
    pave_signer_token(signer, ts, ts_len, out, sizeof out);
    sink ^= (unsigned char)out[0];
}

static void run_openssl_hmac(void) {
    unsigned char mac[32];
    unsigned int len = 0;
    char out[65];
    HMAC(EVP_sha256(), secret, (int)secret_len, (const unsigned char *)message, message_len, mac, &len);
    to_hex(mac, out);
    sink ^= (unsigned char)out[0];
}

static void run_openssl_ctx(void) {
    unsigned char mac[32];
    unsigned int len = 0;
    char out[65];
    HMAC_Init_ex(ctx, NULL, 0, NULL, NULL); /* reuse the key already set */
    HMAC_Update(ctx, (const unsigned char *)message, message_len);
    HMAC_Final(ctx, mac, &len);
    to_hex(mac, out);
    sink ^= (unsigned char)out[0];
}

static SHA256_CTX sha_state;
static unsigned char block[64];
static void run_compression(void) {
    SHA256_Transform(&sha_state, block);
    sink ^= (unsigned char)sha_state.h[0];
}

static double measure(void (*f)(void), long n) {
    double best = 1e30;
    for (int round = 0; round < 7; round++) {
        double start = now_ns();
        for (long i = 0; i < n; i++) f();
        double ns = (now_ns() - start) / (double)n;
        if (ns < best) best = ns;
    }
    return best;
}

int main(void) {
    const char *size = getenv("BENCH_MESSAGE");
    if (size && strcmp(size, "short") == 0) { /* 20-byte message */
        user = "acme";
        key = "k1234567";
        ts = "1622378959";
    } else if (size && strcmp(size, "long") == 0) { /* 300-byte message */
        static char long_user[256];
        memset(long_user, 'u', 246);
        user = long_user;
    }
    message_len = (size_t)snprintf(message, sizeof message, "%s:%s@%s", user, key, ts);
    user_len = strlen(user), key_len = strlen(key), ts_len = strlen(ts), secret_len = strlen(secret);
    long n = getenv("BENCH_N") ? atol(getenv("BENCH_N")) : 300000;

    if (pave_signer_new(user, strlen(user), key, strlen(key), secret, strlen(secret), &signer) != PAVE_OK) return 1;
    ctx = HMAC_CTX_new();
    HMAC_Init_ex(ctx, secret, (int)strlen(secret), EVP_sha256(), NULL);
    SHA256_Init(&sha_state);

    /* Every contender must produce the same token before it is timed. */
    char a[PAVE_TOKEN_SIZE], b[PAVE_TOKEN_SIZE], c[65];
    unsigned char mac[32];
    unsigned int len;
    pave_token(user, strlen(user), key, strlen(key), ts, strlen(ts), secret, strlen(secret), a, sizeof a);
    pave_signer_token(signer, ts, strlen(ts), b, sizeof b);
    HMAC(EVP_sha256(), secret, (int)strlen(secret), (const unsigned char *)message, message_len, mac, &len);
    to_hex(mac, c);
    if (strcmp(a, c) != 0 || strcmp(b, c) != 0) {
        fprintf(stderr, "bench: tokens differ\n");
        return 1;
    }

    /* One-shot: 2 key pads + the message blocks (with padding) + 1 outer.
     * Signer: the pads and every whole block of "username:api_key@" are hashed
     * once, so only the prefix's tail, the timestamp and padding remain, + 1 outer. */
    size_t inner_blocks = (64 + message_len + 9 + 63) / 64 - 1;
    size_t prefix_tail = (strlen(user) + strlen(key) + 2) % 64;
    size_t signer_blocks = (prefix_tail + strlen(ts) + 9 + 63) / 64 + 1;
    double compress = measure(run_compression, n * 4);
    double floor_one_shot = compress * (double)(inner_blocks + 3);
    double floor_signer = compress * (double)signer_blocks;
    double hmac = measure(run_openssl_hmac, n);
    struct {
        const char *name;
        double ns, floor;
    } rows[] = {
        {"pave_token (one-shot)", measure(run_pave_token, n), floor_one_shot},
        {"pave_signer_token", measure(run_pave_signer, n), floor_signer},
        {"OpenSSL HMAC() + hex", hmac, floor_one_shot},
        {"OpenSSL reused HMAC_CTX + hex", measure(run_openssl_ctx, n), compress * (double)(inner_blocks + 1)},
    };
    printf("%zu-byte message (%zu compressions one-shot, %zu with a signer); %s\n", message_len, inner_blocks + 3,
           signer_blocks, OpenSSL_version(OPENSSL_VERSION));
    printf("| %-30s | %8s | %10s | %12s |\n", "", "ns/token", "vs floor", "vs HMAC()");
    printf("|%s|%s|%s|%s|\n", "--------------------------------", "----------", "------------", "--------------");
    printf("| %-30s | %8.1f | %10s | %12s |\n", "one SHA-256 compression", compress, "", "");
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        printf("| %-30s | %8.1f | %9.2fx | %11.2fx |\n", rows[i].name, rows[i].ns, rows[i].ns / rows[i].floor,
               rows[i].ns / hmac);
    HMAC_CTX_free(ctx);
    pave_signer_free(signer);
    return 0;
}
