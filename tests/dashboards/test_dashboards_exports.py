"""CSV and XLSX exports of the grid and of the results: streamed, named after the cohort and the
date, formula-like text neutralised, staff of the cohort only."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from dashboards.dashboard_helpers import add_attempt, rename
from factories import login_as
from openpyxl import load_workbook

from app.dashboards.exports import file_name, neutralise

EVIL = '=HYPERLINK("http://example.com","klik")'


def _csv(response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM for spreadsheet programs
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx(response) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_grid_csv_has_a_row_per_trainee_with_25_module_statuses(client, world):
    login_as(client, world.trainer)
    response = client.get(f"/groepen/{world.cohort.id}/export/voortgang.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    today = date.today().isoformat()
    assert response.headers["content-disposition"] == (
        f'attachment; filename="doorbraaklab-2027-voortgang-{today}.csv"'
    )
    rows = _csv(response)
    header, body = rows[0], {row[0]: row for row in rows[1:]}
    assert header[:6] == [
        "Naam",
        "E-mailadres",
        "Team",
        "Afgerond",
        "Achter op schema",
        "Modules te laat",
    ]
    assert len(header) == 6 + 25
    assert header[6].startswith("M1 ")
    assert body["Daan"][1:6] == ["daan@voorbeeld.example", "Wijkteam Noord", "1", "ja", "2"]
    assert body["Daan"][6:8] == ["afgerond", "bezig, te laat"]
    assert body["Noor"][4:6] == ["ja", "1, 2"]
    assert body["Sanne"][4] == "nee"


def test_the_grid_xlsx_holds_the_same_table(client, world):
    login_as(client, world.admin)
    response = client.get(f"/groepen/{world.cohort.id}/export/voortgang.xlsx")
    assert response.status_code == 200
    assert "spreadsheetml" in response.headers["content-type"]
    assert response.headers["content-disposition"].endswith('.xlsx"')
    rows = _xlsx(response)
    assert rows[0][0] == "Naam"
    daan = next(row for row in rows if row[0] == "Daan")
    assert daan[3] == 1  # a number stays a number
    assert daan[4] == "ja"


def test_the_results_export_has_attempts_per_trainee_and_exercise_with_scores(client, world):
    add_attempt(client.app, world.daan, "m01-q1", passed=False)
    add_attempt(client.app, world.daan, "m01-q1", passed=True)
    add_attempt(client.app, world.sanne, "m01-q1", passed=True)
    add_attempt(client.app, world.other_trainee, "m01-q1", passed=True)
    login_as(client, world.trainer)
    rows = _csv(client.get(f"/groepen/{world.cohort.id}/export/resultaten.csv"))
    assert rows[0][:7] == ["Naam", "E-mailadres", "Team", "Module", "Oefening", "Vraag", "Pogingen"]
    body = {row[0]: row for row in rows[1:]}
    assert set(body) == {"Daan", "Sanne"}  # not the other organisation's trainee
    daan = body["Daan"]
    assert daan[3:5] == ["1", "m01-q1"]
    assert daan[5]  # the question text
    assert daan[6:11] == ["2", "0", "100", "100", "ja"]
    xlsx = _xlsx(client.get(f"/groepen/{world.cohort.id}/export/resultaten.xlsx"))
    assert [row[0] for row in xlsx[1:]] == ["Daan", "Sanne"]
    assert xlsx[1][6:10] == [2, 0, 100, 100]


def test_formula_like_names_are_neutralised_in_csv_and_xlsx(client, world):
    rename(client.app, world.daan, EVIL)
    rename(client.app, world.noor, "+31 wijkteam")
    add_attempt(client.app, world.daan, "m01-q1", passed=True)
    login_as(client, world.trainer)
    names = [row[0] for row in _csv(client.get(f"/groepen/{world.cohort.id}/export/voortgang.csv"))]
    assert "'" + EVIL in names
    assert "'+31 wijkteam" in names
    assert EVIL not in names
    rows = _xlsx(client.get(f"/groepen/{world.cohort.id}/export/voortgang.xlsx"))
    assert "'" + EVIL in [row[0] for row in rows]
    results = _csv(client.get(f"/groepen/{world.cohort.id}/export/resultaten.csv"))
    assert results[1][0] == "'" + EVIL


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Sanne", "Sanne"),
        ("a=b", "a=b"),
        (-3, -3),
        (0.5, 0.5),
        (None, None),
    ],
)
def test_neutralise_prefixes_only_text_that_starts_like_a_formula(value, expected):
    assert neutralise(value) == expected


def test_file_names_use_a_slug_of_the_cohort_name_and_the_date():
    assert file_name("Inwerkgroep najaar 2026 / Zuid", "voortgang", date(2026, 11, 2), "csv") == (
        "inwerkgroep-najaar-2026-zuid-voortgang-2026-11-02.csv"
    )
    assert file_name("Één groep", "resultaten", date(2027, 1, 5), "xlsx").startswith("een-groep-")
    assert file_name("!!!", "x", date(2027, 1, 5), "csv") == "groep-x-2027-01-05.csv"


@pytest.mark.parametrize("who", ["other_trainer", "sanne"])
def test_exports_are_for_the_cohorts_staff_only(client, world, who):
    login_as(client, getattr(world, who))
    for name in ("voortgang.csv", "resultaten.xlsx"):
        assert client.get(f"/groepen/{world.cohort.id}/export/{name}").status_code == 404


def test_an_unknown_export_is_404(client, world):
    login_as(client, world.trainer)
    for name in ("voortgang.pdf", "wachtwoorden.csv"):
        assert client.get(f"/groepen/{world.cohort.id}/export/{name}").status_code == 404
