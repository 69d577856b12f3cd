"""Reading a staff list (CSV) into rows: ; or , separated, UTF-8 with or without BOM, Dutch or
English column names in any case. Pure: no database."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from app.errors import InvalidInput

MAX_BYTES = 512_000
MAX_ROWS = 2_000
COLUMNS = {
    "email": ("e-mail", "email", "e-mailadres", "emailadres", "mail", "e-mail address"),
    "name": ("naam", "name", "volledige naam", "full name"),
    "team": ("team", "wijkteam"),
    "group": ("groep", "cohort", "group", "lichting"),
}


@dataclass(frozen=True)
class CsvRow:
    line: int  # the line in the file (the header is line 1), as a spreadsheet numbers it
    email: str
    name: str
    team: str
    group: str


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"Het bestand is te groot (hoogstens {MAX_BYTES // 1000} kB). Splits de lijst op.",
            field="file",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            "Het bestand is geen UTF-8. Sla het in Excel op als 'CSV UTF-8 (door komma's "
            "gescheiden)' en probeer het opnieuw.",
            field="file",
        ) from None


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def _column_index(header: list[str]) -> dict[str, int]:
    names = [" ".join(cell.lstrip("\ufeff").split()).lower() for cell in header]
    index: dict[str, int] = {}
    for key, aliases in COLUMNS.items():
        for position, name in enumerate(names):
            if name in aliases and key not in index:
                index[key] = position
    missing = [label for key, label in (("email", "e-mail"), ("name", "naam")) if key not in index]
    if missing:
        raise InvalidInput(
            f"De kolom {' en '.join(repr(m) for m in missing)} ontbreekt in de eerste regel. "
            "Gebruik de kolommen e-mail, naam, team en groep.",
            field="file",
        )
    return index


def _cell(cells: list[str], index: dict[str, int], key: str) -> str:
    position = index.get(key)
    if position is None or position >= len(cells):
        return ""
    return " ".join(cells[position].split())


def read_rows(text: str) -> list[CsvRow]:
    """Every non-empty data row; raises InvalidInput for a file that cannot be read at all."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise InvalidInput("Het bestand is leeg.", field="file")
    reader = csv.reader(io.StringIO(text.rstrip("\r\n") + "\n"), delimiter=_delimiter(first))
    try:
        header = next(reader)
        while not any(cell.strip() for cell in header):
            header = next(reader)
        index = _column_index(header)
        rows = [
            CsvRow(reader.line_num, *(_cell(cells, index, k) for k in COLUMNS))
            for cells in reader
            if any(cell.strip() for cell in cells)
        ]
    except csv.Error as exc:
        raise InvalidInput(f"Het bestand is geen geldige CSV ({exc}).", field="file") from None
    if not rows:
        raise InvalidInput("Het bestand bevat geen medewerkers onder de kopregel.", field="file")
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"Importeer hoogstens {MAX_ROWS} medewerkers tegelijk.", field="file")
    return rows
