"""Checks on lessons and video scripts: each breaks one thing in a copy of the fixture course."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from app.content import Minimums, Problem, check_content

LESSON1 = "lessons/01-eerste-stap.md"
LESSON2 = "lessons/02-recht-als-gereedschap.md"
SCRIPT1 = "videos/01-eerste-stap/script.yaml"

Check = Callable[[Path], list[Problem]]
Edit = Callable[[str, str, str], None]


def texts(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


def test_unchanged_fixture_course_has_no_problems(course: Path, check: Check) -> None:
    assert check(course) == []


def test_schema_error_names_the_field_path_and_line(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON1, "block: A", "block: F")
    assert texts(check(course)) == [
        f"{LESSON1}:5: block: Input should be 'A', 'B', 'C', 'D' or 'E' (found 'F')"
    ]


def test_nested_schema_error_points_at_the_nested_line(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(LESSON1, "        correct: true\n        explanation: Klopt", "        correct: ja\n"
         "        explanation: Klopt")  # fmt: skip
    assert texts(check(course)) == [
        f"{LESSON1}:18: exercises[0].options[0].correct: Input should be a valid boolean, "
        "unable to interpret input (found 'ja')"
    ]


def test_missing_field_is_reported_at_its_parent(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON2, "minutes: 45\n", "")
    assert texts(check(course)) == [f"{LESSON2}:2: minutes: Field required"]


def test_unknown_key_is_rejected(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON2, "minutes: 45", "minutes: 45\nduration: 45")
    assert texts(check(course)) == [f"{LESSON2}:7: duration: Extra inputs are not permitted"]


def test_yaml_syntax_error_reports_its_line(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON2, "title: Recht als gereedschap", "title: [Recht als gereedschap")
    problems = check(course)
    assert len(problems) == 1
    assert problems[0].file == LESSON2
    assert problems[0].line is not None
    assert problems[0].line >= 4


def test_duplicate_yaml_key_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON2, "minutes: 45", "minutes: 45\nminutes: 50")
    assert texts(check(course)) == [f"{LESSON2}:7: minutes: key appears twice"]


def test_lesson_without_front_matter_is_reported(course: Path, check: Check) -> None:
    path = course / LESSON2
    path.write_text(path.read_text(encoding="utf-8").removeprefix("---\n"), encoding="utf-8")
    problems = check(course)
    assert (
        str(problems[0]) == f"{LESSON2}:1: front matter missing: the file must start with '---' "
        "and close it with '---'"
    )


def test_single_answer_question_needs_exactly_one_correct_option(
    course: Path, check: Check, edit: Edit
) -> None:
    edit(LESSON2, "        correct: false\n        explanation: Nee, dat", "        correct: true\n"
         "        explanation: Nee, dat")  # fmt: skip
    assert texts(check(course)) == [
        f"{LESSON2}:11: exercises[0]: a single-answer question needs exactly 1 correct option, "
        "not 2"
    ]


def test_module_needs_three_to_six_questions(course: Path, check: Check) -> None:
    path = course / LESSON2
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  - id: m02-q2"), text.index("completion:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert texts(check(course)) == [
        f"{LESSON2}:10: exercises: Tuple should have at least 3 items after validation, not 1"
    ]


def test_module_number_must_match_the_file_name(course: Path, check: Check) -> None:
    (course / LESSON2).rename(course / "lessons/03-recht-als-gereedschap.md")
    problems = texts(check(course))
    assert (
        "lessons/03-recht-als-gereedschap.md:2: number 2 does not match the file name (NN = 03)"
        in problems
    )


def test_slug_must_match_the_file_name(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON2, "slug: recht-als-gereedschap", "slug: recht-en-gereedschap")
    assert texts(check(course)) == [
        f"{LESSON2}:3: slug 'recht-en-gereedschap' does not match the file name "
        "('recht-als-gereedschap')"
    ]


def test_file_name_must_be_number_and_slug(course: Path, check: Check) -> None:
    shutil.copy(course / LESSON2, course / "lessons/recht.md")
    assert texts(check(course)) == ["lessons/recht.md: file name must be NN-slug.md"]


def test_missing_module_number_is_reported(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON2, "number: 2", "number: 1")
    problems = texts(check(course))
    assert f"{LESSON2}:2: number 1 does not match the file name (NN = 02)" in problems
    assert f"{LESSON1}:2: module number 1 is used twice" in problems
    assert f"{LESSON2}:2: module number 1 is used twice" in problems


def test_module_number_outside_the_course_is_reported(course: Path) -> None:
    one_module = Minimums(modules=1, cases=1, laws=2, unit_costs=3, lesson_words=40)
    problems = texts(check_content(course, minimums=one_module, names=False))
    assert f"{LESSON2}:2: module number 2 is outside 1..1" in problems


def test_exercise_ids_must_be_unique(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON1, "id: m01-q3", "id: m01-q1")
    assert texts(check(course)) == [f"{LESSON1}:36: exercise id 'm01-q1' is also used in {LESSON1}"]


def test_exercise_id_must_carry_the_module_number(course: Path, check: Check, edit: Edit) -> None:
    edit(LESSON2, "id: m02-q3", "id: m01-q9")
    assert texts(check(course)) == [f"{LESSON2}:29: exercise id 'm01-q9' must start with m02-"]


def test_missing_video_folder_is_reported(course: Path, check: Check) -> None:
    shutil.rmtree(course / "videos/02-recht-als-gereedschap")
    assert texts(check(course)) == [
        f"{LESSON2}:7: video folder videos/02-recht-als-gereedschap does not exist"
    ]


def test_missing_video_script_is_reported(course: Path, check: Check) -> None:
    (course / "videos/02-recht-als-gereedschap/script.yaml").unlink()
    assert texts(check(course)) == [
        f"{LESSON2}:7: videos/02-recht-als-gereedschap/script.yaml does not exist"
    ]


def test_video_id_must_be_the_lesson_file_name(course: Path, check: Check, edit: Edit) -> None:
    shutil.copytree(course / "videos/02-recht-als-gereedschap", course / "videos/02-recht")
    edit(LESSON2, "video: 02-recht-als-gereedschap", "video: 02-recht")
    assert texts(check(course)) == [
        f"{LESSON2}:7: video '02-recht' should be the folder videos/02-recht-als-gereedschap"
    ]


def test_video_script_needs_six_to_twelve_scenes(course: Path, check: Check) -> None:
    path = course / SCRIPT1
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - title: Scène 6")], encoding="utf-8")
    assert texts(check(course)) == [
        f"{SCRIPT1}:3: scenes: Tuple should have at least 6 items after validation, not 5"
    ]


def test_video_scene_has_bullets_or_a_diagram_not_both(
    course: Path, check: Check, edit: Edit
) -> None:
    text = (course / SCRIPT1).read_text(encoding="utf-8")
    assert "    diagram: [Schuld" in text
    edit(SCRIPT1, "    diagram: [Schuld", "    bullets: [Een]\n    diagram: [Schuld")
    assert texts(check(course)) == [
        f"{SCRIPT1}:12: scenes[2]: a scene has bullets or a diagram, not both"
    ]


def test_video_script_module_must_match_the_lesson(course: Path, check: Check, edit: Edit) -> None:
    edit(SCRIPT1, "module: 1", "module: 2")
    assert texts(check(course)) == [f"{SCRIPT1}:1: module 2 does not match the lesson's number 1"]


def test_reading_text_needs_the_minimum_number_of_words(course: Path, check: Check) -> None:
    path = course / LESSON2
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("# Recht als gereedschap")] + "Te kort.\n", encoding="utf-8")
    assert texts(check(course)) == [f"{LESSON2}:42: reading text has 2 words; at least 40 needed"]
