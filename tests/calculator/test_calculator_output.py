"""receipt_to_dict and the purity of the package."""

from __future__ import annotations

import ast
import json
import sys
from decimal import Decimal
from pathlib import Path

from app.calculator import (
    Comparison,
    Line,
    PriceList,
    Scenario,
    UnitCost,
    calculate,
    receipt_to_dict,
)

D = Decimal
PACKAGE = Path(__file__).resolve().parents[2] / "app" / "calculator"


def small_receipt_dict() -> dict[str, object]:
    therapy = UnitCost("t", "Therapie", D("1300"), D("2600"), D("2600"), "trajectory",
                       "zorgverzekeraar", "zvw", 2024, "bron", "assumption")  # fmt: skip
    home = UnitCost("g", "Gezinshuis", D("150"), D("163.59"), D("180"), "day", "gemeente",
                    "jeugdwet", 2024, "bron", "verified")  # fmt: skip
    comparison = Comparison(
        Scenario("Doormodderen", (Line("g", None, D("1E+2"), "month", 1, 12, D(100)),)),
        Scenario("Doorbreken", (Line("t", None, D(1), "", 1, 1, D(100)),)),
    )
    return receipt_to_dict(
        calculate(comparison, PriceList("sha-1", 2025, {"g": home, "t": therapy}))
    )


def test_receipt_dict_survives_json() -> None:
    data = small_receipt_dict()
    assert json.loads(json.dumps(data)) == data


def test_receipt_dict_gives_amounts_as_plain_strings() -> None:
    data = small_receipt_dict()
    # 163.59 x 100 x 12 = 196,308.00; therapy 2,600.00
    assert data["status_quo"]["total"] == {  # type: ignore[index]
        "low": "180000.00",
        "central": "196308.00",
        "high": "216000.00",
    }
    assert data["difference"]["central"] == "193708.00"  # type: ignore[index]
    line = data["status_quo"]["lines"][0]  # type: ignore[index]
    assert line["quantity"] == "100"  # never "1E+2"
    assert line["probability"] == "100"


def test_receipt_dict_has_the_convenience_fields() -> None:
    data = small_receipt_dict()
    assert data["price_list_version"] == "sha-1"
    assert data["horizon_months"] == 12
    assert data["discount_rate"] == "0.0225"
    assert data["discount_rate_percent"] == "2.25"
    assert data["warning_codes"] == ["unverified_figure"]
    assert data["investors"] == ["zorgverzekeraar"]
    assert data["savers"] == ["gemeente"]
    assert data["return_per_euro"] == "75.50"  # 196,308.00 / 2,600.00 = 75.503...
    assert data["break_even_month"] == 1
    warning = data["warnings"][0]  # type: ignore[index]
    assert warning["lines"] == [{"scenario": "breakthrough", "index": 0}]


def test_calculator_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"app"}
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"
                if name.startswith("app"):
                    assert name.startswith("app.calculator"), f"{path.name} imports {name}"
