"""Making documents: resolve what was asked, build the file (in the background worker for the pages), keep it.

The command (`manage.py report`) builds the province report at once; the pages queue a ``GeneratedDocument`` that the
worker fills in, step by step, so the page can show how far it got.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction

from assessments.models import Assessment
from audit.models import AuditEvent, record
from kieumau import clock
from reporting import board as boards

from . import gather, letters, nd30, writers
from .models import GeneratedDocument

log = logging.getLogger(__name__)
Kind = GeneratedDocument.Kind


class DocumentError(ValueError):
    """What was asked cannot be made; the message is for the user (Vietnamese)."""


def province_report_bytes(program, p, province, *, form=nd30.STATE, signer: dict | None = None, progress=writers._noop) -> bytes:
    facts = gather.province_report(program, p, province, clock.today())
    letter = letters.for_province(province, clock.today(), form=form, **_signer(signer))
    return writers.province_report(facts, letter, progress)


def report_for_code(province_code: str, period_code: str, *, form=nd30.STATE, signer: dict | None = None) -> bytes:
    """The province report of ``reporting_status``'s province and period (the province bearing the code on the period's
    deadline); DocumentError with the reasons otherwise."""
    program, p, province, errors = boards.find(province_code, period_code)
    if errors:
        raise DocumentError("; ".join(errors))
    return province_report_bytes(program, p, province, form=form, signer=signer)


def _signer(signer: dict | None) -> dict:
    signer = signer or {}
    return {k: signer[k] for k in ("title", "name", "authority") if signer.get(k)}


def build(doc: GeneratedDocument, progress=writers._noop) -> bytes:
    today = clock.today()
    if doc.kind == Kind.PROVINCE_REPORT:
        p = boards.period(doc.program, doc.period)
        return province_report_bytes(doc.program, p, doc.unit, form=doc.form, signer=doc.signer, progress=progress)
    if doc.kind in (Kind.DECISION, Kind.MINUTES):
        council = gather.council(doc.unit, doc.year)
        if doc.kind == Kind.DECISION:
            return writers.decision(council, letters.for_province(doc.unit, today, **_signer(doc.signer)), progress)
        letter = letters.for_council(doc.unit, today, secretary=doc.signer.get("secretary", ""), chair=doc.signer.get("chair", ""))
        return writers.minutes(council, letter, progress)
    assessment = Assessment.objects.with_framework("unit").get(unit=doc.unit, year=doc.year)
    facts = gather.self_assessment(assessment)
    province = type(doc.unit).objects.get(pk=doc.unit.root_id)
    name = doc.signer.get("name") or (facts.chief.get_full_name() if facts.chief else "")
    return writers.self_assessment(facts, letters.for_ward(doc.unit, province, today, name=name), progress)


def request(user, kind: str, unit, *, year=None, period="", program=None, form=nd30.STATE, signer=None) -> GeneratedDocument:
    """Queue a document for the worker; one audit row."""
    with transaction.atomic():
        doc = GeneratedDocument.objects.create(kind=kind, unit=unit, year=year, period=period, program=program, form=form,
                                               signer=signer or {}, requested_by=user)
        record(user, "document.requested", doc, unit=unit, data={"kind": kind, "period": period, "year": year, "form": form})
        transaction.on_commit(lambda: _enqueue(doc.pk))
    return doc


def _enqueue(pk: int) -> None:
    from .tasks import make_document

    make_document.enqueue(pk)


def make(pk: int) -> str:
    """The worker's job: build the file, reporting progress; a failure is kept on the row for the page to show."""
    doc = GeneratedDocument.objects.select_related("unit", "program", "requested_by").get(pk=pk)
    if doc.state == GeneratedDocument.State.DONE:
        return doc.state  # a job run twice (a worker restarted) makes the file once
    version = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    GeneratedDocument.objects.filter(pk=pk).update(state=GeneratedDocument.State.RUNNING)

    def progress(done: int, total: int) -> None:
        GeneratedDocument.objects.filter(pk=pk).update(done_steps=done, total_steps=total)

    try:
        content = build(doc, progress)
    except Exception as exc:  # noqa: BLE001 — whatever broke, the page must say it failed rather than wait forever
        log.exception("document %s failed", pk)
        GeneratedDocument.objects.filter(pk=pk).update(state=GeneratedDocument.State.FAILED, finished_at=clock.now(),
                                                        error=str(exc)[:500])
        return GeneratedDocument.State.FAILED
    with transaction.atomic():
        doc.refresh_from_db()
        doc.file.save(f"{doc.kind}.docx", ContentFile(content), save=False)
        doc.size, doc.digest, doc.data_version = len(content), hashlib.sha256(content).hexdigest(), version
        doc.state, doc.finished_at = GeneratedDocument.State.DONE, clock.now()
        doc.save()
        record(doc.requested_by, "document.generated", doc, unit=doc.unit,
               data={"kind": doc.kind, "digest": doc.digest, "data_version": version, "size": doc.size})
    return doc.state
