"""Read YAML into plain data while remembering the line of every value.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two
duplicate keys. A framework file is edited by hand, so errors must point at a
line and duplicates must be refused: we walk the composed node tree ourselves.
Only the safe constructors are used (no Python object tags).
"""

from __future__ import annotations

import yaml

MAX_BYTES = 2_000_000
MAX_DEPTH = 50  # lists and mappings inside one another: the shipped files nest 7 deep; thousands exhaust the stack


class SourceError(ValueError):
    def __init__(self, message: str, line: int | None = None, path: str = ""):
        self.message, self.line, self.path = message, line, path
        super().__init__(message)


def load(text: str) -> tuple[object, dict[str, int]]:
    """Return ``(data, lines)`` where ``lines`` maps a dotted path to its 1-based line."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise SourceError(f"Tệp lớn quá {MAX_BYTES // 1_000_000} MB")
    _refuse_anchors(text)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SourceError("Tệp rỗng", 1)
        lines: dict[str, int] = {}
        data = _walk(loader, node, "", lines)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(f"Lỗi cú pháp YAML: {problem}", mark.line + 1 if mark else None) from None
    except RecursionError:  # kept out by _refuse_anchors' depth limit; should the stack still run out, said so
        raise SourceError(f"Dữ liệu YAML lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp)") from None
    finally:
        loader.dispose()
    return data, lines


def _refuse_anchors(text: str) -> None:
    """A framework file never needs anchors (&) or aliases (*); they can expand a few hundred bytes into billions of
    nodes, or point at themselves. Nor lists or mappings nested more than MAX_DEPTH deep (PyYAML's composer and our
    walk recurse: "[[[[…" thousands deep raises RecursionError). Refused from the event stream (which does not
    recurse), before any node is built."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise SourceError("Không dùng neo (&) và bí danh (*) YAML trong tệp bộ tiêu chí: hãy viết đầy đủ giá trị",
                                  event.start_mark.line + 1)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise SourceError(f"Dữ liệu YAML lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp danh sách/bảng)",
                                      event.start_mark.line + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(f"Lỗi cú pháp YAML: {problem}", mark.line + 1 if mark else None) from None


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _walk(loader, node, path, lines):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        raise SourceError(f"Thẻ YAML «{node.tag}» không được phép", node.start_mark.line + 1, path)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node, path)
            if not isinstance(key, str):
                raise SourceError(f"Khóa «{key}» phải là chuỗi", key_node.start_mark.line + 1, path)
            child = f"{path}.{key}" if path else key
            if key in out:
                raise SourceError(f"Khóa «{key}» bị lặp", key_node.start_mark.line + 1, child)
            out[key] = _walk(loader, value_node, child, lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, f"{path}[{i}]", lines) for i, item in enumerate(node.value)]
    return _scalar(loader, node, path)


def _scalar(loader, node, path):
    """The value of a scalar node; a value PyYAML's constructors cannot make is refused with its line (an integer of
    thousands of digits is beyond Python's int() limit, a date like 2026-02-30 does not exist)."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError):
        text = str(node.value)
        shown = text if len(text) <= 30 else f"{text[:20]}… ({len(text)} ký tự)"
        if node.tag.endswith(":int"):
            why = "số nguyên có quá nhiều chữ số"
        elif node.tag.endswith(":timestamp"):
            why = "ngày không có thật"
        else:
            why = "giá trị không đọc được"
        raise SourceError(f"«{shown}»: {why}", node.start_mark.line + 1, path) from None
