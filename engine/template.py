"""Explanation templates: text with ``{expression}`` or ``{expression:format}`` holes.

Formats: none (a number, or có/không), ``pct`` (a ratio as a percentage) and
``change`` (an indicator against last year: "giảm 4,0%"). ``{{`` and ``}}``
are literal braces. Holes are ordinary expressions, parsed and type-checked
when the framework loads, so a template can never fail at display time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import expr as E
from . import fmt
from .compiler import compile_expr, evaluate_scalar
from .values import MISSING

FORMATS = ("pct", "change")
_HOLE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


@dataclass(frozen=True)
class Hole:
    source: str
    format: str | None
    fn: object
    code: str | None  # the indicator, for ``change``


class Template:
    def __init__(self, source: str, types: dict[str, str]):
        if not isinstance(source, str):
            raise E.ExpressionError("Lời giải thích phải là một chuỗi ký tự")
        self.source = source
        self.parts: list[str | Hole] = []
        pos = 0
        for m in _HOLE.finditer(source):
            self.parts.append(source[pos : m.start()])
            pos = m.end()
            token = m.group(0)
            if token in ("{{", "}}"):
                self.parts.append(token[0])
            elif m.group(1) is None:
                raise E.ExpressionError(f"Dấu «{token}» lẻ; viết «{token * 2}» nếu muốn in ra", m.start() + 1)
            else:
                self.parts.append(self._hole(m.group(1), types, m.start(1) + 1))
        self.parts.append(source[pos:])
        self.parts = [p for p in self.parts if p != ""]

    @staticmethod
    def _hole(text: str, types, column: int) -> Hole:
        body, sep, format_ = text.rpartition(":")
        if not sep:
            body, format_ = text, None
        elif format_.strip() not in FORMATS:
            raise E.ExpressionError(f"Định dạng «{format_.strip()}» không có; dùng: {', '.join(FORMATS)}", column)
        else:
            format_ = format_.strip()
        try:
            node = E.parse(body)
            E.check(node, types, want=None)
        except E.ExpressionError as exc:
            raise E.ExpressionError(f"Trong «{{{text}}}»: {exc.message}", column) from None
        code = None
        if format_ == "change":
            if not isinstance(node, E.Var):
                raise E.ExpressionError("Định dạng change chỉ dùng với tên một chỉ số", column)
            code = node.code
        return Hole(body.strip(), format_, compile_expr(node), code)

    def names(self) -> set[str]:
        return {p.code for p in self.parts if isinstance(p, Hole) and p.code}

    def render(self, current: dict, previous: dict) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            value = evaluate_scalar(part.fn, current, previous)
            if part.format == "pct":
                out.append(fmt.percent(value))
            elif part.format == "change":
                out.append(fmt.change(value, previous.get(part.code, MISSING)))
            else:
                out.append(fmt.number(value))
        return "".join(out)

