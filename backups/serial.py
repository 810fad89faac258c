"""Rows to JSON lines and back, with Django's own serializers so every field of every model (and any field added
later, e.g. the audit chain's digests) travels without code of its own here.

One line per row: ``{"model": "units.unit", "pk": 12, "fields": {...}}``, as `dumpdata --format jsonl` writes, with
two differences that matter for a backup:
- timestamps keep their microseconds (Django's JSON encoder cuts them to milliseconds, which would change the audit
  events' times and so their digests);
- only content types and permissions are written by natural key (policy.NATURAL); every other row keeps its id, so
  links by id held in data (audit rows name the object they record by id) stay true.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.core.serializers.python import Serializer as PythonSerializer
from django.db.models import Prefetch

from . import policy

CHUNK = 2000  # rows fetched per query while dumping: memory stays flat whatever the table's size


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()  # full precision, with the UTC offset; parse_datetime reads it back exactly
        return super().default(o)


class _RowSerializer(PythonSerializer):
    """Writes each row as it is built (never a list of all rows) to ``stream`` (anything with ``write(bytes)``)."""

    def __init__(self, natural: set):
        super().__init__()
        self.natural = natural
        self.rows = 0

    def start_serialization(self):
        self._current = None

    def end_object(self, obj):
        line = json.dumps(self.get_dump_object(obj), cls=_Encoder, ensure_ascii=False, separators=(",", ":"))
        self.stream.write(line.encode("utf-8") + b"\n")
        self.rows += 1
        self._current = None

    def getvalue(self):
        return None

    def get_dump_object(self, obj):
        data = {"model": obj._meta.label_lower}
        if type(obj) not in self.natural:
            data["pk"] = self._value_from_field(obj, obj._meta.pk)
        data["fields"] = self._current
        return data

    def handle_fk_field(self, obj, field):
        if field.remote_field.model in self.natural:
            related = getattr(obj, field.name)
            self._current[field.name] = related.natural_key() if related is not None else None
        else:
            self._current[field.name] = self._value_from_field(obj, field)

    def handle_m2m_field(self, obj, field):
        if not field.remote_field.through._meta.auto_created:
            return  # an explicit through model is a model of its own, dumped with its rows
        related = obj._prefetched_objects_cache[field.name]  # rows() prefetched every such field
        if field.remote_field.model in self.natural:
            # sorted by name, not by id: the same set reads the same whatever ids this database gave them
            self._current[field.name] = sorted(r.natural_key() for r in related)
        else:
            self._current[field.name] = [self._value_from_field(r, r._meta.pk) for r in related]


def _natural_fks(model, natural: set) -> list[str]:
    return [f.name for f in model._meta.local_fields if f.remote_field and f.remote_field.model in natural]


def rows(model, using: str, natural: set):
    """All rows of ``model`` in id order, streamed, with what their natural keys need fetched in the same queries."""
    qs = model._base_manager.using(using).order_by(model._meta.pk.name)
    if fks := _natural_fks(model, natural):
        qs = qs.select_related(*fks)
    prefetch = []
    for field in model._meta.local_many_to_many:
        if field.remote_field.through._meta.auto_created:
            target = field.remote_field.model
            inner = target._base_manager.using(using).order_by(target._meta.pk.name)
            if fks := _natural_fks(target, natural):
                inner = inner.select_related(*fks)
            prefetch.append(Prefetch(field.name, queryset=inner))
    if prefetch:
        qs = qs.prefetch_related(*prefetch)
    return qs.iterator(chunk_size=CHUNK)


def dump(model, stream, using: str) -> int:
    """Write every row of ``model`` to ``stream`` as JSON lines; how many rows."""
    serializer = _RowSerializer(policy.natural_models())
    serializer.serialize(rows(model, using, serializer.natural), stream=stream)
    return serializer.rows


def parse(lines: Iterable[bytes], model_label: str) -> Iterator[dict]:
    """JSON lines → dicts, refusing a row of another model than the member is for (a crafted archive)."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        data = json.loads(line)
        if not isinstance(data, dict) or data.get("model") != model_label:
            raise ValueError(f"dòng {number} không phải một dòng của {model_label}")
        yield data


def objects(dicts: Iterable[dict], using: str):
    """Dicts → Django's DeserializedObject (unsaved instance + many-to-many ids), looking up natural keys in
    ``using``. Forward references are errors: what is named by natural key is loaded before what names it."""
    return PythonDeserializer(dicts, using=using, handle_forward_references=False)
