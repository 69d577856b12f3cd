"""Dutch texts for receipt figures: money, quantities, periods and payer roles (pure)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

PER_LABELS: dict[str, str] = {"week": "per week", "month": "per maand", "year": "per jaar"}
ROLE_LABELS: dict[str, str] = {"invests": "investeert", "saves": "bespaart", "neutral": "neutraal"}
LEVEL_LABELS: dict[str, str] = {"low": "laag", "central": "midden", "high": "hoog"}
SCENARIO_LABELS: dict[str, str] = {"status_quo": "Doormodderen", "breakthrough": "Doorbreken"}
# The one home of these labels; templates get them as the globals unit_labels and status_labels.
UNIT_LABELS: dict[str, str] = {
    "hour": "per uur",
    "day": "per dag",
    "week": "per week",
    "month": "per maand",
    "year": "per jaar",
    "once": "eenmalig",
    "trajectory": "per traject",
}
KIND_LABELS: dict[str, str] = {
    "resource": "middelen (zorg, opvang, uren)",
    "transfer": "overdracht (bijstand, toeslag, eigen kosten)",
}
STATUS_LABELS: dict[str, str] = {
    "verified": "geverifieerd",
    "partly": "deels geverifieerd",
    "unverified": "niet geverifieerd",
    "assumption": "aanname",
}


def price_list_label(version: str) -> str:
    """What a person reads for a price-list version (the version itself is a hash;
    app/calculations/prices.py adds "+t" when own tariffs apply)."""
    return "cursusprijslijst met eigen tarieven" if "+t" in version else "cursusprijslijst"


def to_decimal(value: object) -> Decimal:
    """A Decimal from a Decimal, int or numeric string; anything else is 0."""
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def number(value: object, places: int | None = None) -> str:
    """Dutch notation: 1234.5 -> "1.234,5"; with ``places`` a fixed number of decimals."""
    amount = to_decimal(value)
    if places is not None:
        amount = amount.quantize(Decimal(1).scaleb(-places))
    sign = "-" if amount < 0 else ""
    text = format(abs(amount), "f")
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def money(value: object) -> str:
    """Euros with cents in Dutch notation, without the sign: "59.710,35"."""
    return number(value, 2)


def euro(value: object) -> str:
    return f"€ {money(value)}"


def quantity(value: object) -> str:
    """A quantity without trailing zeros: "365", "0,5"."""
    amount = to_decimal(value)
    return number(amount.normalize() if amount == amount.to_integral_value() else amount)


def delta_text(payer: dict[str, object]) -> str:
    """``"bespaart € 23.771,17"`` or ``"investeert € 2.600,00"`` from a payer delta."""
    delta = payer.get("delta")
    central = to_decimal(delta.get("central") if isinstance(delta, dict) else 0)
    role = str(payer.get("role", "neutral"))
    if role == "neutral":
        return "neutraal (€ 0,00)"
    return f"{ROLE_LABELS.get(role, role)} {euro(abs(central))}"
