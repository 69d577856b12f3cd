"""The price list for the calculator, and every case computed with it."""

from __future__ import annotations

from collections.abc import Mapping

from app.calculator import (
    CalculatorError,
    PriceList,
    UnitCost,
    calculate,
    comparison_from_mapping,
)
from app.content.cases import Case, Scenario
from app.content.check_cases import case_lines
from app.content.library import PriceListFile
from app.content.problems import Problem
from app.content.sources import Parsed
from app.content.yamlsource import Key, KeyPath


def build_price_list(prices: PriceListFile, version: str) -> PriceList:
    items = {
        item.id: UnitCost(
            id=item.id,
            description=item.description,
            low=item.amount.low,
            central=item.amount.central,
            high=item.amount.high,
            unit=item.unit,
            payer=item.payer,
            law=item.law,
            year=item.year,
            source=item.source,
            confidence=item.confidence,
            proxy=item.proxy,
            aggregate_of=item.aggregate_of,
            note=item.note,
            kind=item.kind,
        )
        for item in prices.unit_costs
    }
    cpi = prices.cpi.percents() if prices.cpi is not None else {}
    return PriceList(version=version, base_year=prices.base_year, items=items, cpi=cpi)


def comparison_mapping(case: Case, option: int) -> dict[str, object]:
    """Status quo versus breakthrough option ``option`` in the calculator's mapping shape."""
    scenarios = case.scenarios
    return {
        "horizon_months": scenarios.horizon_months,
        "status_quo": _scenario_mapping(scenarios.status_quo),
        "breakthrough": _scenario_mapping(scenarios.breakthroughs[option]),
    }


def _scenario_mapping(scenario: Scenario) -> dict[str, object]:
    return {"title": scenario.title, "lines": [line.as_mapping() for line in scenario.lines]}


def check_calculations(case: Parsed[Case], prices: PriceList) -> list[Problem]:
    """Each breakthrough option computes against the status quo, with the expected warnings."""
    model = case.model
    if any(line.unit_cost not in prices.items for _, line in case_lines(model) if line.unit_cost):
        return []  # reported by the case checks
    problems: list[Problem] = []
    codes: set[str] = set()
    for option in range(len(model.scenarios.breakthroughs)):
        try:
            comparison = comparison_from_mapping(comparison_mapping(model, option))
            codes.update(calculate(comparison, prices).warning_codes)
        except CalculatorError as error:
            path = error_path(error.field, option)
            message = f"calculator: {error.message} ({error.field})"
            problems.append(Problem(case.file, case.lines.line(path), message))
    expected = set(model.scenarios.expected_warnings)
    if not problems and codes != expected:
        message = (
            f"the calculator gives warnings {_listed(codes)}, "
            f"but expected_warnings lists {_listed(expected)}"
        )
        path = ("scenarios", "expected_warnings")
        problems.append(Problem(case.file, case.lines.line(path), message))
    return problems


def error_path(field: str, option: int) -> KeyPath:
    """A calculator field (``breakthrough.lines.2.quantity``) as a key path in the case file."""
    parts: list[Key] = [int(part) if part.isdigit() else part for part in field.split(".")]
    prefix: Mapping[Key, KeyPath] = {
        "status_quo": ("scenarios", "status_quo"),
        "breakthrough": ("scenarios", "breakthroughs", option),
    }
    head = prefix.get(parts[0], ("scenarios", parts[0])) if parts else ("scenarios",)
    return (*head, *parts[1:])


def _listed(codes: set[str]) -> str:
    return "[" + ", ".join(sorted(codes)) + "]"
