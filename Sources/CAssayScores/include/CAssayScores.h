// Sums of the tagger's quantised weight rows, with the widest vector instructions the CPU has.
#ifndef C_ASSAY_SCORES_H
#define C_ASSAY_SCORES_H

#include <stddef.h>
#include <stdint.h>

/// Adds to `scores` (17 lanes, one per BILOU tag) the rows `rows[0 ..< count]` of a weight table of
/// 17 Int8 weights per row (`weights`), each shifted left by its row's exponent (`exponents`):
/// `scores[t] += weights[17 * r + t] << exponents[r]`, wrapping in 32 bits. Uses AVX2 when the CPU
/// has it. Safe to call from any thread.
void CAssayScores_addRows(
    const uint32_t *rows, size_t count, const int8_t *weights, const uint8_t *exponents, int32_t *scores);

/// The same sums without the vector instructions chosen at start (for tests).
void CAssayScores_addRowsPortable(
    const uint32_t *rows, size_t count, const int8_t *weights, const uint8_t *exponents, int32_t *scores);

/// Asks the CPU to start loading the rows `rows[0 ..< count]` and their exponents into its caches.
void CAssayScores_prefetchRows(const uint32_t *rows, size_t count, const int8_t *weights, const uint8_t *exponents);

#endif
