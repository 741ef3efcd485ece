/*
 * Baseline: the seed network (2-2-1 sigmoid, no biases, half-SSE loss, one sample, SGD)
 * in MPFR at a given number of decimal digits (⌈digits·log2 10⌉ bits, round to nearest),
 * one MPFR call per operation as its manual writes them, every value preallocated.
 *
 * Reads from stdin the digits, then the harness's text format for a 2-2-1 network (see
 * mlp.c; the weights as decimal strings, read exactly by mpfr_set_str to the working
 * precision), then the agreement epochs, the least milliseconds per timing batch and the
 * number of batches. Prints JSON like mlp.c, the losses to `digits` significant digits.
 */
#include <math.h>
#include <mpfr.h>
#include <stdio.h>
#include <time.h>

enum { W11, W12, W21, W22, V1, V2, NW };
static mpfr_t w[NW], init[NW], x1, x2, y, lr;
static mpfr_t h1, h2, z1, z2, o, yh, e, loss, d, d1, d2, t, u;

static void sigmoid(mpfr_t r, mpfr_t z) {
  mpfr_neg(r, z, MPFR_RNDN);
  mpfr_exp(r, r, MPFR_RNDN);
  mpfr_add_ui(r, r, 1, MPFR_RNDN);
  mpfr_ui_div(r, 1, r, MPFR_RNDN);
}

/* d·(a·(1 − a)) into r. */
static void times_derivative(mpfr_t r, mpfr_t dv, mpfr_t a) {
  mpfr_ui_sub(t, 1, a, MPFR_RNDN);
  mpfr_mul(t, a, t, MPFR_RNDN);
  mpfr_mul(r, dv, t, MPFR_RNDN);
}

/* weight −= lr·(g·a). */
static void update(mpfr_t weight, mpfr_t g, mpfr_t a) {
  mpfr_mul(u, g, a, MPFR_RNDN);
  mpfr_mul(u, lr, u, MPFR_RNDN);
  mpfr_sub(weight, weight, u, MPFR_RNDN);
}

static void epoch(void) {
  mpfr_mul(h1, w[W11], x1, MPFR_RNDN);
  mpfr_fma(h1, w[W12], x2, h1, MPFR_RNDN);
  mpfr_mul(h2, w[W21], x1, MPFR_RNDN);
  mpfr_fma(h2, w[W22], x2, h2, MPFR_RNDN);
  sigmoid(z1, h1);
  sigmoid(z2, h2);
  mpfr_mul(o, w[V1], z1, MPFR_RNDN);
  mpfr_fma(o, w[V2], z2, o, MPFR_RNDN);
  sigmoid(yh, o);
  mpfr_sub(e, y, yh, MPFR_RNDN);
  mpfr_sqr(loss, e, MPFR_RNDN);
  mpfr_div_ui(loss, loss, 2, MPFR_RNDN);
  mpfr_sub(d, yh, y, MPFR_RNDN);
  times_derivative(d, d, yh);
  mpfr_mul(d1, w[V1], d, MPFR_RNDN);
  times_derivative(d1, d1, z1);
  mpfr_mul(d2, w[V2], d, MPFR_RNDN);
  times_derivative(d2, d2, z2);
  update(w[V1], d, z1);
  update(w[V2], d, z2);
  update(w[W11], d1, x1);
  update(w[W12], d1, x2);
  update(w[W21], d2, x1);
  update(w[W22], d2, x2);
}

static void reset(void) {
  for (int k = 0; k < NW; k++) mpfr_set(w[k], init[k], MPFR_RNDN);
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int read_number(mpfr_t v) {
  char s[512];
  return scanf("%511s", s) == 1 && mpfr_set_str(v, s, 10, MPFR_RNDN) == 0;
}

int main(void) {
  int digits, L, n0, n1, n2;
  long agree, batches;
  double targetMs;
  if (scanf("%d", &digits) != 1 || digits < 1) return 2;
  mpfr_set_default_prec((mpfr_prec_t)ceil(digits * log2(10.0)));
  for (int k = 0; k < NW; k++) mpfr_inits(w[k], init[k], (mpfr_ptr)0);
  mpfr_inits(x1, x2, y, lr, h1, h2, z1, z2, o, yh, e, loss, d, d1, d2, t, u, (mpfr_ptr)0);
  if (scanf("%d %d %d %d", &L, &n0, &n1, &n2) != 4 || L != 2 || n0 != 2 || n1 != 2 || n2 != 1) return 2;
  for (int k = 0; k < NW; k++)
    if (!read_number(init[k])) return 2;
  if (!read_number(x1) || !read_number(x2) || !read_number(y) || !read_number(lr)) return 2;
  if (scanf("%ld %lf %ld", &agree, &targetMs, &batches) != 3) return 2;
  mpfr_t first;
  mpfr_init(first);
  reset();
  for (long k = 1; k <= agree; k++) {
    epoch();
    if (k == 1) mpfr_set(first, loss, MPFR_RNDN);
  }
  mpfr_printf("{\"loss1\": \"%.*Rg\", \"lossN\": \"%.*Rg\", \"nsPerEpoch\": [", digits, first, digits, loss);
  long perBatch = 1;
  for (;;) {
    reset();
    double t0 = now_ns();
    for (long k = 0; k < perBatch; k++) epoch();
    if (now_ns() - t0 >= targetMs * 1e6 || perBatch >= (1L << 40)) break;
    perBatch *= 2;
  }
  for (long b = 0; b < batches; b++) {
    reset();
    double t0 = now_ns();
    for (long k = 0; k < perBatch; k++) epoch();
    printf("%s%.3f", b ? ", " : "", (now_ns() - t0) / perBatch);
  }
  printf("]}\n");
  return 0;
}
