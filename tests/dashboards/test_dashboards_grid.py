"""The trainer's grid: trainees x 25 modules, "achter op schema" against the session dates,
filters by team and status (page, fragment, boosted), access."""

from __future__ import annotations

import pytest
from dashboards.dashboard_helpers import set_progress, submit_plan
from factories import html, login_as

FRAGMENT = {"HX-Request": "true"}
BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}


def _rows(page) -> dict[str, object]:
    return {
        row.th.get_text(strip=True): row
        for row in page.select("#voortgang-rooster tbody tr[data-user]")
    }


def _cell(row, number: int):
    return row.select_one(f"td[data-module='{number}']")


def test_the_grid_is_a_table_of_trainees_by_25_modules(client, world):
    login_as(client, world.trainer)
    response = client.get(f"/groepen/{world.cohort.id}/voortgang")
    assert response.status_code == 200
    page = html(response)
    table = page.select_one("table.progress-grid")
    assert table.caption is not None
    headers = table.select("thead th")
    assert all(th["scope"] == "col" for th in headers)
    assert len(headers) == 4 + 25
    rows = _rows(page)
    assert set(rows) == {"Sanne", "Daan", "Noor"}
    assert all(row.th["scope"] == "row" for row in rows.values())
    assert all(len(row.select("td.cell")) == 25 for row in rows.values())


def test_each_cell_shows_its_status_with_a_symbol_and_text_not_colour_alone(client, world):
    set_progress(client.app, world.sanne, 7, "completed", feedback=True)
    login_as(client, world.trainer)
    rows = _rows(html(client.get(f"/groepen/{world.cohort.id}/voortgang")))
    sanne, daan, noor = rows["Sanne"], rows["Daan"], rows["Noor"]
    assert _cell(sanne, 1)["data-status"] == "completed"
    assert _cell(sanne, 1).get_text() == "✓afgerond"
    assert _cell(daan, 2)["data-status"] == "in_progress"
    assert "bezig" in _cell(daan, 2).get_text()
    assert _cell(noor, 1)["data-status"] == "not_started"
    assert "niet begonnen" in _cell(noor, 1).get_text()
    assert _cell(sanne, 7)["data-status"] == "feedback"
    assert "feedback ontvangen (afgerond)" in _cell(sanne, 7).get_text()
    assert sanne.select("td.num")[0].get_text() == "4 van 25"


def test_achter_op_schema_is_judged_against_the_session_dates(client, world):
    """Modules 1-2 were due a week ago; 3-4 are due in two days (not late yet)."""
    login_as(client, world.trainer)
    page = html(client.get(f"/groepen/{world.cohort.id}/voortgang"))
    rows = _rows(page)
    behind = {name: row.select_one("td.behind-col")["data-behind"] for name, row in rows.items()}
    assert behind == {"Sanne": "nee", "Daan": "ja", "Noor": "ja"}
    assert "module 2" in rows["Daan"].select_one("td.behind-col").get_text()
    assert "module 1, 2" in rows["Noor"].select_one("td.behind-col").get_text()
    late = _cell(rows["Daan"], 2)
    assert "overdue" in late["class"]
    assert "te laat" in late.get_text()
    assert "overdue" not in _cell(rows["Noor"], 3)["class"]  # due in two days
    summary = page.select_one("#samenvatting").get_text()
    assert "2 achter op schema" in " ".join(summary.split())
    # next session: modules 3-4, nobody but Sanne (module 3) has them; nobody has both
    assert page.select_one("#niet-klaar").get_text() == "3"


def test_a_completed_late_module_clears_the_flag(client, world):
    set_progress(client.app, world.daan, 2, "completed")
    login_as(client, world.trainer)
    rows = _rows(html(client.get(f"/groepen/{world.cohort.id}/voortgang")))
    assert rows["Daan"].select_one("td.behind-col")["data-behind"] == "nee"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=achter", {"Daan", "Noor"}),
        ("status=niet_begonnen", {"Noor"}),
        ("status=bezig", {"Sanne", "Daan"}),
        ("status=afgerond", set()),
        ("status=onzin", {"Sanne", "Daan", "Noor"}),
        ("team=abc", {"Sanne", "Daan", "Noor"}),
    ],
)
def test_the_status_filter_narrows_the_rows(client, world, query, expected):
    login_as(client, world.trainer)
    response = client.get(f"/groepen/{world.cohort.id}/voortgang?{query}")
    assert response.status_code == 200
    assert set(_rows(html(response))) == expected


def test_the_team_filter_narrows_the_rows(client, world):
    login_as(client, world.trainer)
    team = world.teams["Wijkteam Zuid"]
    page = html(client.get(f"/groepen/{world.cohort.id}/voortgang?team={team}"))
    assert set(_rows(page)) == {"Noor"}
    assert page.select_one(f"#f-team option[value='{team}']").has_attr("selected")
    noord = world.teams["Wijkteam Noord"]
    page = html(client.get(f"/groepen/{world.cohort.id}/voortgang?team={noord}&status=achter"))
    assert set(_rows(page)) == {"Daan"}


def test_the_filter_form_works_without_javascript_and_with_htmx(client, world):
    login_as(client, world.trainer)
    form = html(client.get(f"/groepen/{world.cohort.id}/voortgang")).select_one("form#filters")
    assert form["method"] == "get"
    assert form["action"] == f"/groepen/{world.cohort.id}/voortgang"
    assert form["hx-get"] == form["action"]
    assert form["hx-target"] == "#voortgang-rooster"
    assert form.select_one("button[type=submit]") is not None
    for select in form.select("select"):
        assert form.select_one(f"label[for={select['id']}]") is not None


def test_the_filter_fragment_is_only_the_grid(client, world):
    login_as(client, world.trainer)
    response = client.get(f"/groepen/{world.cohort.id}/voortgang?status=achter", headers=FRAGMENT)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "HX-Request" in response.headers["vary"]
    page = html(response)
    assert page.select_one("#voortgang-rooster") is not None
    assert set(_rows(page)) == {"Daan", "Noor"}


def test_a_boosted_request_gets_the_full_page(client, world):
    login_as(client, world.trainer)
    response = client.get(f"/groepen/{world.cohort.id}/voortgang?status=achter", headers=BOOSTED)
    assert "<html" in response.text
    assert "HX-Request" in response.headers["vary"]
    assert set(_rows(html(response))) == {"Daan", "Noor"}


def test_the_org_admin_sees_the_grid_too(client, world):
    login_as(client, world.admin)
    assert client.get(f"/groepen/{world.cohort.id}/voortgang").status_code == 200


@pytest.mark.parametrize("who", ["other_trainer", "sanne", "other_trainee"])
def test_outsiders_get_404(client, world, who):
    login_as(client, getattr(world, who))
    assert client.get(f"/groepen/{world.cohort.id}/voortgang").status_code == 404
    assert client.get(f"/groepen/{world.cohort.id}/voortgang", headers=FRAGMENT).status_code == 404


def test_the_cohort_page_links_to_the_grid_and_the_schedule(client, world):
    login_as(client, world.trainer)
    page = html(client.get(f"/groepen/{world.cohort.id}"))
    assert page.select_one("#link-voortgang")["href"] == f"/groepen/{world.cohort.id}/voortgang"
    assert page.select_one("#link-schema")["href"] == f"/groepen/{world.cohort.id}/schema"


def test_the_grid_page_offers_exports_and_the_digest_button(client, world):
    login_as(client, world.trainer)
    page = html(client.get(f"/groepen/{world.cohort.id}/voortgang"))
    hrefs = {a["href"] for a in page.select("a")}
    for name in ("voortgang.csv", "voortgang.xlsx", "resultaten.csv", "resultaten.xlsx"):
        assert f"/groepen/{world.cohort.id}/export/{name}" in hrefs
    form = page.select_one("#overzicht-knop").find_parent("form")
    assert form["method"] == "post"
    assert form.select_one("input[name=csrf_token]") is not None


def test_the_grid_shows_the_review_queue_count_and_links_to_item_analysis(client, world):
    submit_plan(client.app, world.daan)
    submit_plan(client.app, world.other_trainee)  # another organisation: not counted
    login_as(client, world.trainer)
    page = html(client.get(f"/groepen/{world.cohort.id}/voortgang"))
    count = page.select_one("#beoordelen-aantal")
    assert " ".join(count.get_text().split()) == "1 inzending wacht op beoordeling"
    assert count.a["href"] == f"/beoordelen/groepen/{world.cohort.id}"
    assert page.select_one("#itemanalyse-link")["href"] == (
        f"/groepen/{world.cohort.id}/itemanalyse"
    )
