"""Grading of exercises (pure): functions over content objects and answers, no web, no database.

Knowledge check: single choice is right or wrong; multiple choice scores (right picks - wrong
picks) / number of right options, never below 0, and passes only when the picks are exactly right.
Knelpunt: pass when the chosen problem unblocks the most others (reachability in the graph).
Wettelijke grondslag: (right picks - wrong picks) / number of correct articles, floor 0, pass at
0.7. Kassabon: societal difference within the case's tolerance and every payer's direction right.
Waardendriehoek: the rendement judgment must match the kassabon; the arguments go to a trainer.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from app.content.graph import best_bottlenecks, reachable


class OptionLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def correct(self) -> bool: ...
    @property
    def explanation(self) -> str: ...


class QuestionLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def multiple(self) -> bool: ...
    @property
    def options(self) -> Sequence[OptionLike]: ...


@dataclass(frozen=True)
class OptionFeedback:
    index: int
    text: str
    chosen: bool
    correct: bool
    explanation: str

    @property
    def verdict(self) -> str:
        """Dutch word for what happened with this option."""
        if self.chosen and self.correct:
            return "goed gekozen"
        if self.chosen:
            return "jouw keuze"
        return "gemist" if self.correct else ""


@dataclass(frozen=True)
class Grade:
    exercise_id: str
    score: float  # 0.0 .. 1.0
    passed: bool
    options: tuple[OptionFeedback, ...]


class AnswerError(ValueError):
    """The answer does not fit the question (no choice, an unknown option, several for single)."""


def grade_knowledge_check(question: QuestionLike, chosen: Collection[int]) -> Grade:
    picks = set(chosen)
    if not picks:
        raise AnswerError("Kies een antwoord.")
    if any(index < 0 or index >= len(question.options) for index in picks):
        raise AnswerError("Dit antwoord hoort niet bij de vraag.")
    if not question.multiple and len(picks) > 1:
        raise AnswerError("Kies één antwoord.")
    right = {i for i, option in enumerate(question.options) if option.correct}
    if question.multiple:
        score = max(0.0, (len(picks & right) - len(picks - right)) / len(right))
    else:
        score = 1.0 if picks == right else 0.0
    feedback = tuple(
        OptionFeedback(i, option.text, i in picks, option.correct, option.explanation)
        for i, option in enumerate(question.options)
    )
    return Grade(question.id, round(score, 4), picks == right, feedback)


# --------------------------------------------------------------------------------------------
# Which attempt counts. Every attempt is kept; this says which one decides "passed".

BEST, LAST, REVIEW = "best", "last", "review"
COUNTING: dict[str, str] = {
    "knowledge_check": BEST,
    "bottleneck": BEST,
    "legal_basis": BEST,
    "kassabon": LAST,
    "value_triangle": LAST,
    "plan": REVIEW,
}
COUNTING_TEXT: dict[str, str] = {
    BEST: "Je mag zo vaak proberen als je wilt; je beste poging telt.",
    LAST: "Je mag zo vaak proberen als je wilt; je laatste poging telt.",
    REVIEW: "Het laatste oordeel van je trainer telt: goedgekeurd of terug voor verbetering.",
}


class Scored(Protocol):
    """What every grade has: a score from 0 to 1 and whether it passed."""

    @property
    def score(self) -> float: ...
    @property
    def passed(self) -> bool: ...


def counts_as_passed(kind: str, passed_in_order: Sequence[bool]) -> bool:
    """Whether a trainee's attempts (oldest first) pass, by the counting rule of this kind."""
    if not passed_in_order:
        return False
    if COUNTING.get(kind, BEST) == LAST:
        return passed_in_order[-1]
    return any(passed_in_order)


# --------------------------------------------------------------------------------------------
# Knelpunt: the problem whose solution unblocks the most others, read from the problem graph.


@dataclass(frozen=True)
class ChoiceFeedback:
    """What solving one problem would unblock (directly or through others)."""

    problem_id: str
    unblocks: tuple[str, ...]  # in the graph's order
    chosen: bool
    best: bool

    @property
    def count(self) -> int:
        return len(self.unblocks)


@dataclass(frozen=True)
class BottleneckGrade:
    choice: str
    score: float
    passed: bool
    best_count: int
    choices: tuple[ChoiceFeedback, ...]


def grade_bottleneck(graph: Mapping[str, Sequence[str]], choice: str) -> BottleneckGrade:
    """Pass when the chosen problem unblocks as many problems as the best one; the score is the
    chosen problem's count over the best count. Feedback covers every problem of the graph."""
    if not choice:
        raise AnswerError("Kies het probleem dat volgens jou het grootste knelpunt is.")
    if choice not in graph:
        raise AnswerError("Dit probleem hoort niet bij de casus.")
    order = list(graph)
    best_count, best = best_bottlenecks(graph)
    choices = tuple(
        ChoiceFeedback(
            problem_id=node,
            unblocks=tuple(n for n in order if n in reachable(graph, node)),
            chosen=node == choice,
            best=node in best,
        )
        for node in order
    )
    mine = len(reachable(graph, choice))
    score = 1.0 if best_count == 0 else mine / best_count
    return BottleneckGrade(choice, round(score, 4), choice in best, best_count, choices)


# --------------------------------------------------------------------------------------------
# Wettelijke grondslag: partial credit against the case's key.

LEGAL_BASIS_PASS = 0.7


class KeyItemLike(Protocol):
    @property
    def article(self) -> str: ...
    @property
    def correct(self) -> bool: ...
    @property
    def reason(self) -> str: ...


@dataclass(frozen=True)
class ArticleFeedback:
    article: str
    chosen: bool
    correct: bool
    reason: str

    @property
    def verdict(self) -> str:
        """right | missed | wrong | skipped (rightly not chosen)."""
        if self.correct:
            return "right" if self.chosen else "missed"
        return "wrong" if self.chosen else "skipped"


@dataclass(frozen=True)
class LegalBasisGrade:
    score: float
    passed: bool
    right: int
    missed: int
    wrong: int
    articles: tuple[ArticleFeedback, ...]


def grade_legal_basis(options: Sequence[KeyItemLike], chosen: Collection[str]) -> LegalBasisGrade:
    """Score = (right picks - wrong picks) / number of correct articles, never below 0; pass at
    LEGAL_BASIS_PASS or more. Every offered article gets feedback with its reason."""
    picks = set(chosen)
    if not picks:
        raise AnswerError("Kies minstens één artikel.")
    offered = {option.article for option in options}
    if picks - offered:
        raise AnswerError("Dit artikel hoort niet bij de oefening.")
    feedback = tuple(
        ArticleFeedback(o.article, o.article in picks, o.correct, o.reason) for o in options
    )
    right = sum(1 for f in feedback if f.verdict == "right")
    missed = sum(1 for f in feedback if f.verdict == "missed")
    wrong = sum(1 for f in feedback if f.verdict == "wrong")
    total = right + missed
    score = max(0.0, (right - wrong) / total) if total else 0.0
    score = round(score, 4)
    return LegalBasisGrade(score, score >= LEGAL_BASIS_PASS, right, missed, wrong, feedback)


# --------------------------------------------------------------------------------------------
# Kassabon: the societal difference within the tolerance, and every payer's direction right.


@dataclass(frozen=True)
class KassabonFigures:
    """The central figures of a kassabon that the exercise checks."""

    difference: Decimal  # status quo - breakthrough; positive: breaking through saves
    payers: Mapping[str, Decimal]  # payer id -> central delta (status quo - breakthrough)


def _decimal(value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise AnswerError("Deze berekening heeft geen bruikbare kassabon.") from None


def figures_from_receipt(receipt: Mapping[str, Any]) -> KassabonFigures:
    """The figures from a receipt in ``receipt_to_dict`` shape (a saved calculation)."""
    difference = receipt.get("difference")
    payers = receipt.get("payers")
    if not isinstance(difference, Mapping) or not isinstance(payers, list):
        raise AnswerError("Deze berekening heeft geen bruikbare kassabon.")
    deltas: dict[str, Decimal] = {}
    for payer in payers:
        if isinstance(payer, Mapping) and isinstance(payer.get("delta"), Mapping):
            deltas[str(payer.get("payer"))] = _decimal(payer["delta"].get("central"))
    return KassabonFigures(_decimal(difference.get("central")), deltas)


def role_of(delta: Decimal) -> str:
    """The calculator's rule: a positive delta saves, a negative one invests."""
    return "saves" if delta > 0 else "invests" if delta < 0 else "neutral"


@dataclass(frozen=True)
class PayerCheck:
    payer: str
    reference: Decimal
    yours: Decimal

    @property
    def reference_role(self) -> str:
        return role_of(self.reference)

    @property
    def your_role(self) -> str:
        return role_of(self.yours)

    @property
    def ok(self) -> bool:
        return self.reference_role == self.your_role


@dataclass(frozen=True)
class KassabonGrade:
    score: float
    passed: bool
    reference_difference: Decimal
    your_difference: Decimal
    tolerance: Decimal
    payers: tuple[PayerCheck, ...]

    @property
    def gap(self) -> Decimal:
        return abs(self.your_difference - self.reference_difference)

    @property
    def difference_ok(self) -> bool:
        return self.gap <= self.tolerance


def grade_kassabon(
    reference: KassabonFigures, yours: KassabonFigures, tolerance: Decimal
) -> KassabonGrade:
    """Pass when the societal difference lies within ``tolerance`` of the reference and every
    payer (of either kassabon) invests, saves or stays neutral as in the reference. The score
    weighs the difference and the payers' directions half and half."""
    order = list(reference.payers) + [p for p in yours.payers if p not in reference.payers]
    payers = tuple(
        PayerCheck(p, reference.payers.get(p, Decimal(0)), yours.payers.get(p, Decimal(0)))
        for p in order
    )
    gap_ok = abs(yours.difference - reference.difference) <= tolerance
    share = sum(1 for p in payers if p.ok) / len(payers) if payers else 1.0
    score = round(0.5 * gap_ok + 0.5 * share, 4)
    passed = gap_ok and all(p.ok for p in payers)
    return KassabonGrade(score, passed, reference.difference, yours.difference, tolerance, payers)


# --------------------------------------------------------------------------------------------
# Waardendriehoek: three arguments for the trainer; the rendement judgment is checked.

TRIANGLE_ASPECTS = ("legitimacy", "engagement", "return")
JUDGMENTS = ("ja", "nee", "gelijk")


def expected_return_judgment(difference: Decimal) -> str:
    """Is breaking through better than muddling on for society's purse? From the kassabon."""
    return "ja" if difference > 0 else "nee" if difference < 0 else "gelijk"


@dataclass(frozen=True)
class ValueTriangleGrade:
    score: float
    passed: bool
    expected: str
    given: str


def grade_value_triangle(
    reference_difference: Decimal,
    arguments: Mapping[str, str],
    judgments: Mapping[str, str],
) -> ValueTriangleGrade:
    """Every aspect needs an argument and a judgment; only the rendement judgment can be checked
    automatically (against the kassabon). The arguments go to the trainer."""
    for aspect in TRIANGLE_ASPECTS:
        if not arguments.get(aspect, "").strip():
            raise AnswerError("Schrijf bij elke hoek van de driehoek een kort argument.")
        if judgments.get(aspect) not in JUDGMENTS:
            raise AnswerError("Geef bij elke hoek aan of doorbreken beter is dan doormodderen.")
    expected = expected_return_judgment(reference_difference)
    given = judgments["return"]
    passed = given == expected
    return ValueTriangleGrade(1.0 if passed else 0.0, passed, expected, given)
