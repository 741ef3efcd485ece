"""The engine against values derivable by hand and against mpmath's numerical derivatives."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bpref.binary import agreeing_digits, mpf_to_fraction
from bpref.engine import Layer, Network, Sample, Training, activate, activation_derivative, forward, loss, loss_gradient, mean_loss, step
from bpref.number_systems import exact, float64
from random_cases import random_case

N = exact(60)


def d(s: str):
    return N.from_decimal(s)


def net(*layers, loss_name="half-sse") -> Network:
    return Network([Layer(f, [[d(w) for w in row] for row in W], None if b is None else [d(v) for v in b]) for f, W, b in layers], loss_name)


def training(lr: str, order: str = "simultaneous", update_biases: bool = True) -> Training:
    return Training(d(lr), 1, "sgd", order, update_biases)


@pytest.mark.parametrize(
    "name, z, value",
    [
        ("sigmoid", "0", "0.5"),
        ("tanh", "0", "0"),
        ("relu", "-2", "0"),
        ("relu", "2", "2"),
        ("identity", "-1.5", "-1.5"),
    ],
)
def test_activation_at_hand_derivable_points(name, z, value):
    assert activate(N, name, d(z)) == d(value)


@pytest.mark.parametrize(
    "name, z, derivative",
    [
        ("sigmoid", "0", "0.25"),  # σ(0)(1 − σ(0)) = ½·½
        ("tanh", "0", "1"),  # 1 − tanh(0)²
        ("relu", "0", "0"),  # the kink takes the subgradient 0
        ("relu", "3", "1"),
        ("identity", "7", "1"),
    ],
)
def test_activation_derivative_at_hand_derivable_points(name, z, derivative):
    assert activation_derivative(N, name, d(z), activate(N, name, d(z))) == d(derivative)


@pytest.mark.parametrize(
    "name, y, y_hat, value, gradient",
    [
        ("half-sse", ["1", "0"], ["0.5", "0.5"], "0.25", ["-0.5", "0.5"]),  # ½(¼ + ¼)
        ("mse", ["1", "0"], ["0.5", "0.5"], "0.25", ["-0.5", "0.5"]),  # (¼ + ¼)/2; 2(ŷ − y)/2
        ("bce", ["1"], ["0.5"], None, ["-2"]),  # −ln ½ = ln 2; (½ − 1)/(½·½)
    ],
)
def test_loss_and_gradient_by_hand(name, y, y_hat, value, gradient):
    got = loss(N, name, [d(v) for v in y], [d(v) for v in y_hat])
    assert got == (N.ln(d("2")) if value is None else d(value))
    assert loss_gradient(N, name, [d(v) for v in y], [d(v) for v in y_hat]) == [d(g) for g in gradient]


def test_forward_of_an_identity_network_is_the_matrix_product_plus_bias():
    z, a = forward(N, net(("identity", [["1", "2"], ["3", "4"]], ["0.5", "-0.5"])), [d("1"), d("1")])
    assert z == a == [[d("3.5"), d("6.5")]]


@pytest.mark.parametrize(
    "order, w0_after",
    [
        # 1-1-1 identity chain, x = 1, y = 0, w0 = w1 = 1, α = ½: ŷ = 1, delta[1] = 1,
        # dW[1] = 1 so w1' = ½; simultaneous: delta[0] = w1·1 = 1, w0' = ½;
        # sequential: delta[0] = w1'·1 = ½, w0' = ¾.
        ("simultaneous", "0.5"),
        ("sequential", "0.75"),
    ],
)
def test_update_order_decides_which_w1_carries_delta_down(order, w0_after):
    network = net(("identity", [["1"]], None), ("identity", [["1"]], None))
    result = step(N, network, [Sample([d("1")], [d("0")])], training("0.5", order))
    assert result.next.layers[1].W == [[d("0.5")]]
    assert result.next.layers[0].W == [[d(w0_after)]]


@pytest.mark.parametrize("update_biases, b_after", [(True, "-0.5"), (False, "0.5")])
def test_biases_move_only_when_training_updates_them(update_biases, b_after):
    # identity, w = 0, b = ½, x = 1, y = 0: ŷ = ½, delta = ½, db = ½, b' = ½ − 2·½ when updated.
    network = net(("identity", [["0"]], ["0.5"]))
    result = step(N, network, [Sample([d("1")], [d("0")])], training("2", update_biases=update_biases))
    assert result.db == [[d("0.5")]]
    assert result.next.layers[0].b == [d(b_after)]


def test_full_batch_gradient_is_the_mean_of_the_sample_gradients():
    # identity, w = 1: for x = 1, y = 0 the gradient is 1·1; for x = 2, y = 0 it is 2·2.
    network = net(("identity", [["1"]], None))
    samples = [Sample([d("1")], [d("0")]), Sample([d("2")], [d("0")])]
    result = step(N, network, samples, Training(d("0.1"), 1, "full-batch", "simultaneous", True))
    assert result.dW == [[[d("2.5")]]]
    assert result.loss == d("1.25")  # (½ + 2)/2


def numerical_gradient(case, l, j, i):
    """∂(mean loss)/∂W[l][j][i] by mpmath's own numerical differentiation."""
    ctx = N.from_int(0).context
    network, samples = case.network(N), case.samples(N)

    def loss_at(w):
        layers = [Layer(layer.activation, [list(r) for r in layer.W], layer.b) for layer in network.layers]
        layers[l].W[j][i] = w
        return mean_loss(N, Network(layers, network.loss), samples)

    return ctx.diff(loss_at, network.layers[l].W[j][i])


@pytest.mark.parametrize("seed", range(12))
def test_backprop_gradients_match_mpmath_numerical_derivatives_to_35_digits(seed):
    case = random_case(seed)
    network, samples = case.network(N), case.samples(N)
    # Finite differences see the gradient of the loss itself: simultaneous order, full batch.
    result = step(N, network, samples, Training(d("0"), 1, "full-batch", "simultaneous", True))
    for l, layer in enumerate(network.layers):
        for j, row in enumerate(layer.W):
            for i in range(len(row)):
                numeric = mpf_to_fraction(numerical_gradient(case, l, j, i))
                backprop = mpf_to_fraction(result.dW[l][j][i])
                if backprop == 0:
                    # A relu unit with z < 0 passes no gradient: the derivative is 0.
                    assert abs(numeric) < Fraction(1, 10**40)
                else:
                    assert agreeing_digits(numeric, backprop) >= 35, (seed, l, j, i)


def test_float64_and_exact_run_the_same_algorithm():
    case = random_case(3)
    results = [step(M, case.network(M), case.samples(M), case.training(M)) for M in (float64(), N)]
    assert float(results[0].loss) == pytest.approx(float(results[1].loss), rel=1e-12)
