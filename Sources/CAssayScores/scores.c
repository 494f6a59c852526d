// The AVX2 versions are compiled with the `target` attribute and chosen at start when the CPU has AVX2,
// so the binary still runs on any x86-64 (and elsewhere the portable loops, which the compiler
// vectorises for the baseline). Both give the same results bit for bit: the same integer sums, and
// the same Float additions in the same order.
#include "CAssayScores.h"

#include <math.h>

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2")))
static void addRowsAVX2(const uint32_t *rows, size_t count, const int8_t *table, int32_t *scores) {
    __m256i low = _mm256_loadu_si256((const __m256i *)scores);
    __m256i high = _mm256_loadu_si256((const __m256i *)(scores + 8));
    uint32_t last = (uint32_t)scores[16];
    for (size_t f = 0; f < count; f++) {
        const int8_t *row = table + (size_t)rows[f] * CASSAY_SCORES_ROW_BYTES;
        uint8_t exponent = (uint8_t)row[17];
        __m128i shift = _mm_cvtsi32_si128(exponent);
        __m128i bytes = _mm_loadu_si128((const __m128i *)row);
        low = _mm256_add_epi32(low, _mm256_sll_epi32(_mm256_cvtepi8_epi32(bytes), shift));
        high = _mm256_add_epi32(high, _mm256_sll_epi32(_mm256_cvtepi8_epi32(_mm_srli_si128(bytes, 8)), shift));
        last += (uint32_t)(int32_t)row[16] << exponent;
    }
    _mm256_storeu_si256((__m256i *)scores, low);
    _mm256_storeu_si256((__m256i *)(scores + 8), high);
    scores[16] = (int32_t)last;
}

// Tags 0 ..< 16 in two 8-lane vectors, tag 16 apart (its three terms added in the Swift decoder's order).
__attribute__((target("avx2")))
static void viterbiForwardAVX2(
    size_t n, const int32_t *emissions, size_t stride, const float *transitions, uint8_t *back, float *delta) {
    float previous[17] = {0};
    for (size_t i = 0; i < n; i++) {
        const int32_t *e = emissions + i * stride;
        __m256 base0 = _mm256_cvtepi32_ps(_mm256_loadu_si256((const __m256i *)e));
        __m256 base1 = _mm256_cvtepi32_ps(_mm256_loadu_si256((const __m256i *)(e + 8)));
        float base16 = (float)e[16];
        __m256 best0 = _mm256_set1_ps(-INFINITY), best1 = best0;
        __m256i back0 = _mm256_set1_epi32(CASSAY_SCORES_START), back1 = back0;
        float best16 = -INFINITY;
        uint8_t back16 = CASSAY_SCORES_START;
        size_t first = i == 0 ? CASSAY_SCORES_START : 0, end = i == 0 ? CASSAY_SCORES_START + 1 : 17;
        for (size_t p = first; p < end; p++) {
            float dp = i == 0 ? 0 : previous[p];
            if (dp == -INFINITY) continue;
            const float *row = transitions + p * 17;
            __m256 d = _mm256_set1_ps(dp);
            __m256 c0 = _mm256_add_ps(base0, _mm256_add_ps(_mm256_loadu_ps(row), d));
            __m256 c1 = _mm256_add_ps(base1, _mm256_add_ps(_mm256_loadu_ps(row + 8), d));
            __m256 better0 = _mm256_cmp_ps(c0, best0, _CMP_GT_OQ);
            __m256 better1 = _mm256_cmp_ps(c1, best1, _CMP_GT_OQ);
            best0 = _mm256_blendv_ps(best0, c0, better0);
            best1 = _mm256_blendv_ps(best1, c1, better1);
            __m256i pv = _mm256_set1_epi32((int)p);
            back0 = _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(back0), _mm256_castsi256_ps(pv), better0));
            back1 = _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(back1), _mm256_castsi256_ps(pv), better1));
            float c16 = base16 + row[16] + dp;
            if (c16 > best16) { best16 = c16; back16 = (uint8_t)p; }
        }
        int32_t backs[16];
        _mm256_storeu_si256((__m256i *)backs, back0);
        _mm256_storeu_si256((__m256i *)(backs + 8), back1);
        uint8_t *b = back + i * 17;
        for (int t = 0; t < 16; t++) b[t] = (uint8_t)backs[t];
        b[16] = back16;
        _mm256_storeu_ps(previous, best0);
        _mm256_storeu_ps(previous + 8, best1);
        previous[16] = best16;
    }
    for (int t = 0; t < 17; t++) delta[t] = previous[t];
}

// For each 8-bit mask of the lanes to keep, the lanes' indices packed to the front (8 × 3 bits).
static uint32_t packedLanes[256];

// Keeps the non-zero lanes of each 8-lane block, packed to the front, with one permutation: the
// lanes after them are written too, but only over rows already read (the output never passes the
// input), and the token's last `stride % 8` rows go one by one.
__attribute__((target("avx2")))
static void dropNullRowsAVX2(uint32_t *rows, size_t tokenCount, size_t stride, int32_t *starts) {
    size_t kept = 0;
    const __m256i zero = _mm256_setzero_si256();
    const __m256i shifts = _mm256_setr_epi32(0, 3, 6, 9, 12, 15, 18, 21);
    for (size_t i = 0; i < tokenCount; i++) {
        starts[i] = (int32_t)kept;
        const uint32_t *token = rows + i * stride;
        size_t f = 0;
        for (; f + 8 <= stride; f += 8) {
            __m256i v = _mm256_loadu_si256((const __m256i *)(token + f));
            unsigned keep = ~(unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(v, zero))) & 0xFF;
            __m256i lanes = _mm256_and_si256(
                _mm256_srlv_epi32(_mm256_set1_epi32((int)packedLanes[keep]), shifts), _mm256_set1_epi32(7));
            _mm256_storeu_si256((__m256i *)(rows + kept), _mm256_permutevar8x32_epi32(v, lanes));
            kept += (size_t)__builtin_popcount(keep);
        }
        for (; f < stride; f++) {
            uint32_t row = token[f];
            rows[kept] = row;
            kept += row != 0;
        }
    }
    starts[tokenCount] = (int32_t)kept;
}
#endif

void CAssayScores_viterbiForwardPortable(
    size_t n, const int32_t *emissions, size_t stride, const float *transitions, uint8_t *back, float *delta) {
    float previous[17] = {0};
    for (size_t i = 0; i < n; i++) {
        const int32_t *e = emissions + i * stride;
        float best[17];
        uint8_t *b = back + i * 17;
        for (int t = 0; t < 17; t++) { best[t] = -INFINITY; b[t] = CASSAY_SCORES_START; }
        size_t first = i == 0 ? CASSAY_SCORES_START : 0, end = i == 0 ? CASSAY_SCORES_START + 1 : 17;
        for (size_t p = first; p < end; p++) {
            float dp = i == 0 ? 0 : previous[p];
            if (dp == -INFINITY) continue;
            const float *row = transitions + p * 17;
            for (int t = 0; t < 16; t++) {
                float c = (float)e[t] + (row[t] + dp);
                if (c > best[t]) { best[t] = c; b[t] = (uint8_t)p; }
            }
            float c16 = (float)e[16] + row[16] + dp;
            if (c16 > best[16]) { best[16] = c16; b[16] = (uint8_t)p; }
        }
        for (int t = 0; t < 17; t++) previous[t] = best[t];
    }
    for (int t = 0; t < 17; t++) delta[t] = previous[t];
}

void CAssayScores_addRowsPortable(const uint32_t *rows, size_t count, const int8_t *table, int32_t *scores) {
    uint32_t sums[17];
    for (int t = 0; t < 17; t++) sums[t] = (uint32_t)scores[t];
    for (size_t f = 0; f < count; f++) {
        const int8_t *row = table + (size_t)rows[f] * CASSAY_SCORES_ROW_BYTES;
        unsigned shift = (uint8_t)row[17];
        for (int t = 0; t < 17; t++) sums[t] += (uint32_t)(int32_t)row[t] << shift;
    }
    for (int t = 0; t < 17; t++) scores[t] = (int32_t)sums[t];
}

void CAssayScores_dropNullRowsPortable(uint32_t *rows, size_t tokenCount, size_t stride, int32_t *starts) {
    size_t kept = 0;
    for (size_t i = 0; i < tokenCount; i++) {
        starts[i] = (int32_t)kept;
        const uint32_t *token = rows + i * stride;
        for (size_t f = 0; f < stride; f++) {
            uint32_t row = token[f];
            rows[kept] = row;
            kept += row != 0;
        }
    }
    starts[tokenCount] = (int32_t)kept;
}

typedef void (*AddRows)(const uint32_t *, size_t, const int8_t *, int32_t *);
typedef void (*ViterbiForward)(size_t, const int32_t *, size_t, const float *, uint8_t *, float *);
typedef void (*DropNullRows)(uint32_t *, size_t, size_t, int32_t *);

/// Chosen once, before `main`, so that concurrent callers only ever read them.
static AddRows addRows = CAssayScores_addRowsPortable;
static ViterbiForward viterbiForward = CAssayScores_viterbiForwardPortable;
static DropNullRows dropNullRows = CAssayScores_dropNullRowsPortable;

__attribute__((constructor))
static void chooseAtStart(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) {
        for (unsigned mask = 0; mask < 256; mask++) {
            uint32_t packed = 0, count = 0;
            for (uint32_t lane = 0; lane < 8; lane++) {
                if (mask & (1u << lane)) packed |= lane << (3 * count++);
            }
            packedLanes[mask] = packed;
        }
        addRows = addRowsAVX2;
        viterbiForward = viterbiForwardAVX2;
        dropNullRows = dropNullRowsAVX2;
    }
#endif
}

void CAssayScores_addRows(const uint32_t *rows, size_t count, const int8_t *table, int32_t *scores) {
    addRows(rows, count, table, scores);
}

void CAssayScores_viterbiForward(
    size_t n, const int32_t *emissions, size_t stride, const float *transitions, uint8_t *back, float *delta) {
    viterbiForward(n, emissions, stride, transitions, back, delta);
}

void CAssayScores_dropNullRows(uint32_t *rows, size_t tokenCount, size_t stride, int32_t *starts) {
    dropNullRows(rows, tokenCount, stride, starts);
}

void CAssayScores_packRows(const int8_t *weights, const uint8_t *exponents, size_t rowCount, int8_t *table) {
    for (size_t r = 0; r < rowCount; r++) {
        int8_t *row = table + r * CASSAY_SCORES_ROW_BYTES;
        for (int t = 0; t < 17; t++) row[t] = weights[r * 17 + t];
        row[17] = (int8_t)exponents[r];
        for (int b = 18; b < CASSAY_SCORES_ROW_BYTES; b++) row[b] = 0;
    }
}

void CAssayScores_prefetchRows(const uint32_t *rows, size_t count, const int8_t *table) {
    for (size_t f = 0; f < count; f++) __builtin_prefetch(table + (size_t)rows[f] * CASSAY_SCORES_ROW_BYTES);
}
