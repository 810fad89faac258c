"""Criteria frameworks as data: the file format and its validation.

A framework file (YAML) holds groups → criteria → indicators and conditions.
``build`` turns the parsed data into an immutable, compiled ``Framework`` or
raises ``FrameworkError`` listing every problem with its line and path, so a
bad file is refused whole and nothing half-loaded ever reaches the database.
See ``docs/framework-format.md`` for the format.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from . import expr as E
from . import yamlsource
from .compiler import compile_expr
from .template import Template

INDICATOR_TYPES = {"int": E.NUM, "num": E.NUM, "bool": E.BOOL}
_FRAMEWORK_CODE = re.compile(r"^[a-z0-9][a-z0-9.-]{1,59}$")
_UNIT_CODE = re.compile(r"^[A-Z][A-Z0-9_.-]{0,19}$")
_INDICATOR_CODE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
MAX_ISSUES = 50


@dataclass(frozen=True)
class Issue:
    path: str
    message: str
    line: int | None = None

    def format(self, filename: str = "") -> str:
        where = ":".join(str(p) for p in (filename, self.line) if p not in ("", None))
        location = f"{where}: " if where else ""
        return f"{location}{self.path + ': ' if self.path else ''}{self.message}"


class FrameworkError(ValueError):
    def __init__(self, issues: list[Issue], filename: str = ""):
        self.issues, self.filename = issues, filename
        super().__init__("\n".join(i.format(filename) for i in issues))


@dataclass(frozen=True)
class Indicator:
    code: str
    type: str  # int | num | bool
    label: str
    criterion: str
    unit: str = ""
    help: str = ""
    max: str | None = None  # the code of the total this part may not exceed


@dataclass(frozen=True)
class Condition:
    key: str  # e.g. "TC02.2"
    text: str  # the requirement, as officials read it
    rule: str
    when: str | None
    explain: Template
    na_text: str
    rule_fn: object = field(repr=False)
    when_fn: object = field(repr=False)
    reads: frozenset = frozenset()
    reads_prev: frozenset = frozenset()


@dataclass(frozen=True)
class Criterion:
    code: str
    ref: str
    title: str
    group: str
    indicators: tuple[str, ...]
    conditions: tuple[Condition, ...]
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    code: str
    title: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Framework:
    code: str
    version: int
    title: str
    source: str
    effective_from: int | None
    groups: tuple[Group, ...]
    indicators: dict  # code -> Indicator, in file order
    digest: str  # sha256 of the normalised definition, to detect edits of a version
    definition: dict = field(repr=False)  # the normalised data, stored with the version
    # Whether a criterion claimed as met needs each of its listed documents (a file, or a reason the reviewer accepts)
    # before the ward may submit (version 2 on); earlier versions list documents as a guide only.
    evidence_required: bool = False

    @property
    def criteria(self) -> list[Criterion]:
        return [c for g in self.groups for c in g.criteria]

    @property
    def prev_codes(self) -> list[str]:
        """Indicators whose previous-year value some condition reads, in file order."""
        wanted = {code for c in self.criteria for cond in c.conditions for code in cond.reads_prev}
        return [code for code in self.indicators if code in wanted]

    def criterion(self, code: str) -> Criterion:
        for c in self.criteria:
            if c.code == code:
                return c
        raise KeyError(code)


def load_text(text: str, filename: str = "") -> Framework:
    try:
        data, lines = yamlsource.load(text)
    except yamlsource.SourceError as exc:
        raise FrameworkError([Issue(exc.path, exc.message, exc.line)], filename) from None
    return build(data, lines, filename)


def build(data, lines: dict[str, int] | None = None, filename: str = "") -> Framework:
    builder = _Builder(lines or {})
    framework = builder.build(data)
    if builder.issues:
        raise FrameworkError(builder.issues[:MAX_ISSUES], filename)
    return framework


# --- the builder ----------------------------------------------------------------

_TOP_KEYS = {"framework", "version", "title", "source", "effective_from", "evidence_required", "groups"}
_GROUP_KEYS = {"code", "title", "criteria"}
_CRITERION_KEYS = {"code", "ref", "title", "indicators", "conditions", "evidence"}
_INDICATOR_KEYS = {"code", "type", "label", "unit", "help", "max"}
_CONDITION_KEYS = {"text", "rule", "when", "explain", "na"}


class _Builder:
    def __init__(self, lines):
        self.lines = lines
        self.issues: list[Issue] = []

    def error(self, path: str, message: str):
        line = self.lines.get(path)
        probe = path
        while line is None and probe:  # fall back to the nearest enclosing node
            probe = probe.rpartition(".")[0] if "." in probe else ""
            line = self.lines.get(probe)
        self.issues.append(Issue(path, message, line))

    def mapping(self, value, path, allowed, required=()):
        if not isinstance(value, dict):
            self.error(path, "Cần một bảng khóa: giá trị")
            return None
        for key in value:
            if key not in allowed:
                self.error(f"{path}.{key}" if path else key, f"Khóa «{key}» không được hỗ trợ; dùng: {', '.join(sorted(allowed))}")
        for key in required:
            if value.get(key) in (None, "", []):
                self.error(path, f"Thiếu «{key}»")
        return value

    def text(self, value, path, required=True) -> str:
        if value is None:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.error(path, "Cần một chuỗi ký tự")
            return ""
        return value.strip()

    def code(self, value, path, pattern, what) -> str | None:
        if not isinstance(value, str) or not pattern.match(value):
            self.error(path, f"Mã {what} «{value}» không hợp lệ")
            return None
        return value

    def listing(self, value, path) -> list:
        if not isinstance(value, list) or not value:
            self.error(path, "Cần một danh sách không rỗng")
            return []
        return value

    # -- levels

    def build(self, data) -> Framework | None:
        top = self.mapping(data, "", _TOP_KEYS, required=("framework", "version", "title", "groups"))
        if top is None:
            return None
        code = self.code(top.get("framework"), "framework", _FRAMEWORK_CODE, "bộ tiêu chí")
        version = top.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.error("version", "Phiên bản phải là số nguyên dương")
        effective = top.get("effective_from")
        if effective is not None and (not isinstance(effective, int) or not 2000 <= effective <= 2100):
            self.error("effective_from", "Năm áp dụng phải là số năm (2000–2100)")
        evidence_required = top.get("evidence_required", False)
        if not isinstance(evidence_required, bool):
            self.error("evidence_required", "Phải là true hoặc false")

        raw_groups = self.listing(top.get("groups"), "groups")
        # Indicators first: conditions may read an indicator declared in a later criterion.
        indicators = self.collect_indicators(raw_groups)
        types = {c: INDICATOR_TYPES[i.type] for c, i in indicators.items()}
        groups, seen_groups, seen_criteria = [], set(), set()
        for gi, raw in enumerate(raw_groups):
            group = self.group(raw, f"groups[{gi}]", types, seen_groups, seen_criteria, indicators)
            if group:
                groups.append(group)
        if self.issues:
            return None
        definition = _normalise(top)
        digest = hashlib.sha256(json.dumps(definition, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        return Framework(
            code=code,
            version=version,
            title=self.text(top.get("title"), "title"),
            source=self.text(top.get("source"), "source", required=False),
            effective_from=effective,
            groups=tuple(groups),
            indicators=indicators,
            digest=digest,
            definition=definition,
            evidence_required=evidence_required is True,
        )

    def collect_indicators(self, raw_groups) -> dict[str, Indicator]:
        found: dict[str, Indicator] = {}
        paths: dict[str, str] = {}
        for gi, g in enumerate(raw_groups):
            for ci, c in enumerate(g.get("criteria") or [] if isinstance(g, dict) else []):
                if not isinstance(c, dict):
                    continue
                for ii, raw in enumerate(c.get("indicators") or []):
                    path = f"groups[{gi}].criteria[{ci}].indicators[{ii}]"
                    ind = self.indicator(raw, path, c.get("code", ""), found)
                    if ind:
                        found[ind.code], paths[ind.code] = ind, path
        for code, ind in found.items():
            if ind.max is not None:
                total = found.get(ind.max)
                if total is None:
                    self.error(f"{paths[code]}.max", f"«max: {ind.max}» trỏ tới chỉ số không có")
                elif total.type == "bool" or total.code == code:
                    self.error(f"{paths[code]}.max", f"«max: {ind.max}» phải trỏ tới một chỉ số số khác")
        return found

    def indicator(self, raw, path, criterion, found) -> Indicator | None:
        raw = self.mapping(raw, path, _INDICATOR_KEYS, required=("code", "type", "label"))
        if raw is None:
            return None
        code = self.code(raw.get("code"), f"{path}.code", _INDICATOR_CODE, "chỉ số")
        if code in E.KEYWORDS:
            self.error(f"{path}.code", f"«{code}» là từ khóa, không dùng làm mã chỉ số")
            return None
        if code in found:
            self.error(f"{path}.code", f"Mã chỉ số «{code}» bị trùng (đã khai ở {found[code].criterion})")
            return None
        type_ = raw.get("type")
        if type_ not in INDICATOR_TYPES:
            self.error(f"{path}.type", f"Kiểu «{type_}» không hợp lệ; dùng int, num hoặc bool")
            return None
        max_ = raw.get("max")
        if max_ is not None and (type_ == "bool" or not isinstance(max_, str)):
            self.error(f"{path}.max", "«max» chỉ dùng cho chỉ số số và phải là mã một chỉ số")
            max_ = None
        if code is None:
            return None
        return Indicator(
            code=code,
            type=type_,
            label=self.text(raw.get("label"), f"{path}.label"),
            criterion=criterion if isinstance(criterion, str) else "",
            unit=self.text(raw.get("unit"), f"{path}.unit", required=False),
            help=self.text(raw.get("help"), f"{path}.help", required=False),
            max=max_,
        )

    def group(self, raw, path, types, seen_groups, seen_criteria, indicators) -> Group | None:
        raw = self.mapping(raw, path, _GROUP_KEYS, required=("code", "title", "criteria"))
        if raw is None:
            return None
        code = self.code(raw.get("code"), f"{path}.code", _UNIT_CODE, "nhóm")
        if code in seen_groups:
            self.error(f"{path}.code", f"Mã nhóm «{code}» bị trùng")
        seen_groups.add(code)
        criteria = []
        for ci, c in enumerate(self.listing(raw.get("criteria"), f"{path}.criteria")):
            crit = self.criterion(c, f"{path}.criteria[{ci}]", code, types, seen_criteria, indicators)
            if crit:
                criteria.append(crit)
        return Group(code, self.text(raw.get("title"), f"{path}.title"), tuple(criteria))

    def criterion(self, raw, path, group, types, seen, indicators) -> Criterion | None:
        raw = self.mapping(raw, path, _CRITERION_KEYS, required=("code", "title", "conditions"))
        if raw is None:
            return None
        code = self.code(raw.get("code"), f"{path}.code", _UNIT_CODE, "tiêu chí")
        if code in seen:
            self.error(f"{path}.code", f"Mã tiêu chí «{code}» bị trùng")
        seen.add(code)
        conditions = []
        for k, c in enumerate(self.listing(raw.get("conditions"), f"{path}.conditions")):
            cond = self.condition(c, f"{path}.conditions[{k}]", f"{code}.{k + 1}", types)
            if cond:
                conditions.append(cond)
        evidence = raw.get("evidence") or []
        if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
            self.error(f"{path}.evidence", "Cần một danh sách chuỗi (các hồ sơ minh chứng)")
            evidence = []
        own = tuple(i.get("code") for i in raw.get("indicators") or [] if isinstance(i, dict) and i.get("code") in indicators)
        return Criterion(
            code=code,
            ref=str(raw.get("ref") or ""),
            title=self.text(raw.get("title"), f"{path}.title"),
            group=group,
            indicators=own,
            conditions=tuple(conditions),
            evidence=tuple(evidence),
        )

    def condition(self, raw, path, key, types) -> Condition | None:
        raw = self.mapping(raw, path, _CONDITION_KEYS, required=("text", "rule", "explain"))
        if raw is None:
            return None
        rule_node = self.expression(raw.get("rule"), f"{path}.rule", types)
        when_src = raw.get("when")
        when_node = self.expression(when_src, f"{path}.when", types) if when_src is not None else None
        try:
            template = Template(raw.get("explain"), types)
        except E.ExpressionError as exc:
            self.error(f"{path}.explain", exc.message + (f" (ký tự {exc.column})" if exc.column else ""))
            template = None
        if rule_node is None or template is None or (when_src is not None and when_node is None):
            return None
        cur, prev = E.names(rule_node)
        if when_node is not None:
            wc, wp = E.names(when_node)
            cur, prev = cur | wc, prev | wp
        return Condition(
            key=key,
            text=self.text(raw.get("text"), f"{path}.text"),
            rule=raw["rule"],
            when=when_src,
            explain=template,
            na_text=self.text(raw.get("na"), f"{path}.na", required=False),
            rule_fn=compile_expr(rule_node),
            when_fn=compile_expr(when_node) if when_node is not None else None,
            reads=frozenset(cur),
            reads_prev=frozenset(prev),
        )

    def expression(self, source, path, types):
        try:
            node = E.parse(source)
            E.check(node, types)
            return node
        except E.ExpressionError as exc:
            self.error(path, f"«{source}»: {exc}")
            return None


def _normalise(data):
    """Plain JSON-able copy of the definition (stored with each version)."""
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))
