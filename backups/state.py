"""What restore asks of the target before writing: the same schema as the archive's source, and nothing in it yet.

Same schema: the rows are loaded through this code's models, so the database must have exactly this code's
migrations applied, and the archive must come from a database at that same point. An archive from an older
version is restored with that older version (then `migrate` brings it forward); docs/backup.md says how.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from django.db.migrations.loader import MigrationLoader

from . import policy
from .archive import Refused


def _leaves(nodes: set, graph) -> dict[str, list[str]]:
    """Per app, the migrations in ``nodes`` that no other migration of that app in ``nodes`` depends on."""
    out = defaultdict(list)
    for key in nodes:
        if not any(child[0] == key[0] and child in nodes for child in graph.node_map[key].children):
            out[key[0]].append(key[1])
    return {app: sorted(names) for app, names in sorted(out.items())}


def applied_leaves(connection) -> dict[str, list[str]]:
    """The migration state of the database behind ``connection``, as the manifest records it."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    # recorded names outside the graph are squashed-away or deleted migrations: the graph says what they became
    return _leaves({key for key in loader.applied_migrations if key in loader.graph.nodes}, loader.graph)


def code_leaves() -> dict[str, list[str]]:
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return _leaves(set(graph.nodes), graph)


def _differences(a: dict, b: dict, a_name: str, b_name: str) -> list[str]:
    return [f"{app}: {a_name} {', '.join(a.get(app, [])) or '(chưa có)'} — {b_name} {', '.join(b.get(app, [])) or '(chưa có)'}"
            for app in sorted(set(a) | set(b)) if a.get(app, []) != b.get(app, [])]


def check_compatible(archived: dict, connection) -> None:
    code = code_leaves()
    if diff := _differences(applied_leaves(connection), code, "cơ sở dữ liệu ở", "mã nguồn ở"):
        raise Refused("Cơ sở dữ liệu đích chưa được migrate đúng phiên bản mã này: " + "; ".join(diff[:5])
                      + ". Hãy chạy `python manage.py migrate` rồi khôi phục. Không khôi phục gì.")
    if diff := _differences(archived, code, "bản sao lưu ở", "mã nguồn ở"):
        raise Refused("Bản sao lưu được tạo từ một phiên bản KiểuMẫu có cấu trúc dữ liệu khác phiên bản này: "
                      + "; ".join(diff[:5]) + ". Hãy khôi phục bằng đúng phiên bản đã tạo bản sao lưu, rồi nâng cấp và "
                      "chạy `python manage.py migrate` (xem docs/backup.md). Không khôi phục gì.")


def check_empty_database(using: str) -> None:
    full = []
    for model in policy.must_be_empty():
        qs = model._base_manager.using(using)
        if qs.exists():
            full.append(f"{model._meta.label_lower} ({qs.count()} dòng)")
    if full:
        raise Refused(f"Cơ sở dữ liệu đích chưa trống: {len(full)} bảng đã có dữ liệu, ví dụ " + ", ".join(full[:5])
                      + ". Chỉ khôi phục vào một cơ sở dữ liệu mới tạo bằng `python manage.py migrate`. Không khôi phục gì.")


def media_files(root: Path) -> list[str]:
    """Every file (anything not a folder) under ``root``, relative, sorted; an absent root has none."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        links = [d for d in dirs if os.path.islink(os.path.join(folder, d))]  # os.walk does not enter them
        for name in sorted(files + links):
            out.append(Path(folder, name).relative_to(root).as_posix())
    return out


def check_empty_media(root: Path) -> None:
    if files := media_files(root):
        raise Refused(f"Thư mục tệp tải lên {root} chưa trống: có {len(files)} tệp, ví dụ " + ", ".join(files[:3])
                      + ". Chỉ khôi phục vào một thư mục trống (hoặc chưa có). Không khôi phục gì.")
