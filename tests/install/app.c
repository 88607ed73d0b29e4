/* A program outside the repository, built against an installed pave_token
 * (pkg-config or CMake): it must sign the worked example. */
#include <pave_token.h>

#include <stdio.h>
#include <string.h>

int main(void) {
    static const char want[] = "891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e";
    char token[PAVE_TOKEN_SIZE];
    pave_status st = pave_token_cstr("acme_motors", "0123456789abcdef0123456789abcdef", "2026-11-29T21:33:57Z",
                                     "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210", token,
                                     sizeof token);
    int ok = st == PAVE_OK && strcmp(token, want) == 0 && strcmp(pave_version(), PAVE_TOKEN_VERSION) == 0;
    printf("%s %s (library %s)\n", ok ? "ok" : "WRONG", token, pave_version());
    return ok ? 0 : 1;
}
