"""Beheer › Import: staff from a CSV file, a dry run with a report per row, then invitations."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.accounts.models import Organisation
from app.cohorts import queries as cohort_queries
from app.dates import LOCAL
from app.db import utcnow
from app.errors import InvalidInput
from app.mail.service import deliver_pending
from app.numbers import whole_number
from app.organisations import queries as org_queries
from app.organisations.csv_rows import MAX_BYTES, decode, read_rows
from app.organisations.staff_import import (
    DONE,
    ERROR,
    EXISTS,
    READY,
    Destination,
    ImportOptions,
    plan,
    run_import,
)
from app.web.deps import CurrentViewer, DbSession, FormData, ManagedOrganisation, SettingsDep
from app.web.forms import parse_date
from app.web.templating import render

router = APIRouter(prefix="/beheer")
PAGE = "admin/org/import.html"
RESULT_KEYS = {"gedaan": DONE, "bestond": EXISTS, "fout": ERROR}


def digest(text: str, form: dict[str, str]) -> str:
    """Fingerprint of what was checked: the list and the options for rows without a group.

    Line endings do not count: a browser sends the list back from the textarea with CRLF, also
    when the checked file had LF."""
    lines = "\n".join(text.splitlines())
    checked = f"{form.get('default', '')}\n{form.get('starts_on', '')}\n{lines}"
    return hashlib.sha256(checked.encode()).hexdigest()


def _choices(session: Session, org: Organisation) -> dict[str, Any]:
    assert org.id is not None
    onboarding = {row.cohort.id for row in org_queries.onboarding_starts(session, org.id)}
    return {
        "organisation": org,
        "cohorts": [
            c
            for c in cohort_queries.organisation_cohorts(session, org.id)
            if c.id not in onboarding
        ],
        "paths": org_queries.onboarding_paths(session, org.id),
        "max_kb": MAX_BYTES // 1000,
    }


def _default(session: Session, org: Organisation, value: str) -> Destination:
    """The destination for rows without a group: '', 'groep:ID' or 'pad:ID'."""
    assert org.id is not None
    kind, _, number = value.partition(":")
    chosen = whole_number(number)
    if not value or chosen is None:
        return Destination()
    if kind == "pad":
        return Destination(path=org_queries.onboarding_path_in(session, org.id, chosen))
    cohort = cohort_queries.organisation_cohorts(session, org.id)
    found = next((c for c in cohort if c.id == chosen), None)
    if found is None:
        raise InvalidInput("Kies een bestaande groep.", field="default")
    return Destination(cohort=found)


@router.get("/{org_slug}/import", response_class=HTMLResponse)
def page_import(request: Request, session: DbSession, org: ManagedOrganisation) -> HTMLResponse:
    today = utcnow().astimezone(LOCAL).date().isoformat()
    numbers = {key: whole_number(request.query_params.get(key, "")) for key in RESULT_KEYS}
    result = {key: number for key, number in numbers.items() if number is not None}
    context = _choices(session, org) | {"form": {"starts_on": today}, "result": result}
    return render(request, PAGE, context)


def _csv_text(form: dict[str, str], upload: UploadFile | None) -> str:
    if upload is not None and upload.filename:
        return decode(upload.file.read(MAX_BYTES + 1))
    text = form.get("csv_text", "")
    if len(text.encode()) > MAX_BYTES:
        raise InvalidInput(f"De lijst is te groot (hoogstens {MAX_BYTES // 1000} kB).")
    return text.lstrip("\ufeff")


@router.post("/{org_slug}/import", response_class=HTMLResponse)
def post_import(
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    org: ManagedOrganisation,
    viewer: CurrentViewer,
    form: FormData,
    background: BackgroundTasks,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    context = _choices(session, org) | {"form": form}
    try:
        text = _csv_text(form, file)
        context["form"] = form | {"csv_text": text}
        rows = read_rows(text)
        options = ImportOptions(
            default=_default(session, org, form.get("default", "")),
            starts_on=_start(form.get("starts_on", "")),
        )
        confirmed = form.get("action") == "importeren" and form.get("digest") == digest(text, form)
        if not confirmed:
            report = plan(session, org, rows, options)
            changed = form.get("action") == "importeren"
            context |= {"report": report, "digest": digest(text, form), "changed": changed}
            return render(request, PAGE, context | _labels())
        report = run_import(session, settings, org, rows, options, actor_id=viewer.user_id)
    except InvalidInput as exc:
        return render(request, PAGE, context | {"error": exc.message}, status_code=400)
    if settings.smtp_enabled:
        background.add_task(deliver_pending, request.app.state.db, settings)
    counts = (
        f"gedaan={report.count(DONE)}&bestond={report.count(EXISTS)}&fout={report.count(ERROR)}"
    )
    return RedirectResponse(f"/beheer/{org.slug}/import?{counts}", status_code=303)


def _start(value: str) -> date:
    if not value.strip():
        return utcnow().astimezone(LOCAL).date()
    return parse_date(value, field="starts_on", label="startdatum inwerkpad")


def _labels() -> dict[str, str]:
    return {"READY": READY, "EXISTS": EXISTS, "ERROR": ERROR}
