"""A survey's results per ward: for each question the number of answers, the average rating and its spread, the
count of each choice, the latest free-text answers. A fixed number of queries whatever the number of wards."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .models import Answer, Question, SurveyWard

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
    ward: SurveyWard
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


def for_survey(survey, wards=None) -> list[WardResult]:
    questions = list(survey.questions.all())
    wards = list(wards if wards is not None else survey.wards.select_related("unit").order_by("unit__name"))
    by = defaultdict(list)
    for a in Answer.objects.filter(response__ward__in=wards).select_related("response"):
        by[(a.response.ward_id, a.question_id)].append(a)
    responses = Counter()
    for ward_id in SurveyWard.objects.filter(pk__in=[w.pk for w in wards]).values_list("responses__ward_id", flat=True):
        if ward_id:
            responses[ward_id] += 1
    return [WardResult(w, responses[w.pk], [_question_result(q, by[(w.pk, q.pk)]) for q in questions]) for w in wards]


def overall(survey, ward_results: list[WardResult]) -> WardResult | None:
    """All wards together (the province's line)."""
    if not ward_results:
        return None
    answers = defaultdict(list)
    for a in Answer.objects.filter(response__ward__survey=survey):
        answers[a.question_id].append(a)
    return WardResult(None, sum(w.responses for w in ward_results),
                      [_question_result(q, answers[q.pk]) for q in survey.questions.all()])
