"""The seed case (fixtures/bp-worked-example-zh) computed here: the article's §2 numbers
are the exact values rounded to the printed digits."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from pathlib import Path

import pytest

from bpref.binary import mpf_to_fraction
from bpref.case_file import read_case
from bpref.engine import first_step_samples, step
from bpref.number_systems import exact
from bpref.quantities import step_quantities

CASE = read_case(Path(__file__).resolve().parents[3] / "fixtures" / "bp-worked-example-zh" / "case.json")
N = exact(60)


def first_step() -> dict:
    net, samples, training = CASE.network(N), CASE.samples(N), CASE.training(N)
    first = first_step_samples(samples, training)
    return dict(step_quantities(net, first, step(N, net, first, training)))


VALUES = first_step()


def rounded_like(value, printed: str) -> str:
    """value rounded to as many decimal places as ``printed`` shows."""
    places = Decimal(printed).as_tuple().exponent
    with localcontext() as ctx:
        ctx.prec = 80
        q = mpf_to_fraction(value)
        exact_decimal = Decimal(q.numerator) / Decimal(q.denominator)
        return str(exact_decimal.quantize(Decimal(1).scaleb(places), rounding=ROUND_HALF_EVEN))


SECTION_2 = [p for p in CASE.published if p.id.startswith("s2-")]


def test_section_2_has_the_seven_printed_numbers():
    assert [p.quantity for p in SECTION_2] == ["z[0][0]", "z[0][1]", "a[0][0]", "a[0][1]", "z[1][0]", "a[1][0]", "loss"]


@pytest.mark.parametrize("published", SECTION_2, ids=lambda p: p.id)
def test_section_2_number_is_the_exact_value_rounded_to_the_printed_digits(published):
    # §2 lines 32–36: h = [0.755, 0.68], Z = [0.680, 0.664], Z_y = 0.8014, Ŷ = 0.6903, L = 0.0181.
    assert rounded_like(VALUES[published.quantity], published.printed) == published.printed


@pytest.mark.parametrize(
    "name, digits",
    [
        # The exact-mode values bpcheck's README prints for the seed case (a 50-digit run,
        # each value shown to its certified digits), computed here independently.
        ("a[0][0]", "0.6802671966986484519651576931848813332592515407856"),
        ("a[0][1]", "0.6637386974043526709415741344098177767342126535851"),
        ("z[1][0]", "0.8014449866735119394369640289243003990385668504623"),
        ("a[1][0]", "0.6902834929076444050679309359960852448036244067463"),
        ("loss", "0.0181039038365667793024975787417227451964756867538"),
    ],
)
def test_every_digit_the_readme_prints_for_the_first_step_is_right(name, digits):
    # Each shown value must be the exact value correctly rounded to the digits shown.
    assert rounded_like(VALUES[name], digits) == digits


def test_the_corrected_w11_update_is_not_the_printed_0_99061():
    # §3 line 63 prints W'_11 = 0.99061; W11 − α·∂L/∂W11 = 0.1 − 0.01·0.00093… is 0.09999…
    assert rounded_like(VALUES["W'[0][0][0]"], "0.99061") == "0.09999"
