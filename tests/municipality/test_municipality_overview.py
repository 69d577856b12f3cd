"""The organisation overview: enrolled, active, completed, behind and certificates per cohort and
team; progress and certificates per trainee, but never their answers or other free text."""

from __future__ import annotations

from datetime import timedelta

from factories import html, login_as, post_form
from municipality.municipality_helpers import (
    SECRET,
    add_attempt,
    add_calculation,
    complete_all,
    put_in_team,
    set_module,
)
from sqlmodel import select

from app.cohorts import service as cohort_service
from app.cohorts.models import Enrollment, MeetingModule
from app.db import session_scope, utcnow


def _cells(table) -> dict[str, list[str]]:
    return {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in table.select("tbody tr")
    }


def _setup(web_app, world) -> None:
    complete_all(web_app, world.sanne)  # all 25 done, recently
    set_module(web_app, world.daan, [1], at=utcnow() - timedelta(days=3))
    set_module(web_app, world.noor, [1], at=utcnow() - timedelta(days=90))  # inactive
    put_in_team(web_app, world.sanne, world.org, "Wijkteam Noord")
    put_in_team(web_app, world.daan, world.org, "Wijkteam Noord")
    with session_scope(web_app.state.db, write=True) as session:
        cohort = session.merge(world.cohort)
        meeting = cohort_service.add_meeting(
            session,
            cohort=cohort,
            title="Startbijeenkomst",
            starts_at=utcnow() - timedelta(days=1),
            location="",
            actor_id=None,
        )
        session.add(MeetingModule(meeting_id=meeting.id, module_number=2))
        for row in session.exec(select(Enrollment).where(Enrollment.cohort_id == cohort.id)):
            row.enrolled_at = utcnow() - timedelta(days=30)  # enrolled before the session


def test_overview_counts_enrolled_active_completed_and_behind(client, web_app, world):
    _setup(web_app, world)
    login_as(client, world.admin)
    response = client.get("/beheer/voorbeeld/overzicht")
    assert response.status_code == 200
    page = html(response)
    cohorts = _cells(page.select_one("#overzicht-groepen"))
    # enrolled, active, completed, behind, certificates
    assert cohorts["Doorbraaklab 2027"] == ["3", "2", "1", "2", "0"]
    teams = _cells(page.select_one("#overzicht-teams"))
    assert teams["Wijkteam Noord"] == ["2", "2", "1", "1", "0"]
    assert teams["Zonder team"] == ["1", "0", "0", "1", "0"]
    people = _cells(page.select_one("#overzicht-mensen"))
    assert people["Sanne"][2] == "25 van 25"
    assert people["Noor"][2] == "1 van 25"
    assert "Milan" not in people  # another organisation's trainee


def test_overview_shows_certificates_of_own_staff(client, make_client, web_app, world):
    complete_all(web_app, world.sanne)
    trainee = make_client()
    login_as(trainee, world.sanne)
    post_form(trainee, f"/certificaten/{world.cohort.id}")
    login_as(client, world.admin)
    page = html(client.get("/beheer/voorbeeld/overzicht"))
    assert _cells(page.select_one("#overzicht-groepen"))["Doorbraaklab 2027"][4] == "1"
    link = page.select_one("#overzicht-mensen a[href^='/verify/']")
    assert client.get(link["href"]).status_code == 200


def test_team_filter_works_as_page_fragment_and_boosted_page(client, web_app, world):
    _setup(web_app, world)
    login_as(client, world.admin)
    url = "/beheer/voorbeeld/overzicht?team=Wijkteam+Noord"
    full = client.get(url)
    assert full.headers["vary"] == "HX-Request"
    assert html(full).select_one("html") is not None
    assert set(_cells(html(full).select_one("#overzicht-mensen"))) == {"Sanne", "Daan"}
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    assert fragment.headers["vary"] == "HX-Request"
    assert set(_cells(html(fragment).select_one("#overzicht-mensen"))) == {"Sanne", "Daan"}
    boosted = client.get(url, headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert html(boosted).select_one("html") is not None
    without = client.get("/beheer/voorbeeld/overzicht?team=-", headers={"HX-Request": "true"})
    assert set(_cells(html(without).select_one("#overzicht-mensen"))) == {"Noor"}


def test_org_admin_sees_no_free_text_answers_anywhere_in_beheer(client, web_app, world):
    _setup(web_app, world)
    add_attempt(web_app, world.sanne)
    add_calculation(web_app, world.sanne)
    login_as(client, world.admin)
    for path in ("overzicht", "medewerkers", "groepen", "privacy", "inwerken", "import"):
        response = client.get(f"/beheer/voorbeeld/{path}")
        assert response.status_code == 200, path
        assert SECRET not in response.text, path


def test_overview_of_another_organisation_answers_404(client, web_app, world):
    login_as(client, world.other_admin)
    assert client.get("/beheer/voorbeeld/overzicht").status_code == 404
    login_as(client, world.trainer)
    assert client.get("/beheer/voorbeeld/overzicht").status_code == 404
