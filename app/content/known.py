"""The ids the content defines, for checking what refers to them."""

from __future__ import annotations

from dataclasses import dataclass

from app.content.sources import CASE_NAME, LESSON_NAME, Sources


@dataclass(frozen=True, slots=True)
class KnownIds:
    """Ids by kind; ``None`` when the file that defines them did not load (then nothing is
    reported against it, to avoid a cascade of follow-up problems)."""

    modules: frozenset[int]
    cases: frozenset[str]
    laws: frozenset[str] | None
    articles: frozenset[str] | None
    unit_costs: frozenset[str] | None

    def has(self, kind: str, target: str) -> bool | None:
        """Whether ``kind:target`` exists; ``None`` when that cannot be known."""
        if kind == "module":
            return target.isdigit() and int(target) in self.modules
        found: frozenset[str] | None = {
            "casus": self.cases,
            "wet": self.laws,
            "art": self.articles,
            "kengetal": self.unit_costs,
        }[kind]
        return None if found is None else target in found


def known_ids(sources: Sources) -> KnownIds:
    """Modules and cases count by file name too, so an invalid lesson or case is reported once,
    not again by everything that refers to it."""
    laws = sources.laws.model.laws if sources.laws is not None else None
    prices = sources.prices.model.unit_costs if sources.prices is not None else None
    return KnownIds(
        modules=frozenset(lesson.front.number for lesson in sources.lessons)
        | _file_modules(sources),
        cases=frozenset(case.model.id for case in sources.cases) | _file_cases(sources),
        laws=None if laws is None else frozenset(law.id for law in laws),
        articles=None
        if laws is None
        else frozenset(article.id for law in laws for article in law.articles),
        unit_costs=None if prices is None else frozenset(item.id for item in prices),
    )


def _file_modules(sources: Sources) -> frozenset[int]:
    names = (LESSON_NAME.match(p.name) for p in (sources.root / "lessons").glob("*.md"))
    return frozenset(int(name["number"]) for name in names if name is not None)


def _file_cases(sources: Sources) -> frozenset[str]:
    names = (CASE_NAME.match(p.name) for p in (sources.root / "cases").glob("*.y*ml"))
    return frozenset(name["id"] for name in names if name is not None)
