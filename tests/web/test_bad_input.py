"""Bad input never gets a 500: ids past 64 bits in paths, query strings and form fields, digits
that are not ASCII, dates near year 1 or 9999, form data sent to a JSON endpoint. Each gets a
Dutch 404/400 page, or JSON under /api/. (Range headers: tests/web/test_video_tracking.py.)"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from factories import create_cohort, create_org, create_user, csrf_for, html, login_as, post_form
from fastapi.routing import APIRoute
from sqlmodel import select

from app.accounts.models import Role, User
from app.cohorts.models import Cohort, CohortMeeting
from app.db import session_scope
from app.errors import InvalidInput
from app.main import route_modules
from app.organisations.models import OnboardingPath
from app.organisations.service import parse_modules

HUGE = str(2**63)  # one past the largest id a 64-bit column holds
TOO_LARGE = [HUGE, str(2**64), "9" * 40]
NOT_NUMBERS = ["²", "٣", "1_0", "-1"]
BAD_NUMBERS = TOO_LARGE + NOT_NUMBERS
BAD_DAYS = ["0001-01-01", "9999-12-31"]
# Routes that end the session; they are tested elsewhere.
SKIP = {"/uitloggen", "/account/verwijderen", "/account/wachtwoord"}


@dataclass
class World:
    admin: User
    trainer: User
    trainee: User
    cohort: Cohort


@pytest.fixture
def world(web_app) -> World:
    org = create_org(web_app, "voorbeeld")
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    trainer = create_user(web_app, "trainer@voorbeeld.example", org=org, role=Role.trainer)
    trainee = create_user(web_app, "sanne@voorbeeld.example", org=org, role=Role.trainee)
    cohort = create_cohort(web_app, org, trainers=(trainer,), trainees=(trainee,))
    return World(admin, trainer, trainee, cohort)


def _routes() -> list[APIRoute]:
    return [
        route
        for module in route_modules()
        for route in module.router.routes
        if isinstance(route, APIRoute) and route.path not in SKIP
    ]


def _fill(path: str, value: str, cohort_id: int) -> str:
    """Every path parameter `value`, except the own organisation (and, if asked, cohort)."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "org_slug":
            return "voorbeeld"
        if name == "cohort_id" and cohort_id:
            return str(cohort_id)
        return value

    return re.sub(r"\{([^}]+)\}", one, path)


def _assert_dutch_error(response, status: int) -> None:
    assert response.status_code == status, response.text[:300]
    if response.headers["content-type"].startswith("application/json"):
        assert response.json()["detail"]
    else:
        assert html(response).h1.get_text() in {"Niet gevonden", "Dat ging niet goed"}


@pytest.mark.parametrize("role", ["admin", "trainer", "trainee"])
def test_huge_ids_in_any_path_answer_below_500(client, world, role):
    login_as(client, getattr(world, role))
    token = csrf_for(client)
    for route in _routes():
        for cohort_id in (0, world.cohort.id):
            path = _fill(route.path, HUGE, cohort_id)
            for method in sorted(route.methods):
                data = {"csrf_token": token, "user_id": HUGE, "starts_on": "2027-01-11"}
                response = client.request(method, path, data=data, follow_redirects=False)
                assert response.status_code < 500, (method, path, response.text[:300])


@pytest.mark.parametrize(
    "path",
    [
        "/groepen/{huge}",
        "/groepen/{huge}/voortgang",
        "/groepen/{cohort}/deelnemers/{huge}",
        "/rekentool/{huge}",
        "/beoordelen/plannen/{huge}",
        "/beoordelen/waardendriehoek/{huge}",
        "/beheer/voorbeeld/medewerkers/{huge}/verwijderen",
    ],
)
def test_a_huge_id_in_a_path_is_a_dutch_404(client, world, path):
    login_as(client, world.admin)
    response = client.get(path.format(huge=HUGE, cohort=world.cohort.id))
    _assert_dutch_error(response, 404)


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_odd_numbers_in_query_strings_are_ignored(client, world, value):
    login_as(client, world.admin)
    cohort = world.cohort.id
    for path in (
        f"/groepen/{cohort}/voortgang?team={value}&pagina={value}",
        f"/beheer/voorbeeld/overzicht?team={value}",
        f"/beheer/voorbeeld/import?aangemaakt={value}",
        f"/oefeningen/1/doorbraakplan/afdruk?versie={value}",
    ):
        assert client.get(path).status_code in (200, 404), path


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_odd_ids_in_form_fields_show_the_form_again_with_a_dutch_message(client, world, value):
    login_as(client, world.admin)
    cohort = world.cohort.id
    for path, label in (
        (f"/groepen/{cohort}/deelnemers", "Kies een deelnemer"),
        (f"/groepen/{cohort}/trainers", "Kies een trainer"),
    ):
        response = post_form(client, path, {"user_id": value})
        assert response.status_code == 400
        assert label in html(response).select_one("[role=alert]").get_text()


@pytest.mark.parametrize("value", TOO_LARGE)
def test_ids_past_64_bits_in_form_fields_are_a_dutch_404(client, world, value):
    login_as(client, world.admin)
    cohort = world.cohort.id
    for path in (f"/groepen/{cohort}/deelnemers", f"/groepen/{cohort}/trainers"):
        _assert_dutch_error(post_form(client, path, {"user_id": value}), 404)


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_odd_module_numbers_for_a_meeting_are_a_dutch_400(client, web_app, world, value):
    login_as(client, world.trainer)
    cohort = world.cohort.id
    post_form(client, f"/groepen/{cohort}/bijeenkomsten", {"day": "2027-02-01", "title": "Start"})
    with session_scope(web_app.state.db, write=False) as session:
        meeting = session.exec(select(CohortMeeting)).one()
    response = post_form(client, f"/groepen/{cohort}/schema/{meeting.id}", {"module": value})
    assert response.status_code == 400
    assert "Kies alleen modules uit de lijst" in response.text


@pytest.mark.parametrize("day", BAD_DAYS)
def test_a_meeting_near_year_1_or_9999_is_a_dutch_400(client, world, day):
    login_as(client, world.trainer)
    response = post_form(
        client, f"/groepen/{world.cohort.id}/bijeenkomsten", {"day": day, "title": "Start"}
    )
    assert response.status_code == 400
    assert "tussen 2000 en 2099" in html(response).select_one("[role=alert]").get_text()


@pytest.mark.parametrize("day", BAD_DAYS)
def test_a_cohort_starting_near_year_1_or_9999_is_a_dutch_400(client, world, day):
    login_as(client, world.admin)
    response = post_form(
        client,
        "/beheer/voorbeeld/groepen",
        {"name": "Doorbraaklab", "starts_on": day, "ends_on": day},
    )
    assert response.status_code == 400
    assert "tussen 2000 en 2099" in html(response).select_one("[role=alert]").get_text()


@pytest.mark.parametrize("day", BAD_DAYS)
def test_an_onboarding_start_near_year_1_or_9999_is_a_dutch_400(client, web_app, world, day):
    login_as(client, world.admin)
    data = {"name": "Nieuw", "deadline_days": "730", "modules": ["1"]}
    post_form(client, "/beheer/voorbeeld/inwerken", data)
    with session_scope(web_app.state.db, write=False) as session:
        path = session.exec(select(OnboardingPath)).one()
    response = post_form(
        client,
        f"/beheer/voorbeeld/inwerken/{path.id}/starten",
        {"user_id": str(world.trainee.id), "starts_on": day},
    )
    assert response.status_code == 400
    assert "tussen 2000 en 2099" in html(response).select_one("[role=alert]").get_text()


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_odd_numbers_for_months_and_deadline_days_are_a_dutch_400(client, world, value):
    login_as(client, world.admin)
    page = html(client.get("/beheer/voorbeeld/instellingen"))
    form = {
        field["name"]: field.get("value", "")
        for field in page.select("form input[name]")
        if field.get("type") not in ("checkbox", "radio") or field.has_attr("checked")
    }
    response = post_form(
        client, "/beheer/voorbeeld/instellingen", form | {"inactive_expiry_months": value}
    )
    assert response.status_code == 400
    assert "aantal maanden" in html(response).select_one("[role=alert]").get_text()
    data = {"name": "Nieuw", "deadline_days": value, "modules": ["1"]}
    response = post_form(client, "/beheer/voorbeeld/inwerken", data)
    assert response.status_code == 400
    assert "aantal dagen" in html(response).select_one("[role=alert]").get_text()


@pytest.mark.parametrize("text", ["1-99999999999", "1-" + HUGE, "²", "1-٣"])
def test_huge_or_odd_module_ranges_are_refused_at_once(text):
    with pytest.raises(InvalidInput, match="zoals 1, 2, 5-7"):
        parse_modules(text, known={1, 2, 3})


@pytest.mark.parametrize("path", ["/api/progress/video", "/api/calculator/receipt"])
def test_form_data_sent_to_a_json_endpoint_gets_a_json_4xx(client, world, path):
    login_as(client, world.trainee)
    response = client.post(path, data={"csrf_token": csrf_for(client), "video": HUGE})
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
