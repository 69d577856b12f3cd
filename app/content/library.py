"""Reference data next to the cases: the law library and the price list (kengetallen)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field, model_validator

from app.content.vocab import (
    FROZEN,
    ArticleStatus,
    Confidence,
    Kind,
    LawId,
    Payer,
    Text,
    Unit,
    Url,
    Year,
)

ArticleId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)+$")]
UnitCostId = Annotated[str, Field(pattern=r"^k-[a-z0-9]+(-[a-z0-9]+)*$")]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=6)]


class Article(BaseModel):
    """One article of a law, paraphrased in our own words."""

    model_config = FROZEN

    id: ArticleId
    number: Text
    title: Text
    paraphrase: Text
    maatwerk: Text
    payer: Payer | None = None
    url: Url
    status: ArticleStatus
    checked_on: date | None = None  # the loader fills in the file default
    source: Url | None = None
    check_note: str = ""  # for trainers and content editors only: what the check found

    @property
    def verified(self) -> bool:
        return self.status == "verified"


class Law(BaseModel):
    model_config = FROZEN

    id: LawId
    name: Text
    abbreviation: Text
    url: Url
    payers: tuple[Payer, ...] = ()
    summary: Text
    articles: tuple[Article, ...] = ()


class LawLibrary(BaseModel):
    """``cases/reference/laws.yaml``."""

    model_config = FROZEN

    checked_on: date
    laws: tuple[Law, ...] = Field(min_length=1)


class Amount(BaseModel):
    model_config = FROZEN

    low: Money
    central: Money
    high: Money

    @model_validator(mode="after")
    def _ordered(self) -> Amount:
        if not self.low <= self.central <= self.high:
            raise ValueError("amount must satisfy low <= central <= high")
        return self


class UnitCostEntry(BaseModel):
    """One figure of the price list, with its source and year.

    Every figure has a sourced range (``range``: where low and high come from) or is a point
    value (``point_reason``: why one amount is right, e.g. a legal norm); never both, never
    neither. ``kind`` says whether it is a resource or a transfer in an MKBA.
    """

    model_config = FROZEN

    id: UnitCostId
    description: Text
    amount: Amount
    unit: Unit
    payer: Payer
    law: LawId | None
    year: Year
    source: Text
    confidence: Confidence
    kind: Kind
    range: Text | None = None
    point_reason: Text | None = None
    proxy: bool = False
    aggregate_of: tuple[UnitCostId, ...] = ()
    note: str = ""


class CpiChange(BaseModel):
    """One published yearly change of the CPI: prices in ``year`` against the year before."""

    model_config = FROZEN

    year: Year
    percent: Annotated[Decimal, Field(gt=-50, lt=100, decimal_places=2)]
    source: Url


class Cpi(BaseModel):
    """The CBS consumer price index as yearly changes of the yearly average, each sourced."""

    model_config = FROZEN

    series: Text
    table: Url
    checked_on: date
    changes: tuple[CpiChange, ...] = Field(min_length=1)

    def percents(self) -> dict[int, Decimal]:
        return {change.year: change.percent for change in self.changes}


class PriceListFile(BaseModel):
    """``cases/reference/unit_costs.yaml``."""

    model_config = FROZEN

    base_year: Year
    cpi: Cpi | None = None
    unit_costs: tuple[UnitCostEntry, ...] = Field(min_length=1)
