"""Checks errata.json, the hand-written catalogue: it names every published number of the
case once; each expected verdict is "ok" exactly when the printed number is the exact value
at its digits (decided here, independently); every formula erratum's ``shownBy`` names
published numbers of the case.

Where verdicts.json (what the classifier found) diagnoses a wrong number otherwise than
errata.json (another non-ok verdict or cause), the summary lists it: holding the classifier's
diagnoses to the catalogue is `bpcheck errata`'s job (exit 1 on a difference), and this
package does not re-derive diagnoses. Whether a number is right at all is never a matter of
diagnosis: verdicts_check holds verdicts.json to the exact values too."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from ..case_file import read_case
from ..input_error import read_json
from ..outcome import Outcome
from .verdicts_check import exact_published, round_half_up

FILE_NAME = "errata.json"


def check(case_dir: Path) -> Outcome:
    file = case_dir / FILE_NAME
    doc = read_json(file)
    out = Outcome(file)
    case = read_case(case_dir / "case.json")
    published = {p.id: p for p in case.published}
    expected = doc.get("published", [])
    if sorted(e["id"] for e in expected) != sorted(published):
        out.failures.append("$.published: does not name every published number of the case exactly once")
        return out
    verdicts_file = case_dir / "verdicts.json"
    found = {v["id"]: v for v in read_json(verdicts_file)["verdicts"]} if verdicts_file.exists() else {}
    values = exact_published(case)
    differ: list[str] = []
    for k, e in enumerate(expected):
        pub = published[e["id"]]
        at = f"$.published[{k}]"
        is_ok = Fraction(round_half_up(values[pub.id], pub.decimals)) == pub.value
        if (e["verdict"] == "ok") != is_ok:
            out.failures.append(f'{at}: expects "{e["verdict"]}" but {pub.printed} is {"" if is_ok else "not "}the exact value at its digits')
        v = found.get(e["id"])
        if v is not None and (v["verdict"], v["cause"]) != (e["verdict"], e["cause"]):
            differ.append(f'{e["id"]} (classifier: {v["verdict"]}/{v["cause"]})')
    for k, erratum in enumerate(doc.get("errata", [])):
        for ref in erratum.get("shownBy", []):
            if ref not in published:
                out.failures.append(f'$.errata[{k}].shownBy: "{ref}" is not a published number of the case')
    agreement = " and the classifier" if not differ else f"; {len(differ)} diagnosed otherwise by the classifier: {', '.join(differ)}"
    out.summary = f"{len(expected)} expected verdicts agree with the exact values{agreement}; {len(doc.get('errata', []))} errata"
    return out
