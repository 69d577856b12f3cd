"""Organisation tariffs: an org admin overrides price-list figures for its own members; the
effective price-list version changes with the tariffs, and a saved calculation keeps the
figures it was made with."""

from __future__ import annotations

from calculations.calc_helpers import as_user, new_calculation, open_editor
from factories import html, login_as, post_form
from sqlmodel import select

from app.audit.models import AuditEvent
from app.calculations.models import Calculation, OrganisationTariff
from app.db import session_scope

TARIFF = {
    "unit_cost_id": "k-jz-5",
    "low": "190",
    "central": "200,00",
    "high": "210",
    "year": "2026",
    "source": "Contract gezinshuizen 2026 (voorbeeld)",
}


def _stored(web_app, calculation_id):
    with session_scope(web_app.state.db, write=False) as session:
        return session.get(Calculation, calculation_id)


def _set_tariff(browser, slug, data=TARIFF):
    return post_form(browser, f"/beheer/{slug}/tarieven", data)


def test_org_admin_sets_a_tariff_with_a_source_and_it_is_audited(client, world, web_app):
    login_as(client, world.users["admin_a"])
    before = html(client.get("/beheer/org-a/tarieven")).find(id="prijslijstversie")["data-version"]
    response = _set_tariff(client, "org-a")
    assert response.status_code == 303
    page = html(client.get(response.headers["location"]))
    row = page.find(id="tarief-k-jz-5")
    assert "€ 200,00" in row.get_text()
    assert "Contract gezinshuizen" in row.get_text()
    after = page.find(id="prijslijstversie")["data-version"]
    assert after != before
    assert after.startswith(before + "+t")
    with session_scope(web_app.state.db, write=False) as session:
        tariff = session.exec(select(OrganisationTariff)).one()
        assert (tariff.low_cents, tariff.central_cents, tariff.high_cents) == (19000, 20000, 21000)
        actions = session.exec(select(AuditEvent.action)).all()
    assert "tariff.set" in actions


def test_tariff_changes_members_results_and_the_stored_version(client, make_client, world, web_app):
    trainee = as_user(make_client, world.users["trainee_a"])
    first = new_calculation(trainee, "c1")
    login_as(client, world.users["admin_a"])
    _set_tariff(client, "org-a")
    second = new_calculation(trainee, "c1")
    old, new = _stored(web_app, first), _stored(web_app, second)
    assert new.price_list_version != old.price_list_version
    assert old.receipt["status_quo"]["total"]["central"] == "68536.05"
    assert new.receipt["status_quo"]["total"]["central"] == "73000.00"  # 200 x 365
    assert new.prices["items"]["k-jz-5"]["central"] == "200.00"
    assert new.prices["items"]["k-jz-5"]["source"].startswith("Eigen tarief")
    # Another organisation's members keep the default price list.
    outsider = as_user(make_client, world.users["trainee_b"])
    third = _stored(web_app, new_calculation(outsider, "c1"))
    assert third.price_list_version == old.price_list_version


def test_saved_calculation_reopens_with_its_own_snapshot_after_tariffs_change(
    client, make_client, world, web_app
):
    trainee = as_user(make_client, world.users["trainee_a"])
    calculation_id = new_calculation(trainee, "c1")
    saved = _stored(web_app, calculation_id)
    login_as(client, world.users["admin_a"])
    _set_tariff(client, "org-a")
    trainer = as_user(make_client, world.users["trainer_a"])
    page = html(trainer.get(f"/rekentool/{calculation_id}"))
    assert page.find(id="prijslijstversie")["data-version"] == saved.price_list_version
    assert page.find(id="totaal-status_quo").get_text() == "€ 68.536,05"
    figures = page.find(id="kengetallen-momentopname").get_text()
    assert "€ 181,77" in figures
    assert "€ 200,00" not in figures
    # The owner sees that the price list moved on; the stored receipt is unchanged until saved.
    owner_page, form = open_editor(trainee, calculation_id)
    assert owner_page.find(id="prijslijst-gewijzigd")
    assert owner_page.find(id="totaal-status_quo").get_text() == "€ 68.536,05"
    post_form(trainee, f"/rekentool/{calculation_id}", form | {"action": "save"})
    assert _stored(web_app, calculation_id).receipt["status_quo"]["total"]["central"] == "73000.00"


def test_snapshot_recomputes_to_exactly_the_stored_receipt(trainee_client, web_app):
    from app.calculations.compute import recompute_saved

    stored = _stored(web_app, new_calculation(trainee_client, "c1"))
    again = recompute_saved(stored.comparison, stored.prices)
    assert again.receipt_data == stored.receipt


def test_removing_a_tariff_restores_the_price_list(client, world, web_app):
    login_as(client, world.users["admin_a"])
    base = html(client.get("/beheer/org-a/tarieven")).find(id="prijslijstversie")["data-version"]
    _set_tariff(client, "org-a")
    response = post_form(client, "/beheer/org-a/tarieven/k-jz-5/verwijderen")
    assert response.status_code == 303
    page = html(client.get("/beheer/org-a/tarieven"))
    assert page.find(id="prijslijstversie")["data-version"] == base
    with session_scope(web_app.state.db, write=False) as session:
        assert session.exec(select(OrganisationTariff)).all() == []
        assert "tariff.removed" in session.exec(select(AuditEvent.action)).all()


def test_bad_tariff_is_refused_with_input_kept(client, world):
    login_as(client, world.users["admin_a"])
    cases = [
        ({"unit_cost_id": "k-bestaat-niet"}, "unit_cost_id"),
        ({"central": "duur"}, "central"),
        ({"low": "250"}, "low"),
        ({"source": ""}, "source"),
        ({"year": "1800"}, "year"),
        ({"central": "-5"}, "central"),
    ]
    for change, field in cases:
        response = _set_tariff(client, "org-a", TARIFF | change)
        assert response.status_code == 400, change
        page = html(response)
        assert page.find(id="formulier-fout"), change
        ids = {"unit_cost_id": "t-kengetal", "source": "t-source", "year": "t-year"}
        marked = page.find(id=ids.get(field, f"t-{field}"))
        assert marked.get("aria-invalid") == "true", change
        if field != "source":
            assert page.find(id="t-source")["value"] == TARIFF["source"]


def test_only_the_organisations_admin_manages_its_tariffs(client, make_client, world):
    for key in ("trainer_a", "trainee_a", "admin_b"):
        browser = as_user(make_client, world.users[key])
        assert browser.get("/beheer/org-a/tarieven").status_code == 404, key
        assert _set_tariff(browser, "org-a").status_code == 404, key
