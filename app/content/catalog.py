"""The immutable catalog of the course: modules, laws, cases, the price list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.calculator import PriceList
from app.content.cases import Case
from app.content.library import Article, Cpi, Law, UnitCostEntry
from app.content.models import Exercise, Module, VideoScript
from app.content.vocab import BLOCK_TITLES


@dataclass(frozen=True, slots=True)
class Block:
    """One of the five blocks A-E with its Dutch title and its modules."""

    letter: str
    title: str
    modules: tuple[Module, ...]

    @property
    def minutes(self) -> int:
        return sum(module.minutes for module in self.modules)


@dataclass(frozen=True, slots=True)
class LawArticle:
    """An article together with its law."""

    article: Article
    law: Law

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def label(self) -> str:
        """``art. 18 lid 1 Pw``."""
        return f"art. {self.article.number} {self.law.abbreviation}"

    @property
    def verified(self) -> bool:
        return self.article.status == "verified"


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything the course content defines; lookups raise KeyError for unknown ids."""

    root: Path
    version: str
    modules: tuple[Module, ...]
    laws: tuple[Law, ...]
    cases: tuple[Case, ...]
    unit_costs: tuple[UnitCostEntry, ...]
    price_list: PriceList
    video_scripts: Mapping[str, VideoScript]
    laws_checked_on: date
    cpi: Cpi | None = None
    _blocks: Mapping[str, Block] = field(init=False, repr=False)
    _modules: Mapping[int, Module] = field(init=False, repr=False)
    _slugs: Mapping[str, Module] = field(init=False, repr=False)
    _laws: Mapping[str, Law] = field(init=False, repr=False)
    _articles: Mapping[str, LawArticle] = field(init=False, repr=False)
    _cases: Mapping[str, Case] = field(init=False, repr=False)
    _unit_costs: Mapping[str, UnitCostEntry] = field(init=False, repr=False)
    _exercises: Mapping[str, tuple[Module, Exercise]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        articles = {a.id: LawArticle(a, law) for law in self.laws for a in law.articles}
        exercises = {e.id: (m, e) for m in self.modules for e in m.exercises}
        blocks = {
            letter: Block(letter, title, tuple(m for m in self.modules if m.block == letter))
            for letter, title in BLOCK_TITLES.items()
        }
        indexes: dict[str, Mapping[Any, Any]] = {
            "_blocks": blocks,
            "_modules": {m.number: m for m in self.modules},
            "_slugs": {m.slug: m for m in self.modules},
            "_laws": {law.id: law for law in self.laws},
            "_articles": articles,
            "_cases": {case.id: case for case in self.cases},
            "_unit_costs": {item.id: item for item in self.unit_costs},
            "_exercises": exercises,
        }
        for name, index in indexes.items():
            object.__setattr__(self, name, MappingProxyType(dict(index)))

    @property
    def blocks(self) -> Mapping[str, Block]:
        """Block letter -> block, A to E, each with its modules in order."""
        return self._blocks

    @property
    def articles(self) -> tuple[LawArticle, ...]:
        return tuple(self._articles.values())

    @property
    def minutes(self) -> int:
        return sum(module.minutes for module in self.modules)

    def module(self, number: int) -> Module:
        return self._modules[number]

    def module_by_slug(self, slug: str) -> Module:
        return self._slugs[slug]

    def law(self, law_id: str) -> Law:
        return self._laws[law_id]

    def article(self, article_id: str) -> LawArticle:
        return self._articles[article_id]

    def case(self, case_id: str) -> Case:
        return self._cases[case_id]

    def unit_cost(self, unit_cost_id: str) -> UnitCostEntry:
        return self._unit_costs[unit_cost_id]

    def video_script(self, video_id: str) -> VideoScript:
        return self.video_scripts[video_id]

    def exercise(self, exercise_id: str) -> tuple[Module, Exercise]:
        return self._exercises[exercise_id]

    def cases_for_module(self, number: int) -> tuple[Case, ...]:
        """The cases a module uses (its ``cases`` list), in that order."""
        return tuple(self._cases[case_id] for case_id in self.module(number).cases)
