"""Reading an organisation tariff from the admin's form, with Dutch messages per field (pure)."""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from app.errors import InvalidInput
from app.numbers import whole_number

MAX_TARIFF = Decimal("10000000")
MAX_SOURCE = 500
YEARS = range(1990, 2101)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class TariffInput:
    unit_cost_id: str
    amounts: tuple[Decimal, Decimal, Decimal]
    year: int
    source: str


def parse_tariff(form: Mapping[str, str], known: Container[str], this_year: int) -> TariffInput:
    unit_cost_id = form.get("unit_cost_id", "").strip()
    if unit_cost_id not in known:
        raise InvalidInput("Kies een kengetal uit de prijslijst.", field="unit_cost_id")
    central = parse_euros(form.get("central", ""), "central", "Het middelste bedrag")
    low = parse_euros(form.get("low", ""), "low", "Het lage bedrag", default=central)
    high = parse_euros(form.get("high", ""), "high", "Het hoge bedrag", default=central)
    if not low <= central <= high:
        raise InvalidInput(
            "Het lage bedrag mag niet boven het middelste liggen, en het middelste niet boven "
            "het hoge.",
            field="low",
        )
    year_text = form.get("year", "").strip() or str(this_year)
    if whole_number(year_text) not in YEARS:
        raise InvalidInput("Vul een jaartal in tussen 1990 en 2100.", field="year")
    source = form.get("source", "").strip()
    if not source:
        raise InvalidInput(
            "Vermeld de bron van het tarief (contract, besluit of website).", field="source"
        )
    if len(source) > MAX_SOURCE:
        raise InvalidInput(f"De bron mag hoogstens {MAX_SOURCE} tekens hebben.", field="source")
    return TariffInput(unit_cost_id, (low, central, high), int(year_text), source)


def parse_euros(text: str, field: str, what: str, default: Decimal | None = None) -> Decimal:
    """Euros as typed in Dutch or English notation: "1.234,56", "1234,56", "1234.56"."""
    cleaned = text.strip().replace("€", "").replace(" ", "")
    if not cleaned and default is not None:
        return default
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidInput(f"{what} moet een bedrag zijn, zoals 163,59.", field=field) from None
    if not value.is_finite() or value < 0:
        raise InvalidInput(f"{what} moet een bedrag van 0 of meer zijn.", field=field)
    if value > MAX_TARIFF:
        raise InvalidInput(f"{what} is te groot.", field=field)
    if value != value.quantize(CENT):
        raise InvalidInput(f"{what} mag hoogstens twee decimalen hebben.", field=field)
    return value.quantize(CENT)
