// The AVX2 version is compiled with the `target` attribute and chosen at start when the CPU has AVX2,
// so the binary still runs on any x86-64 (and elsewhere the portable loop, which the compiler
// vectorises for the baseline). Both give the same sums bit for bit.
#include "CAssayScores.h"

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2")))
static void addRowsAVX2(
    const uint32_t *rows, size_t count, const int8_t *weights, const uint8_t *exponents, int32_t *scores) {
    __m256i low = _mm256_loadu_si256((const __m256i *)scores);
    __m256i high = _mm256_loadu_si256((const __m256i *)(scores + 8));
    uint32_t last = (uint32_t)scores[16];
    for (size_t f = 0; f < count; f++) {
        const int8_t *row = weights + (size_t)rows[f] * 17;
        __m128i shift = _mm_cvtsi32_si128(exponents[rows[f]]);
        __m128i bytes = _mm_loadu_si128((const __m128i *)row);
        low = _mm256_add_epi32(low, _mm256_sll_epi32(_mm256_cvtepi8_epi32(bytes), shift));
        high = _mm256_add_epi32(high, _mm256_sll_epi32(_mm256_cvtepi8_epi32(_mm_srli_si128(bytes, 8)), shift));
        last += (uint32_t)(int32_t)row[16] << exponents[rows[f]];
    }
    _mm256_storeu_si256((__m256i *)scores, low);
    _mm256_storeu_si256((__m256i *)(scores + 8), high);
    scores[16] = (int32_t)last;
}
#endif

void CAssayScores_addRowsPortable(
    const uint32_t *rows, size_t count, const int8_t *weights, const uint8_t *exponents, int32_t *scores) {
    uint32_t sums[17];
    for (int t = 0; t < 17; t++) sums[t] = (uint32_t)scores[t];
    for (size_t f = 0; f < count; f++) {
        const int8_t *row = weights + (size_t)rows[f] * 17;
        unsigned shift = exponents[rows[f]];
        for (int t = 0; t < 17; t++) sums[t] += (uint32_t)(int32_t)row[t] << shift;
    }
    for (int t = 0; t < 17; t++) scores[t] = (int32_t)sums[t];
}

typedef void (*AddRows)(const uint32_t *, size_t, const int8_t *, const uint8_t *, int32_t *);

static AddRows chooseAddRows(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) return addRowsAVX2;
#endif
    return CAssayScores_addRowsPortable;
}

/// Chosen once, before `main`, so that concurrent callers only ever read it.
static AddRows addRows = CAssayScores_addRowsPortable;

__attribute__((constructor))
static void chooseAtStart(void) { addRows = chooseAddRows(); }

void CAssayScores_addRows(
    const uint32_t *rows, size_t count, const int8_t *weights, const uint8_t *exponents, int32_t *scores) {
    addRows(rows, count, weights, exponents, scores);
}

void CAssayScores_prefetchRows(const uint32_t *rows, size_t count, const int8_t *weights, const uint8_t *exponents) {
    for (size_t f = 0; f < count; f++) {
        __builtin_prefetch(weights + (size_t)rows[f] * 17);
        __builtin_prefetch(exponents + rows[f]);
    }
}
