"""Item analysis per cohort (pure): for every question, from the trainees' first attempts, the
share answered correctly and the most-chosen wrong answer, so a trainer knows what to discuss.

First attempts only: later attempts follow the feedback and say little about understanding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.calculator import PAYER_LABELS
from app.content import Catalog
from app.content.kinds import CASE_KINDS, TITLES
from app.exercises.reference import legal_basis_options

JUDGMENT_TEXT = {"ja": "ja, beter", "nee": "nee, niet beter", "gelijk": "even goed"}


@dataclass(frozen=True)
class FirstAttempt:
    exercise_id: str
    kind: str
    case_id: str | None
    answers: Mapping[str, object]
    passed: bool


@dataclass(frozen=True)
class ItemRow:
    exercise_id: str
    group: str  # "Module 3" or "Casus c9"
    label: str  # the question, or the kind of case exercise
    attempts: int
    correct: int
    wrong_answer: str  # "" when nobody chose a wrong answer
    wrong_count: int

    @property
    def share_correct(self) -> float:
        return self.correct / self.attempts if self.attempts else 0.0

    @property
    def percent_correct(self) -> int:
        return round(self.share_correct * 100)


def _wrong_knowledge(
    catalog: Catalog, exercise_id: str, answers: Mapping[str, object]
) -> list[str]:
    _, question = catalog.exercise(exercise_id)
    chosen = answers.get("chosen", [])
    picks = [int(i) for i in chosen if str(i).isdigit()] if isinstance(chosen, list) else []
    return [
        question.options[i].text
        for i in picks
        if 0 <= i < len(question.options) and not question.options[i].correct
    ]


def _wrong_case(catalog: Catalog, attempt: FirstAttempt) -> list[str]:
    case = catalog.case(attempt.case_id or "")
    answers = attempt.answers
    if attempt.kind == "bottleneck":
        choice = str(answers.get("choice", ""))
        return [case.problem(choice).title] if not attempt.passed and choice else []
    if attempt.kind == "legal_basis":
        wrong = {o.article: o.label for o in legal_basis_options(catalog, case) if not o.correct}
        chosen = answers.get("chosen", [])
        return [wrong[a] for a in chosen if a in wrong] if isinstance(chosen, list) else []
    if attempt.kind == "kassabon":
        failures = answers.get("failures", [])
        return [_failure_text(str(f)) for f in failures] if isinstance(failures, list) else []
    if attempt.kind == "value_triangle" and not attempt.passed:
        judgments = answers.get("judgments", {})
        given = judgments.get("return", "") if isinstance(judgments, dict) else ""
        return [f"rendement: {JUDGMENT_TEXT.get(str(given), str(given))}"]
    return []


def _failure_text(code: str) -> str:
    if code == "difference":
        return "maatschappelijk verschil buiten de marge"
    payer = code.removeprefix("payer:")
    return f"richting bij {PAYER_LABELS.get(payer, payer)}"


def _label(catalog: Catalog, attempt: FirstAttempt) -> tuple[tuple[int, int, int], str, str]:
    """(sort key, group, label) of an exercise."""
    if attempt.kind == "knowledge_check":
        module, question = catalog.exercise(attempt.exercise_id)
        index = module.exercises.index(question)
        return (0, module.number, index), f"Module {module.number}", question.question
    case = catalog.case(attempt.case_id or "")
    number = int(case.id.removeprefix("c"))
    key = (1, number, CASE_KINDS.index(attempt.kind))
    return key, f"Casus {case.id}: {case.title}", TITLES[attempt.kind]


def _known(catalog: Catalog, attempt: FirstAttempt) -> bool:
    try:
        if attempt.kind == "knowledge_check":
            catalog.exercise(attempt.exercise_id)
        else:
            catalog.case(attempt.case_id or "")
    except KeyError:
        return False
    return attempt.kind == "knowledge_check" or attempt.kind in CASE_KINDS


def analyse(catalog: Catalog, attempts: Iterable[FirstAttempt]) -> list[ItemRow]:
    """One row per exercise that has at least one first attempt, in course order."""
    grouped: dict[str, list[FirstAttempt]] = {}
    for attempt in attempts:
        if attempt.kind != "plan" and _known(catalog, attempt):
            grouped.setdefault(attempt.exercise_id, []).append(attempt)
    rows: list[tuple[tuple[int, int, int], ItemRow]] = []
    for exercise_id, items in grouped.items():
        key, group, label = _label(catalog, items[0])
        wrong: Counter[str] = Counter()
        for item in items:
            try:
                wrong.update(
                    _wrong_knowledge(catalog, exercise_id, item.answers)
                    if item.kind == "knowledge_check"
                    else _wrong_case(catalog, item)
                )
            except (KeyError, ValueError):
                continue  # an answer the content no longer knows
        top = wrong.most_common(1)
        answer, count = top[0] if top else ("", 0)
        correct = sum(1 for item in items if item.passed)
        rows.append((key, ItemRow(exercise_id, group, label, len(items), correct, answer, count)))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]
