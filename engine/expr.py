"""The condition language: a tiny, safe expression grammar.

    expr    := or
    or      := and ('or' and)*
    and     := not ('and' not)*
    not     := 'not' not | cmp
    cmp     := sum (('<' | '<=' | '>' | '>=' | '=' | '==' | '!=') sum)?
    sum     := product (('+' | '-') product)*
    product := unary (('*' | '/') unary)*
    unary   := '-' unary | atom
    atom    := NUMBER '%'? | 'true' | 'false' | IDENT | 'prev' '(' IDENT ')' | '(' expr ')'

There is no attribute access, no call other than ``prev``, no loop and no
exponent: an expression can only read indicator values and do exact
arithmetic, and it evaluates in time linear in its length. Size and nesting
are bounded so a hostile file cannot exhaust the parser either.

Parsing is separate from type checking: ``parse`` gives an AST, ``check``
resolves names against the framework's indicators and types every node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

MAX_LENGTH = 1000
MAX_DEPTH = 40
MAX_DIGITS = 15

NUM, BOOL = "num", "bool"


class ExpressionError(ValueError):
    """A problem in an expression; ``message`` is Vietnamese, ``column`` 1-based."""

    def __init__(self, message: str, column: int | None = None):
        self.message = message
        self.column = column
        super().__init__(message if column is None else f"{message} (cột {column})")


# --- AST -------------------------------------------------------------------


@dataclass(frozen=True)
class Const:
    value: object  # int | Fraction | bool


@dataclass(frozen=True)
class Var:
    code: str
    column: int


@dataclass(frozen=True)
class Prev:
    code: str
    column: int


@dataclass(frozen=True)
class Neg:
    operand: object


@dataclass(frozen=True)
class Arith:
    op: str  # + - * /
    left: object
    right: object


@dataclass(frozen=True)
class Compare:
    op: str  # < <= > >= = !=
    left: object
    right: object


@dataclass(frozen=True)
class Logic:
    op: str  # and / or
    left: object
    right: object


@dataclass(frozen=True)
class Not:
    operand: object


# --- tokenizer ----------------------------------------------------------------

_TOKEN = re.compile(  # ASCII only: Python's \d also takes Arabic-Indic or full-width digits as numbers
    r"\s*(?:(?P<num>[0-9]+(?:\.[0-9]+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op><=|>=|==|!=|<>|[-+*/()<>=%,]))",
    re.ASCII,
)
KEYWORDS = {"and", "or", "not", "true", "false", "prev"}


@dataclass(frozen=True)
class Token:
    kind: str  # num, name, op, end
    text: str
    column: int


def tokenize(source: str) -> list[Token]:
    if not isinstance(source, str):
        raise ExpressionError("Biểu thức phải là một chuỗi ký tự")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"Biểu thức dài quá {MAX_LENGTH} ký tự")
    tokens, pos = [], 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        m = _TOKEN.match(source, pos)
        if not m or m.end() == pos:
            col = pos + len(source[pos:]) - len(source[pos:].lstrip()) + 1
            raise ExpressionError(f"Ký tự không hợp lệ «{source[col - 1]}»", col)
        kind = m.lastgroup
        text = m.group(kind)
        col = m.start(kind) + 1
        if kind == "num" and len(text.replace(".", "")) > MAX_DIGITS:
            raise ExpressionError(f"Số «{text}» có quá {MAX_DIGITS} chữ số", col)
        tokens.append(Token(kind, text, col))
        pos = m.end()
    tokens.append(Token("end", "", len(source) + 1))
    return tokens


# --- parser -----------------------------------------------------------------


class _Parser:
    def __init__(self, source: str):
        self.tokens = tokenize(source)
        self.i = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def accept(self, *texts: str) -> Token | None:
        t = self.tok
        if t.kind in ("op", "name") and t.text in texts:
            self.i += 1
            return t
        return None

    def expect(self, text: str) -> Token:
        t = self.accept(text)
        if t is None:
            raise ExpressionError(f"Cần «{text}» nhưng gặp {_describe(self.tok)}", self.tok.column)
        return t

    def nested(self, fn):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"Biểu thức lồng nhau quá {MAX_DEPTH} mức", self.tok.column)
        try:
            return fn()
        finally:
            self.depth -= 1

    def parse(self):
        node = self.or_()
        if self.tok.kind != "end":
            raise ExpressionError(f"Thừa {_describe(self.tok)}", self.tok.column)
        return node

    def or_(self):
        node = self.and_()
        while self.accept("or"):
            node = Logic("or", node, self.and_())
        return node

    def and_(self):
        node = self.not_()
        while self.accept("and"):
            node = Logic("and", node, self.not_())
        return node

    def not_(self):
        if self.accept("not"):
            return self.nested(lambda: Not(self.not_()))
        return self.cmp()

    def cmp(self):
        node = self.sum()
        t = self.accept("<", "<=", ">", ">=", "=", "==", "!=", "<>")
        if t:
            op = {"==": "=", "<>": "!="}.get(t.text, t.text)
            node = Compare(op, node, self.sum())
            if self.tok.text in ("<", "<=", ">", ">=", "=", "==", "!=", "<>") and self.tok.kind == "op":
                raise ExpressionError("Không được nối hai phép so sánh; dùng «and»", self.tok.column)
        return node

    def sum(self):
        node = self.product()
        while (t := self.accept("+", "-")):
            node = Arith(t.text, node, self.product())
        return node

    def product(self):
        node = self.unary()
        while (t := self.accept("*", "/")):
            node = Arith(t.text, node, self.unary())
        return node

    def unary(self):
        if self.accept("-"):
            return self.nested(lambda: Neg(self.unary()))
        return self.atom()

    def atom(self):
        t = self.tok
        if t.kind == "num":
            self.take()
            value = Fraction(t.text)
            if self.accept("%"):
                value /= 100
            return Const(value.numerator if value.denominator == 1 else value)
        if t.kind == "op" and t.text == "(":
            self.take()
            node = self.nested(self.or_)
            self.expect(")")
            return node
        if t.kind == "name":
            self.take()
            if t.text in ("true", "false"):
                return Const(t.text == "true")
            if t.text == "prev":
                self.expect("(")
                arg = self.tok
                if arg.kind != "name" or arg.text in KEYWORDS:
                    raise ExpressionError("prev() chỉ nhận tên một chỉ số", arg.column)
                self.take()
                self.expect(")")
                return Prev(arg.text, arg.column)
            if t.text in KEYWORDS:
                raise ExpressionError(f"Từ khóa «{t.text}» đặt sai chỗ", t.column)
            if self.tok.kind == "op" and self.tok.text == "(":
                raise ExpressionError(f"Không có hàm «{t.text}»; chỉ dùng được prev()", t.column)
            return Var(t.text, t.column)
        raise ExpressionError(f"Cần một giá trị nhưng gặp {_describe(t)}", t.column)


def _describe(t: Token) -> str:
    return "hết biểu thức" if t.kind == "end" else f"«{t.text}»"


def parse(source: str):
    """Parse ``source`` into an AST; raises ``ExpressionError``."""
    return _Parser(source).parse()


# --- type checking -------------------------------------------------------------


def check(node, types: dict[str, str], *, want: str | None = BOOL) -> str:
    """Resolve names against ``types`` (code → ``num``/``bool``) and type ``node``.

    Returns the node's type; raises ``ExpressionError`` on an unknown name or a
    type mismatch (arithmetic on a yes/no indicator, ``and`` on a number...).
    """
    got = _type(node, types)
    if want is not None and got != want:
        raise ExpressionError(
            "Điều kiện phải cho kết quả đúng/sai" if want == BOOL else "Biểu thức phải cho kết quả là số"
        )
    return got


def _type(node, types) -> str:
    if isinstance(node, Const):
        return BOOL if isinstance(node.value, bool) else NUM
    if isinstance(node, (Var, Prev)):
        if node.code not in types:
            raise ExpressionError(f"Chỉ số «{node.code}» không có trong bộ tiêu chí", node.column)
        return types[node.code]
    if isinstance(node, Neg):
        _need(node.operand, types, NUM, "dấu trừ")
        return NUM
    if isinstance(node, Arith):
        _need(node.left, types, NUM, f"phép «{node.op}»")
        _need(node.right, types, NUM, f"phép «{node.op}»")
        return NUM
    if isinstance(node, Compare):
        left, right = _type(node.left, types), _type(node.right, types)
        if left != right:
            raise ExpressionError("Không so sánh được số với giá trị đúng/sai")
        if left == BOOL and node.op not in ("=", "!="):
            raise ExpressionError(f"Giá trị đúng/sai chỉ so sánh bằng «=» hoặc «!=», không dùng «{node.op}»")
        return BOOL
    if isinstance(node, Logic):
        _need(node.left, types, BOOL, f"«{node.op}»")
        _need(node.right, types, BOOL, f"«{node.op}»")
        return BOOL
    if isinstance(node, Not):
        _need(node.operand, types, BOOL, "«not»")
        return BOOL
    raise TypeError(node)  # pragma: no cover - every node type is handled above


def _need(node, types, want, where):
    got = _type(node, types)
    if got != want:
        kind = "số" if want == NUM else "giá trị đúng/sai"
        raise ExpressionError(f"{where.capitalize()} cần {kind}")


def names(node) -> tuple[set[str], set[str]]:
    """The indicator codes an expression reads: (current-year, previous-year)."""
    cur, prev = set(), set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Var):
            cur.add(n.code)
        elif isinstance(n, Prev):
            prev.add(n.code)
        elif isinstance(n, (Neg, Not)):
            stack.append(n.operand)
        elif isinstance(n, (Arith, Compare, Logic)):
            stack.extend((n.left, n.right))
    return cur, prev
