"""Exports of a cohort for trainers and org admins: the progress grid and the results per
exercise, as CSV or XLSX, streamed."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.dashboards import queries
from app.dashboards.exports import csv_chunks, file_name, grid_table, results_table, xlsx_chunks
from app.dashboards.grid import build_rows
from app.dates import to_local
from app.db import utcnow
from app.errors import NotFound
from app.web.content import CatalogDep
from app.web.deps import DbSession, StaffCohort

router = APIRouter(prefix="/groepen")

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SHEETS = {"voortgang": "Voortgang", "resultaten": "Resultaten"}


def _stream(
    chunks: Iterator[bytes], cohort_name: str, what: str, extension: str
) -> StreamingResponse:
    name = file_name(cohort_name, what, to_local(utcnow()).date(), extension)
    return StreamingResponse(
        chunks,
        media_type=MEDIA_TYPES[extension],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/{cohort_id}/export/{what}.{extension}")
def export_cohort(
    session: DbSession, catalog: CatalogDep, cohort: StaffCohort, what: str, extension: str
) -> StreamingResponse:
    """/export/voortgang.csv|xlsx (the grid) and /export/resultaten.csv|xlsx (attempts)."""
    if what not in SHEETS or extension not in MEDIA_TYPES:
        raise NotFound("Deze export bestaat niet.")
    # Read everything now: the database session closes before the response streams.
    if what == "voortgang":
        schedule = queries.schedule_of(session, cohort)
        records = queries.grid_records(session, cohort)
        numbers = [m.number for m in catalog.modules]
        rows = build_rows(records, numbers, schedule.deadlines_for, utcnow())
        header, body = grid_table(catalog, rows)
    else:
        header, body = results_table(catalog, queries.result_records(session, cohort))
    if extension == "csv":
        chunks = csv_chunks(header, body)
    else:
        chunks = xlsx_chunks(SHEETS[what], header, body)
    return _stream(chunks, cohort.name, what, extension)
