"""Invitations end to end: an org admin or trainer invites, the invitee chooses a password and
lands in their organisation and cohort."""

from __future__ import annotations

from factories import (
    PASSWORD,
    create_cohort,
    create_org,
    create_user,
    html,
    last_mail_link,
    login_as,
    post_form,
)
from sqlmodel import select

from app.accounts.models import Invitation, Membership, Role, User
from app.cohorts.models import Enrollment
from app.db import session_scope


def test_org_admin_invites_a_trainee_who_lands_in_organisation_team_and_cohort(
    client, make_client, web_app
):
    org = create_org(web_app, "voorbeeld")
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    cohort = create_cohort(web_app, org)
    login_as(client, admin)
    post_form(client, "/beheer/voorbeeld/teams", {"name": "Wijkteam Noord"})
    team_id = html(client.get("/beheer/voorbeeld/medewerkers")).select_one(
        "#inv-team option[value!='']"
    )["value"]
    response = post_form(
        client,
        "/beheer/voorbeeld/uitnodigingen",
        {
            "display_name": "Fleur Nieuw",
            "email": "fleur@voorbeeld.example",
            "role": "trainee",
            "team_id": team_id,
            "cohort_id": str(cohort.id),
        },
    )
    assert response.headers["location"].endswith("uitnodiging=verstuurd")

    invitee = make_client()
    link = last_mail_link(web_app, "/uitnodiging/")
    page = invitee.get(link)
    assert "Fleur Nieuw" in page.text
    response = post_form(
        invitee,
        link,
        {"password": "mijn eigen wachtwoord", "password_again": "mijn eigen wachtwoord"},
    )
    assert response.status_code == 303
    start = invitee.get("/").text
    assert "Doorbraaklab 2027" in start

    with session_scope(web_app.state.db, write=False) as session:
        user = session.exec(select(User).where(User.email == "fleur@voorbeeld.example")).one()
        membership = session.exec(select(Membership).where(Membership.user_id == user.id)).one()
        assert membership.role == Role.trainee
        assert str(membership.team_id) == team_id
        assert session.exec(select(Enrollment).where(Enrollment.user_id == user.id)).one()
    assert invitee.get(link).status_code == 404  # single use


def test_trainer_invites_a_trainee_into_their_cohort(client, make_client, web_app):
    org = create_org(web_app, "voorbeeld")
    trainer = create_user(web_app, "trainer@voorbeeld.example", org=org, role=Role.trainer)
    cohort = create_cohort(web_app, org, trainers=(trainer,))
    login_as(client, trainer)
    response = post_form(
        client,
        f"/groepen/{cohort.id}/uitnodigen",
        {"display_name": "Bram", "email": "bram@voorbeeld.example"},
    )
    assert response.status_code == 303
    invitee = make_client()
    link = last_mail_link(web_app, "/uitnodiging/")
    post_form(
        invitee,
        link,
        {"password": "mijn eigen wachtwoord", "password_again": "mijn eigen wachtwoord"},
    )
    assert "Bram" in client.get(f"/groepen/{cohort.id}").text


def test_inviting_the_same_person_twice_sends_one_invitation(client, web_app):
    org = create_org(web_app, "voorbeeld")
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    login_as(client, admin)
    data = {"display_name": "Fleur", "email": "fleur@voorbeeld.example", "role": "trainee"}
    post_form(client, "/beheer/voorbeeld/uitnodigingen", data)
    second = post_form(client, "/beheer/voorbeeld/uitnodigingen", data)
    assert second.headers["location"].endswith("uitnodiging=bestond")
    with session_scope(web_app.state.db, write=False) as session:
        assert len(session.exec(select(Invitation)).all()) == 1


def test_invitation_with_mismatched_passwords_keeps_the_page_and_explains(client, web_app):
    org = create_org(web_app, "voorbeeld")
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    login_as(client, admin)
    post_form(
        client,
        "/beheer/voorbeeld/uitnodigingen",
        {"display_name": "Fleur", "email": "fleur@voorbeeld.example", "role": "trainer"},
    )
    client.cookies.clear()
    link = last_mail_link(web_app, "/uitnodiging/")
    response = post_form(
        client, link, {"password": "mijn eigen wachtwoord", "password_again": "iets anders!!"}
    )
    assert response.status_code == 400
    assert "niet gelijk" in response.text


def test_existing_account_accepts_an_invitation_after_logging_in(client, web_app):
    org = create_org(web_app, "voorbeeld")
    other = create_org(web_app, "anderstad")
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    existing = create_user(web_app, "kees@anderstad.example", org=other, role=Role.trainer)
    login_as(client, admin)
    post_form(
        client,
        "/beheer/voorbeeld/uitnodigingen",
        {"display_name": "Kees", "email": "kees@anderstad.example", "role": "trainer"},
    )
    link = last_mail_link(web_app, "/uitnodiging/")
    client.cookies.clear()
    assert "Log in" in client.get(link).text
    refused = post_form(client, link, {"password": PASSWORD, "password_again": PASSWORD})
    assert refused.status_code == 400
    login_as(client, existing)
    assert post_form(client, link).status_code == 303
    with session_scope(web_app.state.db, write=False) as session:
        roles = session.exec(select(Membership).where(Membership.user_id == existing.id)).all()
        assert len(roles) == 2


def test_invalid_email_in_invitation_keeps_the_form(client, web_app):
    org = create_org(web_app, "voorbeeld")
    admin = create_user(web_app, "beheer@voorbeeld.example", org=org, role=Role.org_admin)
    login_as(client, admin)
    response = post_form(
        client,
        "/beheer/voorbeeld/uitnodigingen",
        {"display_name": "Fleur", "email": "geen-adres", "role": "trainee"},
    )
    assert response.status_code == 400
    assert html(response).select_one("#inv-name")["value"] == "Fleur"
