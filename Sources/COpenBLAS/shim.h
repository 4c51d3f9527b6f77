// OpenBLAS (Debian's libopenblas0, which libopenblas-dev installs) is not linked: Gemm.swift
// loads it with dlopen at the first matrix product. Linked, its constructor starts a pool of
// threads at every start of quire, which spin (sched_yield) for about 0.1 s waiting for work: a
// second core busy for every script, and 3 ms of a 16 ms start.
//
// These are the CBLAS entry points Quire calls, with the ABI of Debian's 32-bit-integer build
// (blasint is int; the enums are the CBLAS standard's values).

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
