"""The course pages: modules by block, a module with its knowledge check, the law library,
the price list and the cases with their problem graph."""

from __future__ import annotations

import pytest
from factories import create_org, create_user, html, login_as, post_form
from sqlmodel import select

from app.accounts.models import Role
from app.db import session_scope
from app.exercises.models import Attempt


@pytest.fixture
def trainee(client, web_app):
    org = create_org(web_app, "voorbeeld")
    user = create_user(web_app, "sanne@voorbeeld.example", org=org, role=Role.trainee)
    login_as(client, user)
    return user


@pytest.fixture
def catalog(web_app):
    return web_app.state.catalog_holder.get()


def test_course_pages_need_login(client):
    for path in ("/modules", "/modules/1", "/wetten", "/casussen", "/kengetallen"):
        assert client.get(path, follow_redirects=False).status_code == 303, path


def test_module_overview_shows_25_modules_in_five_blocks_with_time(client, trainee):
    page = html(client.get("/modules"))
    assert len(page.select("section.block")) == 5
    assert len(page.select(".module-list li")) == 25
    assert "min" in page.select_one(".module-list li").get_text()


def test_module_overview_shows_the_trainees_status_of_each_module(client, trainee, web_app):
    from app.progress.models import ModuleProgress

    with session_scope(web_app.state.db, write=True) as session:
        session.add(ModuleProgress(user_id=trainee.id, module_number=1, status="completed"))
        session.add(ModuleProgress(user_id=trainee.id, module_number=2, status="in_progress"))
    page = html(client.get("/modules"))
    statuses = {li["id"]: li.select_one("[data-status]") for li in page.select(".module-list li")}
    assert statuses["module-1"].get_text(strip=True) == "✓afgerond"
    assert statuses["module-2"].get_text(strip=True) == "◐bezig"
    assert statuses["module-3"].get_text(strip=True) == "–niet begonnen"


def test_module_overview_shows_no_status_to_staff(client, web_app):
    org = create_org(web_app, "voorbeeld")
    login_as(client, create_user(web_app, "t@voorbeeld.example", org=org, role=Role.trainer))
    page = html(client.get("/modules"))
    assert len(page.select(".module-list li")) == 25
    assert page.select(".module-list [data-status]") == []


@pytest.mark.parametrize("number", range(1, 26))
def test_every_module_page_renders_goals_text_transcript_and_questions(client, trainee, number):
    response = client.get(f"/modules/{number}")
    assert response.status_code == 200
    page = html(response)
    assert page.select("#leerdoelen + ul li")
    assert len(page.select(".prose p")) >= 3
    assert page.select(".transcript h3")
    assert 3 <= len(page.select("form.question")) <= 6


def test_unknown_module_is_404(client, trainee):
    assert client.get("/modules/26").status_code == 404


def _question_and_answers(catalog, number=1):
    question = catalog.module(number).exercises[0]
    right = [i for i, o in enumerate(question.options) if o.correct]
    wrong = [i for i, o in enumerate(question.options) if not o.correct]
    return question, right, wrong


def test_right_answer_is_graded_with_every_explanation_and_stored(
    client, web_app, trainee, catalog
):
    question, right, _ = _question_and_answers(catalog)
    response = post_form(
        client,
        f"/modules/1/vragen/{question.id}",
        {"answer": [str(i) for i in right]},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    fragment = html(response)
    assert fragment.find("html") is None
    assert "Goed beantwoord" in fragment.select_one("[role=status]").get_text()
    assert len(fragment.select(".feedback")) == len(question.options)
    with session_scope(web_app.state.db, write=False) as session:
        attempt = session.exec(select(Attempt)).one()
    assert attempt.passed
    assert attempt.exercise_id == question.id


def test_wrong_answer_shows_why_and_can_be_tried_again(client, trainee, catalog):
    question, _, wrong = _question_and_answers(catalog)
    response = post_form(
        client,
        f"/modules/1/vragen/{question.id}",
        {"answer": str(wrong[0])},
        headers={"HX-Request": "true"},
    )
    fragment = html(response)
    assert "Nog niet goed" in fragment.get_text()
    assert fragment.select_one(".is-wrong input")["value"] == str(wrong[0])
    assert fragment.select_one("button").get_text() == "Opnieuw proberen"


def test_question_without_javascript_redirects_back_and_shows_feedback(client, trainee, catalog):
    question, right, _ = _question_and_answers(catalog)
    response = post_form(
        client, f"/modules/1/vragen/{question.id}", {"answer": [str(i) for i in right]}
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/modules/1#vraag-{question.id}"
    page = html(client.get("/modules/1"))
    assert "Goed beantwoord" in page.select_one(f"#vraag-{question.id}").get_text()


def test_empty_answer_gets_a_dutch_message_not_an_error(client, trainee, catalog):
    question, _, _ = _question_and_answers(catalog)
    response = post_form(
        client, f"/modules/1/vragen/{question.id}", {}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    assert "Kies" in html(response).select_one("[role=alert]").get_text()


def test_question_fragment_page_and_boosted_shapes(client, trainee, catalog):
    question, right, wrong = _question_and_answers(catalog)
    fragment = post_form(
        client,
        f"/modules/1/vragen/{question.id}",
        {"answer": str(wrong[0])},
        headers={"HX-Request": "true"},
    )
    boosted = post_form(
        client,
        f"/modules/1/vragen/{question.id}",
        {"answer": [str(i) for i in right]},
        headers={"HX-Request": "true", "HX-Boosted": "true"},
    )
    assert "<html" not in fragment.text
    assert fragment.headers["vary"] == "HX-Request"
    assert "<html" in boosted.text


@pytest.mark.parametrize("answer", ["right", "wrong"])
def test_the_answer_fragment_is_the_same_question_the_module_page_then_shows(
    client, trainee, catalog, answer
):
    question, right, wrong = _question_and_answers(catalog, 4)
    chosen = right if answer == "right" else wrong[:1]
    fragment = post_form(
        client,
        f"/modules/4/vragen/{question.id}",
        {"answer": [str(i) for i in chosen]},
        headers={"HX-Request": "true"},
    )
    assert fragment.status_code == 200
    swapped = html(fragment).select_one(f"form#vraag-{question.id}")
    on_page = html(client.get("/modules/4")).select_one(f"form#vraag-{question.id}")
    assert swapped is not None
    assert " ".join(str(swapped).split()) == " ".join(str(on_page).split())


def test_module_text_links_resolve_to_library_and_cases(client, trainee):
    page = html(client.get("/modules/11"))
    links = {a["href"] for a in page.select(".prose a") if a["href"].startswith("/")}
    assert links
    for href in sorted(links)[:15]:
        assert client.get(href.split("#")[0]).status_code == 200, href


def test_law_library_search_by_word_and_filters(client, trainee):
    page = html(client.get("/wetten", params={"q": "bijzondere bijstand"}))
    titles = [a.get_text() for a in page.select("#wetten-resultaten a")]
    assert any("Pw" in title for title in titles)
    only_zvw = html(client.get("/wetten", params={"wet": "zvw"}))
    assert all("Zvw" in a.get_text() for a in only_zvw.select("#wetten-resultaten a"))
    fragment = client.get("/wetten", params={"q": "xyzzy"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert "Geen artikelen gevonden" in fragment.text


def test_trainee_sees_an_unchecked_article_without_doubt_markers(client, trainee, catalog):
    unverified = next(a for a in catalog.articles if a.article.status == "unverified")
    page = html(client.get(f"/wetten/artikel/{unverified.id}"))
    assert page.select_one("h1").get_text().startswith(unverified.label)
    assert page.select_one("#bron-en-controle") is None
    assert "geverifieerd" not in page.get_text()
    law_page = html(client.get(f"/wetten/{unverified.law.id}"))
    assert not law_page.select(".badge.warn")


def test_trainer_sees_source_and_check_of_an_article(client, web_app, catalog):
    org = create_org(web_app, "trainers")
    login_as(client, create_user(web_app, "trainer@trainers.example", org=org, role=Role.trainer))
    checked = catalog.article("zvw-13").article
    page = html(client.get("/wetten/artikel/zvw-13"))
    section = page.select_one("#bron-en-controle")
    assert section is not None
    text = section.get_text(" ", strip=True)
    assert "geverifieerd" in text
    assert checked.source is not None
    assert section.select_one(f'a[href="{checked.source}"]') is not None
    assert checked.check_note in text
    unverified = next(a for a in catalog.articles if a.article.status == "unverified")
    law_page = html(client.get(f"/wetten/{unverified.law.id}"))
    assert "niet geverifieerd" in [b.get_text() for b in law_page.select(".badge.warn")]


def test_every_article_and_law_page_renders(client, trainee, catalog):
    for law in catalog.laws:
        assert client.get(f"/wetten/{law.id}").status_code == 200
    for item in catalog.articles:
        assert client.get(f"/wetten/artikel/{item.id}").status_code == 200, item.id


def test_price_list_shows_every_figure_with_year_and_status(client, trainee, catalog):
    page = html(client.get("/kengetallen"))
    rows = page.select("table.data:not(#cpi-reeks) tbody tr")
    assert len(rows) == len(catalog.unit_costs) >= 40


def test_price_list_shows_each_range_or_point_reason_and_the_cpi_with_its_sources(
    client, trainee, catalog
):
    page = html(client.get("/kengetallen"))
    placement = page.select_one('[data-range="k-jz-5"]').get_text()
    assert placement.startswith("Bandbreedte: Laag: het pgb-maximum 2024")
    norm = page.select_one('[data-range="k-bij-1"]').get_text()
    assert norm.startswith("Eén bedrag: Wettelijke bijstandsnorm")
    assert "overdracht" in norm
    years = [row.th.get_text() for row in page.select("#cpi-reeks tbody tr")]
    assert years[-1] == "2025"
    assert len(years) == len(catalog.cpi.changes)
    assert all(link["href"].startswith("https://") for link in page.select("#cpi-reeks a"))


def test_case_pages_draw_the_problem_graph_with_a_list_alternative(client, trainee, catalog):
    for case in catalog.cases:
        page = html(client.get(f"/casussen/{case.id}"))
        svg = page.select_one("svg[role=img]")
        assert svg is not None
        assert svg.find("title") is not None
        assert len(svg.select("g.node")) == len(case.problems)
        assert len(page.select(".problem-list > li")) == len(case.problems)
