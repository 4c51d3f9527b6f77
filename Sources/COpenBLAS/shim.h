// OpenBLAS (Debian's libopenblas0, which libopenblas-dev installs) is not linked: Gemm.swift
// loads it with dlopen at the first matrix product. Linked, its constructor starts a pool of
// threads at every start of quire, which spin (sched_yield) for about 0.1 s waiting for work: a
// second core busy for every script, and 3 ms of a 16 ms start.
//
// These are the CBLAS entry points Quire calls, with the ABI of Debian's 32-bit-integer build
// (blasint is int; the enums are the CBLAS standard's values).
#include <cpuid.h>

enum {
    QUIRE_CBLAS_ROW_MAJOR = 101,
    QUIRE_CBLAS_NO_TRANS = 111,
    QUIRE_CBLAS_TRANS = 112,
};

typedef void (*quire_cblas_sgemm)(int order, int transA, int transB, int m, int n, int k,
                                  float alpha, const float *a, int lda, const float *b, int ldb,
                                  float beta, float *c, int ldc);
typedef void (*quire_cblas_dgemm)(int order, int transA, int transB, int m, int n, int k,
                                  double alpha, const double *a, int lda, const double *b, int ldb,
                                  double beta, double *c, int ldc);
typedef void (*quire_openblas_set_num_threads)(int count);
typedef int (*quire_openblas_get_num_threads)(void);

// Whether the processor and the system support AVX2 and FMA, what OpenBLAS's Haswell kernels
// need (cpuid leaf 1: FMA, OSXSAVE; leaf 7: AVX2; XGETBV: the system saves the YMM registers).
static inline int quire_cpu_runs_haswell_kernels(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (!(c & bit_FMA) || !(c & bit_OSXSAVE) || !(c & bit_AVX)) return 0;
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & bit_AVX2) != 0;
}
