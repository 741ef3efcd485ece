"""From the program's text to code to run: the case's numbers put where the program's
constants are, float literals made exact in the exact mode, line numbers those of the source.

A constant is named by its line and its literal text on that line (a number or a nested
list of numbers, e.g. `[[0.35],[0.9]]`); the runner reports the literal's own numbers, so
that the caller can say where the program disagrees with the case, and compiles the
program with the case's numbers in its place.
"""

from __future__ import annotations

import ast
import re
from collections import deque
from typing import Any

from .capture import PROGRAM_FILENAME


class ConstantNotFound(Exception):
    """A constant's text is not a numeric literal on its line."""


# A line and its end as Python's tokenizer counts lines: ends are \r\n, \r or \n only.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class _Source(str):
    """The program's text with its lines split once: `ast.get_source_segment` splits the
    whole text again at every call, which made finding the constants most of a run's start."""

    lines: list[str]

    def __new__(cls, text: str) -> "_Source":
        source = super().__new__(cls, text)
        source.lines = _LINE.findall(text)
        return source


def _segment(source: _Source, node: ast.AST) -> str | None:
    """The text of `node`, as `ast.get_source_segment(source, node)` gives it (offsets are UTF-8 bytes)."""
    end_lineno = getattr(node, "end_lineno", None)
    end_col = getattr(node, "end_col_offset", None)
    if end_lineno is None or end_col is None:
        return None
    lineno, col = node.lineno - 1, node.col_offset  # type: ignore[attr-defined]
    lines = source.lines
    if end_lineno - 1 == lineno:
        return lines[lineno].encode()[col:end_col].decode()
    first = lines[lineno].encode()[col:].decode()
    last = lines[end_lineno - 1].encode()[:end_col].decode()
    return "".join([first, *lines[lineno + 1 : end_lineno - 1], last])


def _literal_digits(node: ast.AST, source: _Source) -> Any:
    """The numbers of a literal as the program spells them, nested as the literal is; None if it is not numeric."""
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_literal_digits(e, source) for e in node.elts]
        return None if any(i is None for i in items) else items
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _literal_digits(node.operand, source)
        if not isinstance(inner, str):
            return None
        return ("-" if isinstance(node.op, ast.USub) else "") + inner
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return _segment(source, node).replace("_", "")  # type: ignore[union-attr]
    return None


def _is_int_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp):
        return _is_int_literal(node.operand)
    return isinstance(node, ast.Constant) and type(node.value) is int


def _replacement(template: ast.AST | None, value: Any, exact: bool) -> ast.expr:
    """The case's value as an expression, shaped like `value`; an int where the program wrote an int."""
    if isinstance(value, list):
        items = template.elts if isinstance(template, (ast.List, ast.Tuple)) else []
        elts = [_replacement(items[k] if k < len(items) else None, v, exact) for k, v in enumerate(value)]
        return ast.Tuple(elts, ast.Load()) if isinstance(template, ast.Tuple) else ast.List(elts, ast.Load())
    text = str(value)
    if template is not None and _is_int_literal(template) and re.fullmatch(r"-?[0-9]+", text):
        return ast.Constant(int(text))
    if exact:
        return ast.Call(ast.Name("__exact__", ast.Load()), [ast.Constant(text)], [])
    return ast.Constant(float(text))


# Where an expression stands: (node, parent, field of the parent, index in that field's list or None).
_Place = tuple[ast.expr, ast.AST, str, int | None]


def _expressions_by_line(tree: ast.AST) -> dict[int, list[_Place]]:
    """Every expression of the tree, breadth first, by the line it starts on, with where it
    stands. One walk of the tree
    serves every constant, and a found node is replaced in its parent without another walk."""
    by_line: dict[int, list[_Place]] = {}
    queue: deque[ast.AST] = deque([tree])
    while queue:
        parent = queue.popleft()
        for field, value in ast.iter_fields(parent):
            children = value if isinstance(value, list) else [value]
            for k, child in enumerate(children):
                if not isinstance(child, ast.AST):
                    continue
                if isinstance(child, ast.expr):
                    place = (child, parent, field, k if isinstance(value, list) else None)
                    by_line.setdefault(child.lineno, []).append(place)
                queue.append(child)
    return by_line


def _find(by_line: dict[int, list[_Place]], source: _Source, line: int, text: str) -> _Place:
    for place in by_line.get(line, []):  # breadth first: the outermost node spelling `text`
        if _segment(source, place[0]) == text:
            if _literal_digits(place[0], source) is None:
                raise ConstantNotFound(f"`{text}` on line {{line}} is not a numeric literal")
            return place
    raise ConstantNotFound(f"`{text}` is not a literal on line {{line}} of the program")


class _Exact(ast.NodeTransformer):
    """Float literals become __exact__("digits"); int / int becomes __exact_div__(a, b)."""

    def __init__(self, source: _Source) -> None:
        self.source = source

    def visit_Constant(self, node: ast.Constant) -> Any:
        if type(node.value) is float:
            text = _segment(self.source, node)
            return _located(ast.Call(ast.Name("__exact__", ast.Load()), [ast.Constant(text)], []), node)
        return node

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        self.generic_visit(node)
        if isinstance(node.op, ast.Div):
            call = ast.Call(ast.Name("__exact_div__", ast.Load()), [node.left, node.right], [])
            return _located(call, node)
        return node


def _located(new: ast.expr, old: ast.AST) -> ast.expr:
    """`new` at `old`'s place in the source, its new children too (the program's own keep theirs)."""
    return ast.fix_missing_locations(ast.copy_location(new, old))


def prepare(source: str, first_line: int, constants: list[dict[str, Any]], exact: bool) -> tuple[Any, list[Any]]:
    """(code object, each constant's literal as the program spells it). Lines of `constants` are source lines."""
    # Empty lines before the program give its nodes their source lines (no renumbering pass).
    source = _Source("\n" * (first_line - 1) + source)
    tree = ast.parse(source, filename=PROGRAM_FILENAME)
    by_line = _expressions_by_line(tree)
    places = []
    for c in constants:
        try:
            places.append(_find(by_line, source, c["line"], c["text"]))
        except ConstantNotFound as e:
            raise ConstantNotFound(str(e).format(line=c["line"])) from None
    # Every literal is read before any is replaced (a constant may hold another).
    found = [_literal_digits(place[0], source) for place in places]
    for c, (node, parent, field, index) in zip(constants, places):
        replacement = _located(_replacement(node, c["values"], exact), node)
        if index is None:
            setattr(parent, field, replacement)
        else:
            getattr(parent, field)[index] = replacement
    if exact:
        tree = _Exact(source).visit(tree)
    return compile(tree, PROGRAM_FILENAME, "exec"), found
