"""Load framework files into the database and compiled frameworks out of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from audit.models import record
from engine import framework as engine_fw
from engine import yamlsource
from kieumau.commands import os_problem, shown

from .models import Criterion, Framework, VersionChoice

DATA_DIR = Path(__file__).resolve().parent / "data"
_compiled: dict[tuple[int, str], engine_fw.Framework] = {}


class FrameworkInUse(ValueError):
    pass


@dataclass
class LoadResult:
    framework: Framework
    action: str  # created | updated | unchanged


def compiled(framework: Framework) -> engine_fw.Framework:
    """The compiled engine framework of a stored version (cached per process)."""
    key = (framework.pk, framework.digest)
    fw = _compiled.get(key)
    if fw is None:
        fw = _compiled[key] = engine_fw.build(framework.definition)
    return fw


def load_file(path: str | Path, actor=None) -> LoadResult:
    """Load the framework file at ``path``. FileNotFoundError when there is no such file; FrameworkError (Vietnamese,
    naming the file) when it cannot be read (a folder, no permission, a name too long …) or is not a valid framework."""
    path = Path(path)

    def refuse(message: str):
        return engine_fw.FrameworkError([engine_fw.Issue("", message)], shown(path))

    try:
        folder, size = path.is_dir(), path.stat().st_size
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:  # a name too long for the file system, no permission, a NUL in the path …
        raise refuse(f"Không đọc được tệp: {os_problem(exc)}") from None
    if folder:
        raise refuse("Đây là một thư mục, không phải tệp bộ tiêu chí (.yaml)")
    if size > yamlsource.MAX_BYTES:  # before reading: a huge file is refused, not loaded into memory
        raise refuse(f"Tệp lớn quá {yamlsource.MAX_BYTES // 1_000_000} MB")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise refuse("Tệp không phải văn bản UTF-8") from None
    except OSError as exc:
        raise refuse(f"Không đọc được tệp: {os_problem(exc)}") from None
    return load_spec(engine_fw.load_text(text, path.name), actor=actor)


def _pinned(framework: Framework) -> bool:
    """Whether any record outside this app points at ``framework`` (an assessment pins its version).

    Asked through the model's reverse relations, so this app names none of the apps built on it: the layers read
    one way (domain → frameworks)."""
    for rel in Framework._meta.related_objects:
        if rel.related_model is Criterion or rel.related_model._meta.app_label == Framework._meta.app_label:
            continue
        if rel.related_model._default_manager.filter(**{rel.field.name: framework}).exists():
            return True
    return False


@transaction.atomic
def load_spec(spec: engine_fw.Framework, actor=None) -> LoadResult:
    current = Framework.objects.select_for_update().filter(code=spec.code, version=spec.version).first()
    if current and current.digest == spec.digest:
        return LoadResult(current, "unchanged")
    if current:
        if _pinned(current):
            raise FrameworkInUse(
                f"Phiên bản {spec.code} v{spec.version} đã được dùng để đánh giá; "
                f"hãy tăng «version» để tạo phiên bản mới (kết quả các năm trước giữ nguyên)."
            )
        current.criteria.all().delete()
        action = "updated"
    else:
        current = Framework(code=spec.code, version=spec.version)
        action = "created"
    current.title, current.source, current.effective_from = spec.title, spec.source, spec.effective_from
    current.definition, current.digest = spec.definition, spec.digest
    current.save()
    Criterion.objects.bulk_create(
        Criterion(framework=current, code=c.code, group_code=g.code, group_title=g.title, title=c.title, ref=c.ref, position=i)
        for i, (g, c) in enumerate((g, c) for g in spec.groups for c in g.criteria)
    )
    record(actor, f"framework.{action}", current, data={"code": spec.code, "version": spec.version, "digest": spec.digest})
    return LoadResult(current, action)


DEFAULT_CODE = "bca-5764-2021"


def pick(year: int, frameworks: list, choices: list) -> Framework | None:
    """The version in force for ``year`` among rows already read: ``frameworks`` = one code's versions, oldest first;
    ``choices`` = one province's choices for that code. The province's latest choice from ``year`` or before, when that
    version is stored; else the newest version whose ``effective_from`` has come (the default)."""
    chosen = max((c for c in choices if c.from_year <= year), key=lambda c: c.from_year, default=None)
    by_version = {f.version: f for f in frameworks}
    if chosen is not None and chosen.version in by_version:
        return by_version[chosen.version]
    return next((f for f in reversed(frameworks) if f.effective_from is None or f.effective_from <= year), None)


def versions_and_choices(code: str = DEFAULT_CODE, province_id: int | None = None) -> tuple[list, list]:
    """What ``pick`` reads: the code's versions (oldest first) and the province's choices (none without a province)."""
    frameworks = list(Framework.objects.filter(code=code).order_by("version"))
    choices = list(VersionChoice.objects.filter(province_id=province_id, code=code)) if province_id else []
    return frameworks, choices


def for_year(year: int, code: str = DEFAULT_CODE, unit=None) -> Framework | None:
    """The version new assessments of ``year`` use (``pick``): the province's choice when ``unit`` is given and its
    province chose one, else the default. An assessment, once made, stays pinned to its version."""
    return pick(year, *versions_and_choices(code, unit.root_id if unit is not None else None))
