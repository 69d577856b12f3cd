"""GET /groepen/{cohort_id}/xapi.jsonl: the cohort's learning records as xAPI statements, one JSON
object per line, streamed. For the cohort's trainers and the organisation's admins."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from app.db import utcnow
from app.organisations.xapi import cohort_statement_lines
from app.web.content import CatalogDep
from app.web.deps import SettingsDep, StaffCohort

router = APIRouter(prefix="/groepen")


@router.get("/{cohort_id}/xapi.jsonl")
def get_xapi_statements(
    request: Request, settings: SettingsDep, catalog: CatalogDep, cohort: StaffCohort
) -> StreamingResponse:
    assert cohort.id is not None
    lines = cohort_statement_lines(request.app.state.db, catalog, settings.base_url, cohort.id)
    name = f"xapi-groep-{cohort.id}-{utcnow():%Y-%m-%d}.jsonl"
    return StreamingResponse(
        lines,
        media_type="application/x-ndjson; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )
