"""CSV import of staff: a dry run with a report per row, then invitations; importing the same
file again changes nothing."""

from __future__ import annotations

from factories import PASSWORD, create_cohort, html, last_mail_link, login_as, post_form
from municipality.municipality_helpers import count
from sqlmodel import select

from app.accounts.models import Invitation, Membership, Team, User
from app.cohorts.models import Enrollment
from app.db import session_scope
from app.mail.models import OutboxMessage
from app.organisations.models import OnboardingPath, OnboardingStart

GOOD = (
    "e-mail;naam;team;groep\n"
    "fleur@voorbeeld.example;Fleur Nieuw;Wijkteam Noord;Doorbraaklab 2027\n"
    "bram@voorbeeld.example;Bram Nieuw;;\n"
)
MIXED = (
    "E-mail;Naam;Team;Groep\n"
    "fleur@voorbeeld.example;Fleur Nieuw;Wijkteam Noord;Doorbraaklab 2027\n"
    "geen-adres;Iemand;;\n"
    "yara@voorbeeld.example;Yara;;Onbekende groep\n"
    "fleur@voorbeeld.example;Fleur Dubbel;;\n"
    "ruben@voorbeeld.example;;;\n"
    "sanne@voorbeeld.example;Sanne;;Doorbraaklab 2027\n"
)


def _check(client, text: str, **extra: str):
    return post_form(
        client, "/beheer/voorbeeld/import", {"csv_text": text, "action": "controleren", **extra}
    )


def _confirm(client, text: str, **extra: str):
    checked = _check(client, text, **extra)
    digest = html(checked).select_one("input[name=digest]")["value"]
    return post_form(
        client,
        "/beheer/voorbeeld/import",
        {"csv_text": text, "action": "importeren", "digest": digest, **extra},
    )


def _report(response) -> dict[int, tuple[str, str]]:
    rows = html(response).select("#import-rapport tbody tr")
    return {
        int(row.th.get_text()): (row["data-status"], row.find_all("td")[-1].get_text())
        for row in rows
    }


def test_dry_run_reports_every_row_with_a_clear_dutch_error_and_changes_nothing(
    client, web_app, world
):
    login_as(client, world.admin)
    response = _check(client, MIXED)
    assert response.status_code == 200
    report = _report(response)
    assert report[2][0] == "ready"
    assert "Team 'Wijkteam Noord' bestaat nog niet en wordt aangemaakt" in report[2][1]
    assert report[3] == ("error", "Ongeldig e-mailadres: 'geen-adres'.")
    assert report[4][0] == "error"
    assert "Onbekende groep 'Onbekende groep'" in report[4][1]
    assert "Doorbraaklab 2027" in report[4][1]
    assert report[5] == ("error", "Dubbele rij: dit e-mailadres staat ook in regel 2.")
    assert report[6] == ("error", "De naam ontbreekt.")
    assert report[7] == ("exists", "Staat al in deze groep.")
    summary = html(response).select_one("#import-samenvatting").get_text()
    assert "1 klaar om te importeren" in summary
    assert "4 met een fout" in summary
    assert count(web_app, Invitation) == 0
    assert count(web_app, Team) == 0


def test_import_sends_invitations_and_a_second_import_changes_nothing(client, web_app, world):
    login_as(client, world.admin)
    response = _confirm(client, GOOD)
    assert response.status_code == 303
    assert "gedaan=2" in response.headers["location"]
    with session_scope(web_app.state.db, write=False) as session:
        invitations = session.exec(select(Invitation).order_by(Invitation.email)).all()
        outbox = session.exec(select(OutboxMessage)).all()
        team = session.exec(select(Team)).one()
    assert [i.email for i in invitations] == ["bram@voorbeeld.example", "fleur@voorbeeld.example"]
    fleur = invitations[1]
    assert fleur.cohort_id == world.cohort.id
    assert fleur.team_id == team.id
    assert fleur.role == "trainee"
    assert sorted(m.to_address for m in outbox) == [
        "bram@voorbeeld.example",
        "fleur@voorbeeld.example",
    ]

    again = _check(client, GOOD)
    assert {status for status, _ in _report(again).values()} == {"exists"}
    assert "Heeft al een openstaande uitnodiging." in again.text
    assert html(again).select_one("#importeren") is None
    second = _confirm(client, GOOD)
    assert "gedaan=0&bestond=2" in second.headers["location"]
    assert count(web_app, Invitation) == 2
    assert count(web_app, OutboxMessage) == 2
    assert count(web_app, Team) == 1
    page = client.get(second.headers["location"])
    assert "2 bestond al" in html(page).select_one("#import-resultaat").get_text()


def test_invitee_from_the_import_lands_in_team_and_cohort(client, make_client, web_app, world):
    login_as(client, world.admin)
    _confirm(client, GOOD.replace("bram@voorbeeld.example;Bram Nieuw;;\n", ""))
    invitee = make_client()
    link = last_mail_link(web_app, "/uitnodiging/")
    post_form(invitee, link, {"password": PASSWORD, "password_again": PASSWORD})
    with session_scope(web_app.state.db, write=False) as session:
        user = session.exec(select(User).where(User.email == "fleur@voorbeeld.example")).one()
        membership = session.exec(select(Membership).where(Membership.user_id == user.id)).one()
        assert membership.team_id is not None
        enrollment = session.exec(select(Enrollment).where(Enrollment.user_id == user.id)).one()
        assert enrollment.cohort_id == world.cohort.id


def test_comma_separated_file_with_bom_and_english_headers_is_read(client, web_app, world):
    login_as(client, world.admin)
    data = '\ufeffEMAIL, Name ,Team,Cohort\r\nbram@voorbeeld.example,"Bram, de Nieuwe",,\r\n'
    response = post_form(
        client,
        "/beheer/voorbeeld/import",
        {"action": "controleren"},
        files={"file": ("lijst.csv", data.encode("utf-8"), "text/csv")},
    )
    assert response.status_code == 200
    assert _report(response) == {2: ("ready", "Krijgt een uitnodiging per e-mail.")}
    assert "Bram, de Nieuwe" in response.text
    # the uploaded file comes back as text, so confirming needs no second upload
    assert html(response).select_one("#imp-text").get_text().startswith("EMAIL, Name")


def test_a_file_that_is_not_utf8_or_has_no_email_column_is_refused_in_dutch(client, web_app, world):
    login_as(client, world.admin)
    latin = "e-mail;naam\nfleur@voorbeeld.example;Zoë\n".encode("latin-1")
    response = post_form(
        client,
        "/beheer/voorbeeld/import",
        {"action": "controleren"},
        files={"file": ("lijst.csv", latin, "text/csv")},
    )
    assert response.status_code == 400
    assert "geen UTF-8" in html(response).select_one("#formulier-fout").get_text()
    response = _check(client, "naam;team\nFleur;Noord\n")
    assert response.status_code == 400
    assert "De kolom 'e-mail' ontbreekt" in html(response).select_one("#formulier-fout").get_text()
    assert html(response).select_one("#imp-text").get_text() == "naam;team\nFleur;Noord\n"


def test_changing_the_list_after_the_check_asks_for_a_new_check(client, web_app, world):
    login_as(client, world.admin)
    checked = _check(client, GOOD)
    digest = html(checked).select_one("input[name=digest]")["value"]
    changed = GOOD + "yara@voorbeeld.example;Yara;;\n"
    response = post_form(
        client,
        "/beheer/voorbeeld/import",
        {"csv_text": changed, "action": "importeren", "digest": digest},
    )
    assert response.status_code == 200
    assert "gewijzigd sinds de vorige controle" in response.text
    assert count(web_app, Invitation) == 0


def test_existing_trainee_is_enrolled_directly_without_an_invitation(client, web_app, world):
    second = create_cohort(web_app, world.org, "Verdieping 2027")
    login_as(client, world.admin)
    text = "e-mail;naam;groep\nsanne@voorbeeld.example;Sanne;Verdieping 2027\n"
    report = _report(_check(client, text))
    assert report[2] == ("ready", "Heeft al een account; wordt meteen ingeschreven.")
    response = _confirm(client, text)
    assert "gedaan=1" in response.headers["location"]
    assert count(web_app, Invitation) == 0
    with session_scope(web_app.state.db, write=False) as session:
        cohorts = session.exec(
            select(Enrollment.cohort_id).where(Enrollment.user_id == world.sanne.id)
        ).all()
    assert sorted(cohorts) == sorted([world.cohort.id, second.id])
    # someone of another organisation is invited, not enrolled
    other = "e-mail;naam;groep\nmilan@anderstad.example;Milan;Doorbraaklab 2027\n"
    assert _report(_check(client, other))[2] == ("ready", "Krijgt een uitnodiging per e-mail.")


def test_rows_can_start_an_onboarding_path_instead_of_a_cohort(client, make_client, web_app, world):
    with session_scope(web_app.state.db, write=True) as session:
        path = OnboardingPath(
            organisation_id=world.org.id,
            name="Nieuw wijkteam",
            module_numbers=[1, 5],
            deadline_days=30,
        )
        session.add(path)
        session.flush()
        path_id = path.id
    login_as(client, world.admin)
    text = "e-mail;naam\nfleur@voorbeeld.example;Fleur Nieuw\n"
    response = _confirm(client, text, default=f"pad:{path_id}", starts_on="2027-02-01")
    assert "gedaan=1" in response.headers["location"]
    again = _confirm(client, text, default=f"pad:{path_id}", starts_on="2027-02-01")
    assert "gedaan=0&bestond=1" in again.headers["location"]
    invitee = make_client()
    link = last_mail_link(web_app, "/uitnodiging/")
    post_form(invitee, link, {"password": PASSWORD, "password_again": PASSWORD})
    with session_scope(web_app.state.db, write=False) as session:
        start = session.exec(select(OnboardingStart)).one()
        user = session.exec(select(User).where(User.email == "fleur@voorbeeld.example")).one()
        enrollment = session.exec(select(Enrollment).where(Enrollment.user_id == user.id)).one()
    assert enrollment.cohort_id == start.cohort_id
    assert str(start.deadline_on) == "2027-03-03"
    assert start.module_numbers == [1, 5]


def test_import_page_and_action_are_hidden_from_another_organisation(client, web_app, world):
    login_as(client, world.other_admin)
    assert client.get("/beheer/voorbeeld/import").status_code == 404
    assert _check(client, GOOD).status_code == 404
    login_as(client, world.sanne)
    assert client.get("/beheer/voorbeeld/import").status_code == 404
