"""Checks verdicts.json, the classifier's verdict on every published number, from the
outside: the entries follow the case's published list, each ``reference`` is the exact
value (mpmath, 60 digits) rounded half up to the printed number of decimals, and a
verdict is "ok" exactly when that reference is the printed number. (The diagnosis of a
wrong number — which explanation reproduces it — is the classifier's own and is not
re-derived here; errata.json records what a person expects of it.)"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

from ..binary import mpf_to_fraction
from ..case_file import Case, printed_decimal, read_case
from ..input_error import read_json
from ..number_systems import exact
from ..outcome import Outcome
from ..worked_example import published_values

FILE_NAME = "verdicts.json"
CAUSELESS = {"ok", "unexplained"}


def round_half_up(value: Fraction, decimals: int) -> str:
    """value rounded half up (away from zero at a tie) to the given number of decimals."""
    scaled = abs(value) * 10**decimals
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    text = str(Decimal(whole).scaleb(-decimals).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    return ("-" if value < 0 and whole != 0 else "") + text


def exact_published(case: Case) -> dict[str, Fraction]:
    """Published id → the exact value (60 digits) its number stands for, under the entry's
    quantity, layout and sign conventions."""
    return {k: mpf_to_fraction(v) for k, v in published_values(case, exact(60)).items()}


def check(case_dir: Path) -> Outcome:
    file = case_dir / FILE_NAME
    doc = read_json(file)
    out = Outcome(file)
    case = read_case(case_dir / "case.json")
    values = exact_published(case)
    entries = doc.get("verdicts", [])
    if [e.get("id") for e in entries] != [p.id for p in case.published]:
        out.failures.append("$.verdicts: ids differ from the case's published list")
        return out
    for k, (entry, pub) in enumerate(zip(entries, case.published)):
        at = f"$.verdicts[{k}]"
        # verdicts.json names the quantity canonically ([l][unit][input] for an in-out layer),
        # keeping the leading "-" of a published negative.
        canonical = ("-" if pub.quantity.startswith("-") else "") + str(case.canonical(pub)[0])
        if entry["published"] != pub.printed or entry["quantity"] not in (pub.quantity, canonical):
            out.failures.append(f"{at}: published/quantity differ from the case file")
            continue
        reference = round_half_up(values[pub.id], pub.decimals)
        if Decimal(printed_decimal(entry["reference"])) != Decimal(reference):
            out.failures.append(f'{at}.reference: "{entry["reference"]}", expected "{reference}"')
        is_ok = Fraction(reference) == pub.value
        if (entry["verdict"] == "ok") != is_ok:
            out.failures.append(f'{at}.verdict: "{entry["verdict"]}" but the printed {pub.printed} is {"" if is_ok else "not "}the exact value at its digits ({reference})')
        if (entry["cause"] is None) != (entry["verdict"] in CAUSELESS):
            out.failures.append(f"{at}.cause: {entry['cause']!r} does not fit the verdict {entry['verdict']!r}")
    ok = sum(1 for e in entries if e["verdict"] == "ok")
    out.summary = f"{len(entries)} verdicts; {ok} ok, {len(entries) - ok} not, each reference the exact value at the printed digits"
    return out
