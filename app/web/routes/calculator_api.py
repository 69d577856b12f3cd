"""JSON API of the rekentool: ``POST /api/calculator/receipt``.

A comparison in the mapping shape of ``comparison_from_mapping`` goes in, ``receipt_to_dict``
comes out. Bad input answers 422 with ``{"detail": <Dutch message>, "field": <path>}``, never
500. The caller must be logged in (session cookie) and send the CSRF token in X-CSRF-Token.
The organisation's own tariffs apply, as in the sandbox.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from app.calculations import queries, sandbox
from app.calculations.api_schema import openapi_extra, responses
from app.calculations.compute import compute
from app.calculator import CalculatorError
from app.web.content import CatalogDep
from app.web.deps import CurrentViewer, DbSession

router = APIRouter(prefix="/api/calculator", tags=["rekentool"])

MAX_DEPTH = 12


async def raw_body(request: Request) -> bytes:
    """The request body as bytes; the handler parses it so every error can be Dutch."""
    return await request.body()


RawBody = Annotated[bytes, Depends(raw_body)]


def parse_json(raw: bytes) -> object:
    """Parse the body; raise CalculatorError (field "") for anything that is not JSON."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CalculatorError("", "De aanvraag is geen geldige UTF-8-tekst.") from None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise CalculatorError("", "De aanvraag is geen geldige JSON.") from None


def check_text(value: object, path: str = "", depth: int = 0) -> None:
    """Refuse NUL characters and lone surrogates anywhere (keys and values), and deep nesting."""
    if depth > MAX_DEPTH:
        raise CalculatorError(path, "De aanvraag is te diep genest.")
    if isinstance(value, str):
        _check_string(value, path)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_string(key, path)
            check_text(item, f"{path}.{key}" if path else key, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_text(item, f"{path}.{index}" if path else str(index), depth + 1)


def _check_string(text: str, path: str) -> None:
    if "\x00" in text:
        raise CalculatorError(path, "Deze tekst bevat een ongeldig teken (NUL).")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise CalculatorError(path, "Deze tekst bevat een ongeldig teken.") from None


@router.post(
    "/receipt",
    summary="Bereken een kassabon",
    description=(
        "Zet doormodderen (`status_quo`) tegenover doorbreken (`breakthrough`) en geef de "
        "volledige kassabon terug: kosten per regel, per betaler en per wet, het "
        "maatschappelijk verschil, het verschil per betaler, terugverdienmaand, rendement, "
        "gevoeligheid en waarschuwingen. Vereist een ingelogde sessie (cookie) en het "
        "CSRF-token in de kop `X-CSRF-Token`. Eigen tarieven van je organisatie tellen mee."
    ),
    response_class=JSONResponse,
    openapi_extra=openapi_extra(),
    responses=responses(),
)
def api_receipt(
    session: DbSession, catalog: CatalogDep, viewer: CurrentViewer, raw: RawBody
) -> JSONResponse:
    prices = sandbox.prices_for(session, catalog, queries.home_organisation_id(viewer))
    try:
        payload = parse_json(raw)
        check_text(payload)
        if not isinstance(payload, dict):
            raise CalculatorError("", "Verwacht een JSON-object met status_quo en breakthrough.")
        computed = compute(payload, prices)
    except CalculatorError as exc:
        return JSONResponse({"detail": exc.message, "field": exc.field}, status_code=422)
    return JSONResponse(computed.receipt_data)
