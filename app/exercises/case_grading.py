"""The case exercises graded against a case of the course (pure: content in, grade out).

``regrade`` turns a stored attempt back into its feedback, so a page shows the same feedback
after a reload; a kassabon attempt keeps the figures it was graded on in its answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.content import Catalog
from app.content.cases import Case
from app.exercises.answers import text, texts, triangle_answers, values_from_answers
from app.exercises.grading import (
    AnswerError,
    BottleneckGrade,
    KassabonFigures,
    KassabonGrade,
    LegalBasisGrade,
    Scored,
    ValueTriangleGrade,
    figures_from_receipt,
    grade_bottleneck,
    grade_kassabon,
    grade_legal_basis,
    grade_value_triangle,
)
from app.exercises.reference import legal_basis_options, reference_figures


def problem_graph(case: Case) -> dict[str, tuple[str, ...]]:
    return {problem.id: problem.blocks for problem in case.problems}


def bottleneck(case: Case, choice: str) -> BottleneckGrade:
    return grade_bottleneck(problem_graph(case), choice)


def legal_basis(catalog: Catalog, case: Case, chosen: list[str]) -> LegalBasisGrade:
    return grade_legal_basis(legal_basis_options(catalog, case), chosen)


def kassabon(catalog: Catalog, case: Case, figures: KassabonFigures) -> KassabonGrade:
    tolerance = Decimal(case.kassabon_exercise.tolerance_euros)
    return grade_kassabon(reference_figures(catalog, case), figures, tolerance)


def kassabon_from_receipt(
    catalog: Catalog, case: Case, receipt: Mapping[str, Any]
) -> KassabonGrade:
    return kassabon(catalog, case, figures_from_receipt(receipt))


def value_triangle(
    catalog: Catalog, case: Case, arguments: Mapping[str, str], judgments: Mapping[str, str]
) -> ValueTriangleGrade:
    difference = reference_figures(catalog, case).difference
    return grade_value_triangle(difference, arguments, judgments)


def stored_figures(answers: Mapping[str, object]) -> KassabonFigures:
    """The figures a kassabon attempt was graded on, as kept in its answers."""
    payers = answers.get("payers", {})
    try:
        return KassabonFigures(
            Decimal(str(answers.get("difference"))),
            {str(k): Decimal(str(v)) for k, v in payers.items()}
            if isinstance(payers, dict)
            else {},
        )
    except (InvalidOperation, ValueError):
        raise AnswerError("Deze poging heeft geen bruikbare bedragen.") from None


def regrade(
    catalog: Catalog, case: Case, kind: str, answers: Mapping[str, object]
) -> Scored | None:
    """The feedback of a stored attempt, or None when it no longer fits the content."""
    values = values_from_answers(kind, answers)
    try:
        if kind == "bottleneck":
            return bottleneck(case, text(values, "choice"))
        if kind == "legal_basis":
            return legal_basis(catalog, case, texts(values, "article"))
        if kind == "kassabon":
            return kassabon(catalog, case, stored_figures(answers))
        if kind == "value_triangle":
            arguments, judgments = triangle_answers(values)
            return value_triangle(catalog, case, arguments, judgments)
    except AnswerError:
        return None
    return None
