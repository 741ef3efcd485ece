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


def _find(tree: ast.AST, source: _Source, line: int, text: str) -> ast.AST:
    for node in ast.walk(tree):  # breadth first: the outermost node spelling `text`
        if getattr(node, "lineno", None) == line and isinstance(node, ast.expr):
            if _segment(source, node) == text:
                if _literal_digits(node, source) is None:
                    raise ConstantNotFound(f"`{text}` on line {{line}} is not a numeric literal")
                return node
    raise ConstantNotFound(f"`{text}` is not a literal on line {{line}} of the program")


class _Substitute(ast.NodeTransformer):
    def __init__(self, replacements: dict[int, ast.expr]) -> None:
        self.replacements = replacements

    def visit(self, node: ast.AST) -> Any:
        if id(node) in self.replacements:
            return self.replacements[id(node)]
        return super().visit(node)


class _Exact(ast.NodeTransformer):
    """Float literals become __exact__("digits"); int / int becomes __exact_div__(a, b)."""

    def __init__(self, source: _Source) -> None:
        self.source = source

    def visit_Constant(self, node: ast.Constant) -> Any:
        if type(node.value) is float:
            text = _segment(self.source, node)
            return ast.copy_location(ast.Call(ast.Name("__exact__", ast.Load()), [ast.Constant(text)], []), node)
        return node

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        self.generic_visit(node)
        if isinstance(node.op, ast.Div):
            call = ast.Call(ast.Name("__exact_div__", ast.Load()), [node.left, node.right], [])
            return ast.copy_location(call, node)
        return node


def prepare(source: str, first_line: int, constants: list[dict[str, Any]], exact: bool) -> tuple[Any, list[Any]]:
    """(code object, each constant's literal as the program spells it). Lines of `constants` are source lines."""
    tree = ast.parse(source, filename=PROGRAM_FILENAME)
    source = _Source(source)
    found: list[Any] = []
    replacements: dict[int, ast.expr] = {}
    for c in constants:
        local = c["line"] - first_line + 1
        try:
            node = _find(tree, source, local, c["text"])
        except ConstantNotFound as e:
            raise ConstantNotFound(str(e).format(line=c["line"])) from None
        found.append(_literal_digits(node, source))
        replacements[id(node)] = ast.copy_location(_replacement(node, c["values"], exact), node)
    tree = _Substitute(replacements).visit(tree)
    if exact:
        tree = _Exact(source).visit(tree)
    ast.fix_missing_locations(tree)
    ast.increment_lineno(tree, first_line - 1)
    return compile(tree, PROGRAM_FILENAME, "exec"), found
