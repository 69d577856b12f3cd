"""Certificates: only when every required module is complete; a PDF; a public verification page
that shows only what the certificate shows."""

from __future__ import annotations

from factories import html, login_as, pdf_text, post_form
from municipality.municipality_helpers import complete_all
from sqlmodel import select

from app.audit.models import AuditEvent
from app.certificates.models import Certificate
from app.db import session_scope
from app.organisations.models import OnboardingPath
from app.organisations.service import start_onboarding


def _issue(client, world):
    return post_form(client, f"/certificaten/{world.cohort.id}")


def test_no_certificate_before_all_25_modules_are_complete(client, web_app, world):
    complete_all(web_app, world.sanne, list(range(1, 25)))  # 24 of 25
    login_as(client, world.sanne)
    page = html(client.get("/certificaten"))
    assert "24 van de 25 verplichte modules" in page.get_text()
    assert page.select_one("a[href='/modules/25']") is not None
    response = _issue(client, world)
    assert response.status_code == 403
    assert "Nog te doen: modules 25" in response.text
    with session_scope(web_app.state.db, write=False) as session:
        assert session.exec(select(Certificate)).all() == []


def test_complete_trainee_gets_a_pdf_and_an_audited_verification_code(client, web_app, world):
    complete_all(web_app, world.sanne)
    login_as(client, world.sanne)
    response = _issue(client, world)
    assert response.status_code == 303
    again = _issue(client, world)  # issuing twice keeps one certificate
    assert again.headers["location"] == response.headers["location"]
    with session_scope(web_app.state.db, write=False) as session:
        certificate = session.exec(select(Certificate)).one()
        events = session.exec(
            select(AuditEvent).where(AuditEvent.action == "certificate.issue")
        ).all()
    assert len(events) == 1
    assert len(certificate.code.replace("-", "")) == 20
    assert certificate.holder_name == "Sanne"
    assert certificate.organisation_name == "Gemeente Voorbeeld"
    assert len(certificate.modules) == 25
    pdf = client.get(f"/certificaten/{certificate.code}.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert "Sanne" in text
    assert certificate.code in text
    page = html(client.get(f"/certificaten?uitgereikt={certificate.code}"))
    assert certificate.code in page.get_text()


def test_verify_page_confirms_without_login_and_shows_only_certificate_fields(
    client, make_client, web_app, world
):
    complete_all(web_app, world.sanne)
    login_as(client, world.sanne)
    _issue(client, world)
    with session_scope(web_app.state.db, write=False) as session:
        certificate = session.exec(select(Certificate)).one()
    visitor = make_client()
    response = visitor.get(f"/verify/{certificate.code.lower().replace('-', '')}")
    assert response.status_code == 200
    page = html(response)
    facts = dict(
        zip(
            [dt.get_text() for dt in page.select("#certificaat dt")],
            [dd.get_text() for dd in page.select("#certificaat dd")],
            strict=True,
        )
    )
    assert set(facts) == {"Naam", "Organisatie", "Afgerond", "Datum", "Verificatiecode"}
    assert facts["Naam"] == "Sanne"
    assert facts["Verificatiecode"] == certificate.code
    assert len(page.select("#certificaat-modules li")) == 25
    assert "sanne@voorbeeld.example" not in response.text
    assert "Uitloggen" not in response.text


def test_unknown_verification_code_answers_404_in_dutch(client):
    response = client.get("/verify/ABCD-EFGH-JKMN-PQRS-TVWX")
    assert response.status_code == 404
    assert "Dit certificaat bestaat niet" in response.text
    assert client.get("/verify/<script>").status_code == 404


def test_nobody_else_downloads_a_trainees_pdf(client, make_client, web_app, world):
    complete_all(web_app, world.sanne)
    login_as(client, world.sanne)
    _issue(client, world)
    with session_scope(web_app.state.db, write=False) as session:
        code = session.exec(select(Certificate)).one().code
    other = make_client()
    login_as(other, world.daan)
    assert other.get(f"/certificaten/{code}.pdf").status_code == 404
    login_as(other, world.other_trainee)
    assert other.get(f"/certificaten/{code}.pdf").status_code == 404
    assert post_form(other, f"/certificaten/{world.cohort.id}").status_code == 404


def test_onboarding_path_certificate_needs_only_the_paths_modules(client, web_app, world):
    from datetime import date

    with session_scope(web_app.state.db, write=True) as session:
        path = OnboardingPath(
            organisation_id=world.org.id, name="Snelstart", module_numbers=[1, 2], deadline_days=30
        )
        session.add(path)
        session.flush()
        start = start_onboarding(
            session,
            path=path,
            email=world.noor.email,
            display_name="Noor",
            starts_on=date(2027, 1, 4),
            user=session.merge(world.noor),
            actor_id=world.admin.id,
        )
        cohort_id = start.cohort_id
    complete_all(web_app, world.noor, [1, 2])
    login_as(client, world.noor)
    assert post_form(client, f"/certificaten/{world.cohort.id}").status_code == 403
    assert post_form(client, f"/certificaten/{cohort_id}").status_code == 303
    with session_scope(web_app.state.db, write=False) as session:
        certificate = session.exec(select(Certificate)).one()
    assert certificate.title == "Inwerkpad Snelstart"
    assert len(certificate.modules) == 2
