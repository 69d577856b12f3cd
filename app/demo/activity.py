"""Demo activity: realistic attempts of the demo cohort's trainees, so that item analysis shows
real figures and the trainer's review queue holds a doorbraakplan.

Deterministic (a seeded random generator) and idempotent: a trainee who already has attempts is
left alone, and a plan that exists is not submitted again. Call it after ``create_demo``.
"""

from __future__ import annotations

import random

from sqlmodel import Session, select

from app.accounts.models import User
from app.calculations.compute import compute
from app.calculations.service import create_calculation
from app.cohorts.context import WorkContext
from app.cohorts.models import Cohort
from app.content import Catalog
from app.content.kinds import case_exercise_id
from app.content.pricing import comparison_mapping
from app.exercises import case_grading, queries, service
from app.exercises.grading import Grade, grade_knowledge_check
from app.progress.module_service import Changed
from app.settings import Settings

DEMO_COHORT = "Doorbraaklab 2027"
KNOWLEDGE_MODULES = (1, 2, 3, 4)
CASE_ID = "c9"  # the bottleneck exercise of module 4
PLAN_CASE = "c9"  # the plan module 23 asks for


def _cohort_trainees(session: Session) -> tuple[Cohort | None, list[User]]:
    cohort = session.exec(select(Cohort).where(Cohort.name == DEMO_COHORT)).first()
    if cohort is None or cohort.id is None:
        return None, []
    ids = sorted(queries.enrolled_user_ids(session, [cohort.id]))
    return cohort, [user for user in (session.get(User, i) for i in ids) if user is not None]


def _answer(rng: random.Random, options: list[bool], skill: float) -> list[int]:
    """Right with chance ``skill``; otherwise mostly the first wrong option (a shared mistake)."""
    right = [i for i, correct in enumerate(options) if correct]
    wrong = [i for i, correct in enumerate(options) if not correct]
    if rng.random() < skill or not wrong:
        return right
    return [wrong[0]] if rng.random() < 0.7 else [rng.choice(wrong)]


def _knowledge_attempts(
    session: Session, catalog: Catalog, work: WorkContext, rng: random.Random
) -> None:
    for number in KNOWLEDGE_MODULES:
        for index, question in enumerate(catalog.module(number).exercises):
            skill = 0.85 - 0.12 * index  # later questions are harder
            chosen = _answer(rng, [o.correct for o in question.options], skill)
            grade = grade_knowledge_check(question, chosen)
            _record_question(session, work, number, question.id, grade, chosen)
            if not grade.passed:
                right = [i for i, o in enumerate(question.options) if o.correct]
                again = grade_knowledge_check(question, right)
                _record_question(session, work, number, question.id, again, right)


def _record_question(
    session: Session,
    work: WorkContext,
    number: int,
    exercise_id: str,
    grade: Grade,
    chosen: list[int],
) -> None:
    service.record_attempt(
        session,
        context=work,
        exercise_id=exercise_id,
        kind="knowledge_check",
        grade=grade,
        answers={"chosen": sorted(chosen)},
        module_number=number,
    )


def _bottleneck_attempt(
    session: Session, catalog: Catalog, work: WorkContext, rng: random.Random
) -> None:
    case = catalog.case(CASE_ID)
    others = [p.id for p in case.problems if p.id != case.bottleneck]
    roll = rng.random()
    choice = case.bottleneck if roll < 0.55 else (others[1] if roll < 0.85 else rng.choice(others))
    for pick in dict.fromkeys([choice, case.bottleneck]):
        grade = case_grading.bottleneck(case, pick)
        service.record_attempt(
            session,
            context=work,
            exercise_id=case_exercise_id(case.id, "bottleneck"),
            kind="bottleneck",
            grade=grade,
            answers={"choice": pick},
            case_id=case.id,
        )


DEMO_PLAN = {
    "situation": (
        "Een gezin van vier: moeder met een onbehandelde depressie, vader met een gokprobleem en "
        "schulden bij twaalf schuldeisers, twee kinderen die er thuis en op school last van hebben."
    ),
    "bottleneck": (
        "De ggz en de schuldhulp wachten op elkaar. Zolang geen van beide begint, blijven de "
        "depressie, het gokken, de schulden en de huurachterstand bestaan."
    ),
    "breakthrough": (
        "De gezinscoach wordt regisseur en spreekt met ggz, verslavingszorg en schuldhulp een "
        "gelijktijdige start af. Beschermingsbewind neemt post en betalingen over."
    ),
    "legal_basis": (
        "Wgs art. 3: de weigeringsgronden zijn een bevoegdheid, geen plicht. Pw art. 35 voor de "
        "bewindkosten. Awb 4:84 om van een knellende beleidsregel af te wijken."
    ),
    "kassabon": (
        "Doorbreken is over twaalf maanden goedkoper voor alle betalers samen. De zorgverzekeraar "
        "investeert, de gemeente en de verhuurder besparen. De bewindkosten zijn een aanname."
    ),
    "engagement": (
        "Vader wil stoppen met gokken; moeder wil dat de kinderen er geen last meer van hebben. "
        "Beiden stemmen in met bewind, al vinden ze dat een grote stap."
    ),
    "agreements": (
        "Binnen twee weken start alles tegelijk. Na drie maanden bespreekt de regisseur met het "
        "gezin of de beslagen kloppen, de huur weer betaald wordt en de behandelingen lopen."
    ),
}


def _plan(session: Session, catalog: Catalog, work: WorkContext) -> bool:
    found = queries.plan_for(session, work.user_id, PLAN_CASE, organisation_id=work.organisation_id)
    if found is not None:
        return False
    case = catalog.case(PLAN_CASE)
    calculation = create_calculation(
        session,
        context=work,
        title=f"Kassabon {case.title}",
        computed=compute(comparison_mapping(case, 0), catalog.price_list),
        case_id=case.id,
    )
    service.add_plan_version(
        session,
        context=work,
        case_id=case.id,
        fields=dict(DEMO_PLAN),
        calculation_id=calculation.id or 0,
        kassabon={
            "title": calculation.title,
            "case_id": case.id,
            "price_list_version": calculation.price_list_version,
            "receipt": calculation.receipt,
        },
        warning="",
    )
    return True


def seed_demo_activity(session: Session, settings: Settings, catalog: Catalog) -> int:
    """Attempts for the demo cohort's trainees; returns how many trainees got new activity."""
    seeded = 0
    cohort, trainees = _cohort_trainees(session)
    if cohort is None:
        return 0
    for position, user in enumerate(trainees):
        assert user.id is not None
        work = WorkContext(user.id, cohort.organisation_id, cohort.id)
        # One submitted plan waits in the review queue, whatever else the trainee did already.
        planned = position == 0 and _plan(session, catalog, work)
        if queries.latest_attempts(
            session, user.id, _question_ids(catalog), organisation_id=cohort.organisation_id
        ):
            if planned:
                _refresh(session, catalog, settings, user.id)
            continue
        rng = random.Random(f"doorbraakschool-demo-{user.email}")
        _knowledge_attempts(session, catalog, work, rng)
        if position < len(trainees) - 2:  # two trainees have not reached the case exercise yet
            _bottleneck_attempt(session, catalog, work, rng)
        _refresh(session, catalog, settings, user.id)
        seeded += 1
    return seeded


def _question_ids(catalog: Catalog) -> list[str]:
    return [q.id for n in KNOWLEDGE_MODULES for q in catalog.module(n).exercises]


def _refresh(session: Session, catalog: Catalog, settings: Settings, user_id: int) -> None:
    questions = [q.id for n in KNOWLEDGE_MODULES for q in catalog.module(n).exercises]
    changed = Changed(
        exercise_ids=(*questions, case_exercise_id(CASE_ID, "bottleneck")),
        plan_case_ids=(PLAN_CASE,),
    )
    service.refresh(session, catalog, settings.media_dir, user_id, changed)
