"""State changes of the exercises domain: attempts, drafts, plan submissions and reviews.

A route calls one use case: ``submit`` (a case exercise or a plan), ``answer_question`` (a
knowledge check), ``autosave`` (a draft) or ``review_plan``. Each is built from the steps below
it: grade (``app.exercises.submission``), record, and ``refresh`` the stored progress of every
module the change feeds. Flush, never commit; submissions and reviews are audited."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.accounts.viewer import Viewer
from app.audit.service import record
from app.cohorts.context import WorkContext
from app.content import Catalog
from app.content.cases import Case
from app.content.kinds import case_exercise_id
from app.content.models import Exercise
from app.db import utcnow
from app.errors import InvalidInput
from app.exercises import queries
from app.exercises.answers import FormValues
from app.exercises.attempt_policy import (
    LEGAL_BASIS_ATTEMPTS,
    PRACTICE,
    attempt_state,
    counts,
)
from app.exercises.grading import Grade, Scored, grade_knowledge_check
from app.exercises.models import (
    Attempt,
    BreakthroughPlan,
    BreakthroughPlanVersion,
    ExerciseDraft,
    Review,
)
from app.exercises.queries import draft_for, plan_for
from app.exercises.submission import Submission, grade_attempt, plan_version
from app.exercises.views import saved_values
from app.progress.module_service import Changed, refresh_progress

DraftData = dict[str, object]


# --- use cases --------------------------------------------------------------------------------


def submit(sub: Submission) -> str:
    """Grade and keep a case exercise, or a new plan version; returns the anonymisation warning.

    Raises AnswerError or InvalidInput (nothing stored) when the answer cannot be used."""
    if sub.kind == "plan":
        version = plan_version(sub)
        add_plan_version(
            sub.session,
            context=sub.work,
            case_id=sub.case.id,
            fields=version.fields,
            calculation_id=version.calculation_id,
            kassabon=version.kassabon,
            warning=version.warning,
        )
        changed = Changed(plan_case_ids=(sub.case.id,))
        warning = version.warning
    else:
        graded = grade_attempt(sub)
        grade, answers = graded.grade, graded.answers
        if sub.kind == "legal_basis" and _closed(sub):
            grade, answers = Practice(grade.score), answers | {PRACTICE: True}
        record_attempt(
            sub.session,
            context=sub.work,
            exercise_id=sub.exercise_id,
            kind=sub.kind,
            grade=grade,
            answers=answers,
            case_id=sub.case.id,
        )
        discard_draft(
            sub.session, sub.work.user_id, sub.exercise_id, organisation_id=sub.work.organisation_id
        )
        changed, warning = Changed(exercise_ids=(sub.exercise_id,)), graded.warning
    refresh(sub.session, sub.catalog, sub.settings.media_dir, sub.viewer.user_id, changed)
    return warning


@dataclass(frozen=True)
class Practice:
    """The grade kept for an answer after the question closed: it never passes."""

    score: float
    passed: bool = False


def _closed(sub: Submission) -> bool:
    """Whether the attempt policy closed this exercise for the author (passed or used up)."""
    earlier = queries.attempts_for(
        sub.session, sub.viewer.user_id, sub.exercise_id, organisation_id=sub.work.organisation_id
    )
    passed = [a.passed for a in earlier if counts(a.answers)]
    return attempt_state(passed, LEGAL_BASIS_ATTEMPTS).closed


def answer_question(
    session: Session,
    catalog: Catalog,
    media_dir: Path,
    *,
    context: WorkContext,
    module_number: int,
    question: Exercise,
    chosen: list[int],
) -> Grade:
    """Grade and keep a knowledge-check answer; AnswerError (nothing stored) when unusable.

    Once the question is closed by the attempt policy (passed, or no attempts left) an answer
    is kept as practice: it never passes and does not count."""
    earlier = queries.attempts_for(
        session, context.user_id, question.id, organisation_id=context.organisation_id
    )
    state = attempt_state([a.passed for a in earlier if counts(a.answers)], question.attempts)
    grade = grade_knowledge_check(question, chosen)
    answers: dict[str, object] = {"chosen": sorted(set(chosen)), "attempt": state.used + 1}
    if state.closed:
        answers = {"chosen": answers["chosen"], PRACTICE: True}
    record_attempt(
        session,
        context=context,
        exercise_id=question.id,
        kind="knowledge_check",
        grade=replace(grade, passed=False) if state.closed else grade,
        answers=answers,
        module_number=module_number,
    )
    refresh(session, catalog, media_dir, context.user_id, Changed(exercise_ids=(question.id,)))
    return grade


def autosave(
    session: Session,
    catalog: Catalog,
    media_dir: Path,
    *,
    viewer: Viewer,
    case: Case,
    kind: str,
    values: FormValues,
) -> ExerciseDraft | None:
    """Keep what the trainee typed (None: equal to what was submitted, no draft kept).

    A plan draft that appears or goes changes the plan status modules show ("draft")."""
    user_id = viewer.user_id
    _, baseline, had_draft = saved_values(session, viewer, case, kind)
    exercise_id = case_exercise_id(case.id, kind)
    draft = save_draft(
        session,
        user_id=user_id,
        organisation_id=viewer.organisation_id,
        exercise_id=exercise_id,
        data=values,
        baseline=baseline,
    )
    if kind == "plan" and (draft is None) != (had_draft is None):
        refresh(session, catalog, media_dir, user_id, Changed(plan_case_ids=(case.id,)))
    return draft


def refresh(
    session: Session, catalog: Catalog, media_dir: Path, user_id: int, changed: Changed
) -> None:
    """The stored progress of every module ``changed`` feeds, read from this domain's rows."""
    refresh_progress(queries, session, catalog, media_dir, user_id, changed)


# --- steps ------------------------------------------------------------------------------------


NO_ORGANISATION = (
    "Je werk wordt bewaard bij de organisatie waarvoor je werkt, en je account hoort nog bij "
    "geen organisatie."
)


def _organisation(context: WorkContext) -> int:
    if context.organisation_id is None:
        raise InvalidInput(NO_ORGANISATION)
    return context.organisation_id


def record_attempt(
    session: Session,
    *,
    context: WorkContext,
    exercise_id: str,
    kind: str,
    grade: Scored,
    answers: dict[str, object],
    module_number: int | None = None,
    case_id: str | None = None,
) -> Attempt:
    """Keep one graded attempt in the context (organisation, cohort) it is made in."""
    attempt = Attempt(
        user_id=context.user_id,
        organisation_id=_organisation(context),
        cohort_id=context.cohort_id,
        exercise_id=exercise_id,
        kind=kind,
        module_number=module_number,
        case_id=case_id,
        answers=answers,
        score=grade.score,
        passed=grade.passed,
    )
    session.add(attempt)
    session.flush()
    return attempt


def save_draft(
    session: Session,
    *,
    user_id: int,
    organisation_id: int | None,
    exercise_id: str,
    data: DraftData,
    baseline: Mapping[str, object] | None = None,
) -> ExerciseDraft | None:
    """Keep what the trainee typed, in the organisation they act in. Equal to what was last
    submitted: no draft is needed."""
    organisation_id = _organisation(WorkContext(user_id, organisation_id, None))
    existing = draft_for(session, user_id, exercise_id, organisation_id=organisation_id)
    if baseline is not None and _same(data, baseline):
        if existing is not None:
            session.delete(existing)
            session.flush()
        return None
    if existing is not None:
        existing.data, existing.updated_at = data, utcnow()
        session.add(existing)
        session.flush()
        return existing
    draft = ExerciseDraft(
        user_id=user_id, organisation_id=organisation_id, exercise_id=exercise_id, data=data
    )
    try:
        with session.begin_nested():
            session.add(draft)
    except IntegrityError:  # a parallel save created it first
        found = draft_for(session, user_id, exercise_id, organisation_id=organisation_id)
        assert found is not None
        found.data, found.updated_at = data, utcnow()
        session.add(found)
        session.flush()
        return found
    return draft


def _same(data: Mapping[str, object], baseline: Mapping[str, object]) -> bool:
    keys = set(data) | set(baseline)
    return all(_norm(data.get(k)) == _norm(baseline.get(k)) for k in keys)


def _norm(value: object) -> object:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return sorted(str(v) for v in value)
    return str(value).strip()


def discard_draft(
    session: Session, user_id: int, exercise_id: str, *, organisation_id: int | None
) -> None:
    draft = draft_for(session, user_id, exercise_id, organisation_id=organisation_id)
    if draft is not None:
        session.delete(draft)
        session.flush()


def add_plan_version(
    session: Session,
    *,
    context: WorkContext,
    case_id: str,
    fields: dict[str, str],
    calculation_id: int,
    kassabon: dict[str, object],
    warning: str,
) -> BreakthroughPlanVersion:
    """A new version of the trainee's plan for this case, waiting for a trainer's review."""
    user_id, organisation_id = context.user_id, _organisation(context)
    plan = plan_for(session, user_id, case_id, organisation_id=organisation_id)
    if plan is not None and plan.status == "submitted":
        raise InvalidInput("Je plan wacht al op beoordeling; je kunt het daarna opnieuw indienen.")
    if plan is not None and plan.status == "approved":
        raise InvalidInput("Je plan is al goedgekeurd.")
    now = utcnow()
    if plan is None:
        plan = BreakthroughPlan(
            user_id=user_id,
            organisation_id=organisation_id,
            cohort_id=context.cohort_id,
            case_id=case_id,
            versions=0,
        )
        try:
            with session.begin_nested():
                session.add(plan)
        except IntegrityError:  # a parallel (double-clicked) submission created it first
            raise InvalidInput("Je plan is al ingediend.") from None
    plan.status, plan.versions, plan.updated_at = "submitted", plan.versions + 1, now
    session.add(plan)
    session.flush()
    assert plan.id is not None
    version = BreakthroughPlanVersion(
        plan_id=plan.id,
        number=plan.versions,
        fields=dict(fields),
        calculation_id=calculation_id,
        kassabon=kassabon,
        warning=warning[:2000],
        submitted_at=now,
    )
    session.add(version)
    session.flush()
    discard_draft(session, user_id, f"{case_id}-plan", organisation_id=organisation_id)
    record(
        session,
        action="plan.submitted",
        actor_id=user_id,
        organisation_id=organisation_id,
        cohort_id=context.cohort_id,
        case_id=case_id,
        plan_id=plan.id,
        version=version.number,
    )
    return version


def review_plan(
    session: Session,
    catalog: Catalog,
    media_dir: Path,
    *,
    plan: BreakthroughPlan,
    version: BreakthroughPlanVersion,
    reviewer_id: int,
    rubric: dict[str, dict[str, str]],
    comment: str,
    decision: str,
) -> Review:
    """The trainer's verdict on the latest version: returned for revision, or approved."""
    if plan.status != "submitted" or version.number != plan.versions:
        raise InvalidInput("Dit plan is al beoordeeld of er is een nieuwere versie.")
    review = Review(
        kind="plan",
        plan_version_id=version.id,
        reviewer_id=reviewer_id,
        rubric=dict(rubric),
        comment=comment.strip(),
        decision=decision,
    )
    session.add(review)
    plan.status, plan.updated_at = decision, utcnow()
    session.add(plan)
    session.flush()
    record(
        session,
        action="plan.reviewed",
        actor_id=reviewer_id,
        organisation_id=plan.organisation_id,
        plan_id=plan.id,
        version=version.number,
        decision=decision,
    )
    refresh(session, catalog, media_dir, plan.user_id, Changed(plan_case_ids=(plan.case_id,)))
    return review


def review_attempt(
    session: Session,
    *,
    attempt: Attempt,
    reviewer_id: int,
    rubric: dict[str, dict[str, str]],
    comment: str,
) -> Review:
    """The trainer's feedback on a value-triangle attempt (the grade itself does not change)."""
    review = Review(
        kind=attempt.kind,
        attempt_id=attempt.id,
        reviewer_id=reviewer_id,
        rubric=dict(rubric),
        comment=comment.strip(),
        decision="feedback",
    )
    session.add(review)
    session.flush()
    record(
        session,
        action="attempt.reviewed",
        actor_id=reviewer_id,
        organisation_id=attempt.organisation_id,
        attempt_id=attempt.id,
    )
    return review
