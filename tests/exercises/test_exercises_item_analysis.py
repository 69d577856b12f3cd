"""Item analysis on a small seeded cohort: share correct at the first attempt and the most-chosen
wrong answer, for a knowledge check and a case exercise; and the demo activity behind it."""

from __future__ import annotations

from factories import create_user, html, login_as, post_form
from sqlmodel import func, select

from app.accounts.models import Role
from app.accounts.queries import user_by_email
from app.cohorts.models import Cohort
from app.db import session_scope
from app.demo.activity import seed_demo_activity
from app.demo.people import create_demo
from app.exercises.item_analysis import FirstAttempt, analyse
from app.exercises.models import Attempt, BreakthroughPlan


def answer(client, question, index):
    post_form(client, f"/modules/1/vragen/{question.id}", {"answer": [str(index)]})


def test_item_analysis_shows_first_attempt_share_and_most_chosen_wrong_answer(
    client, web_app, world, make_client, catalog
):
    question = catalog.module(1).exercises[0]
    right = next(i for i, o in enumerate(question.options) if o.correct)
    wrong = [i for i, o in enumerate(question.options) if not o.correct]
    third = world.noor
    browsers = {}
    for user in (world.sanne, world.daan, third):
        browsers[user.id] = make_client()
        login_as(browsers[user.id], user)
    # Sanne: wrong (first wrong option), then right; Daan: right; Noor: the same wrong option.
    answer(browsers[world.sanne.id], question, wrong[0])
    answer(browsers[world.sanne.id], question, right)
    answer(browsers[world.daan.id], question, right)
    answer(browsers[third.id], question, wrong[0])
    # knelpunt of c9: Sanne p3 then p1, Daan p3, Noor p1
    for user, picks in (
        (world.sanne, ["p3", "p1"]),
        (world.daan, ["p3"]),
        (third, ["p1"]),
    ):
        for pick in picks:
            post_form(browsers[user.id], "/oefeningen/c9/knelpunt", {"choice": pick})

    login_as(client, world.trainer)
    response = client.get(f"/groepen/{world.cohort.id}/itemanalyse")
    assert response.status_code == 200
    page = html(response)
    row = page.select_one(f"tr[data-exercise={question.id}]")
    cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
    assert cells[1] == "3"
    assert cells[2].startswith("33%")
    assert cells[3] == f"{question.options[wrong[0]].text} (2×)"
    knelpunt = page.select_one("tr[data-exercise=c9-bottleneck]")
    cells = [cell.get_text(" ", strip=True) for cell in knelpunt.select("td")]
    assert cells[1] == "3"
    assert cells[2].startswith("33%")
    assert cells[3] == "Twaalf schuldeisers en beslag (2×)"


def test_item_analysis_ignores_trainees_outside_the_cohort(client, web_app, world, make_client):
    outsider = create_user(web_app, "los@voorbeeld.example", org=world.org, role=Role.trainee)
    browser = make_client()
    login_as(browser, outsider)
    post_form(browser, "/oefeningen/c9/knelpunt", {"choice": "p3"})
    login_as(client, world.trainer)
    page = html(client.get(f"/groepen/{world.cohort.id}/itemanalyse"))
    assert page.select_one("#geen-pogingen") is not None


def test_analyse_counts_legal_basis_kassabon_and_rendement_mistakes(catalog):
    attempts = [
        FirstAttempt("c9-legal_basis", "legal_basis", "c9", {"chosen": ["pw-35", "lpw-5"]}, False),
        FirstAttempt("c9-legal_basis", "legal_basis", "c9", {"chosen": ["lpw-5", "zvw-11"]}, False),
        FirstAttempt(
            "c1-kassabon", "kassabon", "c1", {"failures": ["payer:zorgverzekeraar"]}, False
        ),
        FirstAttempt("c1-kassabon", "kassabon", "c1", {"failures": []}, True),
        FirstAttempt(
            "c10-value_triangle", "value_triangle", "c10", {"judgments": {"return": "ja"}}, False
        ),
    ]
    rows = {row.exercise_id: row for row in analyse(catalog, attempts)}
    assert (rows["c9-legal_basis"].wrong_answer, rows["c9-legal_basis"].wrong_count) == (
        "art. 5 Lpw",
        2,
    )
    assert rows["c1-kassabon"].wrong_answer == "richting bij Zorgverzekeraar"
    assert rows["c1-kassabon"].percent_correct == 50
    assert rows["c10-value_triangle"].wrong_answer == "rendement: ja, beter"


def test_demo_activity_gives_the_demo_cohort_real_figures(web_app, client):
    catalog = web_app.state.catalog_holder.get()
    settings = web_app.state.settings
    with session_scope(web_app.state.db, write=True) as session:
        create_demo(session, settings, password="demo-wachtwoord-lang")
        assert seed_demo_activity(session, settings, catalog) == 12
    with session_scope(web_app.state.db, write=True) as session:
        assert seed_demo_activity(session, settings, catalog) == 0  # idempotent
        count = session.exec(select(func.count()).select_from(Attempt)).one()
        plans = session.exec(select(func.count()).select_from(BreakthroughPlan)).one()
        assert plans == 1
        trainer = user_by_email(session, "trainer@voorbeeld.example")
        cohort = session.exec(select(Cohort).where(Cohort.name == "Doorbraaklab 2027")).one()
    assert count > 12 * 16
    login_as(client, trainer)
    page = html(client.get(f"/groepen/{cohort.id}/itemanalyse"))
    rows = page.select("#itemanalyse tbody tr")
    assert len(rows) >= 17  # modules 1-4 plus the knelpunt of c9
    shares = [int(row.select_one("td[data-share]")["data-share"]) for row in rows]
    assert any(0 < share < 100 for share in shares)
    assert any(row.select("td")[-1].get_text() != "—" for row in rows)
    assert (
        "1 te beoordelen" in html(client.get("/beoordelen")).select_one("#te-beoordelen").get_text()
    )
