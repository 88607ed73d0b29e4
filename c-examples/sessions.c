/*
 * sessions: call PAVE's API with a signed request, using libcurl.
 *
 *   GET {PAVE_BASE_URL}/v1/sessions   with API-Key, API-Token, API-Timestamp
 *
 * Environment: PAVE_USERNAME, PAVE_API_KEY, PAVE_API_SECRET (required);
 * PAVE_BASE_URL (default https://openapi.paveapi.com); PAVE_TIMESTAMP (sign this
 * exact timestamp instead of now, for debugging a rejected request).
 * Prints the HTTP status and the body; exits 0 on 2xx/3xx, 1 on 4xx/5xx,
 * 2 on a usage or transport error.
 */
#include <pave_token.h>

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t print_body(char *data, size_t size, size_t count, void *user) {
    (void)user;
    return fwrite(data, size, count, stdout) * size;
}

static const char *required(const char *name) {
    const char *v = getenv(name);
    if (!v || !*v) {
        fprintf(stderr, "sessions: set %s\n", name);
        exit(2);
    }
    return v;
}

int main(void) {
    const char *username = required("PAVE_USERNAME");
    const char *api_key = required("PAVE_API_KEY");
    const char *api_secret = required("PAVE_API_SECRET");
    const char *base = getenv("PAVE_BASE_URL") ? getenv("PAVE_BASE_URL") : "https://openapi.paveapi.com";
    const char *fixed = getenv("PAVE_TIMESTAMP");

    char timestamp[PAVE_TIMESTAMP_SIZE], token[PAVE_TOKEN_SIZE];
    pave_status st;
    if (fixed) {
        if (strlen(fixed) >= sizeof timestamp) {
            fprintf(stderr, "sessions: PAVE_TIMESTAMP is too long\n");
            return 2;
        }
        strcpy(timestamp, fixed);
        st = pave_token(username, strlen(username), api_key, strlen(api_key), timestamp, strlen(timestamp),
                        api_secret, strlen(api_secret), token, sizeof token);
    } else {
        st = pave_token_now(username, strlen(username), api_key, strlen(api_key), api_secret, strlen(api_secret),
                            PAVE_TIME_RFC3339, timestamp, sizeof timestamp, token, sizeof token);
    }
    if (st != PAVE_OK) {
        fprintf(stderr, "sessions: cannot sign: %s\n", pave_status_message(st));
        return 2;
    }

    char url[2048], h_key[1024], h_token[128], h_time[128];
    if ((size_t)snprintf(url, sizeof url, "%s/v1/sessions", base) >= sizeof url ||
        (size_t)snprintf(h_key, sizeof h_key, "API-Key: %s", api_key) >= sizeof h_key) {
        fprintf(stderr, "sessions: PAVE_BASE_URL or PAVE_API_KEY is too long\n");
        return 2;
    }
    snprintf(h_token, sizeof h_token, "API-Token: %s", token);
    snprintf(h_time, sizeof h_time, "API-Timestamp: %s", timestamp);

    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return 2;
    CURL *curl = curl_easy_init();
    if (!curl) return 2;
    struct curl_slist *headers = NULL;
    headers = curl_slist_append(headers, h_key);
    headers = curl_slist_append(headers, h_token);
    headers = curl_slist_append(headers, h_time);
    headers = curl_slist_append(headers, "Accept: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, print_body);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);

    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    int exit_code;
    if (rc != CURLE_OK) {
        fprintf(stderr, "sessions: %s: %s\n", url, curl_easy_strerror(rc));
        exit_code = 2;
    } else {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        printf("\nHTTP %ld\n", status);
        exit_code = status >= 400 ? 1 : 0;
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    return exit_code;
}
