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
