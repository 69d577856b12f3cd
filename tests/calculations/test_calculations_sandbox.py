"""The sandbox: private practice calculations, created empty or from a case, with copy, reset and
delete; the owner edits, a trainer of the owner's cohort or an admin of the owner's organisation
reads, anyone else gets 404."""

from __future__ import annotations

from calculations.calc_helpers import (
    as_user,
    editor_form,
    new_calculation,
    open_editor,
    valid_bsn,
)
from factories import html, login_as, post_form
from sqlmodel import select

from app.calculations.models import Calculation
from app.db import session_scope


def _stored(web_app, calculation_id):
    with session_scope(web_app.state.db, write=False) as session:
        return session.get(Calculation, calculation_id)


def test_sandbox_needs_login(client):
    assert client.get("/rekentool", follow_redirects=False).status_code == 303


def test_trainee_lvb_mother_case_c1_shows_insurer_invests_and_municipality_saves(
    trainee_client, web_app
):
    """Done when: a trainee builds the kassabon of case c1 from the price list, through the
    forms, and sees that the insurer pays more while the municipality saves."""
    client = trainee_client
    calculation_id = new_calculation(client)  # an empty kassabon
    page, form = open_editor(client, calculation_id)
    form["title"] = "Sanne en Milan"
    form |= {
        "status_quo.lines.0.unit_cost": "k-jz-5",
        "status_quo.lines.0.quantity": "365",
        "status_quo.lines.0.per": "year",
        "status_quo.lines.0.start_month": "1",
        "status_quo.lines.0.months": "12",
        "breakthrough.lines.0.unit_cost": "k-jz-5",
        "breakthrough.lines.0.quantity": "365",
        "breakthrough.lines.0.per": "year",
        "breakthrough.lines.0.start_month": "1",
        "breakthrough.lines.0.months": "6",
    }
    # Add two lines to the breakthrough, the way a browser without JavaScript does it.
    for _ in range(2):
        response = post_form(
            client, f"/rekentool/{calculation_id}", form | {"action": "add:breakthrough"}
        )
        assert response.status_code == 200
        form = editor_form(html(response))
    form |= {
        "breakthrough.lines.1.unit_cost": "k-ggz-2",
        "breakthrough.lines.1.quantity": "1",
        "breakthrough.lines.1.per": "",
        "breakthrough.lines.1.months": "1",
        "breakthrough.lines.2.unit_cost": "k-jz-7",
        "breakthrough.lines.2.quantity": "3",
        "breakthrough.lines.2.per": "week",
        "breakthrough.lines.2.start_month": "7",
        "breakthrough.lines.2.months": "6",
    }
    saved = post_form(client, f"/rekentool/{calculation_id}", form | {"action": "save"})
    assert saved.status_code == 303
    page = html(client.get(saved.headers["location"]))
    assert page.find(id="opgeslagen")
    rows = {row["data-payer"]: row for row in page.select("#per-betaler tbody tr")}
    insurer, municipality = rows["zorgverzekeraar"], rows["gemeente"]
    assert "role-invests" in insurer["class"]
    assert "investeert" in insurer.get_text()
    assert "role-saves" in municipality["class"]
    assert "bespaart € 27.284,68" in municipality.get_text()
    assert page.find(id="totaal-status_quo").get_text() == "€ 68.536,05"
    receipt = _stored(web_app, calculation_id).receipt
    payers = {p["payer"]: p for p in receipt["payers"]}
    assert payers["zorgverzekeraar"]["role"] == "invests"
    assert payers["gemeente"]["role"] == "saves"


def test_new_calculation_from_case_prefills_status_quo_and_first_breakthrough(
    trainee_client, web_app
):
    calculation_id = new_calculation(trainee_client, "c1")
    page, form = open_editor(trainee_client, calculation_id)
    assert form["status_quo.lines.0.unit_cost"] == "k-jz-5"
    assert form["breakthrough.lines.1.unit_cost"] == "k-ggz-2"
    assert page.find(id="maatschappelijk-verschil").get_text().startswith("€ ")
    stored = _stored(web_app, calculation_id)
    assert stored.case_id == "c1"
    assert stored.breakthrough_id == "b1"
    assert stored.price_list_version == web_app.state.catalog_holder.get().price_list.version
    assert stored.prices["items"]["k-jz-5"]["central"]


def test_list_shows_only_own_calculations(client, make_client, world):
    login_as(client, world.users["trainee_a"])
    new_calculation(client, "c1", "Mijn oefening")
    other = as_user(make_client, world.users["other_a"])
    new_calculation(other, "", "Andermans oefening")
    rows = html(client.get("/rekentool")).select("#mijn-berekeningen-tabel tbody th a")
    assert [a.get_text() for a in rows] == ["Mijn oefening"]


def test_unknown_case_keeps_input_and_says_so(trainee_client):
    response = post_form(trainee_client, "/rekentool/nieuw", {"case_id": "c999", "title": "X"})
    assert response.status_code == 400
    page = html(response)
    assert page.find(id="formulier-fout")
    assert page.find(id="nieuw-titel")["value"] == "X"


def test_copy_makes_an_independent_calculation_with_the_same_receipt(trainee_client, web_app):
    original = new_calculation(trainee_client, "c1")
    response = post_form(trainee_client, f"/rekentool/{original}/kopie")
    assert response.status_code == 303
    copy_id = int(response.headers["location"].rsplit("/", 1)[1])
    assert copy_id != original
    first, second = _stored(web_app, original), _stored(web_app, copy_id)
    assert second.title.startswith("Kopie van")
    assert second.receipt == first.receipt
    assert second.comparison == first.comparison


def test_reset_returns_to_the_case_or_to_empty(trainee_client, web_app):
    calculation_id = new_calculation(trainee_client, "c1")
    _, form = open_editor(trainee_client, calculation_id)
    form["breakthrough.lines.0.months"] = "12"
    post_form(trainee_client, f"/rekentool/{calculation_id}", form | {"action": "save"})
    assert _stored(web_app, calculation_id).comparison["breakthrough"]["lines"][0]["months"] == "12"

    post_form(trainee_client, f"/rekentool/{calculation_id}/herstellen", {"naar": "casus"})
    assert _stored(web_app, calculation_id).comparison["breakthrough"]["lines"][0]["months"] == 6

    post_form(trainee_client, f"/rekentool/{calculation_id}/herstellen", {"naar": "leeg"})
    stored = _stored(web_app, calculation_id)
    assert stored.comparison["status_quo"]["lines"] == []
    assert stored.receipt["status_quo"]["total"]["central"] == "0.00"


def test_delete_removes_the_calculation(trainee_client, web_app):
    calculation_id = new_calculation(trainee_client, "c1")
    response = post_form(trainee_client, f"/rekentool/{calculation_id}/verwijderen")
    assert response.status_code == 303
    assert _stored(web_app, calculation_id) is None
    assert trainee_client.get(f"/rekentool/{calculation_id}").status_code == 404


def test_other_trainee_gets_404_for_everything(client, make_client, world, web_app):
    login_as(client, world.users["trainee_a"])
    calculation_id = new_calculation(client, "c1")
    other = as_user(make_client, world.users["other_a"])
    assert other.get(f"/rekentool/{calculation_id}").status_code == 404
    assert other.get(f"/rekentool/{calculation_id}/kassabon.pdf").status_code == 404
    for action in ("", "/kopie", "/herstellen", "/verwijderen", "/herberekenen"):
        response = post_form(other, f"/rekentool/{calculation_id}{action}", {"title": "weg"})
        assert response.status_code == 404, action
    assert _stored(web_app, calculation_id) is not None


def test_trainer_of_the_cohort_reads_the_calculation_but_cannot_change_it(
    client, make_client, world, web_app
):
    login_as(client, world.users["trainee_a"])
    calculation_id = new_calculation(client, "c1", "Oefening Sanne")
    before = _stored(web_app, calculation_id)
    trainer = as_user(make_client, world.users["trainer_a"])
    response = trainer.get(f"/rekentool/{calculation_id}")
    assert response.status_code == 200
    page = html(response)
    assert page.find(id="alleen-lezen")
    assert page.find("form", id="rekentool-form") is None
    assert page.find(id="prijslijstversie")["data-version"] == before.price_list_version
    shared = html(trainer.get("/rekentool")).select("#gedeelde-berekeningen tbody a")
    assert [a.get_text() for a in shared] == ["Oefening Sanne"]
    for action in ("", "/kopie", "/herstellen", "/verwijderen", "/herberekenen"):
        response = post_form(trainer, f"/rekentool/{calculation_id}{action}", {"title": "x"})
        assert response.status_code == 403, action
    assert _stored(web_app, calculation_id).title == "Oefening Sanne"


def test_org_admin_of_the_owner_reads_it_and_others_get_404(client, make_client, world):
    login_as(client, world.users["trainee_a"])
    calculation_id = new_calculation(client, "c1")
    admin = as_user(make_client, world.users["admin_a"])
    assert admin.get(f"/rekentool/{calculation_id}").status_code == 200
    for key in ("trainer_b", "admin_b", "lone_trainer_a"):
        outsider = as_user(make_client, world.users[key])
        assert outsider.get(f"/rekentool/{calculation_id}").status_code == 404, key
        assert outsider.get(f"/rekentool/{calculation_id}/kassabon.pdf").status_code == 404


def test_fake_bsn_in_a_note_is_saved_with_a_clear_warning(trainee_client, web_app):
    calculation_id = new_calculation(trainee_client, "c1")
    _, form = open_editor(trainee_client, calculation_id)
    form["breakthrough.lines.0.note"] = f"Cliënt met bsn {valid_bsn()}"
    response = post_form(trainee_client, f"/rekentool/{calculation_id}", form | {"action": "save"})
    assert response.status_code == 303
    stored = _stored(web_app, calculation_id)
    assert valid_bsn() in stored.comparison["breakthrough"]["lines"][0]["note"]
    warning = html(trainee_client.get(response.headers["location"])).find(id="anonimisering")
    assert warning is not None
    assert warning["role"] == "alert"
    assert "burgerservicenummer" in warning.get_text()
    assert "oefenomgeving" in warning.get_text()


def test_case_texts_alone_give_no_anonymisation_warning(trainee_client):
    calculation_id = new_calculation(trainee_client, "c1")
    page, _ = open_editor(trainee_client, calculation_id)
    assert page.find(id="anonimisering") is None


def test_calculations_of_a_deleted_owner_disappear(client, world, web_app):
    login_as(client, world.users["trainee_a"])
    new_calculation(client, "c1")
    with session_scope(web_app.state.db, write=True) as session:
        from app.accounts.models import User

        session.delete(session.get(User, world.users["trainee_a"].id))
    with session_scope(web_app.state.db, write=False) as session:
        assert session.exec(select(Calculation)).all() == []
