"""One place that turns errors into Dutch pages, htmx partials or JSON. Never a bare 500."""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import DomainError
from app.web.deps import LoginRequired
from app.web.templating import is_fragment_request, render

log = logging.getLogger("doorbraakschool.web")

TITLES = {
    400: "Dat ging niet goed",
    401: "Log eerst in",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Dat kan hier niet",
    413: "Te groot",
    422: "Controleer wat je hebt ingevuld",
    429: "Even geduld",
    500: "Er ging iets mis aan onze kant",
    503: "Even geduld",
}
DEFAULT_MESSAGES = {
    404: "Deze pagina bestaat niet, of je hebt er geen toegang toe.",
    405: "Deze actie kan niet op deze pagina.",
    500: "Probeer het over een paar minuten opnieuw. Wat je had ingevuld is niet opgeslagen.",
}


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


def error_response(
    request: Request, status: int, message: str, field: str | None = None
) -> Response:
    message = message or DEFAULT_MESSAGES.get(status, TITLES.get(status, "Er ging iets mis."))
    if wants_json(request):
        body: dict[str, object] = {"detail": message}
        if field:
            body["field"] = field
        return JSONResponse(body, status_code=status)
    if is_fragment_request(request):
        response = render(request, "_error.html", {"message": message}, status_code=status)
        response.headers["HX-Retarget"] = "#meldingen"
        response.headers["HX-Reswap"] = "innerHTML"
        return response
    title = TITLES.get(status, "Er ging iets mis")
    return render(request, "error.html", {"title": title, "message": message}, status_code=status)


OUT_OF_RANGE_MESSAGE = "Een getal of datum die je invulde is te groot of te klein."
BUSY_MESSAGE = (
    "Het is even erg druk. Wat je net invulde is niet opgeslagen; probeer het over een paar "
    "seconden opnieuw."
)
FULL_MESSAGE = (
    "De opslag van de Doorbraakschool is vol. Wat je net invulde is niet opgeslagen; "
    "de beheerder is gewaarschuwd."
)


async def database_unavailable(request: Request, exc: Exception) -> Response:
    """Busy beyond the timeout, disk full, or the database server gone: 503, try again later."""
    reason = str(getattr(exc, "orig", exc))
    log.error("Database niet beschikbaar bij %s %s: %s", request.method, request.url.path, reason)
    message = FULL_MESSAGE if "full" in reason.lower() else BUSY_MESSAGE
    response = error_response(request, 503, message)
    response.headers["Retry-After"] = "5"
    return response


async def out_of_range(request: Request, exc: Exception) -> Response:
    """A number the database or the calendar cannot hold (an id of 2**63 in the path, a value
    past a column's range): what was asked for cannot exist, so 404 for a path, else 400."""
    log.warning("Waarde buiten bereik bij %s %s: %s", request.method, request.url.path, exc)
    if request.path_params:
        return error_response(request, 404, "")
    return error_response(request, 400, OUT_OF_RANGE_MESSAGE)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(OperationalError, database_unavailable)
    app.add_exception_handler(OverflowError, out_of_range)
    app.add_exception_handler(DataError, out_of_range)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": exc.message}, status_code=401)
        target = "/inloggen?volgende=" + quote(request.url.path)
        if request.headers.get("hx-request") == "true":
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> Response:
        return error_response(request, exc.status_code, exc.message, exc.field)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = [_describe(error) for error in exc.errors()]
        if wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return error_response(request, 422, " ".join(p["message"] for p in problems))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else ""
        if exc.status_code in (404, 405):
            message = ""
        return error_response(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("Onverwachte fout bij %s %s", request.method, request.url.path)
        return error_response(request, 500, "")


def _describe(error: dict[str, object]) -> dict[str, str]:
    location = error.get("loc", ())
    field = (
        ".".join(str(part) for part in location if part not in ("body", "query", "path"))
        if isinstance(location, tuple | list)
        else ""
    )
    kind = str(error.get("type", ""))
    messages = {
        "missing": "Dit veld ontbreekt.",
        "int_parsing": "Vul een heel getal in.",
        "decimal_parsing": "Vul een getal in.",
        "float_parsing": "Vul een getal in.",
        "date_from_datetime_parsing": "Vul een datum in (jjjj-mm-dd).",
        "date_parsing": "Vul een datum in (jjjj-mm-dd).",
        "json_invalid": "De JSON is ongeldig.",
        "string_too_long": "Deze tekst is te lang.",
    }
    message = messages.get(kind) or str(error.get("msg", "Ongeldige waarde."))
    return {"field": field, "message": f"{field}: {message}" if field else message}
