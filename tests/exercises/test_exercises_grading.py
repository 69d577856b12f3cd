"""The pure graders of the case exercises, with worked examples."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from app.exercises.grading import (
    AnswerError,
    KassabonFigures,
    counts_as_passed,
    expected_return_judgment,
    figures_from_receipt,
    grade_bottleneck,
    grade_kassabon,
    grade_legal_basis,
    grade_value_triangle,
)
from app.exercises.plan import PLAN_KEYS, PLAN_RUBRIC, check_decision, check_plan, parse_rubric

# --- knelpunt ---------------------------------------------------------------------------------
# e keeps a in place; a keeps b and c; b keeps d.   e -> a -> {b, c}, b -> d
GRAPH = {"a": ("b", "c"), "b": ("d",), "c": (), "d": (), "e": ("a",)}


def test_bottleneck_passes_for_the_problem_that_unblocks_the_most_others():
    grade = grade_bottleneck(GRAPH, "e")
    assert grade.passed
    assert grade.score == 1.0
    assert grade.best_count == 4


def test_bottleneck_scores_a_weaker_choice_by_its_share_of_the_best_count():
    grade = grade_bottleneck(GRAPH, "a")
    assert not grade.passed
    assert grade.score == 0.75  # a unblocks b, c and d: 3 of the best 4


def test_bottleneck_feedback_says_what_every_choice_would_have_unblocked():
    grade = grade_bottleneck(GRAPH, "b")
    unblocks = {c.problem_id: c.unblocks for c in grade.choices}
    assert unblocks == {
        "a": ("b", "c", "d"),
        "b": ("d",),
        "c": (),
        "d": (),
        "e": ("a", "b", "c", "d"),
    }
    assert [c.problem_id for c in grade.choices if c.chosen] == ["b"]
    assert [c.problem_id for c in grade.choices if c.best] == ["e"]


def test_bottleneck_accepts_every_problem_that_ties_for_the_most():
    cycle = {"x": ("y",), "y": ("x",), "z": ()}
    assert grade_bottleneck(cycle, "x").passed
    assert grade_bottleneck(cycle, "y").passed
    assert not grade_bottleneck(cycle, "z").passed


@pytest.mark.parametrize("choice", ["", "q"])
def test_bottleneck_refuses_no_choice_or_an_unknown_problem(choice):
    with pytest.raises(AnswerError):
        grade_bottleneck(GRAPH, choice)


# --- wettelijke grondslag --------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    article: str
    correct: bool
    reason: str = "reden"


KEY = [Key("a-1", True), Key("a-2", True), Key("a-3", True), Key("b-1", False), Key("b-2", False)]


@pytest.mark.parametrize(
    ("picks", "score", "passed"),
    [
        ({"a-1", "a-2", "a-3"}, 1.0, True),
        ({"a-1", "a-2"}, 0.6667, False),  # 2 of 3: below 0.7
        ({"a-1", "a-2", "a-3", "b-1"}, 0.6667, False),  # (3 - 1) / 3
        ({"a-1", "a-2", "b-1"}, 0.3333, False),  # (2 - 1) / 3
        ({"b-1", "b-2"}, 0.0, False),  # (0 - 2) / 3, floored at 0
    ],
)
def test_legal_basis_gives_partial_credit_right_minus_wrong_over_correct(picks, score, passed):
    grade = grade_legal_basis(KEY, picks)
    assert grade.score == score
    assert grade.passed is passed


def test_legal_basis_passes_at_seventy_percent():
    key = [Key(f"a-{i}", True) for i in range(10)]
    assert grade_legal_basis(key, {f"a-{i}" for i in range(7)}).passed
    assert not grade_legal_basis(key, {f"a-{i}" for i in range(6)}).passed


def test_legal_basis_feedback_marks_every_article_right_missed_wrong_or_skipped():
    grade = grade_legal_basis(KEY, {"a-1", "b-1"})
    verdicts = {f.article: f.verdict for f in grade.articles}
    assert verdicts == {
        "a-1": "right",
        "a-2": "missed",
        "a-3": "missed",
        "b-1": "wrong",
        "b-2": "skipped",
    }
    assert (grade.right, grade.missed, grade.wrong) == (1, 2, 1)
    assert all(f.reason == "reden" for f in grade.articles)


@pytest.mark.parametrize("picks", [set(), {"c-9"}])
def test_legal_basis_refuses_no_pick_or_an_article_not_offered(picks):
    with pytest.raises(AnswerError):
        grade_legal_basis(KEY, picks)


# --- kassabon ---------------------------------------------------------------------------------

REFERENCE = KassabonFigures(
    Decimal("1000.00"), {"gemeente": Decimal("3000.00"), "zorgverzekeraar": Decimal("-2000.00")}
)
TOLERANCE = Decimal("500.00")


def figures(difference: str, **payers: str) -> KassabonFigures:
    return KassabonFigures(Decimal(difference), {k: Decimal(v) for k, v in payers.items()})


def test_kassabon_passes_within_the_tolerance_with_every_direction_right():
    grade = grade_kassabon(
        REFERENCE, figures("1400", gemeente="3500", zorgverzekeraar="-2100"), TOLERANCE
    )
    assert grade.passed
    assert grade.difference_ok
    assert grade.gap == Decimal("400.00")
    assert grade.score == 1.0


def test_kassabon_fails_outside_the_tolerance_even_with_the_right_directions():
    grade = grade_kassabon(
        REFERENCE, figures("1500.01", gemeente="3500", zorgverzekeraar="-2000"), TOLERANCE
    )
    assert not grade.passed
    assert not grade.difference_ok
    assert grade.score == 0.5


def test_kassabon_boundary_of_the_tolerance_still_passes():
    grade = grade_kassabon(
        REFERENCE, figures("500", gemeente="2500", zorgverzekeraar="-2000"), TOLERANCE
    )
    assert grade.passed


def test_kassabon_fails_when_a_payer_saves_where_the_reference_invests():
    grade = grade_kassabon(
        REFERENCE, figures("1000", gemeente="900", zorgverzekeraar="100"), TOLERANCE
    )
    assert not grade.passed
    checks = {p.payer: (p.reference_role, p.your_role, p.ok) for p in grade.payers}
    assert checks == {
        "gemeente": ("saves", "saves", True),
        "zorgverzekeraar": ("invests", "saves", False),
    }
    assert grade.score == 0.75  # difference right (0.5) + half the payers (0.25)


def test_kassabon_checks_a_payer_only_the_trainee_has_against_a_neutral_reference():
    grade = grade_kassabon(
        REFERENCE,
        figures("1000", gemeente="3050", zorgverzekeraar="-2000", huishouden="-50"),
        TOLERANCE,
    )
    extra = next(p for p in grade.payers if p.payer == "huishouden")
    assert (extra.reference_role, extra.your_role, extra.ok) == ("neutral", "invests", False)
    assert not grade.passed


def test_kassabon_figures_come_from_a_saved_receipt():
    receipt = {
        "difference": {"low": "1.00", "central": "1234.56", "high": "2.00"},
        "payers": [
            {"payer": "gemeente", "delta": {"central": "2000.00"}},
            {"payer": "rijk", "delta": {"central": "-765.44"}},
        ],
    }
    found = figures_from_receipt(receipt)
    assert found.difference == Decimal("1234.56")
    assert dict(found.payers) == {"gemeente": Decimal("2000.00"), "rijk": Decimal("-765.44")}


def test_kassabon_refuses_a_calculation_without_a_receipt():
    with pytest.raises(AnswerError):
        figures_from_receipt({})


# --- waardendriehoek -------------------------------------------------------------------------

ARGUMENTS = {"legitimacy": "Grond.", "engagement": "Eigen wens.", "return": "Goedkoper."}


@pytest.mark.parametrize(
    ("difference", "expected"), [("25898.89", "ja"), ("-6394.56", "nee"), ("0", "gelijk")]
)
def test_rendement_judgment_follows_the_societal_difference(difference, expected):
    assert expected_return_judgment(Decimal(difference)) == expected


def test_value_triangle_passes_when_the_rendement_judgment_matches_the_kassabon():
    judgments = {"legitimacy": "ja", "engagement": "gelijk", "return": "ja"}
    grade = grade_value_triangle(Decimal("100"), ARGUMENTS, judgments)
    assert grade.passed
    assert (grade.expected, grade.given) == ("ja", "ja")


def test_value_triangle_fails_when_breaking_through_costs_more_but_the_trainee_says_ja():
    judgments = {"legitimacy": "ja", "engagement": "ja", "return": "ja"}
    grade = grade_value_triangle(Decimal("-6394.56"), ARGUMENTS, judgments)
    assert not grade.passed
    assert grade.expected == "nee"
    assert grade.score == 0.0


@pytest.mark.parametrize(
    ("arguments", "judgments"),
    [
        (
            {**ARGUMENTS, "engagement": "  "},
            {"legitimacy": "ja", "engagement": "ja", "return": "ja"},
        ),
        (ARGUMENTS, {"legitimacy": "ja", "engagement": "misschien", "return": "ja"}),
    ],
)
def test_value_triangle_needs_every_argument_and_judgment(arguments, judgments):
    with pytest.raises(AnswerError):
        grade_value_triangle(Decimal("1"), arguments, judgments)


# --- which attempt counts, the plan and the rubric -------------------------------------------


@pytest.mark.parametrize(
    ("kind", "history", "passed"),
    [
        ("knowledge_check", [True, False], True),
        ("bottleneck", [False, True, False], True),
        ("legal_basis", [False], False),
        ("kassabon", [True, False], False),
        ("kassabon", [False, True], True),
        ("value_triangle", [True, False], False),
        ("bottleneck", [], False),
    ],
)
def test_best_or_last_attempt_counts_by_kind(kind, history, passed):
    assert counts_as_passed(kind, history) is passed


def test_a_plan_needs_every_field_and_a_kassabon():
    full = dict.fromkeys(PLAN_KEYS, "tekst")
    check_plan(full, 3)
    with pytest.raises(AnswerError, match="afspraken en evaluatie"):
        check_plan({**full, "agreements": ""}, 3)
    with pytest.raises(AnswerError, match="berekening"):
        check_plan(full, None)


def test_the_rubric_needs_a_level_per_criterion_and_returning_needs_a_comment():
    form = {f"level_{c.key}": "partly" for c in PLAN_RUBRIC}
    rubric = parse_rubric(form, PLAN_RUBRIC)
    assert set(rubric) == {c.key for c in PLAN_RUBRIC}
    with pytest.raises(AnswerError):
        parse_rubric({**form, "level_kassabon": ""}, PLAN_RUBRIC)
    with pytest.raises(AnswerError, match="wat beter moet"):
        check_decision("returned", rubric, "")
    check_decision("returned", rubric, "Maak de afspraken concreter.")
    check_decision("approved", rubric, "")
    with pytest.raises(AnswerError, match="niet"):
        check_decision("approved", {**rubric, "kassabon": {"level": "not", "comment": ""}}, "")
