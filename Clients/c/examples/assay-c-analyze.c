/*
 * assay-c-analyze — analyse one article file with an Assay server.
 *
 *   assay-c-analyze [--server HOST:PORT] [--no-compression] [--api-key KEY]
 *                   [--deadline SECONDS] [--json] FILE
 *
 * FILE: first line = headline, then a blank line, then the body. Without a
 * blank line after the first line, the whole file is the body.
 * Server: --server, else $ASSAY_SERVER, else 127.0.0.1:7443. API key:
 * --api-key, else $ASSAY_API_KEY.
 * Exit codes: 0 ok, 1 analysis/server error, 2 usage (or unreadable FILE),
 * 3 server unreachable.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay.h"

#define PROG "assay-c-analyze"

static void usage_line(FILE *f) {
    fprintf(f, "usage: " PROG " [--server HOST:PORT] [--no-compression] [--api-key KEY] [--deadline SECONDS] [--json] FILE\n");
}

static int usage_error(const char *what, const char *arg) {
    fprintf(stderr, PROG ": error: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
    usage_line(stderr);
    return 2;
}

/* Splits "host:port" / "[v6]:port". Returns 0 on success. */
static int parse_server(const char *s, char *host, size_t host_len, uint16_t *port) {
    const char *colon;
    const char *hstart = s;
    size_t hlen;
    if (s[0] == '[') {
        const char *close = strchr(s, ']');
        if (close == NULL || close[1] != ':') return -1;
        hstart = s + 1;
        hlen = (size_t)(close - hstart);
        colon = close + 1;
    } else {
        colon = strrchr(s, ':');
        if (colon == NULL) return -1;
        hlen = (size_t)(colon - s);
    }
    if (hlen == 0 || hlen >= host_len) return -1;
    char *end = NULL;
    errno = 0;
    long p = strtol(colon + 1, &end, 10);
    if (errno != 0 || end == colon + 1 || *end != '\0' || p < 1 || p > 65535) return -1;
    memcpy(host, hstart, hlen);
    host[hlen] = '\0';
    *port = (uint16_t)p;
    return 0;
}

static char *read_file(const char *path, size_t *len_out) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap + 1);
    while (buf != NULL) {
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) break;
        if (len == cap) {
            char *grown = cap > (SIZE_MAX - 1) / 2 ? NULL : realloc(buf, cap * 2 + 1);
            if (grown == NULL) {
                free(buf);
                buf = NULL;
                errno = ENOMEM;
                break;
            }
            buf = grown;
            cap *= 2;
        }
    }
    int failed = buf == NULL || ferror(f);
    int saved = errno;
    fclose(f);
    if (failed) {
        free(buf);
        errno = saved ? saved : EIO;
        return NULL;
    }
    buf[len] = '\0';
    *len_out = len;
    return buf;
}

static int is_blank_line(const char *s, const char *end) {
    for (; s < end; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r') return 0;
    return 1;
}

/* Splits the file text into title and body (pointers into `text`, which is modified). */
static void split_article(char *text, const char **title, const char **body) {
    char *nl = strchr(text, '\n');
    *title = "";
    *body = text;
    if (nl == NULL) return;
    char *second = nl + 1;
    char *second_end = strchr(second, '\n');
    if (second_end == NULL) second_end = second + strlen(second);
    if (*second == '\0' || !is_blank_line(second, second_end)) return;
    /* headline, blank line, body */
    char *title_end = nl;
    if (title_end > text && title_end[-1] == '\r') title_end--;
    *title_end = '\0';
    *title = text;
    *body = *second_end == '\n' ? second_end + 1 : second_end;
}

typedef struct run_ctx {
    uint8_t *summary; /* packed AnalysisSummary (events are freed after the callback) */
    size_t summary_len;
    int failed;
    char failure[256];
    unsigned events;
} run_ctx;

static int on_event(const Assay__V1__AnalysisEvent *ev, void *user) {
    run_ctx *ctx = user;
    ctx->events++;
    if (ev->event_case == ASSAY__V1__ANALYSIS_EVENT__EVENT_SUMMARY && ev->summary != NULL) {
        free(ctx->summary);
        ctx->summary_len = assay__v1__analysis_summary__get_packed_size(ev->summary);
        ctx->summary = malloc(ctx->summary_len ? ctx->summary_len : 1);
        if (ctx->summary == NULL) return 1;
        assay__v1__analysis_summary__pack(ev->summary, ctx->summary);
    } else if (ev->event_case == ASSAY__V1__ANALYSIS_EVENT__EVENT_FAILED && ev->failed != NULL) {
        ctx->failed = 1;
        snprintf(ctx->failure, sizeof ctx->failure, "%s: %s", assay_status_code_name((int)ev->failed->code),
                 ev->failed->message);
    }
    return 0;
}

static const char *enum_name(const ProtobufCEnumDescriptor *d, int value) {
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(d, value);
    return v != NULL ? v->name : "UNKNOWN";
}

static const char *strip_prefix(const char *s, const char *prefix) {
    size_t n = strlen(prefix);
    return strncmp(s, prefix, n) == 0 ? s + n : s;
}

static void json_string(const char *s) {
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        default:
            if (*p < 0x20) printf("\\u%04x", *p);
            else putchar(*p);
        }
    }
    putchar('"');
}

static int cmp_entity_id(const void *a, const void *b) {
    const Assay__V1__Entity *x = *(Assay__V1__Entity *const *)a;
    const Assay__V1__Entity *y = *(Assay__V1__Entity *const *)b;
    return strcmp(x->id, y->id);
}

static int cmp_risk_category(const void *a, const void *b) {
    const Assay__V1__RiskScore *x = *(Assay__V1__RiskScore *const *)a;
    const Assay__V1__RiskScore *y = *(Assay__V1__RiskScore *const *)b;
    return (x->category > y->category) - (x->category < y->category);
}

static void print_json(Assay__V1__AnalysisSummary *s) {
    if (s->n_entities > 1) qsort(s->entities, s->n_entities, sizeof s->entities[0], cmp_entity_id);
    if (s->n_risk_scores > 1) qsort(s->risk_scores, s->n_risk_scores, sizeof s->risk_scores[0], cmp_risk_category);
    fputs("{\"entities\":[", stdout);
    for (size_t i = 0; i < s->n_entities; i++) {
        const Assay__V1__Entity *e = s->entities[i];
        fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
        json_string(e->id);
        fputs(",\"name\":", stdout);
        json_string(e->name);
        fputs(",\"type\":", stdout);
        json_string(enum_name(&assay__v1__entity_type__descriptor, (int)e->type));
        printf(",\"mentions\":%zu}", e->n_mentions);
    }
    fputs("],\"risk\":[", stdout);
    for (size_t i = 0; i < s->n_risk_scores; i++) {
        const Assay__V1__RiskScore *r = s->risk_scores[i];
        fputs(i ? ",{\"category\":" : "{\"category\":", stdout);
        json_string(enum_name(&assay__v1__risk_category__descriptor, (int)r->category));
        printf(",\"score\":%u}", (unsigned)r->score);
    }
    fputs("]}\n", stdout);
}

static void print_text(const Assay__V1__AnalysisSummary *s) {
    printf("Entities (%zu):\n", s->n_entities);
    for (size_t i = 0; i < s->n_entities; i++) {
        const Assay__V1__Entity *e = s->entities[i];
        printf("  %-32s %-14s mentions %zu\n", e->name,
               strip_prefix(enum_name(&assay__v1__entity_type__descriptor, (int)e->type), "ENTITY_TYPE_"),
               e->n_mentions);
    }
    printf("Risk scores (%zu):\n", s->n_risk_scores);
    for (size_t i = 0; i < s->n_risk_scores; i++) {
        const Assay__V1__RiskScore *r = s->risk_scores[i];
        printf("  %-22s %3u/100",
               strip_prefix(enum_name(&assay__v1__risk_category__descriptor, (int)r->category), "RISK_CATEGORY_"),
               (unsigned)r->score);
        if (r->n_contributions > 0) {
            const Assay__V1__Contribution *c = r->contributions[0];
            printf("  top: \"%s\" (%+.3f)", c->cue, c->weight);
            if (c->evidence != NULL && c->evidence->text[0]) printf(" at \"%s\"", c->evidence->text);
        }
        putchar('\n');
    }
    if (s->overall != NULL) printf("Overall risk: %u/100\n", (unsigned)s->overall->score);
}

int main(int argc, char **argv) {
    const char *server = NULL, *api_key = NULL, *file = NULL;
    int compression = 1, json = 0;
    double deadline_s = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
#define TAKE_VALUE(name)                                                                   \
    do {                                                                                   \
        size_t n_ = strlen(name);                                                          \
        if (strncmp(a, name "=", n_ + 1) == 0) val = a + n_ + 1;                           \
        else if (i + 1 < argc) val = argv[++i];                                            \
        else return usage_error("missing value for " name, NULL);                          \
    } while (0)
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage_line(stdout);
            return 0;
        } else if (strcmp(a, "--server") == 0 || strncmp(a, "--server=", 9) == 0) {
            TAKE_VALUE("--server");
            server = val;
        } else if (strcmp(a, "--api-key") == 0 || strncmp(a, "--api-key=", 10) == 0) {
            TAKE_VALUE("--api-key");
            api_key = val;
        } else if (strcmp(a, "--deadline") == 0 || strncmp(a, "--deadline=", 11) == 0) {
            TAKE_VALUE("--deadline");
            char *end = NULL;
            errno = 0;
            deadline_s = strtod(val, &end);
            if (errno != 0 || end == val || *end != '\0' || !(deadline_s > 0) || deadline_s > 1e9)
                return usage_error("--deadline wants a positive number of seconds", val);
        } else if (strcmp(a, "--no-compression") == 0) {
            compression = 0;
        } else if (strcmp(a, "--json") == 0) {
            json = 1;
        } else if (strcmp(a, "--") == 0 && i + 1 < argc && file == NULL && i + 2 == argc) {
            file = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option", a);
        } else if (file == NULL) {
            file = a;
        } else {
            return usage_error("more than one FILE given", a);
        }
#undef TAKE_VALUE
    }
    if (file == NULL) return usage_error("no FILE given", NULL);
    if (server == NULL) server = getenv("ASSAY_SERVER");
    if (server == NULL || server[0] == '\0') server = "127.0.0.1:7443";
    if (api_key == NULL) api_key = getenv("ASSAY_API_KEY");

    char host[256];
    uint16_t port;
    if (parse_server(server, host, sizeof host, &port) != 0)
        return usage_error("bad server address (want HOST:PORT)", server);

    size_t text_len = 0;
    char *text = read_file(file, &text_len);
    if (text == NULL) {
        fprintf(stderr, PROG ": error: cannot read %s: %s\n", file, strerror(errno));
        return 2;
    }
    if (strlen(text) != text_len) {
        fprintf(stderr, PROG ": error: %s contains NUL bytes\n", file);
        free(text);
        return 2;
    }
    const char *title, *body;
    split_article(text, &title, &body);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;

    assay_client_config cfg;
    assay_client_config_init(&cfg);
    cfg.host = host;
    cfg.port = port;
    cfg.api_key = api_key;
    cfg.compression = compression;

    assay_error err;
    assay_client *client = NULL;
    int rc = assay_client_connect(&cfg, &client, &err);
    if (rc != ASSAY_OK) {
        fprintf(stderr, PROG ": error: %s (%s)\n", err.message, assay_strerror(rc));
        free(text);
        return rc == ASSAY_ERR_IO ? 3 : 1;
    }

    assay_article_input article = {.reference = base, .title = title, .body = body};
    assay_call_options opts = {.deadline_ms = (uint64_t)(deadline_s * 1000.0 + 0.5), .initial_credit = 0};
    if (deadline_s > 0 && opts.deadline_ms == 0) opts.deadline_ms = 1;
    run_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    rc = assay_analyze(client, &article, &opts, on_event, &ctx, &err);
    assay_client_close(client);
    free(text);

    int exit_code = 0;
    if (rc != ASSAY_OK) {
        fprintf(stderr, PROG ": error: %s (%s)\n", err.message, assay_strerror(rc));
        exit_code = 1;
    } else if (ctx.failed) {
        fprintf(stderr, PROG ": error: analysis failed: %s\n", ctx.failure);
        exit_code = 1;
    } else if (ctx.summary == NULL) {
        fprintf(stderr, PROG ": error: the server ended the stream without an AnalysisSummary\n");
        exit_code = 1;
    } else {
        Assay__V1__AnalysisSummary *s = assay__v1__analysis_summary__unpack(NULL, ctx.summary_len, ctx.summary);
        if (s == NULL) {
            fprintf(stderr, PROG ": error: out of memory decoding the summary\n");
            exit_code = 1;
        } else {
            if (json) print_json(s);
            else print_text(s);
            assay__v1__analysis_summary__free_unpacked(s, NULL);
            if (fflush(stdout) != 0) {
                fprintf(stderr, PROG ": error: writing output failed: %s\n", strerror(errno));
                exit_code = 1;
            }
        }
    }
    free(ctx.summary);
    return exit_code;
}
