"""Bad input: one line naming the file, the JSON path and what was expected."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

DECIMAL = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")


class InputError(Exception):
    def __init__(self, file: Path | str, path: str, expected: str) -> None:
        super().__init__(f"{file}: {path}: {expected}")


# The same limits as the TypeScript side (packages/golden/src/json-text.ts and limits.ts).
MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_JSON_DEPTH = 64
MAX_NUMBER_CHARS = 2100
MAX_MAGNITUDE = Decimal("1e30")


def _bounded_number(text: str) -> Any:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a JSON number of {len(text)} characters (at most {MAX_NUMBER_CHARS})")
    return json.loads(text) if "." in text or "e" in text.lower() else int(text)


def _check_depth(file: Path, root: Any) -> None:
    stack = [(root, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (list, dict)):
            if depth >= MAX_JSON_DEPTH:
                raise InputError(file, "$", f"expected arrays and objects nested at most {MAX_JSON_DEPTH} deep")
            children = value.values() if isinstance(value, dict) else value
            stack.extend((v, depth + 1) for v in children)


def read_json(file: Path) -> Any:
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise InputError(file, "$", f"expected a file of at most {MAX_FILE_BYTES // 2**20} MiB")
        data = file.read_bytes()
    except OSError as e:
        raise InputError(file, "$", f"cannot be read ({e.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(file, f"byte offset {e.start}", "expected UTF-8 text (this looks like another encoding)") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        value = json.loads(text, parse_int=_bounded_number, parse_float=_bounded_number)
    except json.JSONDecodeError as e:
        raise InputError(file, f"line {e.lineno} column {e.colno}", f"invalid JSON: {e.msg}") from None
    except RecursionError:
        raise InputError(file, "$", f"expected arrays and objects nested at most {MAX_JSON_DEPTH} deep") from None
    except ValueError as e:
        raise InputError(file, "$", f"expected {e}") from None
    _check_depth(file, value)
    return value


class Reader:
    """Typed access to parsed JSON that raises InputError with the JSON path."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def fail(self, path: str, expected: str) -> InputError:
        return InputError(self.file, path, expected)

    def obj(self, value: Any, path: str, keys: list[str]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path, "expected an object")
        for k in keys:
            if k not in value:
                raise self.fail(path, f'expected a property "{k}"')
        return value

    def array(self, value: Any, path: str, min_items: int = 0) -> list:
        if not isinstance(value, list) or len(value) < min_items:
            raise self.fail(path, f"expected an array of at least {min_items} items")
        return value

    def string(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, "expected a string")
        return value

    def decimal(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not DECIMAL.match(value):
            raise self.fail(path, 'expected a decimal string such as "0.35"')
        return value

    def case_number(self, value: Any, path: str) -> str:
        """A number a case gives (weight, bias, slope, input, target, learning rate): the
        TypeScript side's limits, so that no mode is asked for a value it cannot hold."""
        text = self.decimal(value, path)
        if len(text) > MAX_NUMBER_CHARS:
            raise self.fail(path, f"expected a decimal string of at most {MAX_NUMBER_CHARS} characters, got {len(text)}")
        if abs(Decimal(text)) > MAX_MAGNITUDE:
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise self.fail(path, f'expected a number of magnitude at most 1e30, got "{shown}"')
        return text

    def integer(self, value: Any, path: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(path, f"expected an integer from {low} to {high}")
        return value

    def choice(self, value: Any, path: str, options: tuple[str, ...]) -> str:
        if value not in options:
            raise self.fail(path, f"expected one of {', '.join(options)} (got {json.dumps(value)})")
        return value

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, "expected true or false")
        return value
