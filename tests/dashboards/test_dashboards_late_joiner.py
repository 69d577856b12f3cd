"""Someone who joins after the first session is not behind on day one: the grid, the leerpad,
the digest, the export and the organisation overview all judge them by their own catch-up
deadlines (14 days per missed session by default, an organisation setting)."""

from __future__ import annotations

from dashboards.dashboard_helpers import D, complete, enrolled_since, now
from dashboards.test_dashboards_digest import _outbox, _run
from dashboards.test_dashboards_exports import _csv
from factories import create_user, html, login_as
from sqlmodel import select

from app.accounts.models import Role
from app.cohorts import service as cohort_service
from app.cohorts.models import Cohort
from app.db import session_scope
from app.organisations.models import OrganisationSettings


def _join_today(app, world, email: str = "eva@voorbeeld.example"):
    """A new trainee enrolled now, a week after the start session (modules 1-2 due)."""
    eva = create_user(app, email, org=world.org, role=Role.trainee)
    with session_scope(app.state.db, write=True) as session:
        cohort = session.get(Cohort, world.cohort.id)
        assert cohort is not None
        cohort_service.enrol(session, cohort=cohort, user=eva, actor_id=None)
    return eva


def _grid_row(client, world, user):
    login_as(client, world.trainer)
    page = html(client.get(f"/groepen/{world.cohort.id}/voortgang"))
    return page.select_one(f"tr[data-user='{user.id}']")


def test_a_late_joiner_is_not_behind_in_the_grid_while_old_hands_are(client, world):
    eva = _join_today(client.app, world)
    assert _grid_row(client, world, eva).select_one(".behind-col")["data-behind"] == "nee"
    assert _grid_row(client, world, world.noor).select_one(".behind-col")["data-behind"] == "ja"


def test_a_late_joiner_sees_an_inhaalschema_and_no_warning_on_the_leerpad(client, world):
    eva = _join_today(client.app, world)
    login_as(client, eva)
    page = html(client.get("/leerpad"))
    assert page.select_one("#achter-op-schema") is None
    plan = page.select_one("#inhaalschema-blok")
    rows = [" ".join(tr.get_text(" ").split()) for tr in plan.select("tbody tr")]
    assert rows[0].startswith("module 1 , 2 (voor Startbijeenkomst)")
    # the catch-up ends 14 days after enrolling; modules 3-4 (intervisie in two days) wait too
    assert "Intervisie recht" in rows[1]
    assert "inhalen" in page.select_one("#module-1").get_text()


def test_the_digest_does_not_list_a_late_joiner_as_behind(client, settings, world):
    _join_today(client.app, world)
    _run(settings)
    body = _outbox(client.app)[0].body
    behind = body.split("Achter op schema")[1].split("\n\n")[0]
    assert "Eva" not in behind
    assert "Noor" in behind


def test_the_export_and_the_overview_use_the_same_rule(client, world):
    eva = _join_today(client.app, world)
    login_as(client, world.trainer)
    rows = {
        row[0]: row for row in _csv(client.get(f"/groepen/{world.cohort.id}/export/voortgang.csv"))
    }
    assert rows["Eva"][4] == "nee"
    assert rows["Noor"][4] == "ja"
    login_as(client, world.admin)
    page = html(client.get("/beheer/voorbeeld/overzicht"))
    cells = page.select_one("#overzicht-groepen tbody tr").select("td")
    assert cells[3].get_text() == "2"  # daan and noor, not eva
    assert eva.id is not None


def test_once_the_catch_up_period_is_over_a_late_joiner_can_be_behind(client, web_app, world):
    eva = _join_today(client.app, world)
    enrolled_since(web_app, world.cohort, now() - 6 * D, user=eva)  # joined 1 day after start
    with session_scope(web_app.state.db, write=True) as session:
        session.add(OrganisationSettings(organisation_id=world.org.id, catch_up_days=3))
    # 3 days per missed block: modules 1-2 were due 3 days ago
    assert _grid_row(client, world, eva).select_one(".behind-col")["data-behind"] == "ja"
    complete(web_app, eva, [1, 2])
    assert _grid_row(client, world, eva).select_one(".behind-col")["data-behind"] == "nee"


def test_the_organisation_sets_the_catch_up_period(client, world):
    with session_scope(client.app.state.db, write=False) as session:
        assert session.exec(select(OrganisationSettings)).first() is None
    eva = _join_today(client.app, world)
    login_as(client, eva)
    text = html(client.get("/leerpad")).select_one("#inhaalschema-blok").get_text(" ")
    assert "14 dagen per gemiste bijeenkomst" in text


def test_the_trainee_detail_shows_the_catch_up_deadline_not_late(client, world):
    eva = _join_today(client.app, world)
    login_as(client, world.trainer)
    page = html(client.get(f"/groepen/{world.cohort.id}/deelnemers/{eva.id}"))
    text = page.get_text(" ")
    assert "inhaalschema" in text
    assert "te laat" not in text
