"""State changes of the exercises domain."""

from __future__ import annotations

from sqlmodel import Session

from app.exercises.grading import Grade
from app.exercises.models import Attempt


def record_attempt(
    session: Session,
    *,
    user_id: int,
    exercise_id: str,
    kind: str,
    grade: Grade,
    answers: dict[str, object],
    module_number: int | None = None,
    case_id: str | None = None,
) -> Attempt:
    attempt = Attempt(
        user_id=user_id,
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
