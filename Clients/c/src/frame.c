/* Frame header codec, names and error helpers. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "assay_internal.h"

const uint8_t assay_preface_bytes[ASSAY_PREFACE_LEN] = {0x89, 0x41, 0x53, 0x59, 0x0D, 0x0A, 0x1A, 0x0A};

void assay_header_encode(uint8_t out[ASSAY_FRAME_HEADER_LEN], uint32_t length, uint8_t type,
                         uint8_t flags, uint32_t stream_id) {
    out[0] = (uint8_t)(length >> 24);
    out[1] = (uint8_t)(length >> 16);
    out[2] = (uint8_t)(length >> 8);
    out[3] = (uint8_t)length;
    out[4] = type;
    out[5] = flags;
    out[6] = (uint8_t)(stream_id >> 24);
    out[7] = (uint8_t)(stream_id >> 16);
    out[8] = (uint8_t)(stream_id >> 8);
    out[9] = (uint8_t)stream_id;
}

assay_frame_header assay_header_decode(const uint8_t in[ASSAY_FRAME_HEADER_LEN]) {
    assay_frame_header h;
    h.length = ((uint32_t)in[0] << 24) | ((uint32_t)in[1] << 16) | ((uint32_t)in[2] << 8) | in[3];
    h.type = in[4];
    h.flags = in[5];
    h.stream_id = ((uint32_t)in[6] << 24) | ((uint32_t)in[7] << 16) | ((uint32_t)in[8] << 8) | in[9];
    return h;
}

const char *assay_frame_type_name(uint8_t type, char buf[8]) {
    static const char *const names[] = {NULL,     "HELLO",  "OPEN", "MESSAGE", "CREDIT",
                                        "STATUS", "CANCEL", "PING", "PONG",    "GOAWAY"};
    if (type >= 1 && type <= 9) return names[type];
    snprintf(buf, 8, "0x%02X", (unsigned)type);
    return buf;
}

int assay_set_error(assay_error *err, int code, const char *fmt, ...) {
    if (err != NULL) {
        memset(err, 0, sizeof *err);
        err->code = code;
        if (fmt != NULL) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(err->message, sizeof err->message, fmt, ap);
            va_end(ap);
        }
    }
    return code;
}

const char *assay_strerror(int code) {
    switch (code) {
    case ASSAY_OK: return "ASSAY_OK";
    case ASSAY_ERR_IO: return "ASSAY_ERR_IO";
    case ASSAY_ERR_PROTOCOL: return "ASSAY_ERR_PROTOCOL";
    case ASSAY_ERR_STATUS: return "ASSAY_ERR_STATUS";
    case ASSAY_ERR_GOAWAY: return "ASSAY_ERR_GOAWAY";
    case ASSAY_ERR_DEADLINE_EXCEEDED: return "ASSAY_ERR_DEADLINE_EXCEEDED";
    case ASSAY_ERR_CANCELLED: return "ASSAY_ERR_CANCELLED";
    case ASSAY_ERR_TOO_LARGE: return "ASSAY_ERR_TOO_LARGE";
    case ASSAY_ERR_DECOMPRESS: return "ASSAY_ERR_DECOMPRESS";
    case ASSAY_ERR_NOMEM: return "ASSAY_ERR_NOMEM";
    case ASSAY_ERR_INVALID_ARGUMENT: return "ASSAY_ERR_INVALID_ARGUMENT";
    default: return "ASSAY_ERR_UNKNOWN";
    }
}

const char *assay_status_code_name(int status_code) {
    static const char *const names[] = {
        "OK",        "CANCELLED",          "UNKNOWN",           "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED", "NOT_FOUND",  "ALREADY_EXISTS",    "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL",       "UNAVAILABLE",       "DATA_LOSS",
        "UNAUTHENTICATED"};
    if (status_code >= 0 && (size_t)status_code < sizeof names / sizeof names[0]) return names[status_code];
    return "UNKNOWN_CODE";
}
