// Thin wrappers over zlib's macros (deflateInit2/inflateInit2), which Swift cannot call directly.
#ifndef C_ASSAY_ZLIB_H
#define C_ASSAY_ZLIB_H

#include <zlib.h>

static inline int CAssayZlib_deflateInit(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY);
}

static inline int CAssayZlib_inflateInit(z_streamp stream) {
    return inflateInit2(stream, 15);
}

#endif
