"""A submitted case exercise and its grading: the "grade" step of the submission use case.

``app.exercises.service.submit`` grades with ``grade_attempt`` or checks a plan with
``plan_version``, records the outcome and refreshes the module progress it feeds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from app.accounts.viewer import Viewer
from app.calculations import queries as calc_queries
from app.calculations.models import Calculation
from app.cohorts.context import WorkContext
from app.content import Catalog
from app.content.anonymise import scan, unreviewed, warning_message
from app.content.cases import Case
from app.content.kinds import case_exercise_id
from app.errors import NotFound
from app.exercises import case_grading
from app.exercises.answers import FormValues, text, texts, triangle_answers
from app.exercises.grading import (
    AnswerError,
    KassabonFigures,
    KassabonGrade,
    Scored,
    figures_from_receipt,
)
from app.exercises.plan import PLAN_KEYS, check_plan
from app.numbers import whole_number
from app.settings import Settings


@dataclass(frozen=True)
class Submission:
    """One posted exercise form of the viewer, its values cleaned (``answers.form_values``)."""

    session: Session
    catalog: Catalog
    settings: Settings
    viewer: Viewer
    work: WorkContext  # where the answer is kept: the viewer's organisation and cohort
    case: Case
    kind: str
    values: FormValues

    @property
    def exercise_id(self) -> str:
        return case_exercise_id(self.case.id, self.kind)


@dataclass(frozen=True)
class Graded:
    grade: Scored
    answers: dict[str, object]
    warning: str = ""


@dataclass(frozen=True)
class PlanVersion:
    """A checked plan submission, ready to be stored as a new version."""

    fields: dict[str, str]
    calculation_id: int
    kassabon: dict[str, object]
    warning: str


def privacy_warning(settings: Settings, case: Case, texts_: list[str]) -> str:
    """The anonymisation gate over free text; the case's own fictional names are fine."""
    reviewed = [hit.text for hit in case.anonymisation.reviewed]
    reviewed += [member.name for member in case.household if member.name]
    hits = [hit for value in texts_ for hit in scan(value, names=settings.content_check_names)]
    return warning_message(unreviewed(hits, reviewed))


def _calculation_id(values: FormValues, *, required: bool) -> int | None:
    raw = text(values, "calculation_id")
    if not raw and not required:
        return None
    number = whole_number(raw)
    if number is None:
        raise AnswerError("Kies een van je opgeslagen berekeningen.")
    return number


def _own_calculation(sub: Submission, calculation_id: int) -> Calculation:
    try:
        return calc_queries.own_calculation(sub.session, sub.viewer, calculation_id)
    except NotFound:
        raise AnswerError("Kies een van je eigen opgeslagen berekeningen.") from None


def _kassabon_answers(
    calculation: Calculation, figures: KassabonFigures, grade: KassabonGrade
) -> dict[str, object]:
    failures = [] if grade.difference_ok else ["difference"]
    failures += [f"payer:{p.payer}" for p in grade.payers if not p.ok]
    return {
        "calculation_id": calculation.id,
        "calculation_title": calculation.title,
        "calculation_case": calculation.case_id,
        "price_list_version": calculation.price_list_version,
        "difference": str(figures.difference),
        "payers": {payer: str(delta) for payer, delta in figures.payers.items()},
        "failures": failures,
    }


def grade_attempt(sub: Submission) -> Graded:
    """Grade a bottleneck, legal-basis, kassabon or triangle answer; AnswerError if unusable."""
    case, values = sub.case, sub.values
    if sub.kind == "bottleneck":
        choice = text(values, "choice")
        return Graded(case_grading.bottleneck(case, choice), {"choice": choice})
    if sub.kind == "legal_basis":
        chosen = sorted(set(texts(values, "article")))
        return Graded(case_grading.legal_basis(sub.catalog, case, chosen), {"chosen": chosen})
    if sub.kind == "kassabon":
        calculation = _own_calculation(sub, _calculation_id(values, required=True) or 0)
        figures = figures_from_receipt(calculation.receipt)
        kassabon = case_grading.kassabon(sub.catalog, case, figures)
        return Graded(kassabon, _kassabon_answers(calculation, figures, kassabon))
    arguments, judgments = triangle_answers(values)
    grade = case_grading.value_triangle(sub.catalog, case, arguments, judgments)
    warning = privacy_warning(sub.settings, case, list(arguments.values()))
    answers: dict[str, Any] = {"arguments": arguments, "judgments": judgments, "warning": warning}
    return Graded(grade, answers, warning)


def plan_version(sub: Submission) -> PlanVersion:
    """The plan fields checked, with a snapshot of the viewer's own chosen calculation."""
    fields = {key: text(sub.values, key) for key in PLAN_KEYS}
    calculation_id = _calculation_id(sub.values, required=False)
    check_plan(fields, calculation_id)
    calculation = _own_calculation(sub, calculation_id or 0)
    assert calculation.id is not None
    snapshot: dict[str, object] = {
        "title": calculation.title,
        "case_id": calculation.case_id,
        "price_list_version": calculation.price_list_version,
        "receipt": calculation.receipt,
    }
    warning = privacy_warning(sub.settings, sub.case, list(fields.values()))
    return PlanVersion(fields, calculation.id, snapshot, warning)
