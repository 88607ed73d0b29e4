/* The C tests' one assertion: counts passes and failures, reports failures
 * with the condition and a printf-style message. Each test ends with
 * printf("NAME: %lu passed, %lu failed\n", passed, failed). */
#ifndef PAVE_TESTS_CHECK_H
#define PAVE_TESTS_CHECK_H

#include <stdio.h>

static unsigned long passed, failed;

#define CHECK(cond, ...)                                                      \
    do {                                                                      \
        if (cond) {                                                           \
            passed++;                                                         \
        } else {                                                              \
            failed++;                                                         \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);   \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
        }                                                                     \
    } while (0)

#endif
