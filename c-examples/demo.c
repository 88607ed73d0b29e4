/*
 * demo: sign "now" for a PAVE account and print the three request headers.
 *
 *   PAVE_USERNAME, PAVE_API_KEY, PAVE_API_SECRET   the credentials
 *   PAVE_TIME_FORMAT                               rfc3339 (default) | unix | rfc3339_millis
 *
 * Without any of the three credential variables it signs for built-in sample
 * credentials and says so on stderr. The headers go to stdout, one per line,
 * so they can be fed to curl directly:  ./demo | curl -H @- https://...
 */
#include <pave_token.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *env_or(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v ? v : fallback;
}

int main(void) {
    const char *username = getenv("PAVE_USERNAME");
    const char *api_key = getenv("PAVE_API_KEY");
    const char *api_secret = getenv("PAVE_API_SECRET");

    if (!username && !api_key && !api_secret) {
        username = "acme_motors";
        api_key = "0123456789abcdef0123456789abcdef";
        api_secret = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
        fprintf(stderr,
                "NOTE: PAVE_USERNAME, PAVE_API_KEY and PAVE_API_SECRET are not set; signing for SAMPLE\n"
                "      credentials (user %s). Set all three to sign for your account.\n",
                username);
    } else {
        /* A missing one is passed as empty, so the library names the problem. */
        username = username ? username : "";
        api_key = api_key ? api_key : "";
        api_secret = api_secret ? api_secret : "";
    }

    const char *format_name = env_or("PAVE_TIME_FORMAT", "rfc3339");
    pave_time_format format;
    if (strcmp(format_name, "rfc3339") == 0) {
        format = PAVE_TIME_RFC3339;
    } else if (strcmp(format_name, "unix") == 0) {
        format = PAVE_TIME_UNIX;
    } else if (strcmp(format_name, "rfc3339_millis") == 0) {
        format = PAVE_TIME_RFC3339_MILLIS;
    } else {
        fprintf(stderr, "demo: PAVE_TIME_FORMAT must be rfc3339, unix or rfc3339_millis, not '%s'\n", format_name);
        return 2;
    }

    char timestamp[PAVE_TIMESTAMP_SIZE];
    char token[PAVE_TOKEN_SIZE];
    pave_status status = pave_token_now(username, strlen(username), api_key, strlen(api_key), api_secret,
                                        strlen(api_secret), format, timestamp, sizeof timestamp, token, sizeof token);
    if (status != PAVE_OK) {
        fprintf(stderr, "demo: cannot sign: %s (status %u)\n", pave_status_message(status), (unsigned)status);
        return 1;
    }
    printf("API-Key: %s\n", api_key);
    printf("API-Token: %s\n", token);
    printf("API-Timestamp: %s\n", timestamp);
    return 0;
}
