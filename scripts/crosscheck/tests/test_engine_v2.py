"""The format-2 vocabulary of the engine — softmax, leaky ReLU, SSE, categorical
cross-entropy, reductions, shared biases, the new quantity kinds and later steps — against
values derived by hand and against mpmath's own numerical derivatives."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bpref.binary import agreeing_digits, mpf_to_fraction
from bpref.engine import (
    Layer,
    Network,
    Sample,
    Training,
    activate,
    activation_derivative,
    layer_backward,
    loss,
    loss_gradient,
    loss_terms,
    mean_loss,
    softmax,
    step,
    steps,
    train,
)
from bpref.number_systems import exact
from random_cases import random_case_v2

N = exact(60)
ctx = N.from_int(0).context


def d(s: str):
    return N.from_decimal(s)


def vec(*values: str) -> list:
    return [d(v) for v in values]


def full_batch(lr: str = "0") -> Training:
    return Training(d(lr), 1, "full-batch", "simultaneous", True)


def close(a, b, digits: int = 50) -> bool:
    fa, fb = mpf_to_fraction(a), mpf_to_fraction(b)
    return fa == fb or agreeing_digits(fa, fb) >= digits


def test_softmax_is_a_distribution_with_the_ratios_of_the_exponentials():
    z = vec("2.0", "1.0", "0.1")
    p = softmax(N, z)
    assert close(p[0] + p[1] + p[2], d("1"))
    assert close(p[0] / p[1], ctx.exp(d("1")))  # e^(2 − 1)
    # Shifting every logit changes nothing (the stabilising shift is exact).
    assert all(close(u, v) for u, v in zip(p, softmax(N, vec("102.0", "101.0", "100.1"))))


@pytest.mark.parametrize("y", [["1", "0", "0"], ["0", "0.25", "0.75"], ["0.5", "0.5", "0"]])
def test_softmax_with_cross_entropy_reduces_to_y_hat_minus_y_through_the_full_jacobian(y):
    layer = Layer("softmax", [[d("1")]], None)
    z = vec("0.3", "-1.2", "2.5")
    a = softmax(N, z)
    t = [d(v) for v in y]
    delta = layer_backward(N, layer, z, a, loss_gradient(N, "cce", t, a))
    assert all(close(g, p - v) for g, p, v in zip(delta, a, t))


def test_the_softmax_jacobian_is_checked_against_numerical_derivatives_under_another_loss():
    # Under half-SSE nothing cancels: delta_j = Σ_k (a_k − y_k)·a_k(δ_kj − a_j).
    z, y = vec("0.3", "-1.2", "2.5"), vec("0.2", "0.3", "0.5")
    layer = Layer("softmax", [[d("1")]], None)
    delta = layer_backward(N, layer, z, softmax(N, z), loss_gradient(N, "half-sse", y, softmax(N, z)))
    for j in range(3):

        def loss_at(v, j=j):
            zz = list(z)
            zz[j] = v
            return sum(loss_terms(N, "half-sse", y, softmax(N, zz)))

        assert close(delta[j], ctx.diff(loss_at, z[j]), 40)


@pytest.mark.parametrize(
    "z, value, derivative",
    [("2", "2", "1"), ("-2", "-0.2", "0.1"), ("0", "0", "0.1")],  # slope 0.1; the kink takes the left side
)
def test_leaky_relu_and_its_derivative_by_hand(z, value, derivative):
    slope = d("0.1")
    a = activate(N, "leaky-relu", d(z), slope)
    assert a == d(value)
    assert activation_derivative(N, "leaky-relu", d(z), a, slope) == d(derivative)


@pytest.mark.parametrize(
    "name, outputs, value, gradient",
    [
        ("sse", None, "0.5", ["-1", "1"]),  # (½)² + (½)²; 2(ŷ − y)
        ("sse", "mean", "0.25", ["-0.5", "0.5"]),  # the mean over two outputs halves both
        ("half-sse", "mean", "0.125", ["-0.25", "0.25"]),
        ("mse", "sum", "0.5", ["-1", "1"]),  # mse summed over outputs is sse
    ],
)
def test_squared_losses_and_their_reductions_by_hand(name, outputs, value, gradient):
    y, y_hat = vec("1", "0"), vec("0.5", "0.5")
    assert loss(N, name, y, y_hat, outputs) == d(value)
    assert loss_gradient(N, name, y, y_hat, outputs) == vec(*gradient)


def test_cross_entropy_terms_are_minus_y_ln_y_hat_and_a_zero_target_adds_nothing():
    terms = loss_terms(N, "cce", vec("0", "1"), vec("0.5", "0.5"))
    assert terms[0] == 0 and close(terms[1], ctx.log(2))


def test_samples_reduction_sum_adds_the_sample_gradients():
    # identity, w = 1: per-sample gradients 1 (x = 1) and 4 (x = 2) under half-sse.
    samples = [Sample(vec("1"), vec("0")), Sample(vec("2"), vec("0"))]
    for how, want in (("mean", "2.5"), ("sum", "5")):
        net = Network([Layer("identity", [[d("1")]], None)], "half-sse", None, how)
        assert step(N, net, samples, full_batch()).dW == [[[d(want)]]]


def test_a_shared_bias_moves_by_the_sum_of_its_units_gradients():
    # Two identity units with one bias b = 0, x = 0: ŷ = (b, b), y = (1, 2); δ = (−1, −2).
    net = Network([Layer("identity", [[d("1")], [d("1")]], vec("0", "0"), None, True)], "half-sse")
    result = step(N, net, [Sample(vec("0"), vec("1", "2"))], Training(d("0.5"), 1, "sgd", "simultaneous", True))
    assert result.db == [[d("-3")]]
    assert result.Deltab == [[d("1.5")]]
    assert result.next.layers[0].b == vec("1.5", "1.5")


def test_frozen_biases_change_by_zero():
    net = Network([Layer("identity", [[d("1")]], vec("0.5"))], "half-sse")
    result = step(N, net, [Sample(vec("1"), vec("0"))], Training(d("0.1"), 1, "sgd", "simultaneous", False))
    assert result.db == [[d("1.5")]] and result.Deltab == [[d("0")]]


def perturbed(net: Network, l: int, edit) -> Network:
    layers = [Layer(x.activation, [list(r) for r in x.W], None if x.b is None else list(x.b), x.slope, x.shared_bias) for x in net.layers]
    edit(layers[l])
    return net.with_layers(layers)


@pytest.mark.parametrize("seed", range(15))
def test_backprop_equals_numerical_derivatives_on_random_format_2_networks(seed):
    """Every weight, bias (a shared one as one parameter) and input gradient of a random
    network with softmax, cce, leaky ReLU, shared biases, layouts and reductions."""
    case = random_case_v2(seed)
    net, samples = case.network(N), case.samples(N)
    result = step(N, net, samples, full_batch())

    def check(backprop, numeric, where):
        b, n = mpf_to_fraction(backprop), mpf_to_fraction(numeric)
        if b == 0:
            assert abs(n) < Fraction(1, 10**40), where  # a unit on ReLU's flat side
        else:
            assert agreeing_digits(n, b) >= 35, where

    for l, layer in enumerate(net.layers):
        for j, row in enumerate(layer.W):
            for i in range(len(row)):

                def at(w, l=l, j=j, i=i):
                    return mean_loss(N, perturbed(net, l, lambda x: x.W[j].__setitem__(i, w)), samples)

                check(result.dW[l][j][i], ctx.diff(at, layer.W[j][i]), (seed, "W", l, j, i))
        if layer.b is None:
            continue
        units = [range(len(layer.b))] if layer.shared_bias else [[j] for j in range(len(layer.b))]
        for k, group in enumerate(units):

            def at_b(v, l=l, group=group):
                return mean_loss(N, perturbed(net, l, lambda x: [x.b.__setitem__(j, v) for j in group]), samples)

            check(result.db[l][k], ctx.diff(at_b, layer.b[group[0]]), (seed, "b", l, k))
    # ∂L/∂x of the first sample: its own loss only.
    first = samples[0]
    for i in range(len(first.x)):

        def at_x(v, i=i):
            x = list(first.x)
            x[i] = v
            return mean_loss(N, net, [Sample(x, first.y)])

        alone = step(N, net, [first], full_batch())
        check(alone.samples[0].dx[i], ctx.diff(at_x, first.x[i]), (seed, "x", i))


@pytest.mark.parametrize("seed", range(8))
def test_the_step_s_parts_add_up(seed):
    """da is the sum of its contributions; fprime is f′; the loss terms reduce to the
    loss; DeltaW = −α·dW and W' = W + DeltaW."""
    case = random_case_v2(seed)
    net, samples, training = case.network(N), case.samples(N), case.training(N)
    result = step(N, net, samples[:1], Training(training.learning_rate, 1, "sgd", "simultaneous", True))
    t = result.samples[0]
    for l in range(len(net.layers) - 1):
        for j in range(len(net.layers[l].W)):
            assert close(t.da[l][j], sum((row[j] for row in t.contrib[l]), d("0")))
    for l, layer in enumerate(net.layers):
        for j, zj in enumerate(t.z[l]):
            if layer.activation == "softmax":
                assert close(t.fprime[l][j], t.a[l][j] * (1 - t.a[l][j]))
            elif layer.activation not in ("relu", "leaky-relu") or zj != 0:
                assert close(t.fprime[l][j], ctx.diff(lambda v: activate(N, layer.activation, v, layer.slope), zj), 40)
    outputs = net.reduction[0]
    total = sum(t.loss_terms, d("0"))
    assert close(t.loss, total / len(t.loss_terms) if outputs == "mean" and len(t.loss_terms) > 1 else total)
    for l, layer in enumerate(net.layers):
        for j, row in enumerate(layer.W):
            for i, w in enumerate(row):
                assert close(result.DeltaW[l][j][i], -training.learning_rate * result.dW[l][j][i])
                assert close(result.next.layers[l].W[j][i], w + result.DeltaW[l][j][i])
                assert close(result.lrdW[l][j][i], -result.DeltaW[l][j][i])
                assert close(result.next.layers[l].W[j][i], w - result.lrdW[l][j][i])


@pytest.mark.parametrize("seed", range(8))
def test_the_written_down_parts_make_up_their_quantities(seed):
    """z sums its terms (and the bias); a softmax layer's a_j = e^(z_j − max z) / Σ with the
    largest shifted logit 0; 1 − a exists for sigmoid and softmax layers, f′ = a·(1 − a)."""
    case = random_case_v2(seed)
    net, samples, training = case.network(N), case.samples(N), case.training(N)
    t = step(N, net, samples[:1], training).samples[0]
    inputs = samples[0].x
    for l, layer in enumerate(net.layers):
        for j, row in enumerate(t.terms[l]):
            bias = layer.b[j] if layer.b is not None else d("0")
            assert close(t.z[l][j], sum(row, d("0")) + bias)
            for i, term in enumerate(row):
                assert close(term, layer.W[j][i] * inputs[i])
        if layer.activation == "softmax":
            assert max(t.shifted[l]) == 0
            for j, e in enumerate(t.exps[l]):
                assert close(e, N.exp(t.z[l][j] - max(t.z[l])))
                assert close(t.a[l][j], e / t.sum_exp[l])
        else:
            assert t.shifted[l] is None and t.sum_exp[l] is None
        if layer.activation in ("sigmoid", "softmax"):
            for j, c in enumerate(t.one_minus_a[l]):
                assert close(c, 1 - t.a[l][j])
                assert close(t.fprime[l][j], t.a[l][j] * c)
        else:
            assert t.one_minus_a[l] is None
        inputs = t.a[l]


def test_later_steps_continue_from_the_updated_parameters():
    case = random_case_v2(3, epochs=3)
    net, samples, training = case.network(N), case.samples(N), case.training(N)
    per_epoch = len(samples) if training.batch == "sgd" else 1
    run = steps(N, net, samples, training, 3 * per_epoch)
    # Step n is a step from the parameters step n − 1 ended with.
    for (_, before), (batch, after) in zip(run, run[1:]):
        again = step(N, before.next, batch, training)
        assert again.dW == after.dW and again.loss == after.loss
    curve, final = train(N, net, samples, training)
    assert run[-1][1].next.layers[-1].W == final.layers[-1].W
    # The epoch loss is the mean of its steps' losses before their updates.
    first_epoch = [r.loss for _, r in run[:per_epoch]]
    assert close(curve[0], sum(first_epoch, d("0")) / per_epoch if per_epoch > 1 else first_epoch[0])
