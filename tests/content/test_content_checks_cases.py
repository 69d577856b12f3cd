"""Checks on cases and on the references in all texts: one broken thing per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from app.content import Minimums, Problem, check_content

CASE = "cases/c1-anna-en-bo.yaml"
LESSON1 = "lessons/01-eerste-stap.md"

Check = Callable[[Path], list[Problem]]
Edit = Callable[[str, str, str], None]


def texts(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


def line_of(root: Path, file: str, needle: str) -> int:
    """The line (from 1) on which ``needle`` occurs in the file."""
    text = (root / file).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_dangling_block_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "blocks: [p3]", "blocks: [p9]")
    assert texts(check(course)) == [f"{CASE}:25: problem 'p2' blocks unknown problem 'p9'"]


def test_self_loop_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "blocks: [p3]", "blocks: [p3, p2]")
    assert texts(check(course)) == [f"{CASE}:25: problem 'p2' blocks itself"]


def test_duplicate_problem_id_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "  - id: p3", "  - id: p2")
    assert texts(check(course)) == [
        f"{CASE}:20: problem id 'p2' is used twice",
        f"{CASE}:25: problem 'p2' blocks unknown problem 'p3'",
        f"{CASE}:26: problem id 'p2' is used twice",
    ]


def test_bottleneck_must_be_one_of_the_problems(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "bottleneck: p1", "bottleneck: p7")
    assert texts(check(course)) == [f"{CASE}:33: bottleneck 'p7' is not one of the problems"]


def test_bottleneck_must_unblock_the_most_problems(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "bottleneck: p1", "bottleneck: p2")
    assert texts(check(course)) == [
        f"{CASE}:33: bottleneck 'p2' unblocks 1 problem(s), but p1 unblock(s) 2: "
        "the bottleneck must unblock the most"
    ]


def test_bottleneck_may_share_the_maximum_in_a_deadlock(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "blocks: [p3]", "blocks: [p3, p1]")  # p1 and p2 keep each other in place
    edit(CASE, "bottleneck: p1", "bottleneck: p2")
    assert check(course) == []


def test_unknown_unit_cost_in_a_line_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "unit_cost: k-jz-7", "unit_cost: k-jz-77")
    assert texts(check(course)) == [f"{CASE}:58: unit cost 'k-jz-77' is not on the price list"]


def test_unknown_law_of_a_custom_line_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "law: pw, amount", "law: wlz, amount")
    assert texts(check(course)) == [f"{CASE}:63: law 'wlz' is not in the law library"]


def test_unknown_article_of_a_breakthrough_is_reported(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "articles: [zvw-13, jeugdwet-2-3]", "articles: [zvw-13, jeugdwet-9]")
    assert texts(check(course)) == [f"{CASE}:67: article 'jeugdwet-9' is not in the law library"]


def test_unknown_article_of_the_legal_basis_is_reported(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "article: pw-18-1", "article: pw-36")
    assert texts(check(course)) == [f"{CASE}:71: article 'pw-36' is not in the law library"]


def test_case_listing_an_unknown_module_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "modules: [1, 2]", "modules: [1, 3]")
    assert texts(check(course)) == [f"{CASE}:4: module 3 does not exist"]


def test_lesson_listing_an_unknown_case_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON1, "cases: [c1]", "cases: [c2]")
    assert texts(check(course)) == [f"{LESSON1}:11: case 'c2' does not exist"]


def test_case_exercise_of_an_unknown_case_is_reported(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(LESSON1, "  - case: c1", "  - case: c5")
    line = line_of(course, LESSON1, "  - case: c5")
    assert texts(check(course)) == [f"{LESSON1}:{line}: case 'c5' does not exist"]


def test_case_id_must_match_the_file_name(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "id: c1", "id: c2")
    assert texts(check(course)) == [f"{CASE}:1: id 'c2' does not match the file name"]


def test_case_ids_must_be_unique(course: Path, check: Check) -> None:
    shutil.copy(course / CASE, course / "cases/c1-kopie.yaml")
    assert texts(check(course)) == [
        f"{CASE}:1: case id 'c1' is used by more than one file",
        "cases/c1-kopie.yaml:1: case id 'c1' is used by more than one file",
    ]


def test_case_file_name_must_be_id_and_slug(course: Path, check: Check) -> None:
    shutil.copy(course / CASE, course / "cases/anna.yaml")
    assert texts(check(course)) == ["cases/anna.yaml: file name must be cN-slug.yaml"]


def test_expected_warnings_must_match_the_calculator(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "expected_warnings: [unverified_figure]", "expected_warnings: []")
    assert texts(check(course)) == [
        f"{CASE}:68: the calculator gives warnings [unverified_figure], "
        "but expected_warnings lists []"
    ]


def test_calculator_error_is_reported_at_its_line(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "horizon_months: 12", "horizon_months: 18")
    problems = check(course)
    assert [(p.file, p.line) for p in problems] == [(CASE, 35)]
    assert problems[0].message.startswith("calculator: ")
    assert problems[0].message.endswith("(horizon_months)")


def test_calculator_error_in_a_breakthrough_line_points_at_that_line(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "          per: week\n", "")  # an hourly figure needs a period
    problems = check(course)
    assert [(p.file, p.line) for p in problems] == [(CASE, 58)]
    assert problems[0].message.endswith("(breakthrough.lines.2.per)")


def test_line_needs_a_unit_cost_or_a_custom_item(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "        - unit_cost: k-jz-7\n", "        - unit_cost: k-jz-7\n          custom: "
         "{description: X, payer: gemeente, amount: '1', unit: once, source: a, "
         "confidence: assumption}\n")  # fmt: skip
    assert texts(check(course)) == [
        f"{CASE}:58: scenarios.breakthroughs[0].lines[2]: a line has either unit_cost or custom"
    ]


def test_too_few_cases_is_reported(course: Path) -> None:
    minimums = Minimums(modules=2, cases=2, laws=2, unit_costs=3, lesson_words=40)
    assert texts(check_content(course, minimums=minimums, names=False)) == [
        "cases: the course has 1 cases; at least 2 needed"
    ]


def test_unresolved_reference_in_a_lesson_body_reports_its_line(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(LESSON1, "[[kengetal:k-jz-5]]", "[[kengetal:k-jz-6]]")
    line = line_of(course, LESSON1, "[[kengetal:k-jz-6]]")
    assert texts(check(course)) == [
        f"{LESSON1}:{line}: reference [[kengetal:k-jz-6]] does not resolve: no such kengetal"
    ]


def test_unresolved_reference_in_a_case_situation_reports_its_line(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "[[art:zvw-13]]", "[[art:zvw-14]]")
    assert texts(check(course)) == [
        f"{CASE}:9: reference [[art:zvw-14]] does not resolve: no such art"
    ]


def test_unresolved_reference_in_a_teaching_point_is_reported(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "[[kengetal:k-ggz-2]]", "[[kengetal:k-ggz-3]]")
    assert texts(check(course)) == [
        f"{CASE}:79: reference [[kengetal:k-ggz-3]] does not resolve: no such kengetal"
    ]


def test_unresolved_reference_in_an_explanation_is_reported(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(LESSON1, "Klopt, zie [[casus:c1]].", "Klopt, zie [[casus:c3]].")
    line = line_of(course, LESSON1, "Klopt, zie")
    assert texts(check(course)) == [
        f"{LESSON1}:{line}: reference [[casus:c3]] does not resolve: no such casus"
    ]


def test_unresolved_module_reference_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON1, "In [[module:2]]", "In [[module:twee]]")
    line = line_of(course, LESSON1, "In [[module:twee]]")
    assert texts(check(course)) == [
        f"{LESSON1}:{line}: reference [[module:twee]] does not resolve: no such module"
    ]


def test_malformed_reference_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON1, "De [[wet:pw]]", "De [[wet pw]]")
    line = line_of(course, LESSON1, "De [[wet pw]]")
    assert texts(check(course)) == [f"{LESSON1}:{line}: malformed reference '[[wet pw]]'"]


def test_reference_of_unknown_kind_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON1, "De [[wet:pw]]", "De [[law:pw]]")
    line = line_of(course, LESSON1, "De [[law:pw]]")
    assert texts(check(course)) == [
        f"{LESSON1}:{line}: reference [[law:pw]] has unknown kind "
        "(use art, wet, casus, kengetal, module)"
    ]
