"""What a learner reads: no doubt markers, no talk about ourselves, graded law verified.

Each test breaks the (clean) fixture course in one place and expects exactly that problem.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.content import Problem

CASE = "cases/c1-anna-en-bo.yaml"
LAWS = "cases/reference/laws.yaml"
LESSON1 = "lessons/01-eerste-stap.md"
LESSON2 = "lessons/02-recht-als-gereedschap.md"
SCRIPT1 = "videos/01-eerste-stap/script.yaml"

Check = Callable[[Path], list[Problem]]
Edit = Callable[[str, str, str], None]


def texts(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


def line_of(root: Path, file: str, needle: str) -> int:
    text = (root / file).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_the_fixture_course_is_clean(course: Path, check: Check) -> None:
    assert texts(check(course)) == []


@pytest.mark.parametrize(
    ("marker", "found"),
    [
        ("(niet geverifieerd)", "niet geverifieerd"),
        ("(deels geverifieerd)", "deels geverifieerd"),
        ("(artikelnummer te controleren)", "te controleren"),
        ("De inwerkingtreding is niet bevestigd.", "niet bevestigd"),
        ("Dat is onbevestigd.", "onbevestigd"),
    ],
)
def test_doubt_marker_in_reading_text_fails(
    course: Path, check: Check, edit: Edit, marker: str, found: str
) -> None:
    edit(LESSON1, "[[art:pw-18-1]] vraagt om afstemming op de persoon.", f"Dat klopt {marker}.")
    line = line_of(course, LESSON1, marker)
    assert texts(check(course)) == [
        f"{LESSON1}:{line}: learner-facing text has a doubt marker: {found!r}"
    ]


def test_doubt_marker_in_exercise_feedback_fails(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON2, "explanation: Onjuist, dat is de Awir.", "explanation: Dat is niet geverifieerd.")
    line = line_of(course, LESSON2, "Dat is niet geverifieerd.")
    assert texts(check(course)) == [
        f"{LESSON2}:{line}: learner-facing text has a doubt marker: 'niet geverifieerd'"
    ]


@pytest.mark.parametrize(
    ("words", "what", "found"),
    [
        ("Onze briefing noemt dit.", "a reference to our own briefing", "briefing"),
        ("Dat staat in ons onderzoek.", "a reference to our own research", "ons onderzoek"),
        ("Volgens onze bronnen klopt het.", "a reference to our own research", "onze bronnen"),
        ("Zo staat het in de research.", "a reference to our own research", "research"),
        (
            "De prijs hebben we niet gevonden.",
            "a remark about what we could not find",
            "hebben we niet gevonden",
        ),
        ("Wij weten niet of het geldt.", "a remark about what we could not find", "Wij weten niet"),
    ],
)
def test_talk_about_ourselves_in_a_video_script_fails(
    course: Path, check: Check, edit: Edit, words: str, what: str, found: str
) -> None:
    path = course / SCRIPT1
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      In deze scène", f"      {words} In deze scène", 1), "utf-8")
    line = line_of(course, SCRIPT1, "narration:")  # a folded block reports its key's line
    assert texts(check(course)) == [f"{SCRIPT1}:{line}: learner-facing text has {what}: {found!r}"]


def test_talk_about_ourselves_in_a_case_fails(course: Path, check: Check, edit: Edit) -> None:
    old = "legitimacy: De zorgplicht van de verzekeraar rechtvaardigt de stap."
    edit(CASE, old, "legitimacy: Onze briefing zegt dat de zorgplicht de stap rechtvaardigt.")
    line = line_of(course, CASE, "legitimacy:")
    assert texts(check(course)) == [
        f"{CASE}:{line}: learner-facing text has a reference to our own briefing: 'briefing'"
    ]


def test_doubt_marker_in_a_law_library_title_fails(course: Path, check: Check, edit: Edit) -> None:
    edit(LAWS, "title: Jeugdhulpplicht", "title: Jeugdhulpplicht (artikelnummer te controleren)")
    line = line_of(course, LAWS, "title: Jeugdhulpplicht")
    assert texts(check(course)) == [
        f"{LAWS}:{line}: learner-facing text has a doubt marker: 'te controleren'"
    ]


def test_staff_check_note_may_say_what_was_not_checked(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(
        LAWS,
        "check_note: Niet nagelezen in de wettekst.",
        "check_note: Artikelnummer te controleren; de research noemt het niet geverifieerd.",
    )
    assert texts(check(course)) == []


def test_graded_key_with_a_partly_verified_article_fails(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "  - {article: pw-18-1, correct: false", "  - {article: pw-35, correct: false")
    line = line_of(course, CASE, "article: pw-35")
    assert texts(check(course)) == [
        f"{CASE}:{line}: the graded exercise of c1 uses article 'pw-35', which is partly"
    ]


def test_breakthrough_naming_an_unverified_article_fails(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "articles: [zvw-13, jeugdwet-2-3]", "articles: [zvw-13, jeugdwet-9-9]")
    line = line_of(course, CASE, "articles: [zvw-13, jeugdwet-9-9]")
    assert texts(check(course)) == [
        f"{CASE}:{line}: the graded exercise of c1 uses article 'jeugdwet-9-9', which is unverified"
    ]


def test_case_text_referring_to_a_partly_verified_article_fails(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(CASE, "Zie ook [[art:zvw-13]].", "Zie ook [[art:pw-35]].")
    line = line_of(course, CASE, "[[art:pw-35]]")
    assert texts(check(course)) == [
        f"{CASE}:{line}: a graded exercise or case text uses article 'pw-35', which is partly"
    ]


def test_knowledge_check_on_an_unverified_article_fails(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(LESSON2, "Waar gaat [[art:zvw-13]] over?", "Waar gaat [[art:jeugdwet-9-9]] over?")
    line = line_of(course, LESSON2, "[[art:jeugdwet-9-9]]")
    assert texts(check(course)) == [
        f"{LESSON2}:{line}: a graded exercise or case text uses article 'jeugdwet-9-9', "
        "which is unverified"
    ]


def test_reading_text_may_name_a_partly_verified_article(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(LESSON1, "[[art:zvw-13|de coulanceroute]]", "[[art:pw-35|bijzondere bijstand]]")
    assert texts(check(course)) == []


def test_reading_text_naming_an_unverified_article_fails(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(LESSON1, "[[art:zvw-13|de coulanceroute]]", "[[art:jeugdwet-9-9]]")
    line = line_of(course, LESSON1, "[[art:jeugdwet-9-9]]")
    assert texts(check(course)) == [
        f"{LESSON1}:{line}: learner-facing text uses article 'jeugdwet-9-9', which is unverified"
    ]
