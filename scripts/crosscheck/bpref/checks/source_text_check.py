"""Checks the source text a case folder holds (the file case.json's `source.file` names):
every location of the case's published numbers and of its errata.json stands on its line."""

from __future__ import annotations

from pathlib import Path

from ..input_error import Reader, read_json
from ..outcome import Outcome


def source_file_name(case_dir: Path) -> str | None:
    """The name of the case's source text, when case.json names one."""
    file = case_dir / "case.json"
    if not file.exists():
        return None
    doc = read_json(file)
    source = doc.get("source") if isinstance(doc, dict) else None
    name = source.get("file") if isinstance(source, dict) else None
    return name if isinstance(name, str) else None


def check(case_dir: Path) -> Outcome:
    name = source_file_name(case_dir)
    file = case_dir / str(name)
    out = Outcome(file)
    lines = file.read_text(encoding="utf-8").split("\n")
    r = Reader(case_dir / "case.json")
    located = [(case_dir / "case.json", f"$.published[{k}].location", p.get("location")) for k, p in enumerate(read_json(case_dir / "case.json")["published"])]
    errata = case_dir / "errata.json"
    if errata.exists():
        located += [(errata, f"$.errata[{k}].location", e.get("location")) for k, e in enumerate(read_json(errata).get("errata", []))]
    for owner, path, loc in located:
        loc = r.obj(loc, path, ["line", "text"])
        line, text = loc["line"], loc["text"]
        if not isinstance(line, int) or not 1 <= line <= len(lines):
            out.failures.append(f"{owner.name} {path}.line: {line!r} is not a line of {name} (it has {len(lines)})")
        elif text not in lines[line - 1]:
            out.failures.append(f"{owner.name} {path}.text: {text!r} does not stand on line {line}, which reads {lines[line - 1].strip()!r}")
    out.summary = f"{len(located)} locations stand on their lines"
    return out
