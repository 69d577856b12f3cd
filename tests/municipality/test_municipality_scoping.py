"""Every municipality page and action answers 404 to an org admin of another organisation, and
to trainers and trainees of the organisation itself."""

from __future__ import annotations

import pytest
from factories import login_as, post_form

GETS = [
    "/beheer/voorbeeld/import",
    "/beheer/voorbeeld/instellingen",
    "/beheer/voorbeeld/inwerken",
    "/beheer/voorbeeld/overzicht",
    "/beheer/voorbeeld/privacy",
    "/beheer/voorbeeld/medewerkers/{sanne}/verwijderen",
    "/groepen/{cohort}/xapi.jsonl",
]
POSTS = [
    "/beheer/voorbeeld/import",
    "/beheer/voorbeeld/instellingen",
    "/beheer/voorbeeld/inwerken",
    "/beheer/voorbeeld/inwerken/1",
    "/beheer/voorbeeld/inwerken/1/starten",
    "/beheer/voorbeeld/medewerkers/{sanne}/verwijderen",
]


@pytest.mark.parametrize("who", ["other_admin", "trainee", "other_trainee"])
def test_municipality_pages_answer_404_outside_scope(client, world, who):
    user = {
        "other_admin": world.other_admin,
        "trainee": world.sanne,
        "other_trainee": world.other_trainee,
    }[who]
    login_as(client, user)
    ids = {"sanne": world.sanne.id, "cohort": world.cohort.id}
    for url in GETS:
        assert client.get(url.format(**ids)).status_code == 404, url
    for url in POSTS:
        assert post_form(client, url.format(**ids), {"name": "x"}).status_code == 404, url


def test_trainer_may_export_xapi_but_not_manage_the_organisation(client, world):
    login_as(client, world.trainer)
    assert client.get(f"/groepen/{world.cohort.id}/xapi.jsonl").status_code == 200
    for url in GETS[:5]:
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_login(client, world):
    for url in ("/beheer/voorbeeld/overzicht", "/account/gegevens", "/certificaten"):
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/inloggen")


def test_admins_see_their_own_tabs(client, world):
    login_as(client, world.admin)
    response = client.get("/beheer/voorbeeld/medewerkers")
    for label in ("Overzicht", "Importeren", "Inwerken", "Instellingen", "Privacy"):
        assert f">{label}</a>" in response.text
