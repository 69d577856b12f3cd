"""Checks on the law library and the price list: one broken thing per test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.content import Minimums, Problem, check_content

LAWS = "cases/reference/laws.yaml"
PRICES = "cases/reference/unit_costs.yaml"

Check = Callable[[Path], list[Problem]]
Edit = Callable[[str, str, str], None]


def texts(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


def test_unit_cost_without_a_source_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(PRICES, "    source: https://example.org/ambulant\n", "")
    assert texts(check(course)) == [f"{PRICES}:20: unit_costs[1].source: Field required"]


def test_unit_cost_with_a_blank_source_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(PRICES, "source: https://example.org/ambulant", 'source: "  "')
    assert texts(check(course)) == [
        f"{PRICES}:27: unit_costs[1].source: String should have at least 1 character (found '  ')"
    ]


def test_unit_cost_without_a_year_is_reported(course: Path, check: Check) -> None:
    path = course / PRICES
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: k-jz-7")
    fixed = text[:start] + text[start:].replace("    year: 2024\n", "", 1)
    path.write_text(fixed, encoding="utf-8")
    assert texts(check(course)) == [f"{PRICES}:20: unit_costs[1].year: Field required"]


def test_amounts_must_be_ordered_low_central_high(course: Path, check: Check, edit: Edit) -> None:
    edit(PRICES, 'low: "150.00"', 'low: "170.00"')
    assert texts(check(course)) == [
        f"{PRICES}:11: unit_costs[0].amount: amount must satisfy low <= central <= high"
    ]


def test_unit_cost_without_a_kind_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(
        PRICES,
        "    kind: resource\n    range: Laag mbo, hoog hbo.\n",
        "    range: Laag mbo, hoog hbo.\n",
    )
    assert texts(check(course)) == [f"{PRICES}:20: unit_costs[1].kind: Field required"]


def test_unit_cost_kind_is_resource_or_transfer(course: Path, check: Check, edit: Edit) -> None:
    edit(PRICES, "    kind: resource\n    range: Laag mbo", "    kind: kosten\n    range: Laag mbo")
    (problem,) = texts(check(course))
    assert problem.startswith(f"{PRICES}:29: unit_costs[1].kind: Input should be 'resource' or")


def test_unit_cost_needs_a_range_or_a_point_reason(course: Path, check: Check, edit: Edit) -> None:
    edit(PRICES, "    range: Laag mbo, hoog hbo.\n", "")
    assert texts(check(course)) == [
        f"{PRICES}:20: unit cost 'k-jz-7' needs a 'range' (where low and high come from) "
        "or a 'point_reason'"
    ]


def test_a_point_value_may_not_have_a_range(course: Path, check: Check, edit: Edit) -> None:
    edit(PRICES, "    range: Laag mbo, hoog hbo.", "    point_reason: Een wettelijke norm.")
    assert texts(check(course)) == [
        f"{PRICES}:20: unit cost 'k-jz-7' has a 'point_reason' but low and high differ"
    ]


def test_a_point_value_with_its_reason_passes(course: Path, check: Check, edit: Edit) -> None:
    edit(
        PRICES,
        'low: "70.00", central: "78.00", high: "90.00"',
        'low: "78", central: "78", high: "78"',
    )
    edit(PRICES, "    range: Laag mbo, hoog hbo.", "    point_reason: Een wettelijke norm.")
    assert check(course) == []


def test_a_one_cent_range_is_no_range(course: Path, check: Check, edit: Edit) -> None:
    edit(
        PRICES,
        'low: "70.00", central: "78.00", high: "90.00"',
        'low: "77.99", central: "78.00", high: "78.01"',
    )
    assert texts(check(course)) == [
        f"{PRICES}:20: unit cost 'k-jz-7': the range 77.99-78.01 is narrower than 1 % of the "
        "central amount; give a real range or a point value"
    ]


def test_a_figure_the_cpi_cannot_index_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(
        PRICES,
        "    year: 2024\n    source: https://example.org/ambulant",
        "    year: 2022\n    source: https://example.org/ambulant",
    )
    problems = texts(check(course))
    assert (
        f"{PRICES}:20: unit cost 'k-jz-7' from 2022 cannot be indexed: no CPI change for 2023, 2024"
        in problems
    )


def test_unknown_aggregate_part_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(
        PRICES, "    confidence: partly\n", "    confidence: partly\n    aggregate_of: [k-jz-99]\n"
    )
    assert texts(check(course)) == [f"{PRICES}:29: aggregate_of names unknown unit cost 'k-jz-99'"]


def test_unit_cost_law_must_be_in_the_law_library(course: Path, check: Check, edit: Edit) -> None:
    edit(PRICES, "    law: zvw", "    law: wlz")
    assert texts(check(course)) == [f"{PRICES}:36: law 'wlz' is not in the law library"]


def test_duplicate_unit_cost_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(PRICES, "  - id: k-ggz-2", "  - id: k-jz-7")
    problems = texts(check(course))
    assert f"{PRICES}:31: unit cost 'k-jz-7' appears twice" in problems


def test_law_id_must_come_from_the_fixed_list(course: Path, check: Check, edit: Edit) -> None:
    edit(LAWS, "  - id: zvw\n", "  - id: zorgwet\n")
    problems = check(course)
    assert [(p.file, p.line) for p in problems] == [(LAWS, 29)]
    assert problems[0].message.startswith("laws[1].id: Input should be 'awb', 'pw'")


def test_duplicate_article_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(LAWS, "      - id: pw-35", "      - id: pw-18-1")
    problems = texts(check(course))
    assert f"{LAWS}:19: article 'pw-18-1' appears twice" in problems


def test_article_id_must_start_with_its_law_id(course: Path, check: Check, edit: Edit) -> None:
    edit(LAWS, "      - id: pw-35", "      - id: zvw-35")
    problems = texts(check(course))
    assert f"{LAWS}:19: article id 'zvw-35' must start with the law id pw-" in problems


def test_verified_article_needs_a_source(course: Path, check: Check, edit: Edit) -> None:
    source = "        source: https://wetten.overheid.nl/BWBR0034925\n"
    edit(LAWS, f"{source}      - id: jeugdwet-9-9", "      - id: jeugdwet-9-9")
    assert texts(check(course)) == [
        f"{LAWS}:52: article 'jeugdwet-2-3' is verified but names no source"
    ]


def test_article_status_must_be_known(course: Path, check: Check, edit: Edit) -> None:
    edit(LAWS, "status: unverified", "status: onbekend")
    assert texts(check(course)) == [
        f"{LAWS}:68: laws[2].articles[1].status: Input should be 'verified', 'partly' or "
        "'unverified' (found 'onbekend')"
    ]


def test_missing_law_library_is_one_problem(course: Path, check: Check) -> None:
    (course / LAWS).unlink()
    assert texts(check(course)) == [f"{LAWS}: file is missing"]


def test_missing_price_list_is_one_problem(course: Path, check: Check) -> None:
    (course / PRICES).unlink()
    assert texts(check(course)) == [f"{PRICES}: file is missing"]


def test_course_minimums_count_laws_unit_costs_and_cases(course: Path) -> None:
    minimums = Minimums(modules=2, cases=10, laws=25, unit_costs=40, lesson_words=40)
    assert texts(check_content(course, minimums=minimums, names=False)) == [
        "cases: the course has 1 cases; at least 10 needed",
        f"{LAWS}: the law library has 3 laws; at least 25",
        f"{PRICES}: the price list has 3 unit costs; at least 40",
    ]
