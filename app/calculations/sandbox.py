"""Glue between the stored calculations, the course catalog and the calculator.

Used by the web routes and the JSON API: which price list applies, how a calculation starts
from a case, and the anonymisation check of a calculation's free text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session

from app.accounts.models import Organisation
from app.calculations import queries
from app.calculations.compute import Computed, compute
from app.calculations.editor import EditorFields, empty_fields, form_path, free_texts, to_mapping
from app.calculations.prices import effective_price_list
from app.calculations.privacy import anonymisation_warning
from app.calculator import CalculatorError, PriceList
from app.content import Catalog
from app.content.cases import Case
from app.content.pricing import comparison_mapping

NEW_TITLE = "Nieuwe berekening"


def prices_for(session: Session, catalog: Catalog, organisation_id: int | None) -> PriceList:
    """The course price list with the organisation's own tariffs applied."""
    rows = queries.tariffs(session, organisation_id)
    if not rows or organisation_id is None:
        return catalog.price_list
    organisation = session.get(Organisation, organisation_id)
    name = organisation.name if organisation is not None else "organisatie"
    return effective_price_list(catalog.price_list, rows, name)


def find_case(catalog: Catalog, case_id: str | None) -> Case | None:
    if not case_id:
        return None
    try:
        return catalog.case(case_id)
    except KeyError:
        return None


@dataclass(frozen=True)
class Start:
    """The input a new (or reset) calculation begins with."""

    title: str
    mapping: dict[str, object]
    case_id: str | None
    breakthrough_id: str | None


def start_from_case(case: Case) -> Start:
    """The case's status quo against its first breakthrough option."""
    return Start(
        title=case.title,
        mapping=comparison_mapping(case, 0),
        case_id=case.id,
        breakthrough_id=case.scenarios.breakthroughs[0].id,
    )


def start_empty(title: str = NEW_TITLE) -> Start:
    mapping, _ = to_mapping(empty_fields(title))
    return Start(title=title, mapping=mapping, case_id=None, breakthrough_id=None)


@dataclass(frozen=True)
class Outcome:
    """The editor's input computed: a result, or the first error with its form field."""

    computed: Computed | None
    error: str = ""
    field: str = ""


def evaluate(fields: EditorFields, prices: PriceList) -> Outcome:
    mapping, positions = to_mapping(fields)
    try:
        return Outcome(compute(mapping, prices))
    except CalculatorError as exc:
        return Outcome(None, exc.message, form_path(exc.field, positions))


def case_texts(case: Case | None) -> tuple[set[str], list[str]]:
    """The case's own (fictional, reviewed) texts and its reviewed gate hits."""
    if case is None:
        return set(), []
    known = {case.title}
    for option in range(len(case.scenarios.breakthroughs)):
        known.update(free_texts("", comparison_mapping(case, option)))
    return known, [item.text for item in case.anonymisation.reviewed]


def privacy_warning(
    catalog: Catalog,
    title: str,
    mapping: Mapping[str, object],
    case_id: str | None,
    *,
    names: bool,
) -> str:
    known, reviewed = case_texts(find_case(catalog, case_id))
    return anonymisation_warning(
        free_texts(title, mapping), known=known, reviewed=reviewed, names=names
    )
