/* zlib (RFC 1950) compression of MESSAGE payloads, with a hard inflation cap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "assay_internal.h"

static void set_why(char *why, size_t why_len, const char *text) {
    if (why != NULL && why_len > 0) snprintf(why, why_len, "%s", text);
}

int assay_inflate_capped(const uint8_t *in, size_t in_len, size_t cap, uint8_t **out,
                         size_t *out_len, char *why, size_t why_len) {
    *out = NULL;
    *out_len = 0;
    if (in_len > UINT32_MAX) {
        set_why(why, why_len, "compressed payload larger than 4 GiB");
        return ASSAY_ERR_TOO_LARGE;
    }
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit(&zs) != Z_OK) {
        set_why(why, why_len, "inflateInit failed");
        return ASSAY_ERR_NOMEM;
    }
    zs.next_in = (Bytef *)(uintptr_t)in;
    zs.avail_in = (uInt)in_len;

    /* Start at about twice the input (min 256), double, never past the cap. */
    size_t capacity = in_len < 128 ? 256 : (in_len > cap / 2 ? cap : in_len * 2);
    if (capacity > cap) capacity = cap;
    uint8_t *buf = NULL;
    size_t used = 0;
    int result = ASSAY_OK;

    for (;;) {
        int rc;
        if (used < cap) {
            /* Here cap > 0, so capacity > 0. */
            if (buf == NULL || used == capacity) {
                size_t next = buf == NULL ? capacity : (capacity > cap / 2 ? cap : capacity * 2);
                uint8_t *grown = realloc(buf, next);
                if (grown == NULL) {
                    set_why(why, why_len, "out of memory while inflating");
                    result = ASSAY_ERR_NOMEM;
                    break;
                }
                buf = grown;
                capacity = next;
            }
            size_t room = capacity - used;
            if (room > UINT32_MAX) room = UINT32_MAX;
            zs.next_out = buf + used;
            zs.avail_out = (uInt)room;
            rc = inflate(&zs, Z_NO_FLUSH);
            used += room - zs.avail_out;
        } else {
            /* At the cap: offer one more byte to tell "ends exactly here" from "too large". */
            uint8_t probe;
            zs.next_out = &probe;
            zs.avail_out = 1;
            rc = inflate(&zs, Z_NO_FLUSH);
            if (zs.avail_out == 0) {
                set_why(why, why_len, "inflates past the maximum message size");
                result = ASSAY_ERR_TOO_LARGE;
                break;
            }
        }
        if (rc == Z_STREAM_END) {
            if (zs.avail_in != 0) {
                set_why(why, why_len, "trailing bytes after the zlib stream");
                result = ASSAY_ERR_DECOMPRESS;
            }
            break;
        } else if (rc == Z_OK) {
            continue;
        } else if (rc == Z_BUF_ERROR) {
            if (zs.avail_in == 0) {
                set_why(why, why_len, "the zlib stream is truncated");
                result = ASSAY_ERR_DECOMPRESS;
                break;
            }
            continue; /* needs more output room */
        } else if (rc == Z_MEM_ERROR) {
            set_why(why, why_len, "out of memory while inflating");
            result = ASSAY_ERR_NOMEM;
            break;
        } else {
            set_why(why, why_len, zs.msg != NULL ? zs.msg : "invalid zlib data");
            result = ASSAY_ERR_DECOMPRESS;
            break;
        }
    }
    inflateEnd(&zs);
    if (result != ASSAY_OK) {
        free(buf);
        return result;
    }
    if (buf == NULL) {
        buf = malloc(1); /* empty message: hand back a valid pointer */
        if (buf == NULL) return ASSAY_ERR_NOMEM;
    }
    *out = buf;
    *out_len = used;
    return ASSAY_OK;
}

int assay_deflate(const uint8_t *in, size_t in_len, uint8_t **out, size_t *out_len) {
    *out = NULL;
    *out_len = 0;
    if (in_len > UINT32_MAX) return ASSAY_ERR_INVALID_ARGUMENT;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit(&zs, Z_DEFAULT_COMPRESSION) != Z_OK) return ASSAY_ERR_NOMEM;
    uLong bound = deflateBound(&zs, (uLong)in_len);
    uint8_t *buf = malloc(bound > 0 ? bound : 1);
    if (buf == NULL) {
        deflateEnd(&zs);
        return ASSAY_ERR_NOMEM;
    }
    zs.next_in = (Bytef *)(uintptr_t)in;
    zs.avail_in = (uInt)in_len;
    zs.next_out = buf;
    zs.avail_out = (uInt)bound;
    int rc = deflate(&zs, Z_FINISH); /* with deflateBound bytes of room this completes */
    size_t produced = (size_t)(bound - zs.avail_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        free(buf);
        return ASSAY_ERR_NOMEM;
    }
    *out = buf;
    *out_len = produced;
    return ASSAY_OK;
}
