"""The rekentool sandbox (/rekentool) and an organisation's own tariffs (/beheer/.../tarieven).

A calculation is private practice: its owner edits it; a trainer of the owner's cohort or an
admin of the owner's organisation may open it read-only; anyone else gets 404. htmx posts the
editor to /herberekenen on every change and swaps only the receipt; nothing is saved until the
owner presses Opslaan. Adding and removing lines are plain submit buttons (they work without
JavaScript) that htmx enhances to swap the whole editor.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.accounts.models import User
from app.accounts.viewer import Viewer
from app.calculations import queries, sandbox
from app.calculations import service as calc_service
from app.calculations.chart import payer_chart
from app.calculations.compute import compute
from app.calculations.editor import (
    MAX_TITLE,
    EditorFields,
    error_slot,
    fields_from_form,
    fields_from_mapping,
    parse_action,
    with_line_added,
    with_line_removed,
)
from app.calculations.models import Calculation
from app.calculations.pdf import receipt_pdf
from app.calculations.tariff_form import parse_tariff
from app.calculations.view_helpers import HELPERS, editor_choices, unit_cost_groups
from app.calculator import PriceList
from app.content import Catalog
from app.errors import InvalidInput, NotAllowed
from app.web.content import CatalogDep
from app.web.deps import CurrentViewer, CurrentWork, DbSession, FormData, ManagedOrganisation
from app.web.templating import is_fragment_request, render, render_page_or_fragment

router = APIRouter()

READ_ONLY = "Alleen de eigenaar kan deze berekening wijzigen."


def _names(request: Request) -> bool:
    return bool(request.app.state.settings.content_check_names)


def _own(session: Session, viewer: Viewer, calculation_id: int) -> Calculation:
    """The viewer's own calculation; a read-only viewer gets 403, anyone else 404."""
    access = queries.calculation_for(session, viewer, calculation_id)
    if not access.can_edit:
        raise NotAllowed(READ_ONLY)
    return access.calculation


def _title_error(title: str) -> str:
    if not title:
        return "Geef de berekening een titel."
    if len(title) > MAX_TITLE:
        return f"De titel mag hoogstens {MAX_TITLE} tekens hebben."
    return ""


# --- the list and new calculations --------------------------------------------------------


def _index_context(session: Session, catalog: Catalog, viewer: Viewer) -> dict[str, Any]:
    return {
        "calculations": queries.own_calculations(session, viewer),
        "shared": queries.readable_calculations(session, viewer),
        "cases": catalog.cases,
        "form": {},
        **HELPERS,
    }


@router.get("/rekentool", response_class=HTMLResponse)
def page_calculations(
    request: Request, session: DbSession, catalog: CatalogDep, viewer: CurrentViewer
) -> HTMLResponse:
    return render(
        request, "trainee/calculator/index.html", _index_context(session, catalog, viewer)
    )


@router.post("/rekentool/nieuw", response_class=HTMLResponse)
def post_new(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    work: CurrentWork,
    form: FormData,
) -> Response:
    case_id = form.get("case_id", "").strip()
    case = sandbox.find_case(catalog, case_id)
    title = form.get("title", "").strip()
    message = "Kies een casus uit de lijst." if case_id and case is None else ""
    if len(title) > MAX_TITLE:
        message = _title_error(title)
    if message:
        context = _index_context(session, catalog, viewer) | {"form": form, "error": message}
        return render(request, "trainee/calculator/index.html", context, status_code=400)
    start = sandbox.start_from_case(case) if case else sandbox.start_empty()
    prices = sandbox.prices_for(session, catalog, work.organisation_id)
    calculation = calc_service.create_calculation(
        session,
        context=work,
        title=title or start.title,
        computed=compute(start.mapping, prices),
        case_id=start.case_id,
        breakthrough_id=start.breakthrough_id,
    )
    return RedirectResponse(f"/rekentool/{calculation.id}", status_code=303)


# --- one calculation ----------------------------------------------------------------------


def _editor_context(
    request: Request,
    catalog: Catalog,
    calculation: Calculation,
    fields: EditorFields,
    prices: PriceList,
    outcome: sandbox.Outcome | None = None,
) -> dict[str, Any]:
    """What the editor page and its partials show. Without ``outcome``: the saved receipt."""
    if outcome is None:
        receipt: dict[str, Any] | None = calculation.receipt
    else:
        receipt = outcome.computed.receipt_data if outcome.computed else None
    error = outcome.error if outcome else ""
    field = outcome.field if outcome else ""
    return {
        "calculation": calculation,
        "fields": fields,
        "receipt": receipt,
        "chart": payer_chart(receipt["payers"]) if receipt else None,
        "error": error,
        "error_field": field,
        "error_slot": error_slot(field) if error else "",
        "groups": unit_cost_groups(prices),
        "current_version": prices.version,
        "case": sandbox.find_case(catalog, calculation.case_id),
        "saved": request.query_params.get("opgeslagen") == "1",
        "anon_warning": ""
        if is_fragment_request(request)
        else _privacy(request, catalog, calculation),
        **editor_choices(),
        **HELPERS,
    }


def _privacy(request: Request, catalog: Catalog, calculation: Calculation) -> str:
    """The anonymisation warning for the saved free text of ``calculation`` (empty if none)."""
    return sandbox.privacy_warning(
        catalog,
        calculation.title,
        calculation.comparison,
        calculation.case_id,
        names=_names(request),
    )


def _view_context(session: Session, calculation: Calculation) -> dict[str, Any]:
    receipt = calculation.receipt
    return {
        "calculation": calculation,
        "owner": session.get(User, calculation.owner_id),
        "receipt": receipt,
        "chart": payer_chart(receipt["payers"]) if receipt else None,
        "figures": calculation.prices.get("items", {}),
        **HELPERS,
    }


@router.get("/rekentool/{calculation_id}", response_class=HTMLResponse)
def page_calculation(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    calculation_id: int,
) -> HTMLResponse:
    access = queries.calculation_for(session, viewer, calculation_id)
    calculation = access.calculation
    if not access.can_edit:
        context = _view_context(session, calculation) | {
            "anon_warning": _privacy(request, catalog, calculation),
            "case_title": {c.id: c.title for c in catalog.cases}.get(calculation.case_id or ""),
        }
        return render(request, "trainee/calculator/view.html", context)
    fields = fields_from_mapping(calculation.title, calculation.comparison)
    prices = sandbox.prices_for(session, catalog, calculation.organisation_id)
    context = _editor_context(request, catalog, calculation, fields, prices)
    return render(request, "trainee/calculator/page.html", context)


@router.post("/rekentool/{calculation_id}/herberekenen", response_class=HTMLResponse)
def fragment_recalculate(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    calculation_id: int,
    form: FormData,
) -> HTMLResponse:
    """Compute the editor's current input without saving: the receipt (htmx) or the page."""
    calculation = _own(session, viewer, calculation_id)
    fields = fields_from_form(form)
    prices = sandbox.prices_for(session, catalog, calculation.organisation_id)
    outcome = sandbox.evaluate(fields, prices)
    context = _editor_context(request, catalog, calculation, fields, prices, outcome)
    # htmx swaps only 2xx answers, so the fragment reports bad input with 200 and the message.
    status = 400 if outcome.error and not is_fragment_request(request) else 200
    return render_page_or_fragment(
        request,
        "trainee/calculator/page.html",
        "trainee/calculator/_recalc.html",
        context,
        status_code=status,
    )


@router.post("/rekentool/{calculation_id}", response_class=HTMLResponse)
def post_calculation(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    calculation_id: int,
    form: FormData,
) -> Response:
    """Save, or add/remove a line (re-rendering the editor with everything typed, unsaved)."""
    calculation = _own(session, viewer, calculation_id)
    fields = fields_from_form(form)
    action = parse_action(form.get("action", "save"))
    prices = sandbox.prices_for(session, catalog, calculation.organisation_id)
    if action.kind != "save":
        if action.kind == "add":
            with_line_added(fields, action.scenario)
        else:
            with_line_removed(fields, action.scenario, action.index)
        outcome = sandbox.evaluate(fields, prices)
        context = _editor_context(request, catalog, calculation, fields, prices, outcome)
        context["error"] = ""  # an incomplete new line is not an error yet
        context["receipt_error"] = outcome.error
        return render_page_or_fragment(
            request, "trainee/calculator/page.html", "trainee/calculator/_editor.html", context
        )
    return _save(request, session, catalog, calculation, fields, prices)


def _save(
    request: Request,
    session: Session,
    catalog: Catalog,
    calculation: Calculation,
    fields: EditorFields,
    prices: PriceList,
) -> Response:
    outcome = sandbox.evaluate(fields, prices)
    title = fields.title.strip()
    if _title_error(title):
        outcome = sandbox.Outcome(outcome.computed, _title_error(title), "title")
    if outcome.computed is None or outcome.error:
        context = _editor_context(request, catalog, calculation, fields, prices, outcome)
        return render(request, "trainee/calculator/page.html", context, status_code=400)
    calc_service.update_calculation(session, calculation, title=title, computed=outcome.computed)
    return RedirectResponse(f"/rekentool/{calculation.id}?opgeslagen=1", status_code=303)


@router.post("/rekentool/{calculation_id}/kopie")
def post_copy(session: DbSession, viewer: CurrentViewer, calculation_id: int) -> Response:
    calculation = _own(session, viewer, calculation_id)
    title = f"Kopie van {calculation.title}"[:MAX_TITLE]
    copy = calc_service.copy_calculation(session, calculation, title)
    return RedirectResponse(f"/rekentool/{copy.id}", status_code=303)


@router.post("/rekentool/{calculation_id}/herstellen")
def post_reset(
    session: DbSession,
    catalog: CatalogDep,
    viewer: CurrentViewer,
    calculation_id: int,
    form: FormData,
) -> Response:
    """Back to the case's status quo and first breakthrough (``naar=casus``) or to empty."""
    calculation = _own(session, viewer, calculation_id)
    case = sandbox.find_case(catalog, calculation.case_id)
    if form.get("naar") == "casus" and case is not None:
        start = sandbox.start_from_case(case)
        calculation.breakthrough_id = start.breakthrough_id
    else:
        start = sandbox.start_empty(calculation.title)
    prices = sandbox.prices_for(session, catalog, calculation.organisation_id)
    calc_service.update_calculation(
        session,
        calculation,
        title=calculation.title,
        computed=compute(start.mapping, prices),
    )
    return RedirectResponse(f"/rekentool/{calculation.id}?opgeslagen=1", status_code=303)


@router.post("/rekentool/{calculation_id}/verwijderen")
def post_delete(session: DbSession, viewer: CurrentViewer, calculation_id: int) -> Response:
    calc_service.delete_calculation(session, _own(session, viewer, calculation_id))
    return RedirectResponse("/rekentool?verwijderd=1", status_code=303)


@router.get("/rekentool/{calculation_id}/kassabon.pdf")
def download_receipt_pdf(
    session: DbSession, viewer: CurrentViewer, calculation_id: int
) -> Response:
    """The saved receipt as an A4 PDF (owner and read-only viewers)."""
    calculation = queries.calculation_for(session, viewer, calculation_id).calculation
    data = receipt_pdf(calculation.title, calculation.receipt)
    headers = {"Content-Disposition": f'attachment; filename="kassabon-{calculation.id}.pdf"'}
    return Response(data, media_type="application/pdf", headers=headers)


# --- organisation tariffs -----------------------------------------------------------------


def _tariff_context(
    session: Session, catalog: Catalog, org_id: int, chosen: str = ""
) -> dict[str, Any]:
    rows = queries.tariff_rows(session, org_id)
    by_id = {row.unit_cost_id: row for row in rows}
    row = by_id.get(chosen)
    form = {"unit_cost_id": chosen}
    if row is not None:
        tariff = queries.as_tariff(row)
        form |= {
            "low": str(tariff.low),
            "central": str(tariff.central),
            "high": str(tariff.high),
            "year": str(tariff.year),
            "source": tariff.source,
        }
    return {
        "rows": [
            (row, queries.as_tariff(row), catalog.price_list.items.get(row.unit_cost_id))
            for row in rows
        ],
        "groups": unit_cost_groups(catalog.price_list),
        "version": sandbox.prices_for(session, catalog, org_id).version,
        "form": form,
        "this_year": date.today().year,
        **HELPERS,
    }


@router.get("/beheer/{org_slug}/tarieven", response_class=HTMLResponse)
def page_tariffs(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    org: ManagedOrganisation,
    kengetal: str = "",
) -> HTMLResponse:
    assert org.id is not None
    context = _tariff_context(session, catalog, org.id, kengetal[:80]) | {"organisation": org}
    return render(request, "admin/org/tariffs.html", context)


@router.post("/beheer/{org_slug}/tarieven", response_class=HTMLResponse)
def post_tariff(
    request: Request,
    session: DbSession,
    catalog: CatalogDep,
    org: ManagedOrganisation,
    viewer: CurrentViewer,
    form: FormData,
) -> Response:
    assert org.id is not None
    try:
        tariff = parse_tariff(form, catalog.price_list.items, date.today().year)
    except InvalidInput as exc:
        context = _tariff_context(session, catalog, org.id) | {
            "organisation": org,
            "form": form,
            "error": exc.message,
            "error_field": exc.field,
        }
        return render(request, "admin/org/tariffs.html", context, status_code=400)
    calc_service.set_tariff(
        session,
        organisation_id=org.id,
        unit_cost_id=tariff.unit_cost_id,
        amounts=tariff.amounts,
        year=tariff.year,
        source=tariff.source,
        actor_id=viewer.user_id,
    )
    return RedirectResponse(f"/beheer/{org.slug}/tarieven?opgeslagen=1", status_code=303)


@router.post("/beheer/{org_slug}/tarieven/{unit_cost_id}/verwijderen")
def post_remove_tariff(
    session: DbSession, org: ManagedOrganisation, viewer: CurrentViewer, unit_cost_id: str
) -> Response:
    assert org.id is not None
    calc_service.remove_tariff(
        session, organisation_id=org.id, unit_cost_id=unit_cost_id, actor_id=viewer.user_id
    )
    return RedirectResponse(f"/beheer/{org.slug}/tarieven?verwijderd=1", status_code=303)
