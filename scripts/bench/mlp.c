/*
 * Baseline: the benchmark network in plain C (double), as a careful C programmer writes
 * it: fixed arrays, sigmoid layers without biases, half-SSE loss, one sample, SGD with
 * every gradient taken from the weights before the step.
 *
 * Reads from stdin: L, the L+1 layer widths, every weight (layer by layer, row-major
 * out x in), the input x, the target y, the learning rate, the agreement epochs, the
 * least milliseconds per timing batch and the number of batches. Prints JSON: the loss
 * of epoch 1 and of the last agreement epoch (17 significant digits) and the ns/epoch
 * of each batch; a batch restarts from the initial weights.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXL 8
#define MAXW 64

static int L, width[MAXL + 1];
static double W[MAXL][MAXW * MAXW], W0[MAXL][MAXW * MAXW];
static double a[MAXL + 1][MAXW], delta[MAXL + 1][MAXW];
static double x[MAXW], y[MAXW], lr;

/* One epoch (one SGD step on the one sample); returns the loss before the update. */
static double epoch(void) {
  memcpy(a[0], x, sizeof(double) * width[0]);
  for (int l = 0; l < L; l++) {
    int in = width[l], out = width[l + 1];
    for (int j = 0; j < out; j++) {
      double s = 0;
      for (int i = 0; i < in; i++) s += W[l][j * in + i] * a[l][i];
      a[l + 1][j] = 1 / (1 + exp(-s));
    }
  }
  double loss = 0;
  for (int k = 0; k < width[L]; k++) {
    double e = y[k] - a[L][k];
    loss += e * e;
    delta[L][k] = (a[L][k] - y[k]) * (a[L][k] * (1 - a[L][k]));
  }
  loss /= 2;
  for (int l = L - 1; l > 0; l--) {
    int in = width[l], out = width[l + 1];
    for (int i = 0; i < in; i++) {
      double s = 0;
      for (int j = 0; j < out; j++) s += W[l][j * in + i] * delta[l + 1][j];
      delta[l][i] = s * (a[l][i] * (1 - a[l][i]));
    }
  }
  for (int l = 0; l < L; l++) {
    int in = width[l], out = width[l + 1];
    for (int j = 0; j < out; j++)
      for (int i = 0; i < in; i++) W[l][j * in + i] -= lr * (delta[l + 1][j] * a[l][i]);
  }
  return loss;
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static void reset(void) { memcpy(W, W0, sizeof W); }

int main(void) {
  long agree, batches;
  double targetMs;
  if (scanf("%d", &L) != 1 || L < 1 || L > MAXL) return 2;
  for (int l = 0; l <= L; l++)
    if (scanf("%d", &width[l]) != 1 || width[l] < 1 || width[l] > MAXW) return 2;
  for (int l = 0; l < L; l++)
    for (int k = 0; k < width[l] * width[l + 1]; k++)
      if (scanf("%lf", &W0[l][k]) != 1) return 2;
  for (int i = 0; i < width[0]; i++)
    if (scanf("%lf", &x[i]) != 1) return 2;
  for (int k = 0; k < width[L]; k++)
    if (scanf("%lf", &y[k]) != 1) return 2;
  if (scanf("%lf %ld %lf %ld", &lr, &agree, &targetMs, &batches) != 4) return 2;

  reset();
  double first = 0, last = 0;
  for (long e = 1; e <= agree; e++) {
    double l = epoch();
    if (e == 1) first = l;
    last = l;
  }
  printf("{\"loss1\": \"%.17g\", \"lossN\": \"%.17g\", \"nsPerEpoch\": [", first, last);
  double sink = 0;
  /* Calibrate: double the batch until it lasts targetMs. */
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
