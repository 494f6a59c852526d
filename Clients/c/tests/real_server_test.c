/*
 * Scenarios against a real `assay serve` (started by Scripts/interop.sh):
 *   real_server_test HOST:PORT [WRONG_KEY_PORT]
 * 1. cancel mid-stream from the callback → ASSAY_ERR_CANCELLED, and the same connection
 *    still serves a Health call;
 * 2. a 1 ms deadline on a long article → deadline exceeded (local or the server's STATUS 4);
 * 3. (with WRONG_KEY_PORT: a server started with --api-keys) a wrong key → GOAWAY UNAUTHENTICATED.
 * Prints "N passed, M failed" and exits non-zero on any failure.
 */
#include "assay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

static void check(int ok, const char *what, const assay_error *err) {
    if (ok) {
        passed++;
        printf("ok - %s\n", what);
    } else {
        failed++;
        printf("FAIL - %s (%s: %s)\n", what, err ? assay_strerror(err->code) : "", err ? err->message : "");
    }
}

static int cancel_after_two(const Assay__V1__AnalysisEvent *event, void *user) {
    (void)event;
    int *seen = user;
    return ++*seen >= 2;
}

static int count_events(const Assay__V1__AnalysisEvent *event, void *user) {
    (void)event;
    ++*(int *)user;
    return 0;
}

static char *long_body(void) {
    const char *paragraph = "China tightened gallium export controls as Washington weighed new tariffs on rare earths.\n";
    size_t n = strlen(paragraph), count = 2000;
    char *body = malloc(n * count + 1);
    if (!body) return NULL;
    for (size_t i = 0; i < count; i++) memcpy(body + i * n, paragraph, n);
    body[n * count] = '\0';
    return body;
}

static int parse_port(const char *addr, char *host, size_t host_size, uint16_t *port) {
    const char *colon = strrchr(addr, ':');
    if (!colon || (size_t)(colon - addr) >= host_size) return 0;
    memcpy(host, addr, (size_t)(colon - addr));
    host[colon - addr] = '\0';
    *port = (uint16_t)atoi(colon + 1);
    return *port != 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s HOST:PORT [WRONG_KEY_PORT]\n", argv[0]);
        return 2;
    }
    char host[256];
    assay_client_config cfg;
    assay_client_config_init(&cfg);
    if (!parse_port(argv[1], host, sizeof host, &cfg.port)) {
        fprintf(stderr, "bad address %s\n", argv[1]);
        return 2;
    }
    cfg.host = host;

    assay_client *client = NULL;
    assay_error err;
    memset(&err, 0, sizeof err);
    int rc = assay_client_connect(&cfg, &client, &err);
    check(rc == ASSAY_OK, "connect and HELLO", &err);
    if (rc != ASSAY_OK) return 1;

    char *body = long_body();
    assay_article_input article = {.reference = "long", .title = "Rare earths", .body = body};

    /* 1. Cancel mid-stream, then reuse the connection. */
    int seen = 0;
    assay_call_options small = {.deadline_ms = 0, .initial_credit = 4};
    rc = assay_analyze(client, &article, &small, cancel_after_two, &seen, &err);
    check(rc == ASSAY_ERR_CANCELLED && seen == 2, "cancel mid-stream from the callback", &err);
    Assay__V1__ServingStatus status = ASSAY__V1__SERVING_STATUS__SERVING_STATUS_UNSPECIFIED;
    rc = assay_health(client, NULL, NULL, &status, &err);
    check(rc == ASSAY_OK && status == ASSAY__V1__SERVING_STATUS__SERVING_STATUS_SERVING,
          "the connection still serves Health after the cancel", &err);

    /* 2. Deadline exceeded. */
    int events = 0;
    assay_call_options tight = {.deadline_ms = 1, .initial_credit = 0};
    rc = assay_analyze(client, &article, &tight, count_events, &events, &err);
    check(rc == ASSAY_ERR_DEADLINE_EXCEEDED || (rc == ASSAY_ERR_STATUS && err.status_code == 4),
          "a 1 ms deadline on a long article is exceeded", &err);

    /* A normal call still completes on the same connection. */
    assay_article_input small_article = {.reference = "short", .body = "Chile and Japan signed a lithium deal."};
    events = 0;
    rc = assay_analyze(client, &small_article, NULL, count_events, &events, &err);
    check(rc == ASSAY_OK && events >= 3, "a normal Analyze afterwards streams to STATUS OK", &err);
    assay_client_close(client);

    /* 3. Wrong API key. */
    if (argc >= 3) {
        assay_client_config keyed = cfg;
        keyed.port = (uint16_t)atoi(argv[2]);
        keyed.api_key = "definitely-not-the-key";
        assay_client *rejected = NULL;
        rc = assay_client_connect(&keyed, &rejected, &err);
        check(rc == ASSAY_ERR_GOAWAY && err.status_code == 16, "a wrong API key gets GOAWAY UNAUTHENTICATED", &err);
        assay_client_close(rejected);
    }

    free(body);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
