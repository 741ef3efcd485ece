"""Python baselines for `pnpm bench`: the benchmark network trained by SGD, three ways.

  numpy   tutorial style: weight matrices, np.dot, vectorised sigmoid (the way most
          backpropagation tutorials write it, the seed article's code among them)
  python  plain Python floats and lists, loops written out
  mpmath  mpmath numbers at --digits significant digits
  mpmath-seed
          the seed network (2-2-1) in mpmath as a user writes it for that network: one
          line per operation, every weight a variable, no loops but the epochs

usage: python3 baselines.py IMPL PROBLEM.json AGREE_EPOCHS BATCH_MS BATCHES [DIGITS]
       python3 baselines.py primitives DIGITS BATCH_MS BATCHES

The problem is the harness's JSON (sigmoid layers without biases, half-SSE loss, one
sample). Prints JSON: the loss of epoch 1 and of epoch AGREE_EPOCHS (as decimal strings)
and the ns/epoch of each timing batch (its epochs doubled until it lasts BATCH_MS);
each batch restarts from the initial weights.
"""

import json
import math
import sys
import time


def numpy_trainer(problem):
    import numpy as np

    x = np.array([float(v) for v in problem["x"]]).reshape(-1, 1)
    y = np.array([float(v) for v in problem["y"]]).reshape(-1, 1)
    lr = float(problem["learningRate"])
    initial = [np.array([[float(w) for w in row] for row in W]) for W in problem["weights"]]

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def run(epochs):
        Ws = [W.copy() for W in initial]
        losses = []
        for _ in range(epochs):
            acts = [x]
            for W in Ws:
                acts.append(sigmoid(np.dot(W, acts[-1])))
            out = acts[-1]
            losses.append(float(0.5 * np.sum((y - out) ** 2)))
            delta = (out - y) * out * (1 - out)
            grads = []
            for l in range(len(Ws) - 1, -1, -1):
                grads.append(np.dot(delta, acts[l].T))
                if l > 0:
                    delta = np.dot(Ws[l].T, delta) * acts[l] * (1 - acts[l])
            for l, g in enumerate(reversed(grads)):
                Ws[l] = Ws[l] - lr * g
        return losses

    return run, repr


def python_trainer(problem):
    x = [float(v) for v in problem["x"]]
    y = [float(v) for v in problem["y"]]
    lr = float(problem["learningRate"])
    initial = [[[float(w) for w in row] for row in W] for W in problem["weights"]]
    return make_loop_trainer(initial, x, y, lr, math.exp, 0.0, 1.0, 2.0), repr


def mpmath_trainer(problem, digits):
    import mpmath

    mpmath.mp.dps = digits
    mpf = mpmath.mpf
    x = [mpf(v) for v in problem["x"]]
    y = [mpf(v) for v in problem["y"]]
    lr = mpf(problem["learningRate"])
    initial = [[[mpf(w) for w in row] for row in W] for W in problem["weights"]]
    trainer = make_loop_trainer(initial, x, y, lr, mpmath.exp, mpf(0), mpf(1), mpf(2))
    return trainer, lambda v: mpmath.nstr(v, digits, min_fixed=1, max_fixed=0)


def mpmath_seed_trainer(problem, digits):
    import mpmath
    from mpmath import exp, mpf

    mpmath.mp.dps = digits
    (iw11, iw12), (iw21, iw22) = [[mpf(w) for w in row] for row in problem["weights"][0]]
    ((iv1, iv2),) = [[mpf(w) for w in row] for row in problem["weights"][1]]
    x1, x2 = [mpf(v) for v in problem["x"]]
    (y,) = [mpf(v) for v in problem["y"]]
    lr = mpf(problem["learningRate"])

    def run(epochs):
        w11, w12, w21, w22, v1, v2 = iw11, iw12, iw21, iw22, iv1, iv2
        losses = []
        for _ in range(epochs):
            h1 = w11 * x1 + w12 * x2
            h2 = w21 * x1 + w22 * x2
            z1 = 1 / (1 + exp(-h1))
            z2 = 1 / (1 + exp(-h2))
            o = v1 * z1 + v2 * z2
            yh = 1 / (1 + exp(-o))
            losses.append((y - yh) ** 2 / 2)
            d = (yh - y) * (yh * (1 - yh))
            d1 = v1 * d * (z1 * (1 - z1))
            d2 = v2 * d * (z2 * (1 - z2))
            v1 -= lr * (d * z1)
            v2 -= lr * (d * z2)
            w11 -= lr * (d1 * x1)
            w12 -= lr * (d1 * x2)
            w21 -= lr * (d2 * x1)
            w22 -= lr * (d2 * x2)
        return losses

    return run, lambda v: mpmath.nstr(v, digits, min_fixed=1, max_fixed=0)


def make_loop_trainer(initial, x, y, lr, exp, zero, one, two):
    """SGD written out with loops over any number type with + - * / and exp."""

    def run(epochs):
        Ws = [[list(row) for row in W] for W in initial]
        losses = []
        for _ in range(epochs):
            acts = [x]
            for W in Ws:
                a = acts[-1]
                out = []
                for row in W:
                    s = zero
                    for w, ai in zip(row, a):
                        s = s + w * ai
                    out.append(one / (one + exp(-s)))
                acts.append(out)
            out = acts[-1]
            loss = zero
            for yk, pk in zip(y, out):
                e = yk - pk
                loss = loss + e * e
            losses.append(loss / two)
            delta = [(pk - yk) * (pk * (one - pk)) for yk, pk in zip(y, out)]
            deltas = [None] * len(Ws)
            deltas[-1] = delta
            for l in range(len(Ws) - 1, 0, -1):
                W, a = Ws[l], acts[l]
                below = []
                for i in range(len(a)):
                    s = zero
                    for j in range(len(W)):
                        s = s + W[j][i] * deltas[l][j]
                    below.append(s * (a[i] * (one - a[i])))
                deltas[l - 1] = below
            for l, W in enumerate(Ws):
                a, d = acts[l], deltas[l]
                for j, row in enumerate(W):
                    for i in range(len(row)):
                        row[i] = row[i] - lr * (d[j] * a[i])
        return losses

    return run


def primitives(digits, batch_ms, batches):
    """ns per call of mpmath's exp, multiplication and division at `digits` digits, on -(1/3 + 1/2) and 2/7."""
    import mpmath

    mpmath.mp.dps = digits
    x = -(mpmath.mpf(1) / 3 + mpmath.mpf("0.5"))
    y = mpmath.mpf(2) / 7
    result = {}
    for name, op in [("exp", lambda: mpmath.exp(x)), ("mul", lambda: x * y), ("div", lambda: x / y)]:
        calls = 1
        while True:
            start = time.perf_counter_ns()
            for _ in range(calls):
                op()
            if time.perf_counter_ns() - start >= batch_ms * 1e6:
                break
            calls *= 2
        times = []
        for _ in range(batches):
            start = time.perf_counter_ns()
            for _ in range(calls):
                op()
            times.append((time.perf_counter_ns() - start) / calls)
        result[name] = times
    print(json.dumps(result))


def main():
    if sys.argv[1] == "primitives":
        primitives(int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]))
        return
    impl, path = sys.argv[1], sys.argv[2]
    agree, batch_ms, batches = int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    with open(path) as f:
        problem = json.load(f)
    if impl == "numpy":
        run, show = numpy_trainer(problem)
    elif impl == "python":
        run, show = python_trainer(problem)
    elif impl == "mpmath":
        run, show = mpmath_trainer(problem, int(sys.argv[6]))
    elif impl == "mpmath-seed":
        run, show = mpmath_seed_trainer(problem, int(sys.argv[6]))
    else:
        raise SystemExit(f"unknown implementation {impl!r} (expected numpy, python, mpmath or mpmath-seed)")
    losses = run(agree)
    per_batch = 1
    while True:
        start = time.perf_counter_ns()
        run(per_batch)
        if time.perf_counter_ns() - start >= batch_ms * 1e6:
            break
        per_batch *= 2
    times = []
    for _ in range(batches):
        start = time.perf_counter_ns()
        run(per_batch)
        times.append((time.perf_counter_ns() - start) / per_batch)
    print(json.dumps({"loss1": show(losses[0]), "lossN": show(losses[-1]), "nsPerEpoch": times}))


if __name__ == "__main__":
    main()
