"""The course's own cases on the course's own price list: horizons that mean something."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.calculator import Receipt, calculate, comparison_from_mapping
from app.content import Catalog, load_catalog
from app.content.pricing import comparison_mapping

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(REPO, names=False)


def receipt(catalog: Catalog, case_id: str, horizon: int, option: int = 0) -> Receipt:
    mapping = comparison_mapping(catalog.case(case_id), option)
    mapping["horizon_months"] = horizon
    return calculate(comparison_from_mapping(mapping), catalog.price_list)


def test_c1_kassabon_over_36_months_differs_from_12_months(catalog: Catalog) -> None:
    short, long = receipt(catalog, "c1", 12), receipt(catalog, "c1", 36)
    assert short.status_quo.total.central == Decimal("68536.05")
    assert long.status_quo.total.central == Decimal("201116.95")
    assert long.difference.central > short.difference.central
    # Why: the placement runs on past month 12 in the status quo, and the receipt says so.
    assert short.last_cost_month == 60
    assert "past_horizon" in short.warning_codes


@pytest.mark.parametrize("case_id", [f"c{n}" for n in range(1, 11)])
def test_every_case_has_costs_that_go_on_past_month_12(catalog: Catalog, case_id: str) -> None:
    short, long = receipt(catalog, case_id, 12), receipt(catalog, case_id, 60)
    assert short.last_cost_month > 12
    assert long.status_quo.total.central != short.status_quo.total.central


@pytest.mark.parametrize("case_id", [f"c{n}" for n in range(1, 11)])
def test_every_breakthrough_may_fail(catalog: Catalog, case_id: str) -> None:
    for option in catalog.case(case_id).scenarios.breakthroughs:
        assert any(Decimal(0) < line.probability < 100 for line in option.lines)
