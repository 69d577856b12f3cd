"""The kassabon as PDF: an A4 document with the totals, for the owner and read-only viewers."""

from __future__ import annotations

from pathlib import Path

from calculations.calc_helpers import as_user, new_calculation
from factories import login_as, pdf_text

from app.calculations.models import Calculation
from app.calculations.pdf import FONT_PATH, receipt_pdf
from app.db import session_scope


def test_pdf_download_is_a_pdf_with_the_totals(trainee_client):
    calculation_id = new_calculation(trainee_client, "c1", "Sanne en Milan")
    response = trainee_client.get(f"/rekentool/{calculation_id}/kassabon.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Sanne en Milan" in text
    assert "Kosten van doormodderen" in text
    assert "€ 68.536,05" in text
    assert "Maatschappelijk verschil" in text
    assert "Zorgverzekeraar: investeert" in text
    assert "Gemeente: bespaart € 21.827,74" in text
    assert "Bedrag € 181,77 uit 2024, geïndexeerd naar 2025: € 187,77." in text
    assert "MKBA-blik" in text
    assert "tot en met maand 60" in text


def test_pdf_is_a4(trainee_client):
    calculation_id = new_calculation(trainee_client, "c1")
    content = trainee_client.get(f"/rekentool/{calculation_id}/kassabon.pdf").content
    assert b"/MediaBox [0 0 595.28 841.89]" in content


def test_trainer_downloads_the_trainees_pdf(client, make_client, world):
    login_as(client, world.users["trainee_a"])
    calculation_id = new_calculation(client, "c1")
    trainer = as_user(make_client, world.users["trainer_a"])
    assert trainer.get(f"/rekentool/{calculation_id}/kassabon.pdf").content.startswith(b"%PDF")


def test_without_the_dejavu_font_the_pdf_uses_helvetica_and_eur(trainee_client, web_app):
    calculation_id = new_calculation(trainee_client, "c1", "Zoë en Milan")
    with session_scope(web_app.state.db, write=False) as session:
        calculation = session.get(Calculation, calculation_id)
    data = receipt_pdf(calculation.title, calculation.receipt, Path("/nergens/geen-font.ttf"))
    assert data.startswith(b"%PDF")
    assert b"Helvetica" in data
    text = pdf_text(data)
    assert "EUR 68.536,05" in text
    assert "Zoë en Milan" in text
    assert "€" not in text


def test_the_dejavu_font_is_used_when_present():
    assert FONT_PATH.is_file()
