"""Cases (casussen): fictional, anonymised households with both scenarios on the price list."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from app.content.library import ArticleId, Money, UnitCostId
from app.content.models import CaseId, ReviewedHit
from app.content.vocab import (
    FROZEN,
    Confidence,
    Kind,
    LawId,
    LifeDomain,
    Payer,
    Per,
    Text,
    Unit,
    Year,
)

ProblemId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class HouseholdMember(BaseModel):
    model_config = FROZEN

    role: Text
    name: Text | None = None  # a fictional first name
    age: int | None = Field(default=None, ge=0, le=110)
    note: str = ""


class CaseProblem(BaseModel):
    """A problem of the household and the problems it keeps in place (``blocks``)."""

    model_config = FROZEN

    id: ProblemId
    domain: LifeDomain
    title: Text
    description: Text
    owner: Literal["household", "professional", "system"]
    blocks: tuple[ProblemId, ...] = ()


class Agency(BaseModel):
    model_config = FROZEN

    name: Text
    role: Text


class CustomItem(BaseModel):
    """A cost entered by hand instead of a price-list figure."""

    model_config = FROZEN

    description: Text
    payer: Payer
    law: LawId | None = None
    amount: Money
    unit: Unit
    year: Year | None = None
    source: Text
    confidence: Confidence
    kind: Kind = "resource"


class LineSpec(BaseModel):
    """A LINE: the calculator's input for one cost over a stretch of months."""

    model_config = FROZEN

    unit_cost: UnitCostId | None = None
    custom: CustomItem | None = None
    quantity: Decimal = Field(ge=0)
    per: Per | None = None
    start_month: int = Field(default=1, ge=1)
    months: int = Field(ge=1)
    probability: Decimal = Field(default=Decimal(100), ge=0, le=100)
    note: str = ""

    @model_validator(mode="after")
    def _one_source(self) -> LineSpec:
        if (self.unit_cost is None) == (self.custom is None):
            raise ValueError("a line has either unit_cost or custom")
        return self

    def as_mapping(self) -> dict[str, object]:
        """The line as the mapping ``app.calculator.line_from_mapping`` reads."""
        mapping = self.model_dump(mode="json", exclude_none=True)
        if not self.note:
            mapping.pop("note", None)
        return mapping


class Scenario(BaseModel):
    model_config = FROZEN

    title: Text
    description: str = ""
    lines: tuple[LineSpec, ...] = Field(min_length=1)


class Breakthrough(Scenario):
    id: ProblemId
    articles: tuple[ArticleId, ...] = ()


class Scenarios(BaseModel):
    model_config = FROZEN

    horizon_months: int = 12
    status_quo: Scenario
    breakthroughs: tuple[Breakthrough, ...] = Field(min_length=1)
    expected_warnings: tuple[Text, ...] = ()


class LegalBasisItem(BaseModel):
    model_config = FROZEN

    article: ArticleId
    correct: bool
    reason: Text


class KassabonExercise(BaseModel):
    model_config = FROZEN

    tolerance_euros: Money = Decimal("1000.00")


class ValueTriangle(BaseModel):
    model_config = FROZEN

    legitimacy: Text
    engagement: Text
    return_: Text = Field(alias="return")


class Anonymisation(BaseModel):
    model_config = FROZEN

    reviewed: tuple[ReviewedHit, ...] = ()


class Case(BaseModel):
    """``cases/cN-slug.yaml``."""

    model_config = FROZEN

    id: CaseId
    title: Text
    summary: Text
    modules: tuple[int, ...] = ()
    situation: Text
    household: tuple[HouseholdMember, ...] = Field(min_length=1)
    problems: tuple[CaseProblem, ...] = Field(min_length=1)
    agencies: tuple[Agency, ...] = ()
    bottleneck: ProblemId
    scenarios: Scenarios
    legal_basis: tuple[LegalBasisItem, ...] = Field(min_length=1)
    kassabon_exercise: KassabonExercise = KassabonExercise()
    value_triangle: ValueTriangle
    teaching_points: tuple[Text, ...] = Field(min_length=1)
    anonymisation: Anonymisation = Anonymisation()

    def problem(self, problem_id: str) -> CaseProblem:
        for item in self.problems:
            if item.id == problem_id:
                return item
        raise KeyError(problem_id)

    def breakthrough(self, breakthrough_id: str) -> Breakthrough:
        for item in self.scenarios.breakthroughs:
            if item.id == breakthrough_id:
                return item
        raise KeyError(breakthrough_id)
