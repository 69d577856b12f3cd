"""A trainee's detail page for trainers: only trainees of that cohort, only for its staff."""

from __future__ import annotations

import pytest
from dashboards.dashboard_helpers import add_attempt, add_video, submit_plan
from factories import create_user, html, login_as

from app.accounts.models import Role


def _url(world, user) -> str:
    return f"/groepen/{world.cohort.id}/deelnemers/{user.id}"


def test_the_detail_page_shows_status_video_coverage_and_attempts(client, world):
    module = client.app.state.catalog_holder.get().module(2)
    add_video(client.app, world.daan, module.video, [[0.0, 60.0]], 120.0, 0.5)
    add_attempt(client.app, world.daan, "m02-q1", passed=False)
    add_attempt(client.app, world.daan, "m02-q1", passed=True)
    login_as(client, world.trainer)
    response = client.get(_url(world, world.daan))
    assert response.status_code == 200
    page = html(response)
    assert page.h1.get_text() == "Daan"
    assert "1 van 25 modules afgerond" in page.select_one("#deelnemer-samenvatting").get_text()
    assert "achter op schema" in page.select_one("#deelnemer-samenvatting").get_text()
    row = page.select_one("#module-2")
    assert row.select_one("[data-status]")["data-status"] == "in_progress"
    assert row.select_one("[data-video]")["data-video"] == "50"
    assert "01:00–02:00" in row.get_text()
    assert "vraag 2" in row.get_text()
    assert "te laat" in row.get_text()
    attempts = page.select("#pogingen-tabel tbody tr")
    assert len(attempts) == 1
    cells = [td.get_text() for td in attempts[0].select("td")]
    assert cells[:5] == ["2", "2", "0%", "100%", "ja"]


def test_a_trainee_without_activity_has_an_empty_but_complete_page(client, world):
    login_as(client, world.admin)
    page = html(client.get(_url(world, world.noor)))
    assert len(page.select("tr[id^=module-]")) == 25
    assert "Nog geen pogingen" in page.get_text()
    assert "Nog geen berekeningen" in page.get_text()


def test_a_trainee_of_the_organisation_not_in_this_cohort_is_404(client, world):
    outsider = create_user(client.app, "bram@voorbeeld.example", org=world.org, role=Role.trainee)
    login_as(client, world.trainer)
    assert client.get(_url(world, outsider)).status_code == 404
    assert client.get(_url(world, world.other_trainee)).status_code == 404
    assert client.get(f"/groepen/{world.cohort.id}/deelnemers/999999").status_code == 404


@pytest.mark.parametrize("who", ["other_trainer", "sanne"])
def test_a_trainer_of_another_organisation_or_a_trainee_gets_404(client, world, who):
    login_as(client, getattr(world, who))
    assert client.get(_url(world, world.daan)).status_code == 404


def test_a_trainee_cannot_be_reached_through_another_cohort(client, world):
    login_as(client, world.other_trainer)
    url = f"/groepen/{world.other_cohort.id}/deelnemers/{world.daan.id}"
    assert client.get(url).status_code == 404


def test_the_grid_links_each_trainee_to_the_detail_page(client, world):
    login_as(client, world.trainer)
    page = html(client.get(f"/groepen/{world.cohort.id}/voortgang"))
    links = {a.get_text(): a["href"] for a in page.select("#voortgang-rooster tbody th a")}
    assert links["Daan"] == _url(world, world.daan)


def test_submitted_plans_are_listed_and_only_the_trainer_gets_a_link_to_the_work(client, world):
    plan_id = submit_plan(client.app, world.daan, "c4")
    login_as(client, world.trainer)
    item = html(client.get(_url(world, world.daan))).select_one("#inzendingen-lijst li")
    assert "Casus C4" in item.get_text()
    assert "wacht op beoordeling" in item.get_text()
    assert item.a["href"] == f"/beoordelen/plannen/{plan_id}"
    login_as(client, world.admin)  # org admins see statuses, not the trainee's free text
    item = html(client.get(_url(world, world.daan))).select_one("#inzendingen-lijst li")
    assert "Casus C4" in item.get_text()
    assert item.a is None
