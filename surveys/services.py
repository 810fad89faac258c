"""Building a survey and recording answers: each in one transaction; a survey's creation is audited (answers are
anonymous and counted, not audited one by one)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from audit.models import record
from gate.text import problem
from kieumau import clock
from kieumau.posted import Refused
from kieumau.posted import text as _text

from .models import Answer, Question, Response, Survey, SurveyWard

MAX_QUESTIONS = 20


@dataclass
class QuestionDraft:
    kind: str
    text: str
    choices: list
    required: bool = True


def parse_choices(typed: str) -> list[str]:
    return [c.strip() for c in (typed or "").replace("\n", ";").split(";") if c.strip()]


@transaction.atomic
def create(province, user, *, title: str, intro: str, starts_on: dt.date | None, ends_on: dt.date | None, wards: list,
           questions: list[QuestionDraft]) -> Survey:
    title = _text(title, "tên khảo sát", limit=200)
    if starts_on is None or ends_on is None:
        raise Refused("Hãy nhập ngày mở và ngày kết thúc khảo sát.")
    if ends_on < starts_on:
        raise Refused("Ngày kết thúc khảo sát phải từ ngày mở trở đi.")
    if not wards:
        raise Refused("Hãy chọn ít nhất một phường tham gia khảo sát.")
    if not questions:
        raise Refused("Hãy nhập ít nhất một câu hỏi.")
    if len(questions) > MAX_QUESTIONS:
        raise Refused(f"Một khảo sát có tối đa {MAX_QUESTIONS} câu hỏi.")
    for i, q in enumerate(questions, 1):
        if q.kind not in Question.Kind.values:
            raise Refused(f"Câu {i}: hãy chọn loại câu hỏi.")
        _text(q.text, f"nội dung câu {i}", limit=300)
        if q.kind == Question.Kind.CHOICE and len(q.choices) < 2:
            raise Refused(f"Câu {i}: câu hỏi lựa chọn cần ít nhất hai phương án, cách nhau bằng dấu chấm phẩy.")
        if any(len(c) > 200 for c in q.choices):
            raise Refused(f"Câu {i}: mỗi phương án dài tối đa 200 ký tự.")
    survey = Survey.objects.create(province=province, title=title, intro=_text(intro, "lời giới thiệu", required=False, limit=2000),
                                   starts_on=starts_on, ends_on=ends_on, created_by=user)
    for i, q in enumerate(questions):
        Question.objects.create(survey=survey, position=i, kind=q.kind, text=q.text.strip(),
                                choices=q.choices if q.kind == Question.Kind.CHOICE else [], required=q.required)
    SurveyWard.objects.bulk_create(SurveyWard(survey=survey, unit=w) for w in wards)
    record(user, "survey.created", survey, unit=province, data={"wards": len(wards), "questions": len(questions),
                                                                "from": str(starts_on), "to": str(ends_on)})
    return survey


def read_answers(survey: Survey, data) -> tuple[dict, dict]:
    """(question id → (rating, choice, text), errors by question id) from a posted form."""
    out, errors = {}, {}
    for q in survey.questions.all():
        raw = (data.get(f"q{q.pk}") or "").strip()
        if not raw:
            if q.required:
                errors[q.pk] = "Hãy trả lời câu này."
            continue
        if q.kind == Question.Kind.RATING:
            if raw not in {"1", "2", "3", "4", "5"}:
                errors[q.pk] = "Hãy chọn mức từ 1 đến 5."
            else:
                out[q.pk] = (int(raw), "", "")
        elif q.kind == Question.Kind.CHOICE:
            if raw not in q.choices:
                errors[q.pk] = "Hãy chọn một trong các phương án."
            else:
                out[q.pk] = (None, raw, "")
        else:
            if len(raw) > 2000:
                errors[q.pk] = "Ý kiến dài quá 2000 ký tự."
            elif why := problem(raw, "Ý kiến"):
                errors[q.pk] = why
            else:
                out[q.pk] = (None, "", raw)
    return out, errors


@transaction.atomic
def answer(ward: SurveyWard, device: str, answers: dict) -> Response:
    if not ward.survey.is_open_on(clock.today()):
        raise Refused("Khảo sát này không mở vào hôm nay.")
    try:
        with transaction.atomic():
            response = Response.objects.create(ward=ward, device=device)
    except IntegrityError:
        raise Refused("Thiết bị này đã trả lời khảo sát của phường. Cảm ơn bạn!") from None
    Answer.objects.bulk_create(Answer(response=response, question_id=qid, rating=r, choice=c, text=t)
                               for qid, (r, c, t) in answers.items())
    return response
