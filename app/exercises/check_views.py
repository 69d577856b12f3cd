"""What a knowledge-check question shows a trainee: the feedback of their latest attempt, where
they stand with the attempt policy, and the order of the options for the attempt at hand.

No web imports: the module routes put these into the question template."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from app.accounts.viewer import Viewer
from app.content.models import Exercise
from app.exercises import queries
from app.exercises.attempt_policy import AttemptState, attempt_state, counts, option_order
from app.exercises.grading import AnswerError, Grade, grade_knowledge_check
from app.exercises.models import Attempt


@dataclass(frozen=True)
class QuestionView:
    grade: Grade | None  # the latest attempt's feedback (None: not answered yet)
    state: AttemptState
    order: tuple[int, ...]  # option indices in the order this attempt shows them
    practice: bool  # the latest answer came after the question closed and did not count


def regrade(question: Exercise, answers: dict[str, object]) -> Grade | None:
    chosen = answers.get("chosen")
    if not isinstance(chosen, list):
        return None
    try:
        return grade_knowledge_check(question, [int(i) for i in chosen])
    except (AnswerError, ValueError):
        return None  # the content changed since this attempt


def view_from_attempts(
    user_id: int, question: Exercise, attempts: Sequence[Attempt]
) -> QuestionView:
    state = attempt_state([a.passed for a in attempts if counts(a.answers)], question.attempts)
    grade = regrade(question, attempts[-1].answers) if attempts else None
    order = option_order(user_id, question.id, state.shown_attempt, len(question.options))
    return QuestionView(grade, state, order, bool(attempts) and not counts(attempts[-1].answers))


def question_views(
    session: Session, viewer: Viewer, questions: Sequence[Exercise]
) -> dict[str, QuestionView]:
    """One view per question, from the viewer's attempts in the organisation they act in."""
    rows = queries.attempts_for_many(
        session, viewer.user_id, [q.id for q in questions], organisation_id=viewer.organisation_id
    )
    return {q.id: view_from_attempts(viewer.user_id, q, rows.get(q.id, [])) for q in questions}
