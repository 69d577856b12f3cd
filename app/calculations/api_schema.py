"""The JSON API's documentation: pydantic models of the request, and the OpenAPI fragments.

The endpoint itself reads the body with ``comparison_from_mapping`` (so every error is the
calculator's Dutch message with its field path); these models describe the same shape for the
OpenAPI schema and its example (case c1, Sanne en Milan).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from app.calculator import Receipt

Number = float | int | str
NUMBER_HINT = 'Een getal, of tekst als "163.59" of "163,59" (hoogstens 6 decimalen).'


class CustomItemIn(BaseModel):
    """Een eigen post: één bedrag (voor laag, midden en hoog) met betaler en eenheid."""

    model_config = ConfigDict(extra="forbid")

    description: str
    payer: str = Field(description="Betaler-id, bijvoorbeeld gemeente of zorgverzekeraar.")
    law: str | None = Field(default=None, description="Wet-id of null.")
    amount: Number = Field(description="Euro per eenheid, 0 of meer. " + NUMBER_HINT)
    unit: Literal["hour", "day", "week", "month", "year", "once", "trajectory"]
    year: int | None = None
    source: str = ""
    confidence: Literal["verified", "partly", "unverified", "assumption"] = "assumption"


class LineIn(BaseModel):
    """Eén regel: een kengetal (``unit_cost``) óf een eigen post (``custom``)."""

    model_config = ConfigDict(extra="forbid")

    unit_cost: str | None = Field(default=None, description="Id uit de prijslijst (/kengetallen).")
    custom: CustomItemIn | None = None
    quantity: Number = Field(description="Aantal eenheden per periode, 0 of meer. " + NUMBER_HINT)
    per: Literal["week", "month", "year", ""] = Field(
        default="", description="Periode; mag leeg zijn voor eenmalige eenheden (once, trajectory)."
    )
    start_month: int = Field(default=1, ge=1, le=1200, description="Eerste maand, vanaf 1.")
    months: int = Field(ge=1, le=1200, description="Aantal maanden (ook verplicht bij eenmalig).")
    probability: Number = Field(default=100, description="Kans in procent, 0 tot en met 100.")
    note: str = ""


class ScenarioIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    lines: list[LineIn] = []


class ComparisonRequest(BaseModel):
    """Doormodderen (status_quo) tegenover doorbreken (breakthrough)."""

    model_config = ConfigDict(extra="forbid")

    horizon_months: Literal[12, 24, 36, 60] = 12
    discount_rate: Number = Field(
        default="2.25", description="Discontovoet in procent per jaar, 0 tot en met 15."
    )
    status_quo: ScenarioIn
    breakthrough: ScenarioIn


class ErrorOut(BaseModel):
    detail: str = Field(description="Nederlandse foutmelding.")
    field: str = Field(
        description="Pad naar het veld, bijvoorbeeld breakthrough.lines.2.probability."
    )


EXAMPLE: dict[str, Any] = {
    "horizon_months": 12,
    "status_quo": {
        "title": "Doormodderen: Milan blijft in het gezinshuis",
        "lines": [
            {
                "unit_cost": "k-jz-5",
                "quantity": "365",
                "per": "year",
                "start_month": 1,
                "months": 12,
            },
        ],
    },
    "breakthrough": {
        "title": "Coulance voor traumatherapie en terugkeer na zes maanden",
        "lines": [
            {
                "unit_cost": "k-jz-5",
                "quantity": "365",
                "per": "year",
                "start_month": 1,
                "months": 6,
            },
            {"unit_cost": "k-ggz-2", "quantity": "1", "start_month": 1, "months": 1},
            {"unit_cost": "k-jz-7", "quantity": "3", "per": "week", "start_month": 7, "months": 6},
        ],
    },
}
ERROR_EXAMPLE = {
    "detail": "De kans ligt tussen 0 en 100 %.",
    "field": "breakthrough.lines.1.probability",
}


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON schema with every ``#/$defs/...`` reference replaced by its definition."""
    definitions = schema.get("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return resolve(definitions[ref.removeprefix("#/$defs/")])
            return {key: resolve(value) for key, value in node.items() if key != "$defs"}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


def receipt_schema() -> dict[str, Any]:
    """The schema of ``receipt_to_dict``: the Receipt dataclass plus its convenience fields."""
    schema = inline_refs(TypeAdapter(Receipt).json_schema(mode="serialization"))
    schema["properties"] |= {
        "discount_rate_percent": {"type": "string", "description": "Discontovoet in procent."},
        "warning_codes": {"type": "array", "items": {"type": "string"}},
        "investors": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Betalers die extra betalen bij doorbreken.",
        },
        "savers": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Betalers die besparen bij doorbreken.",
        },
    }
    return schema


def openapi_extra() -> dict[str, Any]:
    request = inline_refs(ComparisonRequest.model_json_schema())
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": request, "example": EXAMPLE}},
        }
    }


def responses() -> dict[int | str, dict[str, Any]]:
    error = inline_refs(ErrorOut.model_json_schema())
    return {
        200: {
            "description": "De volledige kassabon. Bedragen zijn teksten met twee decimalen.",
            "content": {"application/json": {"schema": receipt_schema()}},
        },
        401: {"description": "Niet ingelogd."},
        403: {"description": "CSRF-token ontbreekt (stuur het in de kop X-CSRF-Token)."},
        422: {
            "description": "Ongeldige invoer: een Nederlandse melding en het pad naar het veld.",
            "content": {"application/json": {"schema": error, "example": ERROR_EXAMPLE}},
        },
    }
