"""A survey's results per ward: for each question the number of answers, the average rating and its spread, the
count of each choice, the latest free-text answers; and the same over all the wards shown. Three queries whatever the
number of wards (questions, answers, response counts)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from .models import Answer, Question, Response

TEXTS_SHOWN = 10


@dataclass
class QuestionResult:
    question: Question
    n: int = 0
    average: float | None = None
    spread: list = field(default_factory=list)  # (label, count, percent) for the bars
    texts: list = field(default_factory=list)


@dataclass
class WardResult:
    ward: object  # SurveyWard, or None for all the wards together
    responses: int
    questions: list


def _question_result(q: Question, rows: list) -> QuestionResult:
    r = QuestionResult(q, n=len(rows))
    if q.kind == Question.Kind.RATING:
        ratings = [a.rating for a in rows if a.rating]
        counts = Counter(ratings)
        r.average = round(sum(ratings) / len(ratings), 2) if ratings else None
        r.spread = [(str(k), counts[k], round(100 * counts[k] / len(ratings)) if ratings else 0) for k in range(5, 0, -1)]
    elif q.kind == Question.Kind.CHOICE:
        counts = Counter(a.choice for a in rows)
        r.spread = [(c, counts[c], round(100 * counts[c] / len(rows)) if rows else 0) for c in q.choices]
    else:
        r.texts = [a.text for a in sorted(rows, key=lambda a: -a.pk)[:TEXTS_SHOWN]]
    return r


def summarize(survey, wards=None) -> tuple[list[WardResult], WardResult | None]:
    """(a result per ward, all of them together — None without wards) for ``wards`` (default: every ward of the survey)."""
    questions = list(survey.questions.all())
    wards = list(wards if wards is not None else survey.wards.select_related("unit").order_by("unit__name"))
    by = defaultdict(list)
    for a in Answer.objects.filter(response__ward__in=wards).values_list("pk", "question_id", "rating", "choice", "text",
                                                                      "response__ward_id", named=True):
        by[(a.response__ward_id, a.question_id)].append(a)
    responses = dict(Response.objects.filter(ward__in=wards).values("ward_id").annotate(n=Count("pk")).values_list("ward_id", "n"))
    per_ward = [WardResult(w, responses.get(w.pk, 0), [_question_result(q, by[(w.pk, q.pk)]) for q in questions]) for w in wards]
    if not wards:
        return per_ward, None
    together = WardResult(None, sum(responses.values()),
                          [_question_result(q, [a for w in wards for a in by[(w.pk, q.pk)]]) for q in questions])
    return per_ward, together
