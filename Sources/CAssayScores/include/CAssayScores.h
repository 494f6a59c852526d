// Sums of the tagger's quantised weight rows, the compaction of its row lists and its Viterbi
// forward pass, with the widest vector instructions the CPU has.
#ifndef C_ASSAY_SCORES_H
#define C_ASSAY_SCORES_H

#include <stddef.h>
#include <stdint.h>

/// Bytes of one row of a packed weight table (``CAssayScores_packRows``).
#define CASSAY_SCORES_ROW_BYTES 32
/// Packs `rowCount` rows of 17 Int8 weights (`weights`, row-major) and their exponents (`exponents`,
/// one byte a row) into `table` (`rowCount * CASSAY_SCORES_ROW_BYTES` bytes): row `r` at byte
/// `32 r`, its 17 weights, then its exponent, then zeros. With `table` 32-byte aligned (64 in
/// Swift's `NERPackedWeights`), a row never crosses a cache line, where 17-byte rows crossed one in
/// four times and their exponents were a second line. Any alignment gives the same sums.
void CAssayScores_packRows(const int8_t *weights, const uint8_t *exponents, size_t rowCount, int8_t *table);
/// Adds to `scores` (17 lanes, one per BILOU tag) the rows `rows[0 ..< count]` of a packed weight
/// table (`CAssayScores_packRows`), each row's weights shifted left by its exponent:
/// `scores[t] += weight[r][t] << exponent[r]`, wrapping in 32 bits. Uses AVX2 when the CPU has it.
/// Safe to call from any thread.
void CAssayScores_addRows(const uint32_t *rows, size_t count, const int8_t *table, int32_t *scores);
/// The same sums without the vector instructions chosen at start (for tests).
void CAssayScores_addRowsPortable(const uint32_t *rows, size_t count, const int8_t *table, int32_t *scores);
/// The previous-tag index of the sentence start in a Viterbi transition table.
#define CASSAY_SCORES_START 17

/// The forward pass of exact Viterbi decoding over 17 tags with token-independent transition scores.
///
/// `emissions` holds `n` tokens' integer emission scores, token `i`'s 17 at `emissions + i * stride`;
/// `transitions` holds 18 rows of 17 Float transition scores, row `p` for previous tag `p` and row
/// `CASSAY_SCORES_START` for the sentence start (−∞ for illegal transitions). The path score of tag
/// `t` at token `i` after `p` is `Float(emission[t]) + (transition[p][t] + pathScore[p])` (for tag
/// 16, `(Float(emission[16]) + transition[p][16]) + pathScore[p]`); the best previous tag, the lowest
/// on ties, goes to `back[i * 17 + t]` (`CASSAY_SCORES_START` when every path is −∞), and the last
/// token's best path scores to `delta[0 ..< 17]`. Uses AVX2 when the CPU has it.
void CAssayScores_viterbiForward(
    size_t n, const int32_t *emissions, size_t stride, const float *transitions, uint8_t *back, float *delta);

/// The same forward pass without the vector instructions chosen at start (for tests).
void CAssayScores_viterbiForwardPortable(
    size_t n, const int32_t *emissions, size_t stride, const float *transitions, uint8_t *back, float *delta);

/// Drops the rows equal to 0 (the null row) from `tokenCount` tokens' `stride` rows each, stored
/// token after token in `rows`, in place and keeping their order; writes where each token's
/// remaining rows start to `starts[0 ..< tokenCount]` and their end to `starts[tokenCount]`. Uses
/// AVX2 when the CPU has it.
void CAssayScores_dropNullRows(uint32_t *rows, size_t tokenCount, size_t stride, int32_t *starts);

/// The same without the vector instructions chosen at start (for tests).
void CAssayScores_dropNullRowsPortable(uint32_t *rows, size_t tokenCount, size_t stride, int32_t *starts);

/// Asks the CPU to start loading the rows `rows[0 ..< count]` of a packed weight table into its caches.
void CAssayScores_prefetchRows(const uint32_t *rows, size_t count, const int8_t *table);

#endif
