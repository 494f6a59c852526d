/*
 * Tests of libassay against a fake, misbehaving Assay server.
 *
 * Each test starts a server thread on 127.0.0.1 (ephemeral port) that accepts
 * one connection, checks the preface and HELLO, answers HELLO (or not), and then
 * misbehaves according to its scenario. The client side asserts the exact
 * error code; the server side records what the client sent (CANCEL, CREDIT,
 * PONG, GOAWAY) for assertions after the connection closes.
 *
 * Run plain (make test) and under ASan/UBSan/LSan (make asan).
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "assay.h"
#include "assay_internal.h"

/* ------------------------------------------------------------ test harness */

static int g_failures; /* test-program bookkeeping only (the library has no global state) */
static int g_checks;

#define CHECK(cond, ...)                                                                   \
    do {                                                                                   \
        g_checks++;                                                                        \
        if (!(cond)) {                                                                     \
            g_failures++;                                                                  \
            fprintf(stderr, "  FAIL %s:%d: %s — ", __FILE__, __LINE__, #cond);             \
            fprintf(stderr, __VA_ARGS__);                                                  \
            fputc('\n', stderr);                                                           \
        }                                                                                  \
    } while (0)

#define CHECK_CODE(rc, want, err)                                                          \
    CHECK((rc) == (want), "got %s (%s), want %s", assay_strerror(rc), (err).message, assay_strerror(want))

static uint64_t mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ----------------------------------------------------------- fake server */

typedef enum {
    SC_OK,                 /* well-behaved: events with credit, PING, extension frames, compression */
    SC_SEQUENTIAL_CALLS,   /* analyze, then a stale frame for the closed stream, health, server info */
    SC_TRUNCATED,          /* header announcing 100 bytes, 10 bytes, close */
    SC_HUGE_LENGTH,        /* header with length 0xFFFFFFFF */
    SC_ZIP_BOMB,           /* 64 MiB of zeros deflated, then a health call on the same connection */
    SC_CORRUPT_ZLIB,       /* COMPRESSED MESSAGE that is not zlib */
    SC_GARBAGE,            /* random bytes after HelloAck */
    SC_GARBAGE_HELLO,      /* random bytes instead of HelloAck */
    SC_UNKNOWN_TYPE,       /* core frame type 0x42 */
    SC_GOAWAY_MID,         /* one event, GOAWAY(SHUTDOWN, last_stream_id=1), close */
    SC_GOAWAY_UNPROCESSED, /* GOAWAY(last_stream_id=0) while the stream is open */
    SC_STATUS_DEADLINE,    /* STATUS DEADLINE_EXCEEDED */
    SC_PING,               /* PING before any event; waits for the PONG */
    SC_SILENT,             /* never answers the request */
    SC_UNAUTH,             /* GOAWAY(UNAUTHENTICATED) instead of HelloAck */
    SC_BAD_HELLO_ACK,      /* HELLO whose payload is not a HelloAck */
    SC_BAD_PROTOBUF,       /* MESSAGE whose payload is not an AnalysisEvent */
    SC_COMPRESSED_CONTROL, /* STATUS with the COMPRESSED flag */
    SC_NEVER_OPENED,       /* MESSAGE on stream 7 */
    SC_STREAM_FRAME_ON_0,  /* STATUS on stream 0 */
    SC_SERVER_CANCEL,      /* CANCEL from the server */
    SC_EOF_BEFORE_STATUS,  /* one event, then close */
    SC_CALLBACK_CANCEL,    /* three events; the client cancels at the second */
    SC_MESSAGE_TOO_LARGE,  /* uncompressed MESSAGE above the client's max_message_size */
    SC_UNARY_TWO,          /* health answered with two MESSAGEs */
    SC_UNARY_NONE,         /* health answered with STATUS OK only */
    SC_BAD_LIMITS,         /* HelloAck.limits.max_frame_size below 16 KiB */
    SC_CREDIT_ZERO         /* CREDIT{0} from the server */
} scenario;

#define MAX_OPENS 8

typedef struct server {
    scenario sc;
    unsigned seed;
    int listen_fd;
    uint16_t port;
    pthread_t thread;
    char fail[256];
    /* what the client sent */
    int hello_ok;
    char agent[64];
    char auth_token[64];
    int hello_accepts_zlib;
    uint32_t hello_initial_credit;
    struct {
        uint32_t stream;
        char method[64];
        uint64_t timeout_ms;
        uint32_t initial_credit;
        int request_seen;
        int request_compressed;
        char title[128];
        size_t body_len;
    } opens[MAX_OPENS];
    int n_opens;
    int cancels;
    uint32_t cancel_stream;
    char cancel_reason[128];
    uint32_t credit_total;
    int credit_frames;
    int64_t credit_avail; /* for the stream being served */
    uint32_t credit_stream;
    int pongs;
    int pong_matches;
    uint8_t ping_payload[64];
    size_t ping_len;
    int client_goaways;
    int client_goaway_reason;
    int bad_client_frames;
} server;

static void srv_fail(server *s, const char *fmt, ...) {
    if (s->fail[0]) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->fail, sizeof s->fail, fmt, ap);
    va_end(ap);
}

static int xsend(int fd, const void *buf, size_t len) {
    const uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int xrecv(int fd, void *buf, size_t len) {
    uint8_t *p = buf;
    while (len > 0) {
        ssize_t n = recv(fd, p, len, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int srv_send(int fd, uint8_t type, uint8_t flags, uint32_t stream, const void *payload, size_t len) {
    uint8_t h[ASSAY_FRAME_HEADER_LEN];
    assay_header_encode(h, (uint32_t)len, type, flags, stream);
    if (xsend(fd, h, sizeof h) != 0) return -1;
    return len ? xsend(fd, payload, len) : 0;
}

static int srv_send_msg(int fd, uint8_t type, uint8_t flags, uint32_t stream, const ProtobufCMessage *m) {
    size_t len = protobuf_c_message_get_packed_size(m);
    uint8_t *buf = malloc(len ? len : 1);
    if (buf == NULL) return -1;
    protobuf_c_message_pack(m, buf);
    int rc = srv_send(fd, type, flags, stream, buf, len);
    free(buf);
    return rc;
}

/* Reads one frame from the client (payload malloc'd or NULL). -1 on EOF/timeout. */
static int srv_read(int fd, assay_frame_header *h, uint8_t **payload) {
    uint8_t hb[ASSAY_FRAME_HEADER_LEN];
    *payload = NULL;
    if (xrecv(fd, hb, sizeof hb) != 0) return -1;
    *h = assay_header_decode(hb);
    if (h->length > (32u << 20)) return -1;
    if (h->length == 0) return 0;
    *payload = malloc(h->length);
    if (*payload == NULL) return -1;
    if (xrecv(fd, *payload, h->length) != 0) {
        free(*payload);
        *payload = NULL;
        return -1;
    }
    return 0;
}

/* Records a frame from the client. */
static void note(server *s, const assay_frame_header *h, const uint8_t *p) {
    switch (h->type) {
    case ASSAY_FT_OPEN: {
        Assay__V1__Open *o = assay__v1__open__unpack(NULL, h->length, p);
        if (o == NULL || s->n_opens >= MAX_OPENS) {
            s->bad_client_frames++;
            if (o) assay__v1__open__free_unpacked(o, NULL);
            return;
        }
        if (h->stream_id % 2 == 0 || (s->n_opens > 0 && h->stream_id <= s->opens[s->n_opens - 1].stream))
            srv_fail(s, "client opened stream %u out of order", (unsigned)h->stream_id);
        s->opens[s->n_opens].stream = h->stream_id;
        snprintf(s->opens[s->n_opens].method, sizeof s->opens[0].method, "%s", o->method);
        s->opens[s->n_opens].timeout_ms = o->timeout_ms;
        s->opens[s->n_opens].initial_credit = o->initial_credit;
        s->n_opens++;
        assay__v1__open__free_unpacked(o, NULL);
        return;
    }
    case ASSAY_FT_MESSAGE: {
        int i = s->n_opens - 1;
        if (i < 0 || s->opens[i].stream != h->stream_id) {
            srv_fail(s, "MESSAGE on stream %u without OPEN", (unsigned)h->stream_id);
            return;
        }
        if (!(h->flags & ASSAY_FLAG_END_STREAM)) srv_fail(s, "request MESSAGE without END_STREAM");
        s->opens[i].request_seen = 1;
        s->opens[i].request_compressed = (h->flags & ASSAY_FLAG_COMPRESSED) != 0;
        uint8_t *data = NULL;
        size_t len = h->length;
        if (h->flags & ASSAY_FLAG_COMPRESSED) {
            if (assay_inflate_capped(p, h->length, 4u << 20, &data, &len, NULL, 0) != ASSAY_OK) {
                srv_fail(s, "client sent a bad compressed request");
                return;
            }
        }
        if (strcmp(s->opens[i].method, ASSAY_METHOD_ANALYZE) == 0) {
            Assay__V1__Article *a = assay__v1__article__unpack(NULL, len, data ? data : p);
            if (a == NULL) {
                srv_fail(s, "request is not an Article");
            } else {
                snprintf(s->opens[i].title, sizeof s->opens[i].title, "%s", a->title);
                s->opens[i].body_len = strlen(a->body);
                assay__v1__article__free_unpacked(a, NULL);
            }
        }
        free(data);
        return;
    }
    case ASSAY_FT_CREDIT: {
        Assay__V1__Credit *c = assay__v1__credit__unpack(NULL, h->length, p);
        if (c == NULL || c->messages == 0) {
            srv_fail(s, "bad CREDIT from client");
        } else {
            s->credit_total += c->messages;
            s->credit_frames++;
            if (h->stream_id == s->credit_stream) s->credit_avail += c->messages;
        }
        if (c) assay__v1__credit__free_unpacked(c, NULL);
        return;
    }
    case ASSAY_FT_CANCEL: {
        s->cancels++;
        s->cancel_stream = h->stream_id;
        Assay__V1__Cancel *c = h->length ? assay__v1__cancel__unpack(NULL, h->length, p) : NULL;
        if (c) {
            snprintf(s->cancel_reason, sizeof s->cancel_reason, "%s", c->reason);
            assay__v1__cancel__free_unpacked(c, NULL);
        }
        return;
    }
    case ASSAY_FT_PONG:
        s->pongs++;
        if (h->stream_id == 0 && h->length == s->ping_len && memcmp(p, s->ping_payload, s->ping_len) == 0) s->pong_matches++;
        return;
    case ASSAY_FT_GOAWAY: {
        s->client_goaways++;
        Assay__V1__GoAway *g = assay__v1__go_away__unpack(NULL, h->length, p);
        if (g) {
            s->client_goaway_reason = (int)g->reason;
            assay__v1__go_away__free_unpacked(g, NULL);
        }
        return;
    }
    default:
        s->bad_client_frames++;
        srv_fail(s, "unexpected frame type %u from the client", (unsigned)h->type);
    }
}

/* Reads client frames until one of `type` arrives (noted). 0, or -1 on EOF. */
static int srv_until(server *s, int fd, uint8_t type, assay_frame_header *out) {
    for (;;) {
        assay_frame_header h;
        uint8_t *p;
        if (srv_read(fd, &h, &p) != 0) return -1;
        note(s, &h, p);
        free(p);
        if (h.type == type) {
            if (out) *out = h;
            return 0;
        }
    }
}

/* ---- event builders */

static int send_event(server *s, int fd, uint32_t stream, const Assay__V1__AnalysisEvent *ev, int compress) {
    /* respect the client's credit */
    while (s->credit_avail <= 0) {
        assay_frame_header h;
        uint8_t *p;
        if (srv_read(fd, &h, &p) != 0) {
            srv_fail(s, "client closed while the server waited for CREDIT");
            return -1;
        }
        note(s, &h, p);
        free(p);
    }
    s->credit_avail--;
    size_t len = protobuf_c_message_get_packed_size(&ev->base);
    uint8_t *buf = malloc(len ? len : 1);
    if (buf == NULL) return -1;
    protobuf_c_message_pack(&ev->base, buf);
    int rc;
    if (compress) {
        uint8_t *z;
        size_t zlen;
        if (assay_deflate(buf, len, &z, &zlen) != ASSAY_OK) {
            free(buf);
            return -1;
        }
        rc = srv_send(fd, ASSAY_FT_MESSAGE, ASSAY_FLAG_COMPRESSED, stream, z, zlen);
        free(z);
    } else {
        rc = srv_send(fd, ASSAY_FT_MESSAGE, 0, stream, buf, len);
    }
    free(buf);
    return rc;
}

static char long_description[1200];

static int send_accepted(server *s, int fd, uint32_t stream, uint32_t seq) {
    Assay__V1__ArticleAccepted acc = ASSAY__V1__ARTICLE_ACCEPTED__INIT;
    acc.article_id = "0123abcd";
    acc.body_bytes = 42;
    Assay__V1__AnalysisEvent ev = ASSAY__V1__ANALYSIS_EVENT__INIT;
    ev.reference = "ref-1";
    ev.sequence = seq;
    ev.event_case = ASSAY__V1__ANALYSIS_EVENT__EVENT_ACCEPTED;
    ev.accepted = &acc;
    return send_event(s, fd, stream, &ev, 0);
}

static int send_entity(server *s, int fd, uint32_t stream, uint32_t seq, int big) {
    char id[32];
    snprintf(id, sizeof id, "country:X%u", (unsigned)seq);
    Assay__V1__Span span = ASSAY__V1__SPAN__INIT;
    span.field = ASSAY__V1__TEXT_FIELD__TEXT_FIELD_BODY;
    span.start = 0;
    span.end = 5;
    Assay__V1__Mention m = ASSAY__V1__MENTION__INIT;
    m.span = &span;
    m.text = "China";
    Assay__V1__Mention *ms[1] = {&m};
    Assay__V1__Entity e = ASSAY__V1__ENTITY__INIT;
    e.id = id;
    e.name = "China";
    e.type = ASSAY__V1__ENTITY_TYPE__ENTITY_TYPE_LOCATION;
    e.n_mentions = 1;
    e.mentions = ms;
    e.description = big ? long_description : "";
    Assay__V1__EntityFound found = ASSAY__V1__ENTITY_FOUND__INIT;
    found.entity = &e;
    Assay__V1__AnalysisEvent ev = ASSAY__V1__ANALYSIS_EVENT__INIT;
    ev.reference = "ref-1";
    ev.sequence = seq;
    ev.event_case = ASSAY__V1__ANALYSIS_EVENT__EVENT_ENTITY;
    ev.entity = &found;
    return send_event(s, fd, stream, &ev, big);
}

static int send_summary(server *s, int fd, uint32_t stream, uint32_t seq) {
    /* deliberately not sorted by id / category (the example's --json sorts) */
    Assay__V1__Mention m = ASSAY__V1__MENTION__INIT;
    Assay__V1__Mention *m1[1] = {&m};
    Assay__V1__Mention *m2[2] = {&m, &m};
    Assay__V1__Entity e1 = ASSAY__V1__ENTITY__INIT;
    e1.id = "person:xi-jinping";
    e1.name = "Xi \"Jinping\" \xe4\xb9\xa0";
    e1.type = ASSAY__V1__ENTITY_TYPE__ENTITY_TYPE_PERSON;
    e1.n_mentions = 1;
    e1.mentions = m1;
    Assay__V1__Entity e2 = ASSAY__V1__ENTITY__INIT;
    e2.id = "country:CN";
    e2.name = "China";
    e2.type = ASSAY__V1__ENTITY_TYPE__ENTITY_TYPE_LOCATION;
    e2.n_mentions = 2;
    e2.mentions = m2;
    Assay__V1__Entity *es[2] = {&e1, &e2};
    Assay__V1__Contribution con = ASSAY__V1__CONTRIBUTION__INIT;
    con.cue = "export controls";
    con.weight = 0.42;
    Assay__V1__Contribution *cons[1] = {&con};
    Assay__V1__RiskScore r1 = ASSAY__V1__RISK_SCORE__INIT;
    r1.category = ASSAY__V1__RISK_CATEGORY__RISK_CATEGORY_GEOPOLITICAL_TENSION;
    r1.score = 40;
    Assay__V1__RiskScore r2 = ASSAY__V1__RISK_SCORE__INIT;
    r2.category = ASSAY__V1__RISK_CATEGORY__RISK_CATEGORY_TRADE_RESTRICTION;
    r2.score = 72;
    r2.n_contributions = 1;
    r2.contributions = cons;
    Assay__V1__RiskScore *rs[2] = {&r1, &r2};
    Assay__V1__AnalysisSummary sum = ASSAY__V1__ANALYSIS_SUMMARY__INIT;
    sum.n_entities = 2;
    sum.entities = es;
    sum.n_risk_scores = 2;
    sum.risk_scores = rs;
    Assay__V1__AnalysisEvent ev = ASSAY__V1__ANALYSIS_EVENT__INIT;
    ev.reference = "ref-1";
    ev.sequence = seq;
    ev.event_case = ASSAY__V1__ANALYSIS_EVENT__EVENT_SUMMARY;
    ev.summary = &sum;
    return send_event(s, fd, stream, &ev, 0);
}

static int send_status(int fd, uint32_t stream, Assay__V1__StatusCode code, const char *message) {
    Assay__V1__Status st = ASSAY__V1__STATUS__INIT;
    st.code = code;
    st.message = (char *)message;
    return srv_send_msg(fd, ASSAY_FT_STATUS, 0, stream, &st.base);
}

static int send_goaway(int fd, uint32_t last, Assay__V1__GoAwayReason reason, Assay__V1__StatusCode code, const char *msg) {
    Assay__V1__GoAway g = ASSAY__V1__GO_AWAY__INIT;
    g.last_stream_id = last;
    g.reason = reason;
    g.code = code;
    g.message = (char *)msg;
    return srv_send_msg(fd, ASSAY_FT_GOAWAY, 0, 0, &g.base);
}

static void begin_stream_credit(server *s, uint32_t stream, uint32_t open_credit) {
    s->credit_stream = stream;
    s->credit_avail = open_credit ? open_credit : (s->hello_initial_credit ? s->hello_initial_credit : 64);
}

/* Answers a well-formed request on `stream` per its method. */
static void respond(server *s, int fd, int open_index) {
    uint32_t stream = s->opens[open_index].stream;
    const char *method = s->opens[open_index].method;
    begin_stream_credit(s, stream, s->opens[open_index].initial_credit);
    if (strcmp(method, ASSAY_METHOD_ANALYZE) == 0) {
        if (send_accepted(s, fd, stream, 0) || send_summary(s, fd, stream, 1)) return;
        send_status(fd, stream, ASSAY__V1__STATUS_CODE__STATUS_CODE_OK, "");
    } else if (strcmp(method, ASSAY_METHOD_HEALTH) == 0) {
        Assay__V1__HealthResponse hr = ASSAY__V1__HEALTH_RESPONSE__INIT;
        hr.status = ASSAY__V1__SERVING_STATUS__SERVING_STATUS_SERVING;
        int n = s->sc == SC_UNARY_TWO ? 2 : s->sc == SC_UNARY_NONE ? 0 : 1;
        for (int i = 0; i < n; i++) srv_send_msg(fd, ASSAY_FT_MESSAGE, 0, stream, &hr.base);
        send_status(fd, stream, ASSAY__V1__STATUS_CODE__STATUS_CODE_OK, "");
    } else if (strcmp(method, ASSAY_METHOD_SERVER_INFO) == 0) {
        char *methods[2] = {ASSAY_METHOD_ANALYZE, ASSAY_METHOD_HEALTH};
        Assay__V1__ServerInfoResponse si = ASSAY__V1__SERVER_INFO_RESPONSE__INIT;
        si.server_version = "hostile/1.0";
        si.protocol_version = 1;
        si.n_methods = 2;
        si.methods = methods;
        srv_send_msg(fd, ASSAY_FT_MESSAGE, 0, stream, &si.base);
        send_status(fd, stream, ASSAY__V1__STATUS_CODE__STATUS_CODE_OK, "");
    } else {
        send_status(fd, stream, ASSAY__V1__STATUS_CODE__STATUS_CODE_UNIMPLEMENTED, "unknown method");
    }
}

/* Serves further requests politely until the client closes. */
static void serve_rest(server *s, int fd) {
    for (;;) {
        assay_frame_header h;
        uint8_t *p;
        if (srv_read(fd, &h, &p) != 0) return;
        note(s, &h, p);
        free(p);
        if (h.type == ASSAY_FT_MESSAGE && s->n_opens > 0 && s->opens[s->n_opens - 1].stream == h.stream_id)
            respond(s, fd, s->n_opens - 1);
    }
}

static uint32_t xorshift(uint32_t *st) {
    uint32_t x = *st;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *st = x;
}

static void send_garbage(server *s, int fd) {
    uint32_t st = s->seed * 2654435761u + 1;
    uint8_t buf[300];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)xorshift(&st);
    if (s->seed % 2 == 0) { /* plausible small length, random type/flags/stream */
        buf[0] = 0;
        buf[1] = 0;
    }
    xsend(fd, buf, 10 + (s->seed % 290));
}

/* Deflates `total` zero bytes in chunks (never holding them all). */
static uint8_t *zip_bomb(size_t total, size_t *out_len) {
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit(&zs, 9) != Z_OK) return NULL;
    static const uint8_t zeros[65536];
    size_t cap = total / 512 + 4096, len = 0;
    uint8_t *out = malloc(cap);
    size_t fed = 0;
    int rc = Z_OK;
    while (out != NULL && rc != Z_STREAM_END) {
        if (zs.avail_in == 0 && fed < total) {
            size_t n = total - fed < sizeof zeros ? total - fed : sizeof zeros;
            zs.next_in = (Bytef *)(uintptr_t)zeros;
            zs.avail_in = (uInt)n;
            fed += n;
        }
        if (cap - len < 1024) {
            uint8_t *g = realloc(out, cap * 2);
            if (g == NULL) {
                free(out);
                out = NULL;
                break;
            }
            out = g;
            cap *= 2;
        }
        zs.next_out = out + len;
        zs.avail_out = (uInt)(cap - len);
        rc = deflate(&zs, fed == total ? Z_FINISH : Z_NO_FLUSH);
        len = cap - zs.avail_out;
    }
    deflateEnd(&zs);
    *out_len = len;
    return out;
}

static void *server_main(void *arg) {
    server *s = arg;
    struct pollfd pfd = {.fd = s->listen_fd, .events = POLLIN, .revents = 0};
    if (poll(&pfd, 1, 10000) <= 0) {
        srv_fail(s, "no client connected");
        return NULL;
    }
    int fd = accept(s->listen_fd, NULL, NULL);
    if (fd < 0) {
        srv_fail(s, "accept failed");
        return NULL;
    }
    struct timeval tv = {.tv_sec = 10, .tv_usec = 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

    uint8_t preface[ASSAY_PREFACE_LEN];
    assay_frame_header h;
    uint8_t *p = NULL;
    if (xrecv(fd, preface, sizeof preface) != 0 || memcmp(preface, assay_preface_bytes, sizeof preface) != 0) {
        srv_fail(s, "bad preface");
        goto done;
    }
    if (srv_read(fd, &h, &p) != 0 || h.type != ASSAY_FT_HELLO || h.stream_id != 0) {
        srv_fail(s, "first frame is not HELLO on stream 0");
        goto done;
    }
    Assay__V1__Hello *hello = assay__v1__hello__unpack(NULL, h.length, p);
    free(p);
    p = NULL;
    if (hello == NULL) {
        srv_fail(s, "HELLO does not parse");
        goto done;
    }
    s->hello_ok = hello->n_versions == 1 && hello->versions[0] == 1;
    snprintf(s->agent, sizeof s->agent, "%s", hello->agent);
    snprintf(s->auth_token, sizeof s->auth_token, "%s", hello->auth_token);
    for (size_t i = 0; i < hello->n_accept_compression; i++)
        if (hello->accept_compression[i] == ASSAY__V1__COMPRESSION__COMPRESSION_ZLIB) s->hello_accepts_zlib = 1;
    s->hello_initial_credit = hello->limits ? hello->limits->initial_stream_credit : 0;
    assay__v1__hello__free_unpacked(hello, NULL);

    if (s->sc == SC_UNAUTH) {
        send_goaway(fd, 0, ASSAY__V1__GO_AWAY_REASON__GO_AWAY_REASON_UNAUTHENTICATED,
                    ASSAY__V1__STATUS_CODE__STATUS_CODE_UNAUTHENTICATED, "missing or invalid API key");
        goto done;
    }
    if (s->sc == SC_BAD_HELLO_ACK) {
        static const uint8_t junk[] = {0x08, 0xFF, 0xFF, 0xFF};
        srv_send(fd, ASSAY_FT_HELLO, 0, 0, junk, sizeof junk);
        serve_rest(s, fd);
        goto done;
    }
    if (s->sc == SC_GARBAGE_HELLO) {
        send_garbage(s, fd);
        goto done;
    }
    if (s->sc == SC_OK) { /* an extension frame before the HelloAck must be skipped */
        static const uint8_t ext[100];
        srv_send(fd, 0xFE, 0x03, 0, ext, sizeof ext);
    }
    {
        Assay__V1__Compression acc[2] = {ASSAY__V1__COMPRESSION__COMPRESSION_ZLIB, ASSAY__V1__COMPRESSION__COMPRESSION_NONE};
        Assay__V1__Limits lim = ASSAY__V1__LIMITS__INIT;
        lim.min_compress_size = 512;
        if (s->sc == SC_BAD_LIMITS) lim.max_frame_size = 1000;
        Assay__V1__HelloAck ack = ASSAY__V1__HELLO_ACK__INIT;
        ack.version = 1;
        ack.compression = s->hello_accepts_zlib ? ASSAY__V1__COMPRESSION__COMPRESSION_ZLIB : ASSAY__V1__COMPRESSION__COMPRESSION_NONE;
        ack.n_accept_compression = 2;
        ack.accept_compression = acc;
        ack.limits = &lim;
        ack.agent = "hostile-server/1";
        srv_send_msg(fd, ASSAY_FT_HELLO, 0, 0, &ack.base);
    }

    /* The first request. */
    if (srv_until(s, fd, ASSAY_FT_MESSAGE, &h) != 0) {
        if (s->sc != SC_GOAWAY_UNPROCESSED && s->sc != SC_BAD_LIMITS) srv_fail(s, "no request from the client");
        goto done;
    }
    uint32_t st = h.stream_id;
    begin_stream_credit(s, st, s->opens[0].initial_credit);

    switch (s->sc) {
    case SC_OK: {
        static const uint8_t ext[10] = {1, 2, 3};
        uint32_t seq = 0;
        if (send_accepted(s, fd, st, seq++)) break;
        for (int i = 0; i < 20; i++) {
            if (i == 5) {
                Assay__V1__Ping ping = ASSAY__V1__PING__INIT;
                ping.opaque = 0x0102030405060708ull;
                s->ping_len = assay__v1__ping__pack(&ping, s->ping_payload);
                srv_send(fd, ASSAY_FT_PING, 0, 0, s->ping_payload, s->ping_len);
            }
            if (i == 7) srv_send(fd, 0x80, 0, st, ext, sizeof ext);       /* extension on the stream */
            if (i == 9) srv_send(fd, 0xFF, 0, 0, NULL, 0);                /* empty extension on stream 0 */
            if (send_entity(s, fd, st, seq++, i % 3 == 0)) break;         /* every third one compressed */
        }
        if (send_summary(s, fd, st, seq++)) break;
        send_status(fd, st, ASSAY__V1__STATUS_CODE__STATUS_CODE_OK, "");
        serve_rest(s, fd);
        break;
    }
    case SC_SEQUENTIAL_CALLS:
        respond(s, fd, 0);
        /* next request: first a stale frame for the closed stream 1, then the answer */
        if (srv_until(s, fd, ASSAY_FT_MESSAGE, &h) != 0) break;
        send_status(fd, st, ASSAY__V1__STATUS_CODE__STATUS_CODE_OK, "stale");
        respond(s, fd, s->n_opens - 1);
        serve_rest(s, fd);
        break;
    case SC_TRUNCATED: {
        uint8_t hb[ASSAY_FRAME_HEADER_LEN], part[10] = {0};
        assay_header_encode(hb, 100, ASSAY_FT_MESSAGE, 0, st);
        xsend(fd, hb, sizeof hb);
        xsend(fd, part, sizeof part);
        break;
    }
    case SC_HUGE_LENGTH: {
        uint8_t hb[ASSAY_FRAME_HEADER_LEN];
        assay_header_encode(hb, 0xFFFFFFFFu, ASSAY_FT_MESSAGE, 0, st);
        xsend(fd, hb, sizeof hb);
        serve_rest(s, fd); /* record the client's GOAWAY */
        break;
    }
    case SC_ZIP_BOMB: {
        size_t zlen = 0;
        uint8_t *z = zip_bomb((size_t)64 << 20, &zlen);
        if (z == NULL) {
            srv_fail(s, "cannot build the zip bomb");
            break;
        }
        srv_send(fd, ASSAY_FT_MESSAGE, ASSAY_FLAG_COMPRESSED, st, z, zlen);
        free(z);
        serve_rest(s, fd);
        break;
    }
    case SC_CORRUPT_ZLIB: {
        static const uint8_t bad[] = {0x78, 0x9C, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x11, 0x22, 0x33};
        srv_send(fd, ASSAY_FT_MESSAGE, ASSAY_FLAG_COMPRESSED, st, bad, sizeof bad);
        serve_rest(s, fd);
        break;
    }
    case SC_GARBAGE:
        send_garbage(s, fd);
        break;
    case SC_UNKNOWN_TYPE:
        srv_send(fd, 0x42, 0, st, NULL, 0);
        serve_rest(s, fd);
        break;
    case SC_GOAWAY_MID:
        send_accepted(s, fd, st, 0);
        send_goaway(fd, 1, ASSAY__V1__GO_AWAY_REASON__GO_AWAY_REASON_SHUTDOWN,
                    ASSAY__V1__STATUS_CODE__STATUS_CODE_UNAVAILABLE, "server shutting down");
        break;
    case SC_GOAWAY_UNPROCESSED:
        send_goaway(fd, 0, ASSAY__V1__GO_AWAY_REASON__GO_AWAY_REASON_SHUTDOWN,
                    ASSAY__V1__STATUS_CODE__STATUS_CODE_UNAVAILABLE, "draining");
        serve_rest(s, fd);
        break;
    case SC_STATUS_DEADLINE:
        send_accepted(s, fd, st, 0);
        {
            Assay__V1__Status__DetailsEntry d1 = ASSAY__V1__STATUS__DETAILS_ENTRY__INIT;
            d1.key = "limit";
            d1.value = "analysis";
            Assay__V1__Status__DetailsEntry *ds[1] = {&d1};
            Assay__V1__Status sts = ASSAY__V1__STATUS__INIT;
            sts.code = ASSAY__V1__STATUS_CODE__STATUS_CODE_DEADLINE_EXCEEDED;
            sts.message = "deadline of 50 ms exceeded";
            sts.retry_after_ms = 250;
            sts.n_details = 1;
            sts.details = ds;
            srv_send_msg(fd, ASSAY_FT_STATUS, 0, st, &sts.base);
        }
        serve_rest(s, fd);
        break;
    case SC_PING: {
        Assay__V1__Ping ping = ASSAY__V1__PING__INIT;
        ping.opaque = 0xFEEDFACECAFEBEEFull;
        s->ping_len = assay__v1__ping__pack(&ping, s->ping_payload);
        srv_send(fd, ASSAY_FT_PING, 0, 0, s->ping_payload, s->ping_len);
        if (srv_until(s, fd, ASSAY_FT_PONG, NULL) != 0) {
            srv_fail(s, "no PONG");
            break;
        }
        respond(s, fd, 0);
        srv_send(fd, ASSAY_FT_PING, 0, 0, s->ping_payload, s->ping_len); /* while the client is idle */
        serve_rest(s, fd);
        break;
    }
    case SC_SILENT:
        serve_rest(s, fd); /* reads (and records the CANCEL), never answers stream 1 */
        break;
    case SC_BAD_PROTOBUF: {
        static const uint8_t junk[] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
        srv_send(fd, ASSAY_FT_MESSAGE, 0, st, junk, sizeof junk);
        serve_rest(s, fd);
        break;
    }
    case SC_COMPRESSED_CONTROL: {
        Assay__V1__Status sts = ASSAY__V1__STATUS__INIT;
        srv_send_msg(fd, ASSAY_FT_STATUS, ASSAY_FLAG_COMPRESSED, st, &sts.base);
        serve_rest(s, fd);
        break;
    }
    case SC_NEVER_OPENED:
        send_accepted(s, fd, 7, 0);
        serve_rest(s, fd);
        break;
    case SC_STREAM_FRAME_ON_0:
        send_status(fd, 0, ASSAY__V1__STATUS_CODE__STATUS_CODE_OK, "");
        serve_rest(s, fd);
        break;
    case SC_SERVER_CANCEL: {
        Assay__V1__Cancel c = ASSAY__V1__CANCEL__INIT;
        c.reason = "server stopped";
        srv_send_msg(fd, ASSAY_FT_CANCEL, 0, st, &c.base);
        serve_rest(s, fd);
        break;
    }
    case SC_EOF_BEFORE_STATUS:
        send_accepted(s, fd, st, 0);
        break;
    case SC_CALLBACK_CANCEL:
        send_accepted(s, fd, st, 0);
        send_entity(s, fd, st, 1, 0);
        send_entity(s, fd, st, 2, 0);
        serve_rest(s, fd);
        break;
    case SC_MESSAGE_TOO_LARGE: {
        uint8_t *big = calloc(1, 5000);
        if (big) srv_send(fd, ASSAY_FT_MESSAGE, 0, st, big, 5000);
        free(big);
        serve_rest(s, fd);
        break;
    }
    case SC_CREDIT_ZERO: {
        Assay__V1__Credit cr = ASSAY__V1__CREDIT__INIT; /* messages = 0 */
        send_accepted(s, fd, st, 0);
        srv_send_msg(fd, ASSAY_FT_CREDIT, 0, st, &cr.base);
        serve_rest(s, fd);
        break;
    }
    case SC_BAD_LIMITS:
        serve_rest(s, fd);
        break;
    case SC_UNARY_TWO:
    case SC_UNARY_NONE:
        respond(s, fd, 0);
        serve_rest(s, fd);
        break;
    case SC_UNAUTH:
    case SC_BAD_HELLO_ACK:
    case SC_GARBAGE_HELLO:
        break;
    }
done:
    close(fd);
    return NULL;
}

static void start_server(server *s, scenario sc, unsigned seed) {
    memset(s, 0, sizeof *s);
    s->sc = sc;
    s->seed = seed;
    s->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (s->listen_fd < 0 || bind(s->listen_fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(s->listen_fd, 4) != 0) {
        perror("listen");
        exit(2);
    }
    socklen_t al = sizeof a;
    getsockname(s->listen_fd, (struct sockaddr *)&a, &al);
    s->port = ntohs(a.sin_port);
    if (pthread_create(&s->thread, NULL, server_main, s) != 0) {
        perror("pthread_create");
        exit(2);
    }
}

static void finish_server(server *s) {
    pthread_join(s->thread, NULL);
    close(s->listen_fd);
    CHECK(s->fail[0] == '\0', "server side: %s", s->fail);
}

static void client_config(assay_client_config *cfg, const server *s) {
    assay_client_config_init(cfg);
    cfg->host = "127.0.0.1";
    cfg->port = s->port;
    cfg->io_timeout_ms = 5000;
}

/* --------------------------------------------------------------- callbacks */

typedef struct events {
    int n;
    int cases[64];
    uint32_t seqs[64];
    int stop_at; /* return non-zero on this event number (1-based); 0 = never */
} events;

static int collect(const Assay__V1__AnalysisEvent *ev, void *user) {
    events *e = user;
    if (e->n < 64) {
        e->cases[e->n] = (int)ev->event_case;
        e->seqs[e->n] = ev->sequence;
    }
    e->n++;
    return e->stop_at != 0 && e->n == e->stop_at;
}

static char big_body[4096];
static const assay_article_input article = {.reference = "ref-1", .title = "Gallium export controls", .body = big_body};

/* Runs one analyze against a scenario; returns the code, fills err/events. */
static int analyze_once(server *s, scenario sc, const assay_call_options *opts, events *ev, assay_error *err) {
    start_server(s, sc, 0);
    assay_client_config cfg;
    client_config(&cfg, s);
    assay_client *c = NULL;
    int rc = assay_client_connect(&cfg, &c, err);
    CHECK(rc == ASSAY_OK, "connect: %s", err->message);
    if (rc == ASSAY_OK) {
        rc = assay_analyze(c, &article, opts, collect, ev, err);
        assay_client_close(c);
    }
    finish_server(s);
    return rc;
}

/* ------------------------------------------------------------------- tests */

static void test_inflate_unit(void) {
    uint8_t src[1000];
    for (size_t i = 0; i < sizeof src; i++) src[i] = (uint8_t)(i % 7);
    uint8_t *z = NULL, *out = NULL;
    size_t zlen = 0, olen = 0;
    char why[96];
    CHECK(assay_deflate(src, sizeof src, &z, &zlen) == ASSAY_OK, "deflate");
    CHECK(assay_inflate_capped(z, zlen, sizeof src, &out, &olen, why, sizeof why) == ASSAY_OK, "exact cap: %s", why);
    CHECK(olen == sizeof src && memcmp(out, src, olen) == 0, "round trip");
    free(out);
    out = NULL;
    int rc = assay_inflate_capped(z, zlen, sizeof src - 1, &out, &olen, why, sizeof why);
    CHECK(rc == ASSAY_ERR_TOO_LARGE && out == NULL, "cap-1 gives %s", assay_strerror(rc));
    rc = assay_inflate_capped(z, zlen - 3, sizeof src, &out, &olen, why, sizeof why);
    CHECK(rc == ASSAY_ERR_DECOMPRESS && out == NULL, "truncated gives %s", assay_strerror(rc));
    uint8_t *trail = malloc(zlen + 2);
    memcpy(trail, z, zlen);
    trail[zlen] = 1;
    trail[zlen + 1] = 2;
    rc = assay_inflate_capped(trail, zlen + 2, sizeof src, &out, &olen, why, sizeof why);
    CHECK(rc == ASSAY_ERR_DECOMPRESS, "trailing bytes give %s", assay_strerror(rc));
    free(trail);
    rc = assay_inflate_capped(NULL, 0, 100, &out, &olen, why, sizeof why);
    CHECK(rc == ASSAY_ERR_DECOMPRESS, "empty input gives %s", assay_strerror(rc));
    free(z);
    /* empty message compressed, cap 0 */
    CHECK(assay_deflate(src, 0, &z, &zlen) == ASSAY_OK, "deflate empty");
    rc = assay_inflate_capped(z, zlen, 0, &out, &olen, why, sizeof why);
    CHECK(rc == ASSAY_OK && olen == 0, "empty with cap 0 gives %s", assay_strerror(rc));
    free(out);
    free(z);
    /* bomb: 64 MiB of zeros against a 1 MiB cap */
    z = zip_bomb((size_t)64 << 20, &zlen);
    rc = assay_inflate_capped(z, zlen, 1u << 20, &out, &olen, why, sizeof why);
    CHECK(rc == ASSAY_ERR_TOO_LARGE && out == NULL, "bomb gives %s", assay_strerror(rc));
    free(z);
    /* header codec */
    uint8_t hb[ASSAY_FRAME_HEADER_LEN];
    assay_header_encode(hb, 0x01020304u, 0x05, 0x06, 0x0708090Au);
    static const uint8_t want[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK(memcmp(hb, want, sizeof want) == 0, "header is big-endian");
    assay_frame_header fh = assay_header_decode(hb);
    CHECK(fh.length == 0x01020304u && fh.type == 5 && fh.flags == 6 && fh.stream_id == 0x0708090Au, "header decode");
}

static void test_ok(void) {
    server s;
    events ev = {0};
    assay_error err;
    assay_call_options opts = {.deadline_ms = 10000, .initial_credit = 4};
    int rc = analyze_once(&s, SC_OK, &opts, &ev, &err);
    CHECK_CODE(rc, ASSAY_OK, err);
    CHECK(ev.n == 22, "got %d events, want 22", ev.n);
    int ordered = 1;
    for (int i = 0; i < ev.n && i < 64; i++)
        if (ev.seqs[i] != (uint32_t)i) ordered = 0;
    CHECK(ordered, "events out of order");
    CHECK(ev.cases[0] == ASSAY__V1__ANALYSIS_EVENT__EVENT_ACCEPTED, "first event is accepted");
    CHECK(ev.cases[21] == ASSAY__V1__ANALYSIS_EVENT__EVENT_SUMMARY, "last event is the summary");
    CHECK(s.hello_ok, "Hello.versions == [1]");
    CHECK(strcmp(s.agent, "assay-c/0.1.0") == 0, "agent %s", s.agent);
    CHECK(s.hello_accepts_zlib, "Hello offers zlib");
    CHECK(s.n_opens == 1 && s.opens[0].stream == 1, "one stream, id 1");
    CHECK(strcmp(s.opens[0].method, "/assay.v1.Assay/Analyze") == 0, "method %s", s.opens[0].method);
    CHECK(s.opens[0].timeout_ms == 10000, "timeout_ms %llu", (unsigned long long)s.opens[0].timeout_ms);
    CHECK(s.opens[0].initial_credit == 4, "initial_credit %u", (unsigned)s.opens[0].initial_credit);
    CHECK(s.opens[0].request_compressed, "4 KiB article sent compressed");
    CHECK(strcmp(s.opens[0].title, article.title) == 0 && s.opens[0].body_len == strlen(big_body), "article intact");
    CHECK(s.credit_frames >= 9 && s.credit_total >= 18, "credit granted: %d frames, %u messages", s.credit_frames,
          (unsigned)s.credit_total);
    CHECK(s.pongs == 1 && s.pong_matches == 1, "PONG echoed the PING (%d pongs, %d matches)", s.pongs, s.pong_matches);
    CHECK(s.cancels == 0, "no CANCEL on success");
}

static void test_sequential_calls(void) {
    server s;
    start_server(&s, SC_SEQUENTIAL_CALLS, 0);
    assay_client_config cfg;
    client_config(&cfg, &s);
    cfg.compression = 0;
    assay_client *c = NULL;
    assay_error err;
    int rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_OK, err);
    if (rc == ASSAY_OK) {
        const Assay__V1__HelloAck *ack = assay_client_hello_ack(c);
        CHECK(ack != NULL && ack->compression == ASSAY__V1__COMPRESSION__COMPRESSION_NONE, "no compression negotiated");
        events ev = {0};
        rc = assay_analyze(c, &article, NULL, collect, &ev, &err);
        CHECK_CODE(rc, ASSAY_OK, err);
        CHECK(ev.n == 2, "2 events, got %d", ev.n);
        Assay__V1__ServingStatus hs = ASSAY__V1__SERVING_STATUS__SERVING_STATUS_UNSPECIFIED;
        rc = assay_health(c, NULL, NULL, &hs, &err);
        CHECK_CODE(rc, ASSAY_OK, err);
        CHECK(hs == ASSAY__V1__SERVING_STATUS__SERVING_STATUS_SERVING, "SERVING");
        Assay__V1__ServerInfoResponse *info = NULL;
        rc = assay_server_info(c, NULL, &info, &err);
        CHECK_CODE(rc, ASSAY_OK, err);
        CHECK(info != NULL && strcmp(info->server_version, "hostile/1.0") == 0 && info->n_methods == 2, "server info");
        assay_server_info_free(info);
        CHECK(assay_client_usable(c), "still usable");
        assay_client_close(c);
    }
    finish_server(&s);
    CHECK(!s.hello_accepts_zlib, "Hello offers NONE only with compression off");
    CHECK(s.n_opens == 3 && s.opens[0].stream == 1 && s.opens[1].stream == 3 && s.opens[2].stream == 5,
          "stream ids 1, 3, 5");
    CHECK(strcmp(s.opens[1].method, "/assay.v1.Assay/Health") == 0, "health method");
    CHECK(strcmp(s.opens[2].method, "/assay.v1.Assay/ServerInfo") == 0, "server info method");
    CHECK(!s.opens[0].request_compressed, "not compressed when disabled");
}

static void expect_analyze(const char *name, scenario sc, int want, int want_status) {
    server s;
    events ev = {0};
    assay_error err;
    assay_call_options opts = {.deadline_ms = 8000, .initial_credit = 0};
    int rc = analyze_once(&s, sc, &opts, &ev, &err);
    CHECK(rc == want, "%s: got %s (%s), want %s", name, assay_strerror(rc), err.message, assay_strerror(want));
    if (want_status >= 0)
        CHECK(err.status_code == want_status, "%s: status_code %d, want %d", name, err.status_code, want_status);
    CHECK(err.message[0] != '\0', "%s: empty error message", name);
    printf("    %-22s -> %s: %s\n", name, assay_strerror(rc), err.message);
}

/* Scenarios after which the connection must still work (stream-level errors). */
static void expect_stream_error_then_health(const char *name, scenario sc, int want, int want_status,
                                            uint32_t max_message_size) {
    server s;
    start_server(&s, sc, 0);
    assay_client_config cfg;
    client_config(&cfg, &s);
    if (max_message_size) cfg.max_message_size = max_message_size;
    assay_client *c = NULL;
    assay_error err;
    int rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_OK, err);
    if (rc == ASSAY_OK) {
        events ev = {0};
        rc = assay_analyze(c, &article, NULL, collect, &ev, &err);
        CHECK(rc == want, "%s: got %s (%s), want %s", name, assay_strerror(rc), err.message, assay_strerror(want));
        if (want_status >= 0) CHECK(err.status_code == want_status, "%s: status_code %d", name, err.status_code);
        if (sc == SC_STATUS_DEADLINE)
            CHECK(err.retry_after_ms == 250 && strstr(err.message, "[limit=analysis] (retry after 250 ms)") != NULL,
                  "details and retry advice: %s", err.message);
        printf("    %-22s -> %s: %s\n", name, assay_strerror(rc), err.message);
        CHECK(assay_client_usable(c), "%s: connection still usable", name);
        Assay__V1__ServingStatus hs = 0;
        rc = assay_health(c, "", NULL, &hs, &err);
        CHECK(rc == ASSAY_OK && hs == ASSAY__V1__SERVING_STATUS__SERVING_STATUS_SERVING, "%s: health afterwards: %s",
              name, err.message);
        assay_client_close(c);
    }
    finish_server(&s);
    int cancel_expected = want != ASSAY_ERR_STATUS;
    if (cancel_expected)
        CHECK(s.cancels == 1 && s.cancel_stream == 1, "%s: client sent CANCEL on stream 1 (%d cancels)", name, s.cancels);
    else
        CHECK(s.cancels == 0, "%s: no CANCEL after STATUS", name);
}

static void test_connection_errors(void) {
    expect_analyze("truncated frame", SC_TRUNCATED, ASSAY_ERR_IO, -1);
    expect_analyze("EOF before STATUS", SC_EOF_BEFORE_STATUS, ASSAY_ERR_IO, ASSAY__V1__STATUS_CODE__STATUS_CODE_UNAVAILABLE);
    expect_analyze("unknown core type", SC_UNKNOWN_TYPE, ASSAY_ERR_PROTOCOL, -1);
    expect_analyze("COMPRESSED on STATUS", SC_COMPRESSED_CONTROL, ASSAY_ERR_PROTOCOL, -1);
    expect_analyze("never-opened stream", SC_NEVER_OPENED, ASSAY_ERR_PROTOCOL, -1);
    expect_analyze("STATUS on stream 0", SC_STREAM_FRAME_ON_0, ASSAY_ERR_PROTOCOL, -1);

    server s;
    events ev = {0};
    assay_error err;
    int rc = analyze_once(&s, SC_HUGE_LENGTH, NULL, &ev, &err);
    CHECK_CODE(rc, ASSAY_ERR_TOO_LARGE, err);
    printf("    %-22s -> %s: %s\n", "length 0xFFFFFFFF", assay_strerror(rc), err.message);
    CHECK(s.client_goaways == 1 && s.client_goaway_reason == ASSAY__V1__GO_AWAY_REASON__GO_AWAY_REASON_FRAME_TOO_LARGE,
          "client sent GOAWAY(FRAME_TOO_LARGE)");

    memset(&ev, 0, sizeof ev);
    rc = analyze_once(&s, SC_GOAWAY_MID, NULL, &ev, &err);
    CHECK_CODE(rc, ASSAY_ERR_GOAWAY, err);
    CHECK(err.status_code == ASSAY__V1__STATUS_CODE__STATUS_CODE_UNAVAILABLE, "GOAWAY code %d", err.status_code);
    CHECK(err.goaway_reason == ASSAY__V1__GO_AWAY_REASON__GO_AWAY_REASON_SHUTDOWN, "GOAWAY reason %d", err.goaway_reason);
    CHECK(strstr(err.message, "shutting down") != NULL && strstr(err.message, "SHUTDOWN") != NULL, "message: %s", err.message);
    CHECK(ev.n == 1, "the event before GOAWAY was delivered");
    printf("    %-22s -> %s: %s\n", "GOAWAY mid-stream", assay_strerror(rc), err.message);
}

static void test_goaway_unprocessed(void) {
    server s;
    start_server(&s, SC_GOAWAY_UNPROCESSED, 0);
    assay_client_config cfg;
    client_config(&cfg, &s);
    assay_client *c = NULL;
    assay_error err;
    int rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_OK, err);
    if (rc == ASSAY_OK) {
        events ev = {0};
        assay_call_options opts = {.deadline_ms = 5000, .initial_credit = 0};
        uint64_t t0 = mono_ms();
        rc = assay_analyze(c, &article, &opts, collect, &ev, &err);
        CHECK_CODE(rc, ASSAY_ERR_GOAWAY, err);
        CHECK(mono_ms() - t0 < 2000, "returned at the GOAWAY, not at the deadline");
        printf("    %-22s -> %s: %s\n", "GOAWAY last_stream 0", assay_strerror(rc), err.message);
        CHECK(!assay_client_usable(c), "no new streams after GOAWAY");
        rc = assay_analyze(c, &article, &opts, collect, &ev, &err);
        CHECK_CODE(rc, ASSAY_ERR_GOAWAY, err);
        assay_client_close(c);
    }
    finish_server(&s);
    CHECK(s.n_opens == 1, "second call sent nothing (%d opens)", s.n_opens);
}

static void test_stream_errors(void) {
    expect_stream_error_then_health("zip bomb", SC_ZIP_BOMB, ASSAY_ERR_TOO_LARGE, -1, 0);
    expect_stream_error_then_health("corrupt zlib", SC_CORRUPT_ZLIB, ASSAY_ERR_DECOMPRESS, -1, 0);
    expect_stream_error_then_health("bad protobuf", SC_BAD_PROTOBUF, ASSAY_ERR_PROTOCOL, -1, 0);
    expect_stream_error_then_health("message > max size", SC_MESSAGE_TOO_LARGE, ASSAY_ERR_TOO_LARGE, -1, 1000);
    expect_stream_error_then_health("STATUS DEADLINE", SC_STATUS_DEADLINE, ASSAY_ERR_STATUS,
                                    ASSAY__V1__STATUS_CODE__STATUS_CODE_DEADLINE_EXCEEDED, 0);
    expect_stream_error_then_health("server CANCEL", SC_SERVER_CANCEL, ASSAY_ERR_STATUS,
                                    ASSAY__V1__STATUS_CODE__STATUS_CODE_CANCELLED, 0);
    expect_stream_error_then_health("CREDIT{0} from server", SC_CREDIT_ZERO, ASSAY_ERR_PROTOCOL,
                                    ASSAY__V1__STATUS_CODE__STATUS_CODE_INTERNAL, 0);
}

static void test_ping(void) {
    server s;
    start_server(&s, SC_PING, 0);
    assay_client_config cfg;
    client_config(&cfg, &s);
    assay_client *c = NULL;
    assay_error err;
    int rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_OK, err);
    if (rc == ASSAY_OK) {
        events ev = {0};
        rc = assay_analyze(c, &article, NULL, collect, &ev, &err);
        CHECK_CODE(rc, ASSAY_OK, err);
        CHECK(ev.n == 2, "events after PING");
        /* idle: a second PING arrives; assay_client_poll answers it */
        uint64_t t0 = mono_ms();
        rc = assay_client_poll(c, 300, &err);
        CHECK_CODE(rc, ASSAY_OK, err);
        CHECK(mono_ms() - t0 >= 290, "poll waited its timeout");
        CHECK(assay_client_usable(c), "usable after poll");
        assay_client_close(c);
    }
    finish_server(&s);
    CHECK(s.pongs == 2 && s.pong_matches == 2, "PONGs with the same payload (%d, %d)", s.pongs, s.pong_matches);
}

static void test_deadline(void) {
    server s;
    start_server(&s, SC_SILENT, 0);
    assay_client_config cfg;
    client_config(&cfg, &s);
    assay_client *c = NULL;
    assay_error err;
    int rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_OK, err);
    if (rc == ASSAY_OK) {
        events ev = {0};
        CHECK(assay_client_poll(c, 1, &err) == ASSAY_OK, "poll on a quiet connection");
        assay_call_options opts = {.deadline_ms = 300, .initial_credit = 0};
        uint64_t t0 = mono_ms();
        rc = assay_analyze(c, &article, &opts, collect, &ev, &err);
        uint64_t took = mono_ms() - t0;
        CHECK_CODE(rc, ASSAY_ERR_DEADLINE_EXCEEDED, err);
        CHECK(took >= 290 && took < 2000, "deadline fired after %llu ms", (unsigned long long)took);
        printf("    %-22s -> %s after %llu ms: %s\n", "silent server", assay_strerror(rc), (unsigned long long)took,
               err.message);
        CHECK(assay_client_usable(c), "connection usable after a deadline");
        Assay__V1__ServingStatus hs = 0;
        rc = assay_health(c, NULL, NULL, &hs, &err);
        CHECK_CODE(rc, ASSAY_OK, err);
        assay_client_close(c);
    }
    finish_server(&s);
    CHECK(s.opens[0].timeout_ms == 300, "Open.timeout_ms = 300");
    CHECK(s.cancels == 1 && s.cancel_stream == 1, "CANCEL sent at the deadline");
}

static void test_callback_cancel(void) {
    server s;
    start_server(&s, SC_CALLBACK_CANCEL, 0);
    assay_client_config cfg;
    client_config(&cfg, &s);
    assay_client *c = NULL;
    assay_error err;
    int rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_OK, err);
    if (rc == ASSAY_OK) {
        events ev = {.stop_at = 2};
        rc = assay_analyze(c, &article, NULL, collect, &ev, &err);
        CHECK_CODE(rc, ASSAY_ERR_CANCELLED, err);
        CHECK(ev.n == 2, "callback saw 2 events");
        /* the third event, already in flight on the cancelled stream 1, must be dropped */
        Assay__V1__ServingStatus hs = 0;
        rc = assay_health(c, NULL, NULL, &hs, &err);
        CHECK_CODE(rc, ASSAY_OK, err);
        assay_client_close(c);
    }
    finish_server(&s);
    CHECK(s.cancels == 1 && s.cancel_stream == 1, "CANCEL sent");
}

static void test_handshake_errors(void) {
    server s;
    start_server(&s, SC_UNAUTH, 0);
    assay_client_config cfg;
    client_config(&cfg, &s);
    cfg.api_key = "wrong-key";
    assay_client *c = NULL;
    assay_error err;
    int rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_ERR_GOAWAY, err);
    CHECK(c == NULL, "no client on failure");
    CHECK(err.status_code == ASSAY__V1__STATUS_CODE__STATUS_CODE_UNAUTHENTICATED, "status_code %d", err.status_code);
    CHECK(err.goaway_reason == ASSAY__V1__GO_AWAY_REASON__GO_AWAY_REASON_UNAUTHENTICATED, "reason %d", err.goaway_reason);
    CHECK(strstr(err.message, "UNAUTHENTICATED") && strstr(err.message, "invalid API key"), "message: %s", err.message);
    printf("    %-22s -> %s: %s\n", "UNAUTHENTICATED", assay_strerror(rc), err.message);
    finish_server(&s);
    CHECK(strcmp(s.auth_token, "wrong-key") == 0, "auth_token sent");

    start_server(&s, SC_BAD_HELLO_ACK, 0);
    client_config(&cfg, &s);
    rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_ERR_PROTOCOL, err);
    printf("    %-22s -> %s: %s\n", "bad HelloAck", assay_strerror(rc), err.message);
    finish_server(&s);
    CHECK(s.client_goaways == 1, "client sent GOAWAY(PROTOCOL_ERROR)");

    start_server(&s, SC_BAD_LIMITS, 0);
    client_config(&cfg, &s);
    rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_ERR_PROTOCOL, err);
    printf("    %-22s -> %s: %s\n", "HelloAck bad limits", assay_strerror(rc), err.message);
    finish_server(&s);

    /* unreachable: a port nobody listens on */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    bind(fd, (struct sockaddr *)&a, sizeof a);
    getsockname(fd, (struct sockaddr *)&a, &al);
    assay_client_config_init(&cfg);
    cfg.port = ntohs(a.sin_port);
    close(fd);
    rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_ERR_IO, err);
    printf("    %-22s -> %s: %s\n", "nobody listening", assay_strerror(rc), err.message);

    /* bad config */
    assay_client_config_init(&cfg);
    cfg.max_frame_size = 32u << 20;
    rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_ERR_INVALID_ARGUMENT, err);
    cfg.max_frame_size = 1000;
    rc = assay_client_connect(&cfg, &c, &err);
    CHECK_CODE(rc, ASSAY_ERR_INVALID_ARGUMENT, err);
}

static void test_garbage(void) {
    int counts[16] = {0};
    for (unsigned seed = 1; seed <= 24; seed++) {
        for (int phase = 0; phase < 2; phase++) {
            server s;
            start_server(&s, phase ? SC_GARBAGE_HELLO : SC_GARBAGE, seed);
            assay_client_config cfg;
            client_config(&cfg, &s);
            assay_client *c = NULL;
            assay_error err;
            int rc = assay_client_connect(&cfg, &c, &err);
            if (phase == 0) {
                CHECK_CODE(rc, ASSAY_OK, err);
                if (rc == ASSAY_OK) {
                    events ev = {0};
                    assay_call_options opts = {.deadline_ms = 3000, .initial_credit = 0};
                    rc = assay_analyze(c, &article, &opts, collect, &ev, &err);
                    assay_client_close(c);
                }
            }
            CHECK(rc == ASSAY_ERR_IO || rc == ASSAY_ERR_PROTOCOL || rc == ASSAY_ERR_TOO_LARGE || rc == ASSAY_ERR_DECOMPRESS,
                  "garbage seed %u phase %d: unexpected %s (%s)", seed, phase, assay_strerror(rc), err.message);
            CHECK(err.message[0] != '\0', "message set");
            if (rc >= 0 && rc < 16) counts[rc]++;
            pthread_join(s.thread, NULL);
            close(s.listen_fd);
        }
    }
    printf("    %-22s -> 48 runs: IO %d, PROTOCOL %d, TOO_LARGE %d, DECOMPRESS %d\n", "random garbage",
           counts[ASSAY_ERR_IO], counts[ASSAY_ERR_PROTOCOL], counts[ASSAY_ERR_TOO_LARGE], counts[ASSAY_ERR_DECOMPRESS]);
}

static void test_unary_errors(void) {
    for (int i = 0; i < 2; i++) {
        server s;
        start_server(&s, i ? SC_UNARY_NONE : SC_UNARY_TWO, 0);
        assay_client_config cfg;
        client_config(&cfg, &s);
        assay_client *c = NULL;
        assay_error err;
        int rc = assay_client_connect(&cfg, &c, &err);
        CHECK_CODE(rc, ASSAY_OK, err);
        if (rc == ASSAY_OK) {
            Assay__V1__ServingStatus hs = 0;
            rc = assay_health(c, NULL, NULL, &hs, &err);
            CHECK_CODE(rc, ASSAY_ERR_PROTOCOL, err);
            printf("    %-22s -> %s: %s\n", i ? "unary without reply" : "unary with 2 replies", assay_strerror(rc),
                   err.message);
            assay_client_close(c);
        }
        finish_server(&s);
    }
}

static void test_arguments(void) {
    assay_error err;
    CHECK(assay_client_connect(NULL, NULL, &err) == ASSAY_ERR_INVALID_ARGUMENT, "NULL out");
    CHECK(assay_analyze(NULL, &article, NULL, NULL, NULL, &err) == ASSAY_ERR_INVALID_ARGUMENT, "NULL client");
    CHECK(strcmp(assay_strerror(ASSAY_ERR_GOAWAY), "ASSAY_ERR_GOAWAY") == 0, "strerror");
    CHECK(strcmp(assay_status_code_name(16), "UNAUTHENTICATED") == 0, "status name");
    assay_client_close(NULL);
}

/* `test_hostile --serve SCENARIO [N]`: serve N (default 1) connections one after
 * another, print "port P" first and a line describing the last request at the end
 * (used by tests/cli_test.sh). */
static int serve_mode(const char *name, int count) {
    static const struct {
        const char *name;
        scenario sc;
    } map[] = {{"ok", SC_PING}, {"status", SC_STATUS_DEADLINE}, {"unauth", SC_UNAUTH}, {"silent", SC_SILENT},
               {"goaway", SC_GOAWAY_MID}, {"bomb", SC_ZIP_BOMB}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (strcmp(map[i].name, name) != 0) continue;
        server s;
        start_server(&s, map[i].sc, 0);
        printf("port %u\n", (unsigned)s.port);
        fflush(stdout);
        pthread_join(s.thread, NULL);
        for (int k = 1; k < count && !s.fail[0]; k++) { /* more connections on the same listener */
            int lfd = s.listen_fd;
            uint16_t port = s.port;
            memset(&s, 0, sizeof s);
            s.sc = map[i].sc;
            s.listen_fd = lfd;
            s.port = port;
            if (pthread_create(&s.thread, NULL, server_main, &s) != 0) return 2;
            pthread_join(s.thread, NULL);
        }
        close(s.listen_fd);
        printf("request title=[%s] body_len=%zu compressed=%d accepts_zlib=%d auth=[%s] timeout_ms=%llu cancels=%d pongs=%d\n",
               s.opens[0].title, s.opens[0].body_len, s.opens[0].request_compressed, s.hello_accepts_zlib, s.auth_token,
               (unsigned long long)s.opens[0].timeout_ms, s.cancels, s.pong_matches);
        if (s.fail[0]) printf("server failure: %s\n", s.fail);
        return s.fail[0] ? 1 : 0;
    }
    fprintf(stderr, "unknown scenario %s\n", name);
    return 2;
}

int main(int argc, char **argv) {
    for (size_t i = 0; i < sizeof big_body - 1; i++) big_body[i] = "China restricts gallium exports. "[i % 33];
    for (size_t i = 0; i < sizeof long_description - 1; i++) long_description[i] = "abcdefgh "[i % 9];
    if ((argc == 3 || argc == 4) && strcmp(argv[1], "--serve") == 0)
        return serve_mode(argv[2], argc == 4 ? atoi(argv[3]) : 1);
    if (argc != 1) {
        fprintf(stderr, "usage: %s [--serve ok|status|unauth|silent|goaway|bomb [CONNECTIONS]]\n", argv[0]);
        return 2;
    }

    struct {
        const char *name;
        void (*fn)(void);
    } tests[] = {
        {"inflate/deflate and header codec", test_inflate_unit},
        {"arguments", test_arguments},
        {"well-behaved server: events in order, credit, PING, extensions", test_ok},
        {"sequential calls on one connection, stale frames, no compression", test_sequential_calls},
        {"connection-level errors", test_connection_errors},
        {"GOAWAY before the stream was processed", test_goaway_unprocessed},
        {"stream-level errors keep the connection", test_stream_errors},
        {"PING answered with PONG", test_ping},
        {"client deadline", test_deadline},
        {"callback cancels", test_callback_cancel},
        {"handshake errors", test_handshake_errors},
        {"unary protocol errors", test_unary_errors},
        {"random garbage", test_garbage},
    };
    int failed_tests = 0;
    size_t n = sizeof tests / sizeof tests[0];
    for (size_t i = 0; i < n; i++) {
        int before = g_failures;
        printf("test %zu: %s\n", i + 1, tests[i].name);
        fflush(stdout);
        tests[i].fn();
        int ok = g_failures == before;
        if (!ok) failed_tests++;
        printf("%s %zu - %s\n", ok ? "ok" : "not ok", i + 1, tests[i].name);
        fflush(stdout);
    }
    printf("%zu tests, %d failed; %d checks, %d failed\n", n, failed_tests, g_checks, g_failures);
    return g_failures == 0 ? 0 : 1;
}
