"""The anonymisation gate over case texts and lesson bodies."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.content import Minimums, Problem, check_content

CASE = "cases/c1-anna-en-bo.yaml"
LESSON1 = "lessons/01-eerste-stap.md"

Check = Callable[[Path], list[Problem]]
Edit = Callable[[str, str, str], None]


def texts(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


def test_phone_number_in_a_case_situation_is_blocked(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "in een huurwoning.", "in een huurwoning en is bereikbaar op 06-12345678.")
    problems = check(course)
    assert [(p.file, p.line) for p in problems] == [(CASE, 6)]
    assert "'06-12345678' in situation" in problems[0].message
    assert "anonymisation.reviewed" in problems[0].message


def test_hit_listed_as_reviewed_passes(course: Path, check: Check, edit: Edit) -> None:
    edit(CASE, "in een huurwoning.", "in een huurwoning en is bereikbaar op 06-12345678.")
    edit(
        CASE,
        "    - {text: Bo, reason: fictieve voornaam}",
        "    - {text: Bo, reason: fictieve voornaam}\n"
        "    - {text: 06-12345678, reason: fictief nummer}",
    )
    assert check(course) == []


def test_identifier_on_a_later_line_of_the_situation_reports_that_line(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "geen contract met de zorgverzekeraar.", "geen contract; mail anna@example.nl.")
    problems = check(course)
    assert [(p.file, p.line) for p in problems] == [(CASE, 9)]


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("note: Bijstand}", "note: Bijstand sinds postcode 1234 AB}", 11),
        ("geen contract.", "geen contract; BSN 111222333.", 17),
        ("- Wie betaalt,", "- Bel 06-12345678. Wie betaalt,", 79),
    ],
)
def test_household_notes_problem_descriptions_and_teaching_points_are_scanned(
    course: Path, check: Check, edit: Edit, old: str, new: str, line: int
) -> None:
    edit(CASE, old, new)
    assert [(p.file, p.line) for p in check(course)] == [(CASE, line)]


def test_identifier_in_a_lesson_body_is_blocked_at_its_line(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(LESSON1, "In [[module:2]] leer je", "Bel 06-12345678. In [[module:2]] leer je")
    problems = check(course)
    assert [(p.file, p.line) for p in problems] == [(LESSON1, 61)]
    assert "anonymisation_reviewed" in problems[0].message


def test_lesson_can_list_a_reviewed_hit_in_its_front_matter(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(LESSON1, "In [[module:2]] leer je", "Bel 06-12345678. In [[module:2]] leer je")
    edit(
        LESSON1,
        "  - {text: Anna, reason: fictieve voornaam uit casus c1}",
        "  - {text: Anna, reason: fictieve voornaam uit casus c1}\n"
        "  - {text: 06-12345678, reason: fictief nummer}",
    )
    assert check(course) == []


@dataclass
class FakeHit:
    kind: str
    text: str
    start: int
    end: int


def test_names_switch_and_scanned_texts_reach_the_scanner(
    fixture_course: Path, small: Minimums, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With names the content gate asks for the deep (deduce) name check."""
    from app.content import anonymise

    calls: list[tuple[str, bool]] = []

    def fake_scan(text: str, *, names: bool = True, deep: bool = False) -> list[FakeHit]:
        assert deep == names
        calls.append((text, names))
        return []

    monkeypatch.setattr(anonymise, "scan", fake_scan)
    assert check_content(fixture_course, minimums=small, names=True) == []
    assert {names for _, names in calls} == {True}
    scanned = " | ".join(text for text, _ in calls)
    for expected in [
        "Anna woont alleen",  # situation
        "Bijstand",  # household note
        "De enige geschikte therapeut",  # problem description
        "Wie betaalt",  # teaching point
        "# Waarom beginnen bij het knelpunt?",  # lesson body
        "# Recht als gereedschap",
    ]:
        assert expected in scanned
    calls.clear()
    check_content(fixture_course, minimums=small, names=False)
    assert {names for _, names in calls} == {False}


def test_gate_is_skipped_with_a_warning_when_the_scanner_is_missing(
    fixture_course: Path,
    small: Minimums,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setitem(sys.modules, "app.content.anonymise", None)
    with caplog.at_level(logging.WARNING, logger="app.content.gate"):
        assert check_content(fixture_course, minimums=small, names=False) == []
    assert "anonymisation gate skipped" in caplog.text
