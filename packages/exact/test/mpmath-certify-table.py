"""Writes mpmath-certify.json: values whose digits the ball arithmetic must never get wrong.

Regenerate with:  python3 packages/exact/test/mpmath-certify-table.py > packages/exact/test/mpmath-certify.json

Two kinds of rows, each computed by mpmath at 600 significant digits (mpmath is
independent of decimal.js; its exponents are unbounded, so e^-350000 is an ordinary
number) and written to 120 significant digits, far beyond every precision a test uses:

- expressions, as nested lists ["op", arg, ...] over decimal strings, with the ops of the
  exact field (add, sub, mul, div, neg, exp, ln, tanh): plain values, cancellations and
  underflows below the working precision;
- the first training step of the seed network (2-2-1 sigmoid, ½ Σ (y − ŷ)², no biases,
  simultaneous update, learning rate 0.01) at the article's weights and with W[0][0][0]
  = 10^6, which saturates the first hidden sigmoid: its gradients are about e^-350000.
"""

import json

import mpmath

mpmath.mp.dps = 600
SHOWN = 120

EXPRESSIONS = {
    "e": ["exp", "1"],
    "ln 2": ["ln", "2"],
    "one third": ["div", "1", "3"],
    "two thirds": ["div", "2", "3"],
    "tanh 0.5": ["tanh", "0.5"],
    "exp -700.25": ["exp", "-700.25"],
    "exp -1500.5": ["exp", "-1500.5"],
    "sigmoid 0.755": ["div", "1", ["add", "1", ["exp", ["neg", "0.755"]]]],
    "cancellation (1 + 1e-25/3) - 1": ["sub", ["add", "1", ["mul", ["div", "1", "3"], "1e-25"]], "1"],
    "cancellation (1 + 1e-70/3) - 1": ["sub", ["add", "1", ["mul", ["div", "1", "3"], "1e-70"]], "1"],
    "cancellation tanh(20) - 1": ["sub", ["tanh", "20"], "1"],
    "1 - tanh(10)^2": ["sub", "1", ["mul", ["tanh", "10"], ["tanh", "10"]]],
    "ln(1 + 1e-30)": ["ln", ["add", "1", "1e-30"]],
    "ln(1 + 1e-80)": ["ln", ["add", "1", "1e-80"]],
    "saturated sigmoid derivative": [
        "mul",
        ["div", "1", ["add", "1", ["exp", ["neg", "350000.72"]]]],
        ["sub", "1", ["div", "1", ["add", "1", ["exp", ["neg", "350000.72"]]]]],
    ],
    "exp(1/3) * exp(-1/3) - 1": ["sub", ["mul", ["exp", ["div", "1", "3"]], ["exp", ["neg", ["div", "1", "3"]]]], "1"],
    "quotient of cancellations": ["div", ["sub", ["div", "2", "3"], "0.6666666"], ["sub", ["exp", "1e-5"], "1"]],
}

OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "neg": lambda a: -a,
    "exp": mpmath.exp,
    "ln": mpmath.log,
    "tanh": mpmath.tanh,
}


def evaluate(e):
    if isinstance(e, str):
        return mpmath.mpf(e)
    return OPS[e[0]](*[evaluate(a) for a in e[1:]])


# 1 − σ(z) for z ≈ 3.5·10^5 cancels at any precision mpmath can afford: written as σ(−z).
EXACT_FORMS = {"saturated sigmoid derivative": lambda: sigmoid(mpmath.mpf("350000.72")) * sigmoid(-mpmath.mpf("350000.72"))}


def sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


def first_step(w0, w1, x, y, rate):
    """The seed network's first step: the same quantity names as the engine's derivation."""
    out = {}
    z0 = [sum(w0[j][i] * x[i] for i in range(2)) for j in range(2)]
    a0 = [sigmoid(z) for z in z0]
    z1 = sum(w1[0][j] * a0[j] for j in range(2))
    a1 = sigmoid(z1)
    # 1 − σ(z) as σ(−z), which does not cancel when σ(z) is within 10^-600 of 1.
    d1 = (a1 - y) * a1 * sigmoid(-z1)
    d0 = [w1[0][j] * d1 * a0[j] * sigmoid(-z0[j]) for j in range(2)]
    for j in range(2):
        out[f"z[0][{j}]"] = z0[j]
        out[f"a[0][{j}]"] = a0[j]
        out[f"delta[0][{j}]"] = d0[j]
        out[f"dW[1][0][{j}]"] = d1 * a0[j]
        out[f"W'[1][0][{j}]"] = w1[0][j] - rate * d1 * a0[j]
        for i in range(2):
            out[f"dW[0][{j}][{i}]"] = d0[j] * x[i]
            out[f"W'[0][{j}][{i}]"] = w0[j][i] - rate * d0[j] * x[i]
    out["z[1][0]"] = z1
    out["a[1][0]"] = a1
    out["loss"] = (y - a1) ** 2 / 2
    out["delta[1][0]"] = d1
    return out


def network(w000):
    w0 = [[mpmath.mpf(w000), mpmath.mpf("0.8")], [mpmath.mpf("0.4"), mpmath.mpf("0.6")]]
    w1 = [[mpmath.mpf("0.3"), mpmath.mpf("0.9")]]
    values = first_step(w0, w1, [mpmath.mpf("0.35"), mpmath.mpf("0.9")], mpmath.mpf("0.5"), mpmath.mpf("0.01"))
    return {"W000": w000, "values": {k: show(v) for k, v in sorted(values.items())}}


def show(v):
    return mpmath.nstr(v, SHOWN, min_fixed=1, max_fixed=0, strip_zeros=False)


print(
    json.dumps(
        {
            "source": "mpmath " + mpmath.__version__ + f" at {mpmath.mp.dps} digits",
            "expressions": [
                {"name": k, "expression": e, "value": show(EXACT_FORMS.get(k, lambda: evaluate(e))())}
                for k, e in EXPRESSIONS.items()
            ],
            "networks": [network("0.1"), network("1000000")],
        },
        indent=2,
    )
)
