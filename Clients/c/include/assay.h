/*
 * libassay — C client for the Assay streaming-analysis server.
 *
 * Assay speaks a small gRPC-like binary protocol over plain TCP: an 8-byte
 * connection preface, then frames with a 10-byte big-endian header
 * (u32 length, u8 type, u8 flags, u32 stream id) and a protobuf payload.
 * See docs/PROTOCOL.md and Protos/assay/v1/{wire,assay}.proto.
 *
 * Threading and state: the library has no global state. One assay_client is
 * one TCP connection and must be used by one thread at a time; calls on it run
 * one stream at a time (synchronously). Different clients may be used from
 * different threads concurrently.
 *
 * Memory: everything the library allocates is freed by the library, except
 * objects it explicitly hands over (assay_server_info's response, freed with
 * assay_server_info_free; the client, freed by assay_client_close).
 *
 * Error convention: every function that can fail returns an ASSAY_* code
 * (ASSAY_OK == 0) and, when `err` is not NULL, fills it in.
 */
#ifndef ASSAY_H
#define ASSAY_H

#include <stddef.h>
#include <stdint.h>

#include "assay/v1/assay.pb-c.h"
#include "assay/v1/wire.pb-c.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Library version string. */
#define ASSAY_C_VERSION "0.1.0"
/** Agent string sent in Hello.agent. */
#define ASSAY_C_AGENT "assay-c/" ASSAY_C_VERSION
/** Default server port. */
#define ASSAY_DEFAULT_PORT 7443
/** Protocol defaults (docs/PROTOCOL.md "Limits"). */
#define ASSAY_DEFAULT_MAX_FRAME_SIZE (4u << 20)
#define ASSAY_DEFAULT_MAX_MESSAGE_SIZE (4u << 20)
/** Valid range of an announced max_frame_size: 16 KiB – 16 MiB. */
#define ASSAY_MIN_FRAME_SIZE (16u << 10)
#define ASSAY_MAX_FRAME_SIZE_CEILING (16u << 20)
#define ASSAY_DEFAULT_INITIAL_CREDIT 64u
#define ASSAY_DEFAULT_MIN_COMPRESS_SIZE 512u
#define ASSAY_DEFAULT_CONNECT_TIMEOUT_MS 10000u
#define ASSAY_DEFAULT_IO_TIMEOUT_MS 60000u
/** Use as a timeout value to wait forever. */
#define ASSAY_TIMEOUT_INFINITE UINT32_MAX

/** Method names, as OPEN carries them. */
#define ASSAY_METHOD_ANALYZE "/assay.v1.Assay/Analyze"
#define ASSAY_METHOD_ANALYZE_BATCH "/assay.v1.Assay/AnalyzeBatch"
#define ASSAY_METHOD_HEALTH "/assay.v1.Assay/Health"
#define ASSAY_METHOD_SERVER_INFO "/assay.v1.Assay/ServerInfo"

/** Result codes (assay_error.code and function return values). */
enum {
    /** Success. */
    ASSAY_OK = 0,
    /** Socket error, timeout of the I/O inactivity timer, connection closed
     *  (also mid-frame: truncated frame), or could not connect. */
    ASSAY_ERR_IO = 1,
    /** The server broke the wire protocol (unknown core frame type, bad
     *  stream id, payload that is not valid protobuf, ...). The connection
     *  is closed. */
    ASSAY_ERR_PROTOCOL = 2,
    /** The server ended the stream with STATUS != OK. status_code holds the
     *  gRPC code, message the server's message. The connection lives. */
    ASSAY_ERR_STATUS = 3,
    /** The server sent GOAWAY and the call could not finish (or the client
     *  already received a GOAWAY: reconnect). status_code holds GoAway.code,
     *  goaway_reason the GoAwayReason, message the reason and text. */
    ASSAY_ERR_GOAWAY = 4,
    /** The call's deadline (assay_call_options.deadline_ms) passed; the
     *  client sent CANCEL for the stream. */
    ASSAY_ERR_DEADLINE_EXCEEDED = 5,
    /** The event callback asked to stop; the client sent CANCEL. */
    ASSAY_ERR_CANCELLED = 6,
    /** A frame larger than max_frame_size (connection closed), or a message
     *  larger than max_message_size, possibly after inflation (stream
     *  cancelled), or a request too large for the server's limits. */
    ASSAY_ERR_TOO_LARGE = 7,
    /** A COMPRESSED message was not valid zlib data (stream cancelled). */
    ASSAY_ERR_DECOMPRESS = 8,
    /** Out of memory. */
    ASSAY_ERR_NOMEM = 9,
    /** Bad argument from the caller (NULL pointer, bad config, ...). */
    ASSAY_ERR_INVALID_ARGUMENT = 10
};

/** Details of a failure. Always safe to read after a call that filled it. */
typedef struct assay_error {
    /** One of the ASSAY_* codes. */
    int code;
    /** For ASSAY_ERR_STATUS: the gRPC status code from the STATUS frame
     *  (Assay__V1__StatusCode). For ASSAY_ERR_GOAWAY: GoAway.code. Also set
     *  as docs/PROTOCOL.md §4.2 reports it: ASSAY_ERR_IO when the connection
     *  closed during a call → 14 UNAVAILABLE; ASSAY_ERR_PROTOCOL for a flow-control
     *  violation by the server → 8 RESOURCE_EXHAUSTED (MESSAGE beyond credit)
     *  or 13 INTERNAL (bad CREDIT). Else 0. */
    int status_code;
    /** For ASSAY_ERR_GOAWAY: the Assay__V1__GoAwayReason. Else 0. */
    int goaway_reason;
    /** For ASSAY_ERR_STATUS: Status.retry_after_ms (non-zero means "not
     *  processed, retry after this many ms"). Else 0. */
    uint32_t retry_after_ms;
    /** Human-readable, NUL-terminated description. */
    char message[256];
} assay_error;

/** A short constant name for an ASSAY_* code ("ASSAY_ERR_IO", ...). */
const char *assay_strerror(int code);
/** The gRPC name of a status code ("DEADLINE_EXCEEDED", ...), "UNKNOWN_CODE" if out of range. */
const char *assay_status_code_name(int status_code);

/** Connection settings. Initialise with assay_client_config_init(), then
 *  override fields. Strings are copied by assay_client_connect. */
typedef struct assay_client_config {
    /** Host name or address. NULL means "127.0.0.1". */
    const char *host;
    /** TCP port. 0 means ASSAY_DEFAULT_PORT. */
    uint16_t port;
    /** API key sent as Hello.auth_token; NULL or "" for none. */
    const char *api_key;
    /** Non-zero: offer zlib for server→client messages and compress
     *  client→server messages of at least the server's min_compress_size
     *  when the server accepts zlib and it makes them smaller. */
    int compression;
    /** TCP connect timeout in ms (0 = default 10 s; ASSAY_TIMEOUT_INFINITE = none). */
    uint32_t connect_timeout_ms;
    /** Longest wait for any single read or write progress, in ms, including
     *  the server's HELLO answer (0 = default 60 s; ASSAY_TIMEOUT_INFINITE =
     *  none). Expiry gives ASSAY_ERR_IO and closes the connection. Per-call
     *  deadlines are separate (assay_call_options). */
    uint32_t io_timeout_ms;
    /** Largest frame payload accepted from the server (0 = 4 MiB; valid
     *  16 KiB – 16 MiB). Checked from the header before any allocation. Announced to
     *  the server in Hello.limits. */
    uint32_t max_frame_size;
    /** Largest MESSAGE payload after inflation (0 = 4 MiB). Announced in
     *  Hello.limits. */
    uint32_t max_message_size;
} assay_client_config;

/** Fills `cfg` with defaults: 127.0.0.1:7443, no key, compression on, default timeouts and limits. */
void assay_client_config_init(assay_client_config *cfg);

/** An open connection (opaque). */
typedef struct assay_client assay_client;

/**
 * Connects: TCP connect, sends the preface and HELLO, reads the server's HELLO
 * (HelloAck). A GOAWAY instead (e.g. a bad API key) gives ASSAY_ERR_GOAWAY
 * with status_code (e.g. 16 UNAUTHENTICATED), goaway_reason and the server's
 * message.
 *
 * @param cfg  settings (NULL: all defaults)
 * @param out  receives the client on success, NULL on failure
 * @param err  optional error details
 * @return ASSAY_OK or an error code
 */
int assay_client_connect(const assay_client_config *cfg, assay_client **out, assay_error *err);

/** Closes the connection and frees the client. NULL is allowed. */
void assay_client_close(assay_client *client);

/** The server's HelloAck (valid until assay_client_close). */
const Assay__V1__HelloAck *assay_client_hello_ack(const assay_client *client);

/** Whether the connection can still start calls (no I/O or protocol failure, no GOAWAY received). */
int assay_client_usable(const assay_client *client);

/**
 * Services the connection while no call is running, for up to `timeout_ms`:
 * answers the server's keepalive PINGs (a server closes a connection that
 * leaves a PING unanswered for 20 s), records a GOAWAY, drops late frames of
 * finished streams. Calls do this themselves while they run; an application
 * that keeps an idle connection open should call this now and then (e.g.
 * every few seconds), or simply reconnect when a call fails with ASSAY_ERR_IO.
 * @return ASSAY_OK, ASSAY_ERR_GOAWAY (reconnect for new calls), ASSAY_ERR_IO
 *         (connection closed) or ASSAY_ERR_PROTOCOL.
 */
int assay_client_poll(assay_client *client, uint32_t timeout_ms, assay_error *err);

/** The article to analyse. NUL-terminated UTF-8 strings; NULL means "". */
typedef struct assay_article_input {
    const char *reference;
    const char *title;
    const char *body;
    const char *url;
    const char *published;
    const char *language;
} assay_article_input;

/** Per-call options. A NULL pointer means all defaults. */
typedef struct assay_call_options {
    /** Deadline in ms from the start of the call, sent as Open.timeout_ms and
     *  enforced locally (ASSAY_ERR_DEADLINE_EXCEEDED, CANCEL sent). 0 = none. */
    uint64_t deadline_ms;
    /** MESSAGE frames the server may send before the client grants more
     *  (Open.initial_credit). 0 = 64. The client grants credit back in
     *  batches of half this window as it consumes events. */
    uint32_t initial_credit;
} assay_call_options;

/**
 * Called for each AnalysisEvent, in order. The event is freed when the
 * callback returns (copy what you need). Return 0 to continue, non-zero to
 * cancel the stream (the call then returns ASSAY_ERR_CANCELLED).
 * The callback must not call into the same assay_client.
 */
typedef int (*assay_event_callback)(const Assay__V1__AnalysisEvent *event, void *user);

/**
 * Runs Analyze: OPEN, the Article as one MESSAGE with END_STREAM, then
 * delivers every AnalysisEvent to `cb` until the server's STATUS.
 *
 * @return ASSAY_OK on STATUS OK; ASSAY_ERR_STATUS with the gRPC code when the
 *         server ended the stream with an error; otherwise see the codes.
 */
int assay_analyze(assay_client *client, const assay_article_input *article,
                  const assay_call_options *opts, assay_event_callback cb, void *user,
                  assay_error *err);

/**
 * Runs Health (unary). On success *status_out receives the ServingStatus.
 * @param service  service name, NULL or "" for the whole server
 */
int assay_health(assay_client *client, const char *service, const assay_call_options *opts,
                 Assay__V1__ServingStatus *status_out, assay_error *err);

/**
 * Runs ServerInfo (unary). On success *out receives the response; free it
 * with assay_server_info_free.
 */
int assay_server_info(assay_client *client, const assay_call_options *opts,
                      Assay__V1__ServerInfoResponse **out, assay_error *err);

/** Frees a response from assay_server_info. NULL is allowed. */
void assay_server_info_free(Assay__V1__ServerInfoResponse *info);

#ifdef __cplusplus
}
#endif

#endif /* ASSAY_H */
