/*
 * Threads, for ThreadSanitizer (make test-tsan, against a library whose Rust
 * code is built with -Zsanitizer=thread): SIGNER_THREADS threads share one
 * signer (tokens, now-tokens, verify), CHURN_THREADS create and free signers
 * of their own, and ONE_SHOT_THREADS call the one-shot, now, timestamp and
 * parse functions, all at once. Every result is checked; TSan fails the run
 * on any report (halt_on_error=1).
 */
#define _POSIX_C_SOURCE 200809L
#include <pave_token.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SIGNER_THREADS 8
#define CHURN_THREADS 2
#define ONE_SHOT_THREADS 2
#define ITERATIONS 2000

#define U "acme_motors", 11
#define K "0123456789abcdef0123456789abcdef", 32
#define S "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210", 64
#define T "2026-11-29T21:33:57Z", 20
#define WANT "891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e"

static pave_signer *shared;
static pthread_barrier_t start;

struct job {
    void *(*run)(struct job *);
    unsigned long failures;
};

static void *signer_user(struct job *job) {
    char tok[PAVE_TOKEN_SIZE], ts[PAVE_TIMESTAMP_SIZE];
    for (int i = 0; i < ITERATIONS; i++) {
        job->failures += pave_signer_token(shared, T, tok, sizeof tok) != PAVE_OK || strcmp(tok, WANT) != 0;
        job->failures += pave_signer_token_now(shared, (pave_time_format)(i % 3), ts, sizeof ts, tok, sizeof tok) != PAVE_OK;
        job->failures += pave_token_verify(U, K, ts, strlen(ts), S, tok, strlen(tok)) != PAVE_OK;
    }
    return NULL;
}

static void *churn(struct job *job) {
    char tok[PAVE_TOKEN_SIZE];
    for (int i = 0; i < ITERATIONS; i++) {
        pave_signer *own = NULL;
        job->failures += pave_signer_new(U, K, S, &own) != PAVE_OK;
        job->failures += pave_signer_token(own, T, tok, sizeof tok) != PAVE_OK || strcmp(tok, WANT) != 0;
        pave_signer_free(own);
    }
    return NULL;
}

static void *one_shot(struct job *job) {
    char tok[PAVE_TOKEN_SIZE], ts[PAVE_TIMESTAMP_SIZE];
    for (int i = 0; i < ITERATIONS; i++) {
        int64_t seconds = 0;
        size_t len = 0;
        job->failures += pave_token(U, K, T, S, tok, sizeof tok) != PAVE_OK || strcmp(tok, WANT) != 0;
        job->failures += pave_token_now(U, K, S, PAVE_TIME_RFC3339, ts, sizeof ts, tok, sizeof tok) != PAVE_OK;
        job->failures += pave_timestamp_now(PAVE_TIME_UNIX, ts, sizeof ts, &len) != PAVE_OK;
        job->failures += pave_timestamp_parse(ts, len, &seconds) != PAVE_OK || seconds <= 0;
    }
    return NULL;
}

static void *thread_main(void *arg) {
    struct job *job = arg;
    pthread_barrier_wait(&start);
    return job->run(job);
}

int main(void) {
    enum { THREADS = SIGNER_THREADS + CHURN_THREADS + ONE_SHOT_THREADS };
    if (pave_signer_new(U, K, S, &shared) != PAVE_OK) return 1;
    pthread_barrier_init(&start, NULL, THREADS);
    pthread_t threads[THREADS];
    struct job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i].run = i < SIGNER_THREADS ? signer_user : i < SIGNER_THREADS + CHURN_THREADS ? churn : one_shot;
        jobs[i].failures = 0;
        if (pthread_create(&threads[i], NULL, thread_main, &jobs[i]) != 0) return 1;
    }
    unsigned long failures = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        failures += jobs[i].failures;
    }
    pave_signer_free(shared);
    pthread_barrier_destroy(&start);
    printf("threads: %d passed, %d failed (%d threads x %d iterations: %d on one signer, %d creating and "
           "freeing signers, %d one-shot; %lu wrong results)\n",
           failures ? 0 : 1, failures ? 1 : 0, THREADS, ITERATIONS, SIGNER_THREADS, CHURN_THREADS,
           ONE_SHOT_THREADS, failures);
    return failures ? 1 : 0;
}
