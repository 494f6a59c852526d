/* The Assay client: connection, HELLO negotiation, streams, flow control. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "assay_internal.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* macOS: SO_NOSIGPIPE is set on the socket instead */
#endif

/* Internal result of the reader: the peer closed cleanly at a frame boundary. */
#define RX_EOF (-1)

struct assay_client {
    int fd;
    /* Connection unusable: an I/O or protocol failure, or the peer closed. */
    int broken;
    char broken_why[200];

    /* GOAWAY from the server: no new streams. */
    int goaway_received;
    uint32_t goaway_last_stream_id;
    int goaway_code;
    int goaway_reason;
    char goaway_message[160];

    uint32_t next_stream_id;  /* next odd id to open */
    uint32_t highest_opened;  /* 0 = none yet */

    /* Our settings. */
    uint32_t io_timeout_ms;
    uint32_t max_frame_size;
    uint32_t max_message_size;
    int compression;

    /* From the server's HelloAck. */
    Assay__V1__HelloAck *ack;
    int server_accepts_zlib;  /* we may compress */
    int server_compresses;    /* the server may send COMPRESSED messages */
    uint32_t server_max_frame_size;
    uint32_t server_max_message_size;
    uint32_t server_min_compress_size;
    uint32_t server_initial_credit; /* request MESSAGEs we may send on a new stream */

    /* Resumable frame reader (a deadline may interrupt it between reads). */
    uint8_t hdr[ASSAY_FRAME_HEADER_LEN];
    size_t hdr_have;
    int in_payload;
    int discarding;
    assay_frame_header cur;
    uint8_t *payload;
    size_t payload_have;
    uint8_t ibuf[16384];
    size_t ipos, ilen;
};

/* ------------------------------------------------------------------ utils */

static uint64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static const char *enum_name(const ProtobufCEnumDescriptor *d, int value) {
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(d, value);
    return v != NULL ? v->name : "UNKNOWN";
}

static const char *goaway_reason_name(int reason) {
    const char *n = enum_name(&assay__v1__go_away_reason__descriptor, reason);
    return strncmp(n, "GO_AWAY_REASON_", 15) == 0 ? n + 15 : n;
}

/* Growable byte buffer for outgoing frames. */
typedef struct obuf {
    uint8_t *data;
    size_t len, cap;
} obuf;

static int obuf_reserve(obuf *b, size_t extra) {
    if (b->cap - b->len >= extra) return ASSAY_OK;
    if (extra > SIZE_MAX / 2 - b->len) return ASSAY_ERR_NOMEM;
    size_t want = b->len + extra;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < want) cap *= 2;
    uint8_t *d = realloc(b->data, cap);
    if (d == NULL) return ASSAY_ERR_NOMEM;
    b->data = d;
    b->cap = cap;
    return ASSAY_OK;
}

static int obuf_frame(obuf *b, uint8_t type, uint8_t flags, uint32_t stream, const uint8_t *payload,
                      size_t len) {
    if (len > UINT32_MAX) return ASSAY_ERR_TOO_LARGE;
    if (obuf_reserve(b, ASSAY_FRAME_HEADER_LEN + len) != ASSAY_OK) return ASSAY_ERR_NOMEM;
    assay_header_encode(b->data + b->len, (uint32_t)len, type, flags, stream);
    if (len > 0) memcpy(b->data + b->len + ASSAY_FRAME_HEADER_LEN, payload, len);
    b->len += ASSAY_FRAME_HEADER_LEN + len;
    return ASSAY_OK;
}

static int obuf_message(obuf *b, uint8_t type, uint8_t flags, uint32_t stream, const ProtobufCMessage *m) {
    size_t len = protobuf_c_message_get_packed_size(m);
    if (len > UINT32_MAX) return ASSAY_ERR_TOO_LARGE;
    if (obuf_reserve(b, ASSAY_FRAME_HEADER_LEN + len) != ASSAY_OK) return ASSAY_ERR_NOMEM;
    assay_header_encode(b->data + b->len, (uint32_t)len, type, flags, stream);
    protobuf_c_message_pack(m, b->data + b->len + ASSAY_FRAME_HEADER_LEN);
    b->len += ASSAY_FRAME_HEADER_LEN + len;
    return ASSAY_OK;
}

/* ------------------------------------------------------------ socket I/O */

static void mark_broken(assay_client *c, const char *why) {
    if (!c->broken) {
        c->broken = 1;
        snprintf(c->broken_why, sizeof c->broken_why, "%s", why != NULL ? why : "connection failed");
    }
    if (c->fd >= 0) {
        close(c->fd);
        c->fd = -1;
    }
    free(c->payload);
    c->payload = NULL;
    c->in_payload = 0;
    c->hdr_have = 0;
    c->ipos = c->ilen = 0;
}

/* Waits for `events` on the socket. deadline: absolute now_ms() value, 0 = none.
 * Returns ASSAY_OK, ASSAY_ERR_DEADLINE_EXCEEDED or ASSAY_ERR_IO (err filled). */
static int wait_io(assay_client *c, short events, uint64_t deadline, assay_error *err) {
    for (;;) {
        long long timeout = c->io_timeout_ms == ASSAY_TIMEOUT_INFINITE ? -1 : (long long)c->io_timeout_ms;
        int by_deadline = 0;
        if (deadline != 0) {
            uint64_t now = now_ms();
            if (now >= deadline) return assay_set_error(err, ASSAY_ERR_DEADLINE_EXCEEDED, "deadline exceeded");
            uint64_t rem = deadline - now;
            if (timeout < 0 || rem <= (uint64_t)timeout) {
                timeout = rem > INT_MAX ? INT_MAX : (long long)rem;
                by_deadline = rem <= INT_MAX;
            }
        }
        if (timeout > INT_MAX) timeout = INT_MAX;
        struct pollfd p = {.fd = c->fd, .events = events, .revents = 0};
        int rc = poll(&p, 1, (int)timeout);
        if (rc < 0) {
            if (errno == EINTR) continue;
            return assay_set_error(err, ASSAY_ERR_IO, "poll failed: %s", strerror(errno));
        }
        if (rc == 0) {
            if (by_deadline) return assay_set_error(err, ASSAY_ERR_DEADLINE_EXCEEDED, "deadline exceeded");
            return assay_set_error(err, ASSAY_ERR_IO, "timed out after %u ms waiting for the server (io timeout)",
                                   (unsigned)c->io_timeout_ms);
        }
        return ASSAY_OK; /* readable/writable, or an error recv/send will report */
    }
}

/* Sends everything. A deadline or failure after a partial write breaks the
 * connection (the frame stream can no longer be resynchronised). */
static int send_all(assay_client *c, const uint8_t *data, size_t len, uint64_t deadline, assay_error *err) {
    size_t sent = 0;
    if (c->fd < 0) return assay_set_error(err, ASSAY_ERR_IO, "connection is closed");
    while (sent < len) {
        ssize_t n = send(c->fd, data + sent, len - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            int rc = wait_io(c, POLLOUT, deadline, err);
            if (rc == ASSAY_OK) continue;
            if (sent > 0 || rc != ASSAY_ERR_DEADLINE_EXCEEDED) mark_broken(c, err ? err->message : "write failed");
            return rc;
        }
        assay_set_error(err, ASSAY_ERR_IO, "write to server failed: %s", n < 0 ? strerror(errno) : "no progress");
        mark_broken(c, err ? err->message : "write failed");
        return ASSAY_ERR_IO;
    }
    return ASSAY_OK;
}

/* Reads up to `want` bytes into dst (from the internal buffer first).
 * Returns ASSAY_OK (*got > 0), RX_EOF, ASSAY_ERR_DEADLINE_EXCEEDED or ASSAY_ERR_IO. */
static int recv_some(assay_client *c, uint8_t *dst, size_t want, size_t *got, uint64_t deadline,
                     assay_error *err) {
    *got = 0;
    if (c->ipos < c->ilen) {
        size_t n = c->ilen - c->ipos < want ? c->ilen - c->ipos : want;
        memcpy(dst, c->ibuf + c->ipos, n);
        c->ipos += n;
        *got = n;
        return ASSAY_OK;
    }
    if (c->fd < 0) return assay_set_error(err, ASSAY_ERR_IO, "connection is closed");
    int direct = want >= sizeof c->ibuf;
    for (;;) {
        ssize_t n = recv(c->fd, direct ? dst : c->ibuf, direct ? want : sizeof c->ibuf, 0);
        if (n > 0) {
            if (direct) {
                *got = (size_t)n;
            } else {
                c->ilen = (size_t)n;
                c->ipos = (size_t)n < want ? (size_t)n : want;
                memcpy(dst, c->ibuf, c->ipos);
                *got = c->ipos;
            }
            return ASSAY_OK;
        }
        if (n == 0) return RX_EOF;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            int rc = wait_io(c, POLLIN, deadline, err);
            if (rc != ASSAY_OK) return rc;
            continue;
        }
        return assay_set_error(err, ASSAY_ERR_IO, "read from server failed: %s", strerror(errno));
    }
}

/*
 * Reads the next frame that is not an extension (types >= 0x80 are skipped
 * whole without buffering). The length is checked against max_frame_size as
 * soon as the header is complete, before allocating. On ASSAY_OK, *payload is
 * malloc'd (NULL when the length is 0) and owned by the caller.
 * Returns ASSAY_OK, RX_EOF (clean close at a frame boundary),
 * ASSAY_ERR_DEADLINE_EXCEEDED (state kept; call again to resume), or a fatal
 * error (ASSAY_ERR_IO / _PROTOCOL / _TOO_LARGE / _NOMEM).
 */
static int read_frame(assay_client *c, uint64_t deadline, assay_frame_header *h, uint8_t **payload,
                      assay_error *err) {
    char tn[8];
    *payload = NULL;
    for (;;) {
        if (!c->in_payload) {
            while (c->hdr_have < ASSAY_FRAME_HEADER_LEN) {
                size_t got;
                int rc = recv_some(c, c->hdr + c->hdr_have, ASSAY_FRAME_HEADER_LEN - c->hdr_have, &got, deadline, err);
                if (rc == RX_EOF) {
                    if (c->hdr_have == 0) return RX_EOF;
                    return assay_set_error(err, ASSAY_ERR_IO,
                                           "truncated frame: connection closed %zu bytes into a frame header",
                                           c->hdr_have);
                }
                if (rc != ASSAY_OK) return rc;
                c->hdr_have += got;
            }
            assay_frame_header fh = assay_header_decode(c->hdr);
            if (fh.length > c->max_frame_size)
                return assay_set_error(err, ASSAY_ERR_TOO_LARGE,
                                       "%s frame of %u bytes exceeds the maximum frame size of %u bytes",
                                       assay_frame_type_name(fh.type, tn), (unsigned)fh.length,
                                       (unsigned)c->max_frame_size);
            if (fh.type < ASSAY_FT_EXTENSION_MIN && (fh.type < ASSAY_FT_HELLO || fh.type > ASSAY_FT_GOAWAY))
                return assay_set_error(err, ASSAY_ERR_PROTOCOL, "unknown frame type 0x%02X on stream %u",
                                       (unsigned)fh.type, (unsigned)fh.stream_id);
            fh.flags &= ASSAY_FLAGS_DEFINED;
            /* Extension frames are skipped whole, whatever their flags. */
            if (fh.type < ASSAY_FT_EXTENSION_MIN && (fh.flags & ASSAY_FLAG_COMPRESSED) && fh.type != ASSAY_FT_MESSAGE)
                return assay_set_error(err, ASSAY_ERR_PROTOCOL,
                                       "COMPRESSED flag on a %s frame; only MESSAGE payloads may be compressed",
                                       assay_frame_type_name(fh.type, tn));
            c->cur = fh;
            c->in_payload = 1;
            c->payload_have = 0;
            c->discarding = fh.type >= ASSAY_FT_EXTENSION_MIN;
            if (!c->discarding && fh.length > 0) {
                c->payload = malloc(fh.length);
                if (c->payload == NULL)
                    return assay_set_error(err, ASSAY_ERR_NOMEM, "out of memory for a %u-byte frame",
                                           (unsigned)fh.length);
            }
        }
        while (c->payload_have < c->cur.length) {
            uint8_t scratch[4096];
            size_t want = c->cur.length - c->payload_have;
            uint8_t *dst = c->payload + (c->discarding ? 0 : c->payload_have);
            if (c->discarding) {
                dst = scratch;
                if (want > sizeof scratch) want = sizeof scratch;
            }
            size_t got;
            int rc = recv_some(c, dst, want, &got, deadline, err);
            if (rc == RX_EOF)
                return assay_set_error(err, ASSAY_ERR_IO,
                                       "truncated frame: connection closed after %zu of %u payload bytes of a %s frame",
                                       c->payload_have, (unsigned)c->cur.length,
                                       assay_frame_type_name(c->cur.type, tn));
            if (rc != ASSAY_OK) return rc;
            c->payload_have += got;
        }
        c->in_payload = 0;
        c->hdr_have = 0;
        if (c->discarding) continue; /* extension frame: skipped whole */
        *h = c->cur;
        *payload = c->payload;
        c->payload = NULL;
        return ASSAY_OK;
    }
}

/* Best-effort control frames (their failure never hides the primary error). */
static void send_control(assay_client *c, uint8_t type, uint32_t stream, const ProtobufCMessage *m) {
    if (c->fd < 0) return;
    obuf b = {0};
    if (obuf_message(&b, type, 0, stream, m) == ASSAY_OK) {
        assay_error ignored;
        send_all(c, b.data, b.len, 0, &ignored);
    }
    free(b.data);
}

static void send_cancel(assay_client *c, uint32_t stream, const char *reason) {
    Assay__V1__Cancel cancel = ASSAY__V1__CANCEL__INIT;
    cancel.reason = (char *)reason;
    send_control(c, ASSAY_FT_CANCEL, stream, &cancel.base);
}

/* Tells the server why we drop the connection, then closes it. */
static void fail_connection(assay_client *c, int code, const char *message) {
    if (c->fd >= 0 && (code == ASSAY_ERR_PROTOCOL || code == ASSAY_ERR_TOO_LARGE)) {
        Assay__V1__GoAway g = ASSAY__V1__GO_AWAY__INIT;
        g.last_stream_id = 0; /* the server opens no streams */
        g.reason = code == ASSAY_ERR_TOO_LARGE ? ASSAY__V1__GO_AWAY_REASON__GO_AWAY_REASON_FRAME_TOO_LARGE
                                               : ASSAY__V1__GO_AWAY_REASON__GO_AWAY_REASON_PROTOCOL_ERROR;
        g.code = code == ASSAY_ERR_TOO_LARGE ? ASSAY__V1__STATUS_CODE__STATUS_CODE_RESOURCE_EXHAUSTED
                                             : ASSAY__V1__STATUS_CODE__STATUS_CODE_INTERNAL;
        g.message = (char *)message;
        send_control(c, ASSAY_FT_GOAWAY, 0, &g.base);
    }
    mark_broken(c, message);
}

static int send_pong(assay_client *c, const uint8_t *payload, size_t len, assay_error *err) {
    obuf b = {0};
    int rc = obuf_frame(&b, ASSAY_FT_PONG, 0, 0, payload, len);
    if (rc == ASSAY_OK) rc = send_all(c, b.data, b.len, 0, err);
    else assay_set_error(err, rc, "out of memory for PONG");
    free(b.data);
    return rc;
}

/* Records a GOAWAY payload. Returns ASSAY_OK or ASSAY_ERR_PROTOCOL. */
static int record_goaway(assay_client *c, const uint8_t *payload, size_t len, assay_error *err) {
    Assay__V1__GoAway *g = assay__v1__go_away__unpack(NULL, len, payload);
    if (g == NULL) return assay_set_error(err, ASSAY_ERR_PROTOCOL, "GOAWAY payload is not a valid assay.v1.GoAway");
    /* A later GOAWAY never raises last_stream_id. */
    if (!c->goaway_received || g->last_stream_id < c->goaway_last_stream_id) c->goaway_last_stream_id = g->last_stream_id;
    c->goaway_received = 1;
    c->goaway_code = (int)g->code;
    c->goaway_reason = (int)g->reason;
    snprintf(c->goaway_message, sizeof c->goaway_message, "%s", g->message != NULL ? g->message : "");
    assay__v1__go_away__free_unpacked(g, NULL);
    return ASSAY_OK;
}

static int goaway_error(const assay_client *c, assay_error *err, const char *context) {
    assay_set_error(err, ASSAY_ERR_GOAWAY, "%s: GOAWAY %s (%s)%s%s", context, goaway_reason_name(c->goaway_reason),
                    assay_status_code_name(c->goaway_code), c->goaway_message[0] ? ": " : "", c->goaway_message);
    if (err != NULL) {
        err->status_code = c->goaway_code;
        err->goaway_reason = c->goaway_reason;
    }
    return ASSAY_ERR_GOAWAY;
}

/* ------------------------------------------------------------- connecting */

void assay_client_config_init(assay_client_config *cfg) {
    if (cfg == NULL) return;
    memset(cfg, 0, sizeof *cfg);
    cfg->host = "127.0.0.1";
    cfg->port = ASSAY_DEFAULT_PORT;
    cfg->compression = 1;
    cfg->connect_timeout_ms = ASSAY_DEFAULT_CONNECT_TIMEOUT_MS;
    cfg->io_timeout_ms = ASSAY_DEFAULT_IO_TIMEOUT_MS;
    cfg->max_frame_size = ASSAY_DEFAULT_MAX_FRAME_SIZE;
    cfg->max_message_size = ASSAY_DEFAULT_MAX_MESSAGE_SIZE;
}

static int connect_tcp(const char *host, uint16_t port, uint32_t timeout_ms, int *fd_out, assay_error *err) {
    char portstr[8];
    snprintf(portstr, sizeof portstr, "%u", (unsigned)port);
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    struct addrinfo *list = NULL;
    int gai = getaddrinfo(host, portstr, &hints, &list);
    if (gai != 0)
        return assay_set_error(err, ASSAY_ERR_IO, "cannot resolve %s: %s", host, gai_strerror(gai));

    uint64_t deadline = timeout_ms == ASSAY_TIMEOUT_INFINITE ? 0 : now_ms() + timeout_ms;
    int last_errno = ECONNREFUSED;
    int timed_out = 0;
    int fd = -1;
    for (struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) {
            last_errno = errno;
            continue;
        }
        (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
        int fl = fcntl(fd, F_GETFL, 0);
        if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
            last_errno = errno;
            close(fd);
            fd = -1;
            continue;
        }
#ifdef SO_NOSIGPIPE
        int one_sig = 1;
        (void)setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one_sig, sizeof one_sig);
#endif
        int rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
        if (rc < 0 && errno == EINPROGRESS) {
            for (;;) {
                int wait = -1;
                if (deadline != 0) {
                    uint64_t now = now_ms();
                    wait = now >= deadline ? 0 : (deadline - now > INT_MAX ? INT_MAX : (int)(deadline - now));
                }
                struct pollfd p = {.fd = fd, .events = POLLOUT, .revents = 0};
                int pr = poll(&p, 1, wait);
                if (pr < 0 && errno == EINTR) continue;
                if (pr == 0) {
                    timed_out = 1;
                    last_errno = ETIMEDOUT;
                    rc = -1;
                } else if (pr < 0) {
                    last_errno = errno;
                    rc = -1;
                } else {
                    int soerr = 0;
                    socklen_t sl = sizeof soerr;
                    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0) soerr = errno;
                    if (soerr != 0) {
                        last_errno = soerr;
                        rc = -1;
                    } else {
                        rc = 0;
                    }
                }
                break;
            }
        } else if (rc < 0) {
            last_errno = errno;
        }
        if (rc == 0) break;
        close(fd);
        fd = -1;
        if (timed_out) break;
    }
    freeaddrinfo(list);
    if (fd < 0) {
        if (timed_out)
            return assay_set_error(err, ASSAY_ERR_IO, "cannot connect to %s:%u: timed out after %u ms", host,
                                   (unsigned)port, (unsigned)timeout_ms);
        return assay_set_error(err, ASSAY_ERR_IO, "cannot connect to %s:%u: %s", host, (unsigned)port,
                               strerror(last_errno));
    }
    int one = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    *fd_out = fd;
    return ASSAY_OK;
}

static int handshake(assay_client *c, const char *api_key, assay_error *err) {
    /* Preface + HELLO in one write. */
    uint32_t versions[1] = {1};
    Assay__V1__Compression zlib_and_none[2] = {ASSAY__V1__COMPRESSION__COMPRESSION_ZLIB,
                                               ASSAY__V1__COMPRESSION__COMPRESSION_NONE};
    Assay__V1__Compression none_only[1] = {ASSAY__V1__COMPRESSION__COMPRESSION_NONE};
    Assay__V1__Limits limits = ASSAY__V1__LIMITS__INIT;
    limits.max_frame_size = c->max_frame_size;
    limits.max_message_size = c->max_message_size;
    limits.initial_stream_credit = ASSAY_DEFAULT_INITIAL_CREDIT;
    Assay__V1__Hello hello = ASSAY__V1__HELLO__INIT;
    hello.n_versions = 1;
    hello.versions = versions;
    if (c->compression) {
        hello.n_accept_compression = 2;
        hello.accept_compression = zlib_and_none;
    } else {
        hello.n_accept_compression = 1;
        hello.accept_compression = none_only;
    }
    hello.auth_token = (char *)(api_key != NULL ? api_key : "");
    hello.limits = &limits;
    hello.agent = (char *)ASSAY_C_AGENT;

    obuf b = {0};
    int rc = obuf_reserve(&b, ASSAY_PREFACE_LEN);
    if (rc == ASSAY_OK) {
        memcpy(b.data, assay_preface_bytes, ASSAY_PREFACE_LEN);
        b.len = ASSAY_PREFACE_LEN;
        rc = obuf_message(&b, ASSAY_FT_HELLO, 0, 0, &hello.base);
    }
    if (rc != ASSAY_OK) {
        free(b.data);
        return assay_set_error(err, ASSAY_ERR_NOMEM, "out of memory building HELLO");
    }
    rc = send_all(c, b.data, b.len, 0, err);
    free(b.data);
    if (rc != ASSAY_OK) return rc;

    /* Wait for the server's HELLO (HelloAck). */
    for (;;) {
        assay_frame_header h;
        uint8_t *payload = NULL;
        char tn[8];
        rc = read_frame(c, 0, &h, &payload, err);
        if (rc == RX_EOF)
            return assay_set_error(err, ASSAY_ERR_IO, "server closed the connection before answering HELLO");
        if (rc != ASSAY_OK) return rc;
        if (h.stream_id == 0 && h.type == ASSAY_FT_HELLO) {
            Assay__V1__HelloAck *ack = assay__v1__hello_ack__unpack(NULL, h.length, payload);
            free(payload);
            if (ack == NULL)
                return assay_set_error(err, ASSAY_ERR_PROTOCOL, "server HELLO is not a valid assay.v1.HelloAck");
            if (ack->version != 1) {
                unsigned v = ack->version;
                assay__v1__hello_ack__free_unpacked(ack, NULL);
                return assay_set_error(err, ASSAY_ERR_PROTOCOL, "server chose protocol version %u; this client speaks 1", v);
            }
            const Assay__V1__Limits *lv = ack->limits;
            if (lv != NULL && ((lv->max_frame_size != 0 && (lv->max_frame_size < ASSAY_MIN_FRAME_SIZE ||
                                                          lv->max_frame_size > ASSAY_MAX_FRAME_SIZE_CEILING)) ||
                               lv->initial_stream_credit > 0x7FFFFFFFu)) {
                unsigned mfs_bad = lv->max_frame_size, credit_bad = lv->initial_stream_credit;
                assay__v1__hello_ack__free_unpacked(ack, NULL);
                return assay_set_error(err, ASSAY_ERR_PROTOCOL,
                                       "server announced invalid limits (max_frame_size %u, initial_stream_credit %u)",
                                       mfs_bad, credit_bad);
            }
            c->ack = ack;
            for (size_t i = 0; i < ack->n_accept_compression; i++)
                if (ack->accept_compression[i] == ASSAY__V1__COMPRESSION__COMPRESSION_ZLIB) c->server_accepts_zlib = 1;
            c->server_compresses = ack->compression == ASSAY__V1__COMPRESSION__COMPRESSION_ZLIB;
            const Assay__V1__Limits *l = ack->limits;
            uint32_t mfs = l != NULL && l->max_frame_size ? l->max_frame_size : ASSAY_DEFAULT_MAX_FRAME_SIZE;
            c->server_max_frame_size = mfs;
            c->server_initial_credit =
                l != NULL && l->initial_stream_credit ? l->initial_stream_credit : ASSAY_DEFAULT_INITIAL_CREDIT;
            c->server_max_message_size =
                l != NULL && l->max_message_size ? l->max_message_size : ASSAY_DEFAULT_MAX_MESSAGE_SIZE;
            c->server_min_compress_size =
                l != NULL && l->min_compress_size ? l->min_compress_size : ASSAY_DEFAULT_MIN_COMPRESS_SIZE;
            return ASSAY_OK;
        }
        if (h.stream_id == 0 && h.type == ASSAY_FT_GOAWAY) {
            rc = record_goaway(c, payload, h.length, err);
            free(payload);
            if (rc != ASSAY_OK) return rc;
            return goaway_error(c, err, "server refused the connection");
        }
        if (h.stream_id == 0 && h.type == ASSAY_FT_PING) {
            rc = send_pong(c, payload, h.length, err);
            free(payload);
            if (rc != ASSAY_OK) return rc;
            continue;
        }
        free(payload);
        return assay_set_error(err, ASSAY_ERR_PROTOCOL, "expected HELLO from the server, got %s on stream %u",
                               assay_frame_type_name(h.type, tn), (unsigned)h.stream_id);
    }
}

int assay_client_connect(const assay_client_config *cfg_in, assay_client **out, assay_error *err) {
    if (out == NULL) return assay_set_error(err, ASSAY_ERR_INVALID_ARGUMENT, "out must not be NULL");
    *out = NULL;
    assay_client_config cfg;
    if (cfg_in != NULL) cfg = *cfg_in;
    else assay_client_config_init(&cfg);
    const char *host = cfg.host != NULL && cfg.host[0] ? cfg.host : "127.0.0.1";
    uint16_t port = cfg.port ? cfg.port : ASSAY_DEFAULT_PORT;
    uint32_t mfs = cfg.max_frame_size ? cfg.max_frame_size : ASSAY_DEFAULT_MAX_FRAME_SIZE;
    uint32_t mms = cfg.max_message_size ? cfg.max_message_size : ASSAY_DEFAULT_MAX_MESSAGE_SIZE;
    if (mfs > ASSAY_MAX_FRAME_SIZE_CEILING)
        return assay_set_error(err, ASSAY_ERR_INVALID_ARGUMENT, "max_frame_size %u exceeds the protocol ceiling of %u",
                               (unsigned)mfs, (unsigned)ASSAY_MAX_FRAME_SIZE_CEILING);
    if (mfs < ASSAY_MIN_FRAME_SIZE)
        return assay_set_error(err, ASSAY_ERR_INVALID_ARGUMENT, "max_frame_size %u is below the protocol minimum of %u",
                               (unsigned)mfs, (unsigned)ASSAY_MIN_FRAME_SIZE);

    assay_client *c = calloc(1, sizeof *c);
    if (c == NULL) return assay_set_error(err, ASSAY_ERR_NOMEM, "out of memory");
    c->fd = -1;
    c->next_stream_id = 1;
    c->io_timeout_ms = cfg.io_timeout_ms ? cfg.io_timeout_ms : ASSAY_DEFAULT_IO_TIMEOUT_MS;
    c->max_frame_size = mfs;
    c->max_message_size = mms;
    c->compression = cfg.compression != 0;

    int rc = connect_tcp(host, port, cfg.connect_timeout_ms ? cfg.connect_timeout_ms : ASSAY_DEFAULT_CONNECT_TIMEOUT_MS,
                         &c->fd, err);
    if (rc == ASSAY_OK) rc = handshake(c, cfg.api_key, err);
    if (rc != ASSAY_OK) {
        if (c->fd >= 0) fail_connection(c, rc, err ? err->message : "handshake failed");
        assay_client_close(c);
        return rc;
    }
    *out = c;
    return ASSAY_OK;
}

void assay_client_close(assay_client *c) {
    if (c == NULL) return;
    if (c->fd >= 0) close(c->fd);
    free(c->payload);
    if (c->ack != NULL) assay__v1__hello_ack__free_unpacked(c->ack, NULL);
    free(c);
}

const Assay__V1__HelloAck *assay_client_hello_ack(const assay_client *c) { return c != NULL ? c->ack : NULL; }

int assay_client_usable(const assay_client *c) { return c != NULL && !c->broken && !c->goaway_received && c->fd >= 0; }

int assay_client_poll(assay_client *c, uint32_t timeout_ms, assay_error *err) {
    if (c == NULL) return assay_set_error(err, ASSAY_ERR_INVALID_ARGUMENT, "client must not be NULL");
    if (c->broken) return assay_set_error(err, ASSAY_ERR_IO, "connection is unusable: %s", c->broken_why);
    uint64_t deadline = now_ms() + timeout_ms;
    if (deadline == 0) deadline = 1;
    char tn[8];
    for (;;) {
        assay_frame_header h;
        uint8_t *payload = NULL;
        int rc = read_frame(c, deadline, &h, &payload, err);
        if (rc == ASSAY_ERR_DEADLINE_EXCEEDED) break;
        if (rc == RX_EOF) {
            mark_broken(c, "server closed the connection");
            if (c->goaway_received) return goaway_error(c, err, "server closed the connection");
            return assay_set_error(err, ASSAY_ERR_IO, "server closed the connection");
        }
        if (rc != ASSAY_OK) {
            fail_connection(c, rc, err ? err->message : "read failed");
            return rc;
        }
        if (h.stream_id == 0 && h.type == ASSAY_FT_PING) {
            rc = send_pong(c, payload, h.length, err);
            free(payload);
            if (rc != ASSAY_OK) return rc;
        } else if (h.stream_id == 0 && h.type == ASSAY_FT_PONG) {
            free(payload);
        } else if (h.stream_id == 0 && h.type == ASSAY_FT_GOAWAY) {
            rc = record_goaway(c, payload, h.length, err);
            free(payload);
            if (rc != ASSAY_OK) {
                fail_connection(c, rc, err ? err->message : "bad GOAWAY");
                return rc;
            }
        } else if (h.stream_id != 0 && h.stream_id <= c->highest_opened && h.type != ASSAY_FT_HELLO &&
                   h.type != ASSAY_FT_PING && h.type != ASSAY_FT_PONG && h.type != ASSAY_FT_GOAWAY) {
            free(payload); /* late frame for a closed stream */
        } else {
            free(payload);
            assay_set_error(err, ASSAY_ERR_PROTOCOL, "unexpected %s frame on stream %u while no call is running",
                            assay_frame_type_name(h.type, tn), (unsigned)h.stream_id);
            fail_connection(c, ASSAY_ERR_PROTOCOL, err ? err->message : "protocol error");
            return ASSAY_ERR_PROTOCOL;
        }
    }
    if (c->goaway_received) return goaway_error(c, err, "connection is going away; reconnect");
    return assay_set_error(err, ASSAY_OK, NULL);
}

/* ---------------------------------------------------------------- streams */

/* Handles one (inflated) response MESSAGE. Returns ASSAY_OK to go on, or an
 * error code with err filled (the stream is then cancelled). */
typedef int (*message_handler)(void *ctx, uint32_t stream, const uint8_t *data, size_t len, assay_error *err);

/*
 * Runs one stream: OPEN + request MESSAGE(END_STREAM), then reads until STATUS.
 */
static int run_call(assay_client *c, const char *method, const ProtobufCMessage *request,
                    const assay_call_options *opts, message_handler handler, void *ctx, assay_error *err) {
    if (c->broken) return assay_set_error(err, ASSAY_ERR_IO, "connection is unusable: %s", c->broken_why);
    if (c->goaway_received) return goaway_error(c, err, "connection is going away; reconnect");
    if (c->next_stream_id > 0x7FFFFFFFu)
        return assay_set_error(err, ASSAY_ERR_IO, "stream ids exhausted on this connection; reconnect");

    uint64_t start = now_ms();
    uint64_t deadline_ms = opts != NULL ? opts->deadline_ms : 0;
    uint64_t deadline = deadline_ms == 0 ? 0 : (deadline_ms > UINT64_MAX - start ? UINT64_MAX : start + deadline_ms);
    uint32_t window = opts != NULL && opts->initial_credit ? opts->initial_credit : ASSAY_DEFAULT_INITIAL_CREDIT;
    uint32_t grant_at = window / 2 ? window / 2 : 1;

    /* The request, compressed when allowed and worthwhile. */
    size_t req_len = protobuf_c_message_get_packed_size(request);
    if (req_len > c->server_max_message_size)
        return assay_set_error(err, ASSAY_ERR_TOO_LARGE, "request of %zu bytes exceeds the server's max_message_size of %u",
                               req_len, (unsigned)c->server_max_message_size);
    uint8_t *req = malloc(req_len ? req_len : 1);
    if (req == NULL) return assay_set_error(err, ASSAY_ERR_NOMEM, "out of memory for the request");
    protobuf_c_message_pack(request, req);
    uint8_t msg_flags = ASSAY_FLAG_END_STREAM;
    uint8_t *compressed = NULL;
    size_t compressed_len = 0;
    const uint8_t *body = req;
    size_t body_len = req_len;
    if (c->compression && c->server_accepts_zlib && req_len >= c->server_min_compress_size &&
        assay_deflate(req, req_len, &compressed, &compressed_len) == ASSAY_OK && compressed_len < req_len) {
        body = compressed;
        body_len = compressed_len;
        msg_flags |= ASSAY_FLAG_COMPRESSED;
    }
    if (body_len > c->server_max_frame_size) {
        free(req);
        free(compressed);
        return assay_set_error(err, ASSAY_ERR_TOO_LARGE, "request frame of %zu bytes exceeds the server's max_frame_size of %u",
                               body_len, (unsigned)c->server_max_frame_size);
    }

    uint32_t id = c->next_stream_id;
    Assay__V1__Open open = ASSAY__V1__OPEN__INIT;
    open.method = (char *)method;
    open.timeout_ms = deadline_ms;
    open.initial_credit = window;
    obuf b = {0};
    int rc = obuf_message(&b, ASSAY_FT_OPEN, 0, id, &open.base);
    if (rc == ASSAY_OK) rc = obuf_frame(&b, ASSAY_FT_MESSAGE, msg_flags, id, body, body_len);
    free(req);
    free(compressed);
    if (rc != ASSAY_OK) {
        free(b.data);
        return assay_set_error(err, ASSAY_ERR_NOMEM, "out of memory building the request");
    }
    c->next_stream_id += 2;
    c->highest_opened = id;
    rc = send_all(c, b.data, b.len, deadline, err);
    free(b.data);
    if (rc == ASSAY_ERR_DEADLINE_EXCEEDED) {
        send_cancel(c, id, "deadline exceeded");
        return assay_set_error(err, rc, "deadline of %llu ms exceeded while sending the request",
                               (unsigned long long)deadline_ms);
    }
    if (rc != ASSAY_OK) return rc;

    uint32_t remaining = window; /* MESSAGE frames the server may still send */
    uint32_t consumed = 0;       /* consumed since the last CREDIT */
    uint64_t send_credit = c->server_initial_credit - 1; /* what we may still send; one request sent */
    char tn[8];
    for (;;) {
        assay_frame_header h;
        uint8_t *payload = NULL;
        rc = read_frame(c, deadline, &h, &payload, err);
        if (rc == ASSAY_ERR_DEADLINE_EXCEEDED) {
            send_cancel(c, id, "deadline exceeded");
            return assay_set_error(err, rc, "deadline of %llu ms exceeded", (unsigned long long)deadline_ms);
        }
        if (rc == RX_EOF) {
            mark_broken(c, "server closed the connection");
            if (c->goaway_received) return goaway_error(c, err, "connection closed before the stream finished");
            assay_set_error(err, ASSAY_ERR_IO, "server closed the connection before ending stream %u", (unsigned)id);
            if (err != NULL) err->status_code = ASSAY__V1__STATUS_CODE__STATUS_CODE_UNAVAILABLE;
            return ASSAY_ERR_IO;
        }
        if (rc != ASSAY_OK) {
            fail_connection(c, rc, err ? err->message : "read failed");
            return rc;
        }

        /* Connection-level frames. */
        if (h.stream_id == 0) {
            switch (h.type) {
            case ASSAY_FT_PING:
                rc = send_pong(c, payload, h.length, err);
                free(payload);
                if (rc != ASSAY_OK) return rc;
                continue;
            case ASSAY_FT_PONG:
                free(payload);
                continue;
            case ASSAY_FT_GOAWAY:
                rc = record_goaway(c, payload, h.length, err);
                free(payload);
                if (rc != ASSAY_OK) {
                    fail_connection(c, rc, err ? err->message : "bad GOAWAY");
                    return rc;
                }
                if (id > c->goaway_last_stream_id) {
                    char ctx_msg[96];
                    snprintf(ctx_msg, sizeof ctx_msg, "stream %u was not processed (last_stream_id %u)",
                             (unsigned)id, (unsigned)c->goaway_last_stream_id);
                    return goaway_error(c, err, ctx_msg);
                }
                continue; /* our stream finishes normally */
            default:
                free(payload);
                assay_set_error(err, ASSAY_ERR_PROTOCOL, "%s frame on stream 0", assay_frame_type_name(h.type, tn));
                fail_connection(c, ASSAY_ERR_PROTOCOL, err ? err->message : "protocol error");
                return ASSAY_ERR_PROTOCOL;
            }
        }
        if (h.type == ASSAY_FT_HELLO || h.type == ASSAY_FT_PING || h.type == ASSAY_FT_PONG || h.type == ASSAY_FT_GOAWAY) {
            free(payload);
            assay_set_error(err, ASSAY_ERR_PROTOCOL, "%s frame on stream %u; it is only allowed on stream 0",
                            assay_frame_type_name(h.type, tn), (unsigned)h.stream_id);
            fail_connection(c, ASSAY_ERR_PROTOCOL, err ? err->message : "protocol error");
            return ASSAY_ERR_PROTOCOL;
        }
        if (h.stream_id != id) {
            free(payload);
            if (h.stream_id <= c->highest_opened) continue; /* a closed stream: frames may cross in flight */
            assay_set_error(err, ASSAY_ERR_PROTOCOL, "%s frame for stream %u, which was never opened",
                            assay_frame_type_name(h.type, tn), (unsigned)h.stream_id);
            fail_connection(c, ASSAY_ERR_PROTOCOL, err ? err->message : "protocol error");
            return ASSAY_ERR_PROTOCOL;
        }

        /* Our stream. */
        switch (h.type) {
        case ASSAY_FT_MESSAGE: {
            if (remaining == 0) {
                free(payload);
                send_cancel(c, id, "flow control: credit exceeded");
                assay_set_error(err, ASSAY_ERR_PROTOCOL,
                                "flow control: server sent more MESSAGE frames than granted on stream %u", (unsigned)id);
                if (err != NULL) err->status_code = ASSAY__V1__STATUS_CODE__STATUS_CODE_RESOURCE_EXHAUSTED;
                return ASSAY_ERR_PROTOCOL;
            }
            remaining--;
            uint8_t *data = payload;
            size_t len = h.length;
            if (h.flags & ASSAY_FLAG_COMPRESSED) {
                if (!c->server_compresses) {
                    free(payload);
                    send_cancel(c, id, "unexpected compressed message");
                    return assay_set_error(err, ASSAY_ERR_PROTOCOL,
                                           "COMPRESSED message on stream %u although the server announced no compression",
                                           (unsigned)id);
                }
                char why[96];
                uint8_t *inflated = NULL;
                size_t inflated_len = 0;
                rc = assay_inflate_capped(payload, h.length, c->max_message_size, &inflated, &inflated_len, why, sizeof why);
                free(payload);
                if (rc != ASSAY_OK) {
                    send_cancel(c, id, rc == ASSAY_ERR_TOO_LARGE ? "message too large" : "corrupt compressed message");
                    if (rc == ASSAY_ERR_TOO_LARGE)
                        return assay_set_error(err, rc, "compressed message on stream %u %s of %u bytes", (unsigned)id, why,
                                               (unsigned)c->max_message_size);
                    return assay_set_error(err, rc, "compressed message on stream %u is not valid zlib data: %s",
                                           (unsigned)id, why);
                }
                data = inflated;
                len = inflated_len;
            } else if (len > c->max_message_size) {
                free(payload);
                send_cancel(c, id, "message too large");
                return assay_set_error(err, ASSAY_ERR_TOO_LARGE, "message of %zu bytes on stream %u exceeds the maximum message size of %u",
                                       len, (unsigned)id, (unsigned)c->max_message_size);
            }
            rc = handler(ctx, id, data, len, err);
            free(data);
            if (rc != ASSAY_OK) {
                send_cancel(c, id, rc == ASSAY_ERR_CANCELLED ? "cancelled by the client" : assay_strerror(rc));
                return rc;
            }
            if (++consumed >= grant_at) {
                Assay__V1__Credit credit = ASSAY__V1__CREDIT__INIT;
                credit.messages = consumed;
                obuf cb = {0};
                rc = obuf_message(&cb, ASSAY_FT_CREDIT, 0, id, &credit.base);
                if (rc == ASSAY_OK) rc = send_all(c, cb.data, cb.len, 0, err);
                else assay_set_error(err, ASSAY_ERR_NOMEM, "out of memory for CREDIT");
                free(cb.data);
                if (rc != ASSAY_OK) return rc;
                remaining += consumed;
                consumed = 0;
            }
            continue;
        }
        case ASSAY_FT_CREDIT: {
            /* Credit for our request messages (the single request is already sent); validate it. */
            Assay__V1__Credit *cr = assay__v1__credit__unpack(NULL, h.length, payload);
            free(payload);
            uint64_t grant = cr != NULL ? cr->messages : 0;
            if (cr != NULL) assay__v1__credit__free_unpacked(cr, NULL);
            if (cr == NULL || grant == 0 || send_credit + grant > 0x7FFFFFFFu) {
                send_cancel(c, id, "flow control: bad CREDIT");
                assay_set_error(err, ASSAY_ERR_PROTOCOL, "flow control: %s CREDIT from the server on stream %u",
                                cr == NULL ? "unparsable" : grant == 0 ? "zero" : "overflowing", (unsigned)id);
                if (err != NULL) err->status_code = ASSAY__V1__STATUS_CODE__STATUS_CODE_INTERNAL;
                return ASSAY_ERR_PROTOCOL;
            }
            send_credit += grant;
            continue;
        }
        case ASSAY_FT_STATUS: {
            Assay__V1__Status *st = assay__v1__status__unpack(NULL, h.length, payload);
            free(payload);
            if (st == NULL)
                return assay_set_error(err, ASSAY_ERR_PROTOCOL, "STATUS on stream %u is not a valid assay.v1.Status", (unsigned)id);
            if (st->code == ASSAY__V1__STATUS_CODE__STATUS_CODE_OK) {
                assay__v1__status__free_unpacked(st, NULL);
                return ASSAY_OK;
            }
            assay_set_error(err, ASSAY_ERR_STATUS, "server status %s: %s", assay_status_code_name((int)st->code),
                            st->message != NULL ? st->message : "");
            if (err != NULL) {
                err->status_code = (int)st->code;
                err->retry_after_ms = st->retry_after_ms;
                /* Append details ("key=value, ...") and retry advice while there is room. */
                size_t used = strlen(err->message);
                for (size_t i = 0; i < st->n_details && used + 1 < sizeof err->message; i++) {
                    int n = snprintf(err->message + used, sizeof err->message - used, "%s%s=%s", i ? ", " : " [",
                                     st->details[i]->key, st->details[i]->value);
                    if (n < 0) break;
                    used += (size_t)n;
                    if (used >= sizeof err->message) used = sizeof err->message - 1;
                    if (i + 1 == st->n_details && used + 1 < sizeof err->message) {
                        snprintf(err->message + used, sizeof err->message - used, "]");
                        used = strlen(err->message);
                    }
                }
                if (st->retry_after_ms && used + 1 < sizeof err->message)
                    snprintf(err->message + used, sizeof err->message - used, " (retry after %u ms)",
                             (unsigned)st->retry_after_ms);
            }
            assay__v1__status__free_unpacked(st, NULL);
            return ASSAY_ERR_STATUS;
        }
        case ASSAY_FT_CANCEL: {
            /* v1 servers don't send CANCEL; treat it as STATUS CANCELLED. */
            Assay__V1__Cancel *cn = h.length ? assay__v1__cancel__unpack(NULL, h.length, payload) : NULL;
            free(payload);
            assay_set_error(err, ASSAY_ERR_STATUS, "server cancelled stream %u%s%s", (unsigned)id,
                            cn != NULL && cn->reason[0] ? ": " : "", cn != NULL ? cn->reason : "");
            if (cn != NULL) assay__v1__cancel__free_unpacked(cn, NULL);
            if (err != NULL) err->status_code = ASSAY__V1__STATUS_CODE__STATUS_CODE_CANCELLED;
            return ASSAY_ERR_STATUS;
        }
        default: /* OPEN from the server */
            free(payload);
            assay_set_error(err, ASSAY_ERR_PROTOCOL, "unexpected %s frame from the server on stream %u",
                            assay_frame_type_name(h.type, tn), (unsigned)id);
            fail_connection(c, ASSAY_ERR_PROTOCOL, err ? err->message : "protocol error");
            return ASSAY_ERR_PROTOCOL;
        }
    }
}

/* ---------------------------------------------------------------- methods */

typedef struct analyze_ctx {
    assay_event_callback cb;
    void *user;
} analyze_ctx;

static int analyze_handler(void *vctx, uint32_t stream, const uint8_t *data, size_t len, assay_error *err) {
    analyze_ctx *ctx = vctx;
    Assay__V1__AnalysisEvent *ev = assay__v1__analysis_event__unpack(NULL, len, data);
    if (ev == NULL)
        return assay_set_error(err, ASSAY_ERR_PROTOCOL, "MESSAGE on stream %u is not a valid assay.v1.AnalysisEvent",
                               (unsigned)stream);
    int stop = ctx->cb != NULL ? ctx->cb(ev, ctx->user) : 0;
    assay__v1__analysis_event__free_unpacked(ev, NULL);
    if (stop != 0)
        return assay_set_error(err, ASSAY_ERR_CANCELLED, "stream %u cancelled by the event callback (returned %d)",
                               (unsigned)stream, stop);
    return ASSAY_OK;
}

#define STR_OR_EMPTY(s) ((char *)((s) != NULL ? (s) : ""))

int assay_analyze(assay_client *client, const assay_article_input *article, const assay_call_options *opts,
                  assay_event_callback cb, void *user, assay_error *err) {
    if (client == NULL || article == NULL)
        return assay_set_error(err, ASSAY_ERR_INVALID_ARGUMENT, "client and article must not be NULL");
    Assay__V1__Article a = ASSAY__V1__ARTICLE__INIT;
    a.reference = STR_OR_EMPTY(article->reference);
    a.title = STR_OR_EMPTY(article->title);
    a.body = STR_OR_EMPTY(article->body);
    a.url = STR_OR_EMPTY(article->url);
    a.published = STR_OR_EMPTY(article->published);
    a.language = STR_OR_EMPTY(article->language);
    analyze_ctx ctx = {cb, user};
    int rc = run_call(client, ASSAY_METHOD_ANALYZE, &a.base, opts, analyze_handler, &ctx, err);
    if (rc == ASSAY_OK) assay_set_error(err, ASSAY_OK, NULL);
    return rc;
}

typedef struct unary_ctx {
    const ProtobufCMessageDescriptor *desc;
    ProtobufCMessage *response;
} unary_ctx;

static int unary_handler(void *vctx, uint32_t stream, const uint8_t *data, size_t len, assay_error *err) {
    unary_ctx *ctx = vctx;
    if (ctx->response != NULL)
        return assay_set_error(err, ASSAY_ERR_PROTOCOL, "second response MESSAGE on unary stream %u", (unsigned)stream);
    ctx->response = protobuf_c_message_unpack(ctx->desc, NULL, len, data);
    if (ctx->response == NULL)
        return assay_set_error(err, ASSAY_ERR_PROTOCOL, "MESSAGE on stream %u is not a valid %s", (unsigned)stream,
                               ctx->desc->name);
    return ASSAY_OK;
}

static int run_unary(assay_client *c, const char *method, const ProtobufCMessage *req,
                     const ProtobufCMessageDescriptor *desc, const assay_call_options *opts, ProtobufCMessage **out,
                     assay_error *err) {
    unary_ctx ctx = {desc, NULL};
    int rc = run_call(c, method, req, opts, unary_handler, &ctx, err);
    if (rc == ASSAY_OK && ctx.response == NULL)
        rc = assay_set_error(err, ASSAY_ERR_PROTOCOL, "STATUS OK without a response message for %s", method);
    if (rc != ASSAY_OK) {
        if (ctx.response != NULL) protobuf_c_message_free_unpacked(ctx.response, NULL);
        return rc;
    }
    assay_set_error(err, ASSAY_OK, NULL);
    *out = ctx.response;
    return ASSAY_OK;
}

int assay_health(assay_client *client, const char *service, const assay_call_options *opts,
                 Assay__V1__ServingStatus *status_out, assay_error *err) {
    if (client == NULL || status_out == NULL)
        return assay_set_error(err, ASSAY_ERR_INVALID_ARGUMENT, "client and status_out must not be NULL");
    Assay__V1__HealthRequest req = ASSAY__V1__HEALTH_REQUEST__INIT;
    req.service = STR_OR_EMPTY(service);
    ProtobufCMessage *resp = NULL;
    int rc = run_unary(client, ASSAY_METHOD_HEALTH, &req.base, &assay__v1__health_response__descriptor, opts, &resp, err);
    if (rc != ASSAY_OK) return rc;
    *status_out = ((Assay__V1__HealthResponse *)resp)->status;
    protobuf_c_message_free_unpacked(resp, NULL);
    return ASSAY_OK;
}

int assay_server_info(assay_client *client, const assay_call_options *opts, Assay__V1__ServerInfoResponse **out,
                      assay_error *err) {
    if (client == NULL || out == NULL)
        return assay_set_error(err, ASSAY_ERR_INVALID_ARGUMENT, "client and out must not be NULL");
    *out = NULL;
    Assay__V1__ServerInfoRequest req = ASSAY__V1__SERVER_INFO_REQUEST__INIT;
    ProtobufCMessage *resp = NULL;
    int rc = run_unary(client, ASSAY_METHOD_SERVER_INFO, &req.base, &assay__v1__server_info_response__descriptor, opts,
                       &resp, err);
    if (rc != ASSAY_OK) return rc;
    *out = (Assay__V1__ServerInfoResponse *)resp;
    return ASSAY_OK;
}

void assay_server_info_free(Assay__V1__ServerInfoResponse *info) {
    if (info != NULL) assay__v1__server_info_response__free_unpacked(info, NULL);
}
