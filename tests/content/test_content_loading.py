"""Loading the fixture course into a Catalog."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pydantic
import pytest

from app.calculator import PriceList
from app.content import Catalog, ContentError, Minimums, Problem, load_catalog
from app.content.check_modules import count_words


def test_fixture_course_loads_without_problems(catalog: Catalog) -> None:
    assert [module.number for module in catalog.modules] == [1, 2]
    assert [case.id for case in catalog.cases] == ["c1"]


def test_blocks_hold_dutch_titles_and_their_modules_in_order(catalog: Catalog) -> None:
    assert list(catalog.blocks) == ["A", "B", "C", "D", "E"]
    assert catalog.blocks["A"].title == "Fundament"
    assert catalog.blocks["C"].title == "Veiligheid, dwang en privacy"
    assert [m.number for m in catalog.blocks["B"].modules] == [2]
    assert catalog.blocks["E"].modules == ()
    assert catalog.blocks["A"].minutes == 30


def test_module_lookups_by_number_and_slug(catalog: Catalog) -> None:
    module = catalog.module(2)
    assert catalog.module_by_slug("recht-als-gereedschap") is module
    assert module.title == "Recht als gereedschap"
    assert module.body.startswith("# Recht als gereedschap")
    assert module.word_count == count_words(module.body)


def test_completion_defaults_apply_unless_the_lesson_overrides_them(catalog: Catalog) -> None:
    assert catalog.module(1).completion.video_threshold == 0.9
    assert catalog.module(1).completion.requires_plan_approval is False
    assert catalog.module(2).completion.video_threshold == 0.8
    assert catalog.module(2).completion.requires_plan_approval is True


def test_exercise_lookup_returns_module_and_question(catalog: Catalog) -> None:
    module, exercise = catalog.exercise("m01-q2")
    assert module.number == 1
    assert exercise.multiple is True
    assert [option.correct for option in exercise.options] == [True, True, False]


def test_article_lookup_carries_its_law_and_a_label(catalog: Catalog) -> None:
    article = catalog.article("pw-18-1")
    assert article.law is catalog.law("pw")
    assert article.label == "art. 18 lid 1 Pw"
    assert article.verified
    assert not catalog.article("jeugdwet-9-9").verified
    assert catalog.article("jeugdwet-9-9").article.check_note == "Niet nagelezen in de wettekst."
    ids = {a.id for a in catalog.articles}
    assert ids == {"pw-18-1", "pw-35", "zvw-13", "jeugdwet-2-3", "jeugdwet-9-9"}


def test_articles_without_a_date_get_the_file_default(catalog: Catalog) -> None:
    assert catalog.article("pw-18-1").article.checked_on == date(2026, 11, 23)
    assert catalog.article("pw-35").article.checked_on == date(2026, 10, 1)


def test_price_list_is_built_from_the_unit_costs(catalog: Catalog) -> None:
    assert isinstance(catalog.price_list, PriceList)
    assert catalog.price_list.base_year == 2025
    item = catalog.price_list.items["k-jz-5"]
    assert (item.low, item.central, item.high) == (
        Decimal("150.00"),
        Decimal("163.60"),
        Decimal("180.00"),
    )
    assert catalog.unit_cost("k-ggz-2").confidence == "unverified"
    assert catalog.cpi is not None
    assert catalog.cpi.percents() == {2025: Decimal("3.3")}
    assert catalog.price_list.cpi == {2025: Decimal("3.3")}
    assert catalog.price_list.items["k-jz-5"].kind == "resource"


def test_video_script_and_case_lookups(catalog: Catalog) -> None:
    script = catalog.video_script("01-eerste-stap")
    assert script.module == 1
    assert len(script.scenes) == 6
    case = catalog.case("c1")
    assert case.problem("p1").blocks == ("p2",)
    assert case.value_triangle.return_.startswith("De gemeente")
    assert catalog.cases_for_module(1) == (case,)


@pytest.mark.parametrize(
    ("lookup", "key"),
    [
        ("module", 9),
        ("module_by_slug", "onbekend"),
        ("law", "wlz"),
        ("article", "pw-99"),
        ("case", "c9"),
        ("unit_cost", "k-xx-1"),
        ("video_script", "09-onbekend"),
        ("exercise", "m09-q1"),
    ],
)
def test_unknown_ids_raise_key_error(catalog: Catalog, lookup: str, key: object) -> None:
    with pytest.raises(KeyError):
        getattr(catalog, lookup)(key)


def test_catalog_and_its_models_are_immutable(catalog: Catalog) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalog.version = "x"  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        catalog.module(1).title = "x"
    with pytest.raises(TypeError):
        catalog.blocks["F"] = catalog.blocks["A"]  # type: ignore[index]


def test_version_is_a_short_hash_that_changes_with_the_content(
    course: Path, small: Minimums
) -> None:
    first = load_catalog(course, minimums=small, names=False).version
    assert first == load_catalog(course, minimums=small, names=False).version
    assert len(first) == 12
    lesson = course / "lessons" / "02-recht-als-gereedschap.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    assert load_catalog(course, minimums=small, names=False).version != first


def test_load_catalog_raises_content_error_with_the_problems(course: Path, small: Minimums) -> None:
    (course / "lessons" / "02-recht-als-gereedschap.md").unlink()
    with pytest.raises(ContentError) as raised:
        load_catalog(course, minimums=small, names=False)
    assert [str(p) for p in raised.value.problems] == [
        "cases/c1-anna-en-bo.yaml:4: module 2 does not exist",
        "lessons: the course needs exactly 2 modules; missing: 2",
        "lessons/01-eerste-stap.md:61: reference [[module:2]] does not resolve: no such module",
    ]


def test_problem_prints_file_and_line() -> None:
    assert str(Problem("lessons/03-x.md", 12, "message")) == "lessons/03-x.md:12: message"
    assert str(Problem("cases", None, "message")) == "cases: message"


def test_course_minimums_are_the_real_course_sizes() -> None:
    assert Minimums.course() == Minimums(
        modules=25, cases=10, laws=25, unit_costs=40, lesson_words=600
    )


def test_count_words_counts_a_reference_as_its_label() -> None:
    assert count_words("Zie [[art:pw-18-1|de regel over maatwerk]] en [[casus:c1]].") == 7
