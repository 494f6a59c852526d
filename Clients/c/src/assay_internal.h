/* Internal declarations of libassay (not installed). */
#ifndef ASSAY_INTERNAL_H
#define ASSAY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "assay.h"

/* Frame header and types (docs/PROTOCOL.md). */
#define ASSAY_FRAME_HEADER_LEN 10u
#define ASSAY_PREFACE_LEN 8u
extern const uint8_t assay_preface_bytes[ASSAY_PREFACE_LEN];

enum {
    ASSAY_FT_HELLO = 0x01,
    ASSAY_FT_OPEN = 0x02,
    ASSAY_FT_MESSAGE = 0x03,
    ASSAY_FT_CREDIT = 0x04,
    ASSAY_FT_STATUS = 0x05,
    ASSAY_FT_CANCEL = 0x06,
    ASSAY_FT_PING = 0x07,
    ASSAY_FT_PONG = 0x08,
    ASSAY_FT_GOAWAY = 0x09,
    ASSAY_FT_EXTENSION_MIN = 0x80
};

enum { ASSAY_FLAG_END_STREAM = 0x01, ASSAY_FLAG_COMPRESSED = 0x02, ASSAY_FLAGS_DEFINED = 0x03 };

typedef struct assay_frame_header {
    uint32_t length;
    uint8_t type;
    uint8_t flags;
    uint32_t stream_id;
} assay_frame_header;

/* Big-endian header encode/decode. */
void assay_header_encode(uint8_t out[ASSAY_FRAME_HEADER_LEN], uint32_t length, uint8_t type,
                         uint8_t flags, uint32_t stream_id);
assay_frame_header assay_header_decode(const uint8_t in[ASSAY_FRAME_HEADER_LEN]);

/* Name of a frame type for messages ("MESSAGE", "0x42"). `buf` holds at least 8 bytes. */
const char *assay_frame_type_name(uint8_t type, char buf[8]);

/*
 * Inflates one complete zlib (RFC 1950) stream of `in_len` bytes, producing at
 * most `cap` bytes. The output buffer starts small and doubles, never beyond
 * `cap` bytes (+0), so a zip bomb costs at most `cap` bytes of memory.
 * Returns ASSAY_OK (with *out malloc'd, *out_len set; *out may be non-NULL for
 * empty output), ASSAY_ERR_TOO_LARGE, ASSAY_ERR_DECOMPRESS or ASSAY_ERR_NOMEM;
 * on failure *out is NULL and `why` (if not NULL, `why_len` bytes) explains.
 */
int assay_inflate_capped(const uint8_t *in, size_t in_len, size_t cap, uint8_t **out,
                         size_t *out_len, char *why, size_t why_len);

/*
 * Deflates `in` as one zlib stream. Returns ASSAY_OK with *out malloc'd, or
 * ASSAY_ERR_NOMEM / ASSAY_ERR_INVALID_ARGUMENT (input larger than 4 GiB).
 */
int assay_deflate(const uint8_t *in, size_t in_len, uint8_t **out, size_t *out_len);

/* Fills err (if not NULL) with code and a printf-style message; returns code. */
int assay_set_error(assay_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
