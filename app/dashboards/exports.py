"""Exports of the grid and of results as CSV and XLSX, generated piece by piece.

Text that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a carriage
return) gets a leading apostrophe, so opening an export never runs anything."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from tempfile import SpooledTemporaryFile

from openpyxl import Workbook

from app.content import Catalog
from app.dashboards.grid import GridRow
from app.dashboards.queries import ResultRecord
from app.dates import to_local

Cell = str | int | float | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 64 * 1024


def neutralise(value: Cell) -> Cell:
    """Text starting like a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "groep"


def file_name(cohort_name: str, what: str, day: date, extension: str) -> str:
    return f"{slug(cohort_name)}-{what}-{day.isoformat()}.{extension}"


class _Line:
    """A write-only file for csv.writer: holds the last written line."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text = text
        return len(text)


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Iterator[bytes]:
    """UTF-8 with BOM and semicolons, as Dutch spreadsheet programs expect; one line at a time."""
    line = _Line()
    writer = csv.writer(line, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(value) for value in header])
    yield ("\ufeff" + line.text).encode()
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
        yield line.text.encode()


def xlsx_chunks(
    title: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> Iterator[bytes]:
    """A write-only workbook, spooled (to disk when large), then read back in chunks."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([neutralise(value) for value in header])
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    with SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spool:
        workbook.save(spool)
        spool.seek(0)
        while chunk := spool.read(CHUNK):
            yield chunk


def grid_table(catalog: Catalog, rows: Sequence[GridRow]) -> tuple[list[str], Iterator[list[Cell]]]:
    header = ["Naam", "E-mailadres", "Team", "Afgerond", "Achter op schema", "Modules te laat"]
    header += [f"M{m.number} {m.title}" for m in catalog.modules]

    def body() -> Iterator[list[Cell]]:
        for row in rows:
            yield [
                row.name,
                row.email,
                row.team,
                row.completed,
                "ja" if row.behind else "nee",
                ", ".join(str(n) for n in row.overdue),
                *(cell.label for cell in row.cells),
            ]

    return header, body()


def _local(value: datetime) -> str:
    return to_local(value).strftime("%Y-%m-%d %H:%M")


def results_table(
    catalog: Catalog, records: Sequence[ResultRecord]
) -> tuple[list[str], Iterator[list[Cell]]]:
    header = [
        "Naam",
        "E-mailadres",
        "Team",
        "Module",
        "Oefening",
        "Vraag",
        "Pogingen",
        "Eerste score (%)",
        "Beste score (%)",
        "Laatste score (%)",
        "Gehaald",
        "Laatste poging",
    ]

    def question(exercise_id: str) -> str:
        try:
            return catalog.exercise(exercise_id)[1].question
        except KeyError:
            return ""

    def body() -> Iterator[list[Cell]]:
        for (
            _,
            name,
            email,
            team,
            exercise_id,
            module,
            attempts,
            first,
            best,
            last,
            passed,
            last_at,
        ) in records:
            yield [
                name,
                email,
                team or "",
                module,
                exercise_id,
                question(exercise_id),
                attempts,
                round(first * 100),
                round(best * 100),
                round(last * 100),
                "ja" if passed else "nee",
                _local(last_at),
            ]

    return header, body()
