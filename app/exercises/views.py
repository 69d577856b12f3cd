"""What the case-exercise pages show, per kind: read from the catalog and the trainee's own rows.

No web imports: the route module turns these dicts into pages and fragments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from app.accounts.viewer import Viewer
from app.calculations import queries as calc_queries
from app.calculations.formatting import ROLE_LABELS, euro
from app.calculator import PAYER_LABELS
from app.content import Catalog
from app.content.cases import Case
from app.content.kinds import (
    CASE_KINDS,
    SLUGS,
    STATUS_LABELS,
    TITLES,
    case_exercise_id,
    exercise_path,
    exercise_status,
)
from app.content.models import Module
from app.exercises import queries
from app.exercises.answers import FormValues, values_from_answers, values_from_plan
from app.exercises.attempt_policy import LEGAL_BASIS_ATTEMPTS, attempt_state, counts
from app.exercises.case_grading import regrade
from app.exercises.grading import COUNTING, COUNTING_TEXT, LEGAL_BASIS_PASS, TRIANGLE_ASPECTS
from app.exercises.models import Attempt
from app.exercises.plan import (
    DECISION_LABELS,
    LEVEL_LABELS,
    PLAN_FIELDS,
    PLAN_RUBRIC,
    TRIANGLE_RUBRIC,
)
from app.exercises.reference import legal_basis_options

ASPECT_LABELS = {
    "legitimacy": "Legitimiteit",
    "engagement": "Betrokkenheid",
    "return": "Rendement",
}
ASPECT_HINTS = {
    "legitimacy": "Is de doorbraak rechtmatig en te verantwoorden? Op welke grond?",
    "engagement": "Wat wil het huishouden zelf, en hoe doet het mee?",
    "return": "Wat kost doorbreken tegenover doormodderen, en wie betaalt of bespaart?",
}
JUDGMENT_LABELS = {"ja": "ja, beter", "nee": "nee, niet beter", "gelijk": "even goed"}
LEGAL_BASIS_COUNTING = (
    f"Je hebt {LEGAL_BASIS_ATTEMPTS} pogingen; je beste poging telt. Daarna telt een poging niet "
    "meer mee."
)
PLAN_STATUS_LABELS = {
    "": "nog niet ingediend",
    "draft": "concept, nog niet ingediend",
    "submitted": "ingediend, wacht op beoordeling",
    "returned": "terug voor verbetering",
    "approved": "goedgekeurd",
}
VERDICT_LABELS = {
    "right": "goed gekozen",
    "missed": "gemist",
    "wrong": "niet juist gekozen",
    "skipped": "terecht niet gekozen",
}


@dataclass(frozen=True)
class CalculationRow:
    id: int
    title: str
    case_id: str | None
    updated_at: datetime
    difference: str


def own_calculation_rows(session: Session, viewer: Viewer) -> list[CalculationRow]:
    rows = []
    for calc in calc_queries.own_calculations(session, viewer):
        difference = calc.receipt.get("difference") if calc.receipt else None
        central = difference.get("central") if isinstance(difference, dict) else None
        rows.append(
            CalculationRow(
                calc.id or 0,
                calc.title,
                calc.case_id,
                calc.updated_at,
                euro(central) if central is not None else "geen kassabon",
            )
        )
    return rows


def labels() -> dict[str, Any]:
    """Dutch labels every exercise template may use."""
    return {
        "kind_titles": TITLES,
        "aspect_labels": ASPECT_LABELS,
        "aspect_hints": ASPECT_HINTS,
        "judgment_labels": JUDGMENT_LABELS,
        "plan_status_labels": PLAN_STATUS_LABELS,
        "verdict_labels": VERDICT_LABELS,
        "payer_role_labels": ROLE_LABELS,
        "payer_labels": PAYER_LABELS,
        "rubric_level_labels": LEVEL_LABELS,
        "decision_labels": DECISION_LABELS,
        "plan_fields": PLAN_FIELDS,
        "plan_rubric": PLAN_RUBRIC,
        "plan_rubric_by_field": {c.field: c for c in PLAN_RUBRIC},
        "triangle_rubric": TRIANGLE_RUBRIC,
        "aspects": TRIANGLE_ASPECTS,
        "euro": euro,
        "slugs": SLUGS,
    }


def base_context(case: Case, kind: str) -> dict[str, Any]:
    return {
        "case": case,
        "kind": kind,
        "exercise_id": case_exercise_id(case.id, kind),
        "action": exercise_path(case.id, kind),
        "counting": LEGAL_BASIS_COUNTING
        if kind == "legal_basis"
        else COUNTING_TEXT[COUNTING[kind]],
        "pass_percent": int(LEGAL_BASIS_PASS * 100),
        **labels(),
    }


def kind_context(
    session: Session, catalog: Catalog, viewer: Viewer, case: Case, kind: str
) -> dict[str, Any]:
    """The extras one kind's template needs (options, calculations, the plan's history)."""
    if kind == "legal_basis":
        options = legal_basis_options(catalog, case)
        return {"options": options, "breakthrough": case.scenarios.breakthroughs[0]}
    if kind in ("kassabon", "plan"):
        extra: dict[str, Any] = {"calculations": own_calculation_rows(session, viewer)}
        if kind == "plan":
            extra |= plan_context(session, viewer, case)
        else:
            extra["tolerance"] = case.kassabon_exercise.tolerance_euros
        return extra
    if kind == "value_triangle":
        return {"breakthrough": case.scenarios.breakthroughs[0]}
    return {"titles": {p.id: p.title for p in case.problems}}


def attempt_context(
    session: Session, catalog: Catalog, viewer: Viewer, case: Case, kind: str
) -> dict[str, Any]:
    """The trainee's attempts in the organisation they act in (oldest first), the latest one's
    feedback and its review."""
    exercise_id = case_exercise_id(case.id, kind)
    attempts = queries.attempts_for(
        session, viewer.user_id, exercise_id, organisation_id=viewer.organisation_id
    )
    latest: Attempt | None = attempts[-1] if attempts else None
    grade = regrade(catalog, case, kind, latest.answers) if latest else None
    review = None
    if latest is not None and latest.id is not None and kind == "value_triangle":
        review = queries.reviews_by_attempt(session, [latest.id]).get(latest.id)
    context: dict[str, Any] = {
        "attempts": attempts,
        "latest": latest,
        "grade": grade,
        "review": review,
    }
    if kind == "legal_basis":
        counted = [a.passed for a in attempts if counts(a.answers)]
        context["policy"] = attempt_state(counted, LEGAL_BASIS_ATTEMPTS)
        context["practice"] = latest is not None and not counts(latest.answers)
    return context


def plan_context(session: Session, viewer: Viewer, case: Case) -> dict[str, Any]:
    plan = queries.plan_for(
        session, viewer.user_id, case.id, organisation_id=viewer.organisation_id
    )
    versions = queries.plan_versions(session, plan.id) if plan and plan.id else []
    reviews = queries.reviews_by_version(session, [v.id for v in versions if v.id])
    latest = versions[-1] if versions else None
    return {
        "plan": plan,
        "versions": versions,
        "reviews": reviews,
        "latest_version": latest,
        "latest_review": reviews.get(latest.id) if latest and latest.id else None,
        "editable": plan is None or plan.status == "returned",
    }


def saved_values(
    session: Session, viewer: Viewer, case: Case, kind: str
) -> tuple[FormValues, FormValues | None, datetime | None]:
    """(values the form shows, the submitted baseline, when the draft was saved).

    A draft wins over what was submitted last; the baseline is what was submitted last."""
    exercise_id = case_exercise_id(case.id, kind)
    user_id, organisation_id = viewer.user_id, viewer.organisation_id
    baseline: FormValues | None = None
    if kind == "plan":
        plan = queries.plan_for(session, user_id, case.id, organisation_id=organisation_id)
        versions = queries.plan_versions(session, plan.id) if plan and plan.id else []
        if versions:
            baseline = values_from_plan(versions[-1].fields, versions[-1].calculation_id)
    else:
        latest = queries.latest_attempts(
            session, user_id, [exercise_id], organisation_id=organisation_id
        ).get(exercise_id)
        if latest is not None:
            baseline = values_from_answers(kind, latest.answers)
    draft = queries.draft_for(session, user_id, exercise_id, organisation_id=organisation_id)
    if draft is not None:
        return dict(draft.data), baseline, draft.updated_at
    return dict(baseline or {}), baseline, None


@dataclass(frozen=True)
class CaseExerciseState:
    """One case exercise a module asks for, with the trainee's state in words."""

    case_id: str
    case_title: str
    kind: str
    title: str
    href: str
    state: str
    done: bool


def module_case_exercises(
    session: Session, catalog: Catalog, viewer: Viewer, module: Module
) -> list[CaseExerciseState]:
    ids = [case_exercise_id(ce.case, ce.kind) for ce in module.case_exercises]
    states = queries.own_attempt_states(session, viewer, ids)
    drafts = queries.own_draft_ids(session, viewer, ids)
    plans = {p.case_id: p.status for p in queries.own_plans(session, viewer)}
    result = []
    for ce, exercise_id in zip(module.case_exercises, ids, strict=True):
        attempted, passed = states.get(exercise_id, (False, False))
        if ce.kind == "plan":
            status = plans.get(ce.case, "draft" if exercise_id in drafts else "")
            state, done = PLAN_STATUS_LABELS[status], status == "approved"
        elif passed:
            state, done = "gehaald", True
        elif attempted:
            state, done = "gemaakt, nog niet gehaald", False
        else:
            state = "concept bewaard" if exercise_id in drafts else "nog niet gemaakt"
            done = False
        case = catalog.case(ce.case)
        result.append(
            CaseExerciseState(
                ce.case,
                case.title,
                ce.kind,
                TITLES[ce.kind],
                exercise_path(ce.case, ce.kind),
                state,
                done,
            )
        )
    return result


@dataclass(frozen=True)
class ExerciseLink:
    """One of a case's five exercises with the trainee's status (open | made | passed)."""

    kind: str
    title: str
    href: str
    status: str
    label: str


def case_exercise_links(session: Session, viewer: Viewer, case: Case) -> list[ExerciseLink]:
    """The case's five exercises in course order, with the viewer's status for each (work made
    in the organisation they act in)."""
    return exercise_links_by_case(session, viewer, [case])[case.id]


def exercise_links_by_case(
    session: Session, viewer: Viewer, cases: Sequence[Case]
) -> dict[str, list[ExerciseLink]]:
    """Per case its five exercises with the viewer's status (niet begonnen, gemaakt, gehaald)."""
    ids = [case_exercise_id(c.id, kind) for c in cases for kind in CASE_KINDS]
    states = queries.own_attempt_states(session, viewer, ids)
    plans = {p.case_id: p.status for p in queries.own_plans(session, viewer)}
    result: dict[str, list[ExerciseLink]] = {}
    for case in cases:
        links = result.setdefault(case.id, [])
        for kind in CASE_KINDS:
            attempted, passed = states.get(case_exercise_id(case.id, kind), (False, False))
            status = exercise_status(kind, attempted, passed, plans.get(case.id, ""))
            href = exercise_path(case.id, kind)
            links.append(ExerciseLink(kind, TITLES[kind], href, status, STATUS_LABELS[status]))
    return result
