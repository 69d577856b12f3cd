"""The rekentool (pure): a calculator that turns two scenarios into a kassabon (receipt).

Doormodderen (status quo) versus doorbreken (breakthrough), per payer and per law, in exact
Decimal cents. No web or database imports here; see docs/algorithms/kassabon.md.
"""

from app.calculator.calculation import calculate
from app.calculator.constants import (
    DEFAULT_DISCOUNT_RATE,
    DEFAULT_HORIZON,
    HORIZONS,
    LAW_LABELS,
    PAYER_LABELS,
    PER_FACTORS,
    UNITS,
    WARNING_CODES,
)
from app.calculator.errors import CalculatorError
from app.calculator.model import Comparison, CustomItem, Line, PriceList, Scenario, UnitCost
from app.calculator.parsing import comparison_from_mapping, line_from_mapping
from app.calculator.receipt import (
    Amounts,
    LineRef,
    LineResult,
    MonthPoint,
    PayerDelta,
    Receipt,
    ReceiptWarning,
    ScenarioResult,
    SensitivityCase,
    Subtotal,
)
from app.calculator.serialize import receipt_to_dict

__all__ = [
    "DEFAULT_DISCOUNT_RATE",
    "DEFAULT_HORIZON",
    "HORIZONS",
    "LAW_LABELS",
    "PAYER_LABELS",
    "PER_FACTORS",
    "UNITS",
    "WARNING_CODES",
    "Amounts",
    "CalculatorError",
    "Comparison",
    "CustomItem",
    "Line",
    "LineRef",
    "LineResult",
    "MonthPoint",
    "PayerDelta",
    "PriceList",
    "Receipt",
    "ReceiptWarning",
    "Scenario",
    "ScenarioResult",
    "SensitivityCase",
    "Subtotal",
    "UnitCost",
    "calculate",
    "comparison_from_mapping",
    "line_from_mapping",
    "receipt_to_dict",
]
