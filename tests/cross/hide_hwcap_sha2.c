/*
 * Hides the ARMv8 SHA-2 instructions from a program under test, so that the
 * library (through sha2's CPU check, getauxval(AT_HWCAP)) takes its portable
 * path on a CPU or emulator that has them: every qemu CPU model does.
 *
 * Two ways in, from this one file:
 *  - a shared library for LD_PRELOAD, which defines getauxval itself and
 *    forwards to the C library's (dynamically linked programs);
 *  - -DWRAP and `-Wl,--wrap=getauxval` for static programs, where the
 *    linker sends every getauxval call to __wrap_getauxval.
 * At exit it prints how often it hid the bit, and the test rule checks
 * that count, so a run that never asked (and so proved nothing) fails.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>

#ifndef HWCAP_SHA2
#define HWCAP_SHA2 (1UL << 6)
#endif

static unsigned long hidden;

static void report(void) { fprintf(stderr, "hide_hwcap_sha2: hid SHA2 %lu times\n", hidden); }

static unsigned long filtered(unsigned long type, unsigned long value) {
    if (type == AT_HWCAP && (value & HWCAP_SHA2)) {
        if (hidden++ == 0) atexit(report);
        value &= ~HWCAP_SHA2;
    }
    return value;
}

#ifdef WRAP
unsigned long __real_getauxval(unsigned long type);
unsigned long __wrap_getauxval(unsigned long type);
unsigned long __wrap_getauxval(unsigned long type) { return filtered(type, __real_getauxval(type)); }
#else
#include <dlfcn.h>
unsigned long getauxval(unsigned long type) {
    static unsigned long (*real)(unsigned long);
    if (!real) real = (unsigned long (*)(unsigned long))dlsym(RTLD_NEXT, "getauxval");
    return filtered(type, real(type));
}
#endif
