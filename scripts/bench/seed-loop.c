/*
 * Baseline: the seed network (2-2-1 sigmoid, no biases, half-SSE loss, one sample, SGD)
 * as a C programmer writes it for that one network: every weight in a local variable,
 * one line per operation, no arrays and no loops but the epochs.
 *
 * Reads from stdin the harness's text format for a 2-2-1 network (see mlp.c), then the
 * agreement epochs, the least milliseconds per timing batch and the number of batches.
 * Prints JSON like mlp.c.
 */
#include <math.h>
#include <stdio.h>
#include <time.h>

static double w11, w12, w21, w22, v1, v2;         /* W0 (row = hidden unit) and W1 */
static double i11, i12, i21, i22, iv1, iv2;       /* initial weights */
static double x1, x2, y, lr;

static double epoch(void) {
  double h1 = w11 * x1 + w12 * x2;
  double h2 = w21 * x1 + w22 * x2;
  double z1 = 1 / (1 + exp(-h1));
  double z2 = 1 / (1 + exp(-h2));
  double o = v1 * z1 + v2 * z2;
  double yh = 1 / (1 + exp(-o));
  double e = y - yh;
  double loss = e * e / 2;
  double d = (yh - y) * (yh * (1 - yh));
  double d1 = v1 * d * (z1 * (1 - z1));
  double d2 = v2 * d * (z2 * (1 - z2));
  v1 -= lr * (d * z1);
  v2 -= lr * (d * z2);
  w11 -= lr * (d1 * x1);
  w12 -= lr * (d1 * x2);
  w21 -= lr * (d2 * x1);
  w22 -= lr * (d2 * x2);
  return loss;
}

static void reset(void) {
  w11 = i11, w12 = i12, w21 = i21, w22 = i22, v1 = iv1, v2 = iv2;
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(void) {
  int L, n0, n1, n2;
  long agree, batches;
  double targetMs;
  if (scanf("%d %d %d %d", &L, &n0, &n1, &n2) != 4 || L != 2 || n0 != 2 || n1 != 2 || n2 != 1) return 2;
  if (scanf("%lf %lf %lf %lf %lf %lf", &i11, &i12, &i21, &i22, &iv1, &iv2) != 6) return 2;
  if (scanf("%lf %lf %lf %lf %ld %lf %ld", &x1, &x2, &y, &lr, &agree, &targetMs, &batches) != 7) return 2;
  reset();
  double first = 0, last = 0;
  for (long e = 1; e <= agree; e++) {
    double l = epoch();
    if (e == 1) first = l;
    last = l;
  }
  printf("{\"loss1\": \"%.17g\", \"lossN\": \"%.17g\", \"nsPerEpoch\": [", first, last);
  double sink = 0;
  long perBatch = 1;
  for (;;) {
    reset();
    double t0 = now_ns();
    for (long e = 0; e < perBatch; e++) sink += epoch();
    if (now_ns() - t0 >= targetMs * 1e6 || perBatch >= (1L << 40)) break;
    perBatch *= 2;
  }
  for (long b = 0; b < batches; b++) {
    reset();
    double t0 = now_ns();
    for (long e = 0; e < perBatch; e++) sink += epoch();
    printf("%s%.3f", b ? ", " : "", (now_ns() - t0) / perBatch);
  }
  printf("], \"sink\": %.17g}\n", sink);
  return 0;
}
