"""Read YAML into plain data while remembering the line of every value.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two
duplicate keys. A framework file is edited by hand, so errors must point at a
line and duplicates must be refused: we walk the composed node tree ourselves.
Only the safe constructors are used (no Python object tags).
"""

from __future__ import annotations

import yaml

MAX_BYTES = 2_000_000


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
    finally:
        loader.dispose()
    return data, lines


def _refuse_anchors(text: str) -> None:
    """A framework file never needs anchors (&) or aliases (*); they can expand a few hundred bytes into billions of
    nodes, or point at themselves. Refused from the event stream, before any node is built."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise SourceError("Không dùng neo (&) và bí danh (*) YAML trong tệp bộ tiêu chí: hãy viết đầy đủ giá trị",
                                  event.start_mark.line + 1)
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
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise SourceError(f"Khóa «{key}» phải là chuỗi", key_node.start_mark.line + 1, path)
            child = f"{path}.{key}" if path else key
            if key in out:
                raise SourceError(f"Khóa «{key}» bị lặp", key_node.start_mark.line + 1, child)
            out[key] = _walk(loader, value_node, child, lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, f"{path}[{i}]", lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
