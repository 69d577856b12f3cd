"""The case-exercise pages over HTTP: each kind as page, fragment and boosted page; submitting
grades at once, keeps the attempt, and feeds module completion."""

from __future__ import annotations

import pytest
from exercises.exercise_helpers import make_calculation
from factories import html, login_as, post_form
from sqlmodel import col, select

from app.content.pricing import comparison_mapping
from app.db import session_scope
from app.exercises.models import Attempt
from app.progress.models import ModuleProgress

HX = {"HX-Request": "true"}
SLUGS = ["knelpunt", "grondslag", "kassabon", "waardendriehoek", "doorbraakplan"]


def attempts(web_app, exercise_id):
    with session_scope(web_app.state.db, write=False) as session:
        rows = session.exec(
            select(Attempt).where(Attempt.exercise_id == exercise_id).order_by(col(Attempt.id))
        ).all()
        return [(a.passed, a.score, dict(a.answers)) for a in rows]


def progress(web_app, user, number):
    with session_scope(web_app.state.db, write=False) as session:
        row = session.exec(
            select(ModuleProgress).where(
                ModuleProgress.user_id == user.id, ModuleProgress.module_number == number
            )
        ).first()
        return (row.status, list(row.missing)) if row else None


def test_exercise_pages_need_login(client):
    assert client.get("/oefeningen/c1/knelpunt", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("case_number", range(1, 11))
def test_every_case_has_bottleneck_legal_basis_and_kassabon_exercises(client, trainee, case_number):
    for slug in ("knelpunt", "grondslag", "kassabon"):
        response = client.get(f"/oefeningen/c{case_number}/{slug}")
        assert response.status_code == 200, slug
        assert html(response).select_one("form#oefening-formulier") is not None


@pytest.mark.parametrize("slug", SLUGS)
def test_exercise_page_renders_full_fragment_and_boosted(client, trainee, slug):
    page = client.get(f"/oefeningen/c9/{slug}")
    assert page.status_code == 200
    assert "<html" in page.text
    assert page.headers["Vary"] == "HX-Request"
    fragment = client.get(f"/oefeningen/c9/{slug}", headers=HX)
    assert "<html" not in fragment.text
    assert html(fragment).select_one("#oefening") is not None
    boosted = client.get(f"/oefeningen/c9/{slug}", headers={**HX, "HX-Boosted": "true"})
    assert "<html" in boosted.text


def test_unknown_case_or_kind_is_404(client, trainee):
    assert client.get("/oefeningen/c99/knelpunt").status_code == 404
    assert client.get("/oefeningen/c1/raden").status_code == 404


def test_exercise_overview_lists_every_case_and_kind(client, trainee):
    page = html(client.get("/oefeningen"))
    sections = page.select("#oefeningen-overzicht section[data-case]")
    assert len(sections) == 10
    assert len(sections[0].select("li[data-kind] a")) == 5


def test_exercise_overview_tells_made_from_passed_per_case(client, trainee):
    post_form(client, "/oefeningen/c9/knelpunt", {"choice": "p3"})
    post_form(client, "/oefeningen/c9/grondslag", {"article": ["pw-35"]})
    page = html(client.get("/oefeningen"))
    c9 = page.select_one("#oefeningen-overzicht section[data-case=c9]")
    status = {li["data-kind"]: li.select_one(".status").get_text() for li in c9.select("li")}
    assert status["bottleneck"] == "gemaakt"
    assert status["kassabon"] == "niet begonnen"
    assert "2 van 5 gemaakt, 0 gehaald" in c9.get_text()
    post_form(client, "/oefeningen/c9/knelpunt", {"choice": "p1"})
    c9 = html(client.get("/oefeningen")).select_one("section[data-case=c9]")
    assert c9.select_one("li[data-kind=bottleneck] .status").get_text() == "gehaald"
    assert "2 van 5 gemaakt, 1 gehaald" in c9.get_text()


# --- knelpunt ---------------------------------------------------------------------------------


def test_bottleneck_page_shows_the_graph_and_the_list(client, trainee):
    page = html(client.get("/oefeningen/c9/knelpunt"))
    assert page.select_one("figure.problem-graph svg") is not None
    assert len(page.select("ol.problem-list li")) == 7
    assert len(page.select("input[name=choice]")) == 7


def test_bottleneck_right_choice_passes_and_shows_what_each_choice_unblocks(
    client, trainee, web_app
):
    response = post_form(client, "/oefeningen/c9/knelpunt", {"choice": "p1"})
    assert response.status_code == 303
    assert response.headers["location"] == "/oefeningen/c9/knelpunt#resultaat"
    assert attempts(web_app, "c9-bottleneck") == [(True, 1.0, {"choice": "p1"})]
    page = html(client.get("/oefeningen/c9/knelpunt"))
    assert "Goed gekozen" in page.select_one("#resultaat [role=status]").get_text()
    rows = page.select("#wat-elke-keuze-losmaakt tbody tr")
    assert len(rows) == 7
    counts = {row["data-problem"]: row.select("td")[-1].get_text() for row in rows}
    assert counts == {"p1": "6", "p2": "1", "p3": "2", "p4": "1", "p5": "0", "p6": "0", "p7": "3"}
    assert page.select_one("input#keuze-p1").has_attr("checked")


def test_bottleneck_wrong_choice_gets_feedback_in_a_fragment(client, trainee, web_app):
    response = post_form(client, "/oefeningen/c9/knelpunt", {"choice": "p3"}, headers=HX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.headers["Vary"] == "HX-Request"
    page = html(response)
    assert "Nog niet" in page.select_one("#resultaat [role=status]").get_text()
    chosen = page.select_one("tr[data-problem=p3]")
    assert "jouw keuze" in chosen.get_text()
    assert "grootste knelpunt" in page.select_one("tr[data-problem=p1]").get_text()
    assert attempts(web_app, "c9-bottleneck")[0][:2] == (False, pytest.approx(2 / 6, abs=1e-3))


def test_bottleneck_without_a_choice_is_400_with_a_message(client, trainee, web_app):
    response = post_form(client, "/oefeningen/c9/knelpunt", {})
    assert response.status_code == 400
    assert "Kies het probleem" in html(response).select_one("#formulier-fout").get_text()
    fragment = post_form(client, "/oefeningen/c9/knelpunt", {}, headers=HX)
    assert fragment.status_code == 400
    assert "<html" not in fragment.text
    assert attempts(web_app, "c9-bottleneck") == []


# --- wettelijke grondslag --------------------------------------------------------------------


def test_legal_basis_offers_the_key_and_other_articles_and_states_the_rule(
    client, trainee, catalog
):
    page = html(client.get("/oefeningen/c9/grondslag"))
    offered = {box["value"] for box in page.select("input[name=article]")}
    key = {item.article for item in catalog.case("c9").legal_basis}
    assert key < offered
    assert len(offered - key) == 3
    assert "70%" in page.select_one("#regel-grondslag").get_text()


def test_legal_basis_partial_credit_with_feedback_per_article(client, trainee, web_app, catalog):
    right = [i.article for i in catalog.case("c9").legal_basis if i.correct]  # 4 articles
    picks = right[:2] + ["lpw-5"]  # 2 right, 1 wrong, 2 missed: (2 - 1) / 4
    response = post_form(client, "/oefeningen/c9/grondslag", {"article": picks}, headers=HX)
    assert response.status_code == 200
    page = html(response)
    assert "Score 25%" in page.select_one("#resultaat [role=status]").get_text()
    feedback = {
        div["data-article"]: div.select_one(".feedback").get_text()
        for div in page.select("div[data-article]")
        if div.select_one(".feedback")
    }
    assert feedback["lpw-5"].startswith("Niet juist gekozen")
    assert "verzuim" in feedback["lpw-5"]
    assert feedback[right[0]].startswith("Goed gekozen")
    assert right[2] not in feedback  # a missed article is only revealed once the exercise closes
    assert "geverifieerd" not in page.get_text()
    assert attempts(web_app, "c9-legal_basis")[0][:2] == (False, 0.25)
    again = post_form(client, "/oefeningen/c9/grondslag", {"article": right})
    assert again.status_code == 303
    assert attempts(web_app, "c9-legal_basis")[-1][:2] == (True, 1.0)


def test_legal_basis_reveals_the_missed_articles_only_after_the_last_attempt(
    client, trainee, web_app, catalog
):
    right = [i.article for i in catalog.case("c9").legal_basis if i.correct]
    first = html(post_form(client, "/oefeningen/c9/grondslag", {"article": ["lpw-5"]}, headers=HX))
    assert first.select(".is-correct") == []
    assert "1 van de 2 pogingen" in first.select_one("#pogingen").get_text()
    last = html(post_form(client, "/oefeningen/c9/grondslag", {"article": ["lpw-5"]}, headers=HX))
    missed = [div["data-article"] for div in last.select("div.is-wrong[data-article]")]
    assert set(right) <= set(missed)
    assert last.select_one("#pogingen").get_text().startswith("Deze oefening is afgerond")
    assert last.select_one("#oefening-formulier button[type=submit]") is None
    post_form(client, "/oefeningen/c9/grondslag", {"article": right})
    assert [passed for passed, _, _ in attempts(web_app, "c9-legal_basis")] == [False] * 3
    assert attempts(web_app, "c9-legal_basis")[-1][2].get("practice") is True


# --- kassabon ---------------------------------------------------------------------------------


def test_kassabon_of_the_case_scenarios_passes_and_keeps_the_calculation_id(
    client, trainee, web_app
):
    start = html(client.get("/oefeningen/c1/kassabon")).select_one("form.start-calculation")
    assert start["action"] == "/rekentool/nieuw"
    assert start.select_one("input[name=case_id]")["value"] == "c1"
    assert html(client.get("/oefeningen/c1/kassabon")).select_one("#geen-berekeningen")
    calc_id = make_calculation(web_app, trainee, "c1")
    page = html(client.get("/oefeningen/c1/kassabon"))
    assert page.select_one(f"input#berekening-{calc_id}") is not None
    response = post_form(client, "/oefeningen/c1/kassabon", {"calculation_id": str(calc_id)})
    assert response.status_code == 303
    passed, _, answers = attempts(web_app, "c1-kassabon")[0]
    assert passed
    assert answers["calculation_id"] == calc_id
    page = html(client.get("/oefeningen/c1/kassabon"))
    rows = page.select("#richting-per-betaler tbody tr")
    assert {row["data-payer"] for row in rows} == {"gemeente", "zorgverzekeraar"}
    assert all(row.select("td")[-1].get_text() == "ja" for row in rows)


def test_kassabon_with_the_scenarios_swapped_fails_and_says_why_per_payer(
    client, trainee, web_app, catalog
):
    mapping = comparison_mapping(catalog.case("c1"), 0)
    swapped = {
        **mapping,
        "status_quo": mapping["breakthrough"],
        "breakthrough": mapping["status_quo"],
    }
    calc_id = make_calculation(web_app, trainee, "c1", mapping=swapped)
    response = post_form(
        client, "/oefeningen/c1/kassabon", {"calculation_id": str(calc_id)}, headers=HX
    )
    page = html(response)
    assert "Nog niet gehaald" in page.select_one("#resultaat [role=status]").get_text()
    assert "buiten de marge" in page.select_one("#verschil-controle").get_text()
    verdicts = {
        row["data-payer"]: row.select("td")[-1].get_text()
        for row in page.select("#richting-per-betaler tbody tr")
    }
    assert verdicts == {"gemeente": "nee", "zorgverzekeraar": "nee"}
    assert attempts(web_app, "c1-kassabon")[0][2]["failures"] == [
        "difference",
        "payer:gemeente",
        "payer:zorgverzekeraar",
    ]


def test_kassabon_refuses_someone_elses_calculation(client, trainee, world, web_app):
    other = make_calculation(web_app, world.daan, "c1")
    response = post_form(client, "/oefeningen/c1/kassabon", {"calculation_id": str(other)})
    assert response.status_code == 400
    assert "eigen" in html(response).select_one("#formulier-fout").get_text()
    assert attempts(web_app, "c1-kassabon") == []


def test_kassabon_last_attempt_counts_for_the_module(client, trainee, web_app, catalog):
    good = make_calculation(web_app, trainee, "c1")
    mapping = comparison_mapping(catalog.case("c1"), 0)
    bad = make_calculation(
        web_app, trainee, "c1", mapping={**mapping, "breakthrough": mapping["status_quo"]}
    )
    post_form(client, "/oefeningen/c1/kassabon", {"calculation_id": str(good)})
    status, missing = progress(web_app, trainee, 20)
    assert "oefening kassabon (casus C1)" not in missing
    post_form(client, "/oefeningen/c1/kassabon", {"calculation_id": str(bad)})
    status, missing = progress(web_app, trainee, 20)
    assert "oefening kassabon (casus C1)" in missing


# --- waardendriehoek -------------------------------------------------------------------------

TRIANGLE = {
    "argument_legitimacy": "De Wmo 2015 geeft ruimte voor maatwerk.",
    "argument_engagement": "Mirjam wil zelf thuis blijven wonen.",
    "argument_return": "Doorbreken is voor alle betalers samen goedkoper.",
    "judgment_legitimacy": "ja",
    "judgment_engagement": "ja",
}


def test_value_triangle_checks_the_rendement_judgment_and_waits_for_the_trainer(
    client, trainee, web_app
):
    response = post_form(
        client, "/oefeningen/c7/waardendriehoek", {**TRIANGLE, "judgment_return": "ja"}
    )
    assert response.status_code == 303
    page = html(client.get("/oefeningen/c7/waardendriehoek"))
    assert "klopt met de kassabon" in page.select_one("#resultaat [role=status]").get_text()
    assert page.select_one("#wacht-op-trainer") is not None
    assert page.select_one("#argument-engagement").get_text() == TRIANGLE["argument_engagement"]
    assert attempts(web_app, "c7-value_triangle")[0][0] is True


def test_value_triangle_says_ja_where_breaking_through_costs_more_fails(client, trainee):
    response = post_form(
        client,
        "/oefeningen/c10/waardendriehoek",
        {**TRIANGLE, "judgment_return": "ja"},
        headers=HX,
    )
    assert "klopt niet" in html(response).select_one("#resultaat [role=status]").get_text()


def test_value_triangle_keeps_what_was_typed_when_an_argument_is_missing(client, trainee):
    data = {**TRIANGLE, "argument_return": "", "judgment_return": "ja"}
    response = post_form(client, "/oefeningen/c7/waardendriehoek", data)
    assert response.status_code == 400
    page = html(response)
    assert "argument" in page.select_one("#formulier-fout").get_text()
    assert page.select_one("#argument-legitimacy").get_text() == TRIANGLE["argument_legitimacy"]
    assert page.select_one("#oordeel-return-ja").has_attr("checked")


def test_value_triangle_warns_when_the_text_looks_like_real_client_data(client, trainee):
    data = {
        **TRIANGLE,
        "argument_engagement": "Bel haar op 06-12345678 of mail j.jansen@example.nl.",
        "judgment_return": "ja",
    }
    response = post_form(client, "/oefeningen/c7/waardendriehoek", data, headers=HX)
    warning = html(response).select_one("#anonimisering")
    assert warning is not None
    assert "telefoonnummer" in warning.get_text()
    assert "e-mailadres" in warning.get_text()


# --- module completion ------------------------------------------------------------------------


def test_passing_the_knowledge_checks_and_the_case_exercise_completes_module_4(
    client, trainee, web_app, catalog
):
    module = catalog.module(4)
    for question in module.exercises:
        right = [str(i) for i, o in enumerate(question.options) if o.correct]
        post_form(client, f"/modules/4/vragen/{question.id}", {"answer": right})
    status, missing = progress(web_app, trainee, 4)
    assert status == "in_progress"
    assert missing == ["oefening knelpunt (casus C9)"]
    page = html(client.get("/modules/4"))
    item = page.select_one("#oefeningen-op-casussen li[data-exercise=c9-bottleneck]")
    assert "nog niet gemaakt" in item.get_text()
    post_form(client, "/oefeningen/c9/knelpunt", {"choice": "p1"})
    assert progress(web_app, trainee, 4) == ("completed", [])
    assert progress(web_app, trainee, 12)[0] == "in_progress"  # uses c9-bottleneck as well
    page = html(client.get("/modules/4"))
    assert "gehaald" in page.select_one("li[data-exercise=c9-bottleneck]").get_text()
    assert "afgerond" in page.select_one("#module-voortgang").get_text()


def test_attempts_are_kept_with_answers_and_scores(client, trainee, web_app):
    for choice in ("p3", "p7", "p1"):
        post_form(client, "/oefeningen/c9/knelpunt", {"choice": choice})
    rows = attempts(web_app, "c9-bottleneck")
    assert [r[2]["choice"] for r in rows] == ["p3", "p7", "p1"]
    assert [r[0] for r in rows] == [False, False, True]
    history = html(client.get("/oefeningen/c9/knelpunt")).select(".attempt-history tbody tr")
    assert len(history) == 3


def test_other_users_see_only_their_own_attempts(client, trainee, world, make_client):
    post_form(client, "/oefeningen/c9/knelpunt", {"choice": "p1"})
    other = make_client()
    login_as(other, world.daan)
    page = html(other.get("/oefeningen/c9/knelpunt"))
    assert page.select_one("#resultaat") is None
    assert page.select_one(".attempt-history") is None


def test_a_boosted_submission_is_redirected_to_the_full_page(client, trainee, web_app):
    headers = {"HX-Request": "true", "HX-Boosted": "true"}
    response = post_form(client, "/oefeningen/c9/knelpunt", {"choice": "p1"}, headers=headers)
    assert response.status_code == 303
    assert response.headers["location"] == "/oefeningen/c9/knelpunt#resultaat"
    assert attempts(web_app, "c9-bottleneck")[0][0] is True
