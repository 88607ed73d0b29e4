/*
 * Constant-time check, dudect style (Reparaz, Balasch, Verbauwhede 2017):
 * for each pair of input classes, measurements of the same call with the
 * class picked at random for each one, then Welch's t-test between the two
 * classes' timings. A |t| that grows with the number of measurements means
 * the timing depends on the class; dudect reads |t| > 10 as a certain leak
 * and |t| < 4.5 as no leak found.
 *
 * Classes: pave_token_verify with the right token, its first byte wrong,
 * its last byte wrong (the expected MAC is secret, the received token is the
 * attacker's); and tokens, one-shot and through a signer, under two secrets
 * of equal length. Each class's input is copied into one buffer before its
 * call (a signer is made afresh in the same heap block), so no address
 * differs between classes, and each pair runs on its own
 * with both classes equally likely, so branch predictors see both equally.
 *
 * Usage: timing LABEL MEASUREMENTS MAX_T. Fails if any pair's max |t| over
 * the crops (measurements below the pooled 50th..99th percentile, and all)
 * exceeds MAX_T in each of RUNS runs: a pair over the limit is measured
 * again, because a leak persists from run to run and a burst of load on a
 * busy machine does not.
 */
#define _POSIX_C_SOURCE 200809L
#include <pave_token.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
/* rdtsc fenced on both sides, so the call is neither started early nor left unfinished. */
static inline uint64_t ticks(void) {
    _mm_lfence();
    uint64_t t = __rdtsc();
    _mm_lfence();
    return t;
}
#else
static inline uint64_t ticks(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
#endif

#define WARMUP 10000
/* A pair fails only when this many runs in a row are all over the limit. */
#define RUNS 3

static uint64_t rng_state = 0x2545F4914F6CDD1Du;
static uint64_t next_random(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static const char USERNAME[] = "acme_motors";
static const char API_KEY[] = "0123456789abcdef0123456789abcdef";
static const char TIMESTAMP[] = "2026-11-29T21:33:57Z";
#define SECRET_LEN 64

/* The one buffer each class's input is copied into before its call. */
static char input[PAVE_TOKEN_SIZE];
static char secrets[2][SECRET_LEN];
/* The secrets as token-size inputs (NUL-padded) for `select_input`. */
static char secret_inputs[2][PAVE_TOKEN_SIZE];
static char tokens[3][PAVE_TOKEN_SIZE];
static char out[PAVE_TOKEN_SIZE];
static volatile unsigned sink;

typedef unsigned (*measured_call)(int cls);

static unsigned call_verify(int cls) {
    (void)cls;
    return pave_token_verify(USERNAME, strlen(USERNAME), API_KEY, strlen(API_KEY), TIMESTAMP,
                             strlen(TIMESTAMP), secrets[0], SECRET_LEN, input, PAVE_TOKEN_LEN);
}

static unsigned call_token(int cls) {
    (void)cls;
    return pave_token(USERNAME, strlen(USERNAME), API_KEY, strlen(API_KEY), TIMESTAMP,
                      strlen(TIMESTAMP), input, SECRET_LEN, out, sizeof out);
}

/* input = inputs[c], reading both inputs whole either way: a plain copy
 * from inputs[c] would leave a class-dependent address in the caches. */
static void select_input(const char *const inputs[2], int c) {
    unsigned char take_second = (unsigned char)-(unsigned char)c;
    for (size_t i = 0; i < PAVE_TOKEN_SIZE; i++)
        input[i] = (char)(((unsigned char)inputs[0][i] & (unsigned char)~take_second) |
                          ((unsigned char)inputs[1][i] & take_second));
}

/* A signer made afresh for each call, from secret `cls`, in the block the
 * last one was freed from (malloc hands it back; `moved` counts the times it
 * did not), so both classes' signers sit at the same address. */
static pave_signer *slot;
static unsigned long moved;

static void prepare_signer(int cls) {
    static const char *const secret_pair[2] = {secret_inputs[0], secret_inputs[1]};
    pave_signer *last = slot;
    pave_signer_free(slot);
    select_input(secret_pair, cls);
    if (pave_signer_new(USERNAME, strlen(USERNAME), API_KEY, strlen(API_KEY), input, SECRET_LEN,
                        &slot) != PAVE_OK)
        abort();
    if (last && slot != last) moved++;
}

static unsigned call_signer(int cls) {
    (void)cls;
    return pave_signer_token(slot, TIMESTAMP, strlen(TIMESTAMP), out, sizeof out);
}

struct pair {
    const char *name;
    measured_call call;
    const char *inputs[2];      /* copied into `input` (NULL: nothing to copy) */
    void (*prepare)(int cls);   /* or NULL */
};

static int compare_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Welch's t between the classes, over measurements at or below `limit`. */
static double welch_t(const uint64_t *t, const unsigned char *cls, size_t n, uint64_t limit) {
    double sum[2] = {0, 0}, sq[2] = {0, 0}, count[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        if (t[i] > limit) continue;
        double x = (double)t[i];
        sum[cls[i]] += x;
        count[cls[i]] += 1;
    }
    if (count[0] < 2 || count[1] < 2) return 0;
    double mean[2] = {sum[0] / count[0], sum[1] / count[1]};
    for (size_t i = 0; i < n; i++) {
        if (t[i] > limit) continue;
        double d = (double)t[i] - mean[cls[i]];
        sq[cls[i]] += d * d;
    }
    double var0 = sq[0] / (count[0] - 1), var1 = sq[1] / (count[1] - 1);
    double se = sqrt(var0 / count[0] + var1 / count[1]);
    return se > 0 ? (mean[0] - mean[1]) / se : 0;
}

static double measure(const struct pair *p, size_t n, uint64_t *t, unsigned char *cls,
                      uint64_t *sorted) {
    for (size_t i = 0; i < n + WARMUP; i++) {
        int c = (int)(next_random() >> 63);
        if (p->inputs[0]) select_input(p->inputs, c);
        if (p->prepare) p->prepare(c);
        uint64_t start = ticks();
        unsigned status = p->call(c);
        uint64_t end = ticks();
        sink ^= status;
        if (i >= WARMUP) {
            t[i - WARMUP] = end - start;
            cls[i - WARMUP] = (unsigned char)c;
        }
    }
    memcpy(sorted, t, n * sizeof *t);
    qsort(sorted, n, sizeof *sorted, compare_u64);
    static const double crops[] = {0.50, 0.75, 0.90, 0.95, 0.99, 1.0};
    double worst = 0;
    for (size_t k = 0; k < sizeof crops / sizeof *crops; k++) {
        size_t at = (size_t)(crops[k] * (double)(n - 1));
        double t_value = fabs(welch_t(t, cls, n, sorted[at]));
        if (t_value > worst) worst = t_value;
    }
    return worst;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s LABEL MEASUREMENTS MAX_T\n", argv[0]);
        return 2;
    }
    const char *label = argv[1];
    size_t n = (size_t)strtoull(argv[2], NULL, 10);
    double max_t = strtod(argv[3], NULL);
    if (n < 1000) {
        fprintf(stderr, "timing: at least 1000 measurements\n");
        return 2;
    }

    for (int s = 0; s < 2; s++)
        for (int i = 0; i < SECRET_LEN; i++) secrets[s][i] = (char)next_random();
    /* tokens[0] right, [1] first byte wrong, [2] last byte wrong (still hex). */
    if (pave_token(USERNAME, strlen(USERNAME), API_KEY, strlen(API_KEY), TIMESTAMP,
                   strlen(TIMESTAMP), secrets[0], SECRET_LEN, tokens[0], PAVE_TOKEN_SIZE) !=
        PAVE_OK) {
        fprintf(stderr, "timing: pave_token failed\n");
        return 1;
    }
    memcpy(tokens[1], tokens[0], PAVE_TOKEN_SIZE);
    memcpy(tokens[2], tokens[0], PAVE_TOKEN_SIZE);
    tokens[1][0] = tokens[1][0] == '0' ? '1' : '0';
    tokens[2][PAVE_TOKEN_LEN - 1] = tokens[2][PAVE_TOKEN_LEN - 1] == '0' ? '1' : '0';
    memcpy(secret_inputs[0], secrets[0], SECRET_LEN);
    memcpy(secret_inputs[1], secrets[1], SECRET_LEN);

    const struct pair pairs[] = {
        {"verify: right token vs first byte wrong", call_verify, {tokens[0], tokens[1]}, NULL},
        {"verify: right token vs last byte wrong", call_verify, {tokens[0], tokens[2]}, NULL},
        {"verify: first byte wrong vs last byte wrong", call_verify, {tokens[1], tokens[2]}, NULL},
        {"one-shot token: secret A vs secret B", call_token, {secret_inputs[0], secret_inputs[1]}, NULL},
        {"signer token: secret A vs secret B", call_signer, {NULL, NULL}, prepare_signer},
    };

    uint64_t *t = malloc(n * sizeof *t), *sorted = malloc(n * sizeof *sorted);
    unsigned char *cls = malloc(n);
    if (!t || !sorted || !cls) {
        fprintf(stderr, "timing: out of memory\n");
        return 1;
    }
    unsigned long passed = 0, failed = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        int ok = 0;
        for (int run = 1; run <= RUNS && !ok; run++) {
            double worst = measure(&pairs[i], n, t, cls, sorted);
            ok = worst <= max_t;
            printf("timing[%s] %-46s max |t| = %6.2f over %zu measurements%s\n", label,
                   pairs[i].name, worst, n,
                   ok ? "" : run < RUNS ? "  <-- above the limit: measured again" : "  <-- above the limit");
        }
        if (ok) passed++;
        else failed++;
    }
    free(t);
    free(sorted);
    free(cls);
    pave_signer_free(slot);
    if (moved) printf("timing[%s] note: a fresh signer moved %lu times\n", label, moved);
    printf("timing[%s]: %lu passed, %lu failed (limit |t| <= %.1f)\n", label, passed, failed, max_t);
    return failed ? 1 : 0;
}
