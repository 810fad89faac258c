"""The data every hostile request is sent against: the demo (demo.loader.run: real ward lists, users of every role,
assessments in every state of the workflow, programs, reports, meetings, visits, cases, surveys, registers), plus
the few rows the demo has no example of (a reason for missing evidence, a pending workbook upload, an API token, an
open action item). Objects are looked up by what they are, never by id.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau import clock

PASSWORD = "KieuMau@2026"  # demo.loader.DEMO_PASSWORD


def build(cls) -> None:
    """Load the demo and set the objects the endpoint table uses as attributes of ``cls``."""
    from agencies.models import Body, Program
    from agencies.succession import Graph
    from api import tokens
    from assessments.models import Assessment, EvidenceReason, Recognition
    from demo.loader import run
    from difficulties.models import Difficulty
    from emulation.models import MassModel, Reward
    from feedback.models import Case, Category
    from meetings import access as meeting_access
    from meetings import expected as E
    from meetings import services as meeting_services
    from meetings.models import ActionItem, Meeting
    from reporting import access as report_access
    from reporting import board as boards
    from resources.models import BudgetLine, Training
    from resources import registers
    from roadmaps.models import PlanAdjustment
    from roadmaps.services import plan_in_force
    from supervision.models import Finding, Visit
    from surveys.models import SurveyWard
    from units.models import Level, Unit

    run(log=lambda *a: None)
    User = get_user_model()
    today = clock.today()
    cls.users = {u.username: u for u in User.objects.all()}
    cls.kh = Unit.objects.get(level=Level.PROVINCE, code="56", valid_until__isnull=True)

    def ward(name):
        return Unit.objects.get(level=Level.COMMUNE, name=name, valid_until__isnull=True, path__startswith=cls.kh.path)

    cls.nt = ward("Phường Nha Trang")
    cls.a_draft = Assessment.objects.get(unit=cls.nt, year=2026)  # draft, criteria version 2 (evidence required)
    cls.a_submitted = Assessment.objects.get(unit=ward("Phường Ba Ngòi"), year=2025)
    cls.a_verified = Assessment.objects.get(unit=ward("Phường Tây Nha Trang"), year=2025)
    cls.a_appraised = Assessment.objects.get(unit=ward("Phường Cam Ranh"), year=2025)
    assert (cls.a_draft.status, cls.a_submitted.status, cls.a_verified.status, cls.a_appraised.status) == (
        "draft", "submitted", "verified", "appraised")
    criterion = cls.a_submitted.framework.criteria.order_by("code").first()
    cls.reason = EvidenceReason.objects.create(assessment=cls.a_submitted, criterion=criterion, document="Quyết định thành lập",
                                               reason="Chưa tìm được bản gốc.", given_by=cls.users["truong.bangoi"])
    cls.recognition = Recognition.objects.get(unit=cls.nt, year=2025)
    cls.plan = plan_in_force(cls.kh)
    cls.adjustment = PlanAdjustment.objects.filter(state=PlanAdjustment.State.PROPOSED,
                                                   plan__in=[cls.plan, *cls.plan.history()]).first()
    assert cls.adjustment is not None

    # coordination: the Khánh Hòa program, a body's reporter and the report their body writes now
    cls.program = Program.objects.get(code="kh-2023")
    cls.reporter = cls.users["baocao.tinhdoan.khanhhoa"]
    cls.body = Body.objects.get(pk=next(iter(report_access.reporter_bodies(cls.reporter))))
    graph = Graph.load()
    cls.period, cls.row = None, None
    for p in reversed(boards.periods_until(cls.program, today, upcoming=1)):
        if not p.is_open(today):
            continue
        row = next((r for r in boards.board(cls.program, p, today, graph).rows if r.writer.pk == cls.body.pk
                    and not (r.report and r.report.locked)), None)
        if row is not None:
            cls.period, cls.row = p, row
            break
    assert cls.row is not None and cls.row.tasks
    cls.difficulty = Difficulty.objects.filter(program=cls.program, state__in=Difficulty.OPEN_STATES).order_by("pk").first()
    cls.difficulty_source = f"b-{cls.body.pk}-{cls.program.pk}"

    # meetings: one to schedule, one scheduled (to record), one held with an open action item
    staff = cls.users["pv01.khanhhoa"]
    taken = set(Meeting.objects.filter(program=cls.program).values_list("level", "unit_id", "slot"))
    slot = next(e for e in E.schedulable(cls.program, today) if e.key not in taken
                and meeting_access.writes(staff, cls.program, e.level, e.unit))
    cls.slot_key = f"{slot.level}|{slot.unit.pk}|{slot.slot.code}"
    cls.meeting_scheduled = Meeting.objects.filter(program=cls.program, state=Meeting.State.SCHEDULED).order_by("pk").first()
    cls.meeting_held = Meeting.objects.filter(program=cls.program, state=Meeting.State.HELD, scheduled_on__year=today.year
                                              ).order_by("-scheduled_on", "pk").first()
    assert cls.meeting_scheduled and cls.meeting_held
    cls.action_item = meeting_services.add_action(cls.meeting_held, staff, text="Rà soát camera an ninh.", owner="Công an phường",
                                                  due=today + dt.timedelta(days=30))
    assert ActionItem.objects.filter(pk=cls.action_item.pk).exists()

    cls.visit = Visit.objects.filter(program=cls.program).order_by("pk").first()
    cls.finding = Finding.objects.filter(visit=cls.visit).exclude(state=Finding.State.CLOSED).order_by("pk").first()

    # citizens' feedback: a case just received (to handle), an answered one (to rate), the categories
    cls.case_open = Case.objects.filter(unit=cls.nt, status=Case.Status.RECEIVED).order_by("pk").first()
    cls.case_answered = Case.objects.filter(status=Case.Status.ANSWERED, rated_at__isnull=True).order_by("pk").first()
    cls.category = Category.objects.filter(active=True).order_by("pk").first()
    cls.survey_ward = SurveyWard.objects.filter(unit=cls.nt, survey__starts_on__lte=today, survey__ends_on__gte=today).first()
    assert cls.case_open and cls.case_answered and cls.survey_ward

    # registers and the movement
    cls.budget_line = BudgetLine.objects.filter(unit=cls.nt).order_by("pk").first()
    cls.province_line = BudgetLine.objects.create(unit=cls.kh, year=today.year, source="cong-an-tinh", purpose="Mua sắm trang bị",
                                                  planned=100, disbursed=50)
    cls.training = Training.objects.filter(unit=cls.nt).order_by("pk").first()
    cls.items = [i.pk for i in registers.items_for(cls.nt)][:3]
    cls.model = MassModel.objects.filter(unit=cls.nt).order_by("pk").first()
    cls.reward = Reward.objects.filter(state=Reward.State.PROPOSED, unit__path__startswith=cls.kh.path).order_by("pk").first()
    assert cls.budget_line and cls.training and cls.items and cls.model and cls.reward

    # a token to revoke, a pending workbook upload (to confirm or cancel)
    cls.token, _secret = tokens.create(staff, "Hệ thống báo cáo", 30)
    cls.pending, cls.workbook = _pending_upload(cls, staff)


def _pending_upload(cls, staff):
    """The province's template for the current year with one figure changed, uploaded: a PendingImport."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse
    from openpyxl import load_workbook

    from assessments import derived
    from frameworks import registry
    from workbooks import layout
    from workbooks.models import PendingImport

    client = Client()
    login(client, staff)
    year = clock.today().year
    data = client.get(reverse("workbook_template", args=[cls.kh.pk, year])).content
    book = load_workbook(BytesIO(data))
    sheet = book["Dữ liệu"]
    columns = {str(c.value): c.column_letter for c in sheet[layout.CODE_ROW] if c.value}
    row = next(r[0].row for r in sheet.iter_rows(min_row=layout.FIRST_ROW) if r[0].value == cls.nt.pk)
    fw = registry.compiled(cls.a_draft.framework)
    provided = derived.provided_for(cls.nt, year, fw)
    cell = next(sheet[f"{columns[c]}{row}"] for c, i in fw.indicators.items() if i.type == "int" and c not in provided
                and c in columns and isinstance(sheet[f"{columns[c]}{row}"].value, int) and sheet[f"{columns[c]}{row}"].value > 0)
    cell.value -= 1  # a count lowered by one (a smaller part never exceeds its total)
    out = BytesIO()
    book.save(out)
    workbook = out.getvalue()
    response = client.post(reverse("workbook_upload", args=[cls.kh.pk, year]), {"tep": SimpleUploadedFile("so-lieu.xlsx", workbook)})
    assert response.status_code == 302, response.content[-3000:]
    return PendingImport.objects.get(owner=staff, status=PendingImport.Status.PENDING), workbook


def login(client, user) -> None:
    """Log ``user`` in; one with an authenticator gets a session that entered its code (as after /xac-thuc/)."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
