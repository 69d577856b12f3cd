"""Drafts save themselves while typing: one per user x exercise, shown again when the page opens
in a new session; submitting clears it; a draft equal to what was submitted is not kept."""

from __future__ import annotations

from factories import html, login_as, post_form
from sqlmodel import select

from app.db import session_scope
from app.exercises.models import ExerciseDraft
from app.progress.models import ModuleProgress

HX = {"HX-Request": "true"}


def drafts(web_app):
    with session_scope(web_app.state.db, write=False) as session:
        rows = session.exec(select(ExerciseDraft)).all()
        return {(d.user_id, d.exercise_id): dict(d.data) for d in rows}


def test_the_form_autosaves_to_the_draft_endpoint_while_typing(client, trainee):
    form = html(client.get("/oefeningen/c9/doorbraakplan")).select_one("#oefening-formulier")
    assert form["hx-post"] == "/concepten/c9-plan"
    assert form["hx-trigger"] == "keyup changed delay:1s, change"
    assert form["method"] == "post"
    assert form["action"] == "/oefeningen/c9/doorbraakplan"
    assert form["data-draft-key"].endswith(":c9-plan")


def test_a_draft_survives_a_new_login(client, trainee, web_app, make_client):
    response = post_form(
        client,
        "/concepten/c9-plan",
        {"situation": "Een gezin met twee kinderen.", "bottleneck": "Wachten op elkaar."},
        headers=HX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.text.startswith("Concept opgeslagen om")
    assert drafts(web_app)[(trainee.id, "c9-plan")]["situation"] == "Een gezin met twee kinderen."

    client.cookies.clear()  # the old session is gone (closed tab, expired session)
    fresh = make_client()
    login_as(fresh, trainee)
    page = html(fresh.get("/oefeningen/c9/doorbraakplan"))
    assert page.select_one("#plan-situation").get_text() == "Een gezin met twee kinderen."
    assert page.select_one("#plan-bottleneck").get_text() == "Wachten op elkaar."
    assert "staat hieronder weer klaar" in page.select_one("#concept-status").get_text()
    assert page.select_one("#oefening-formulier")["data-draft-saved-at"]


def test_a_plan_draft_marks_the_plan_module_as_started(client, trainee, web_app):
    post_form(client, "/concepten/c9-plan", {"situation": "Begin."}, headers=HX)
    with session_scope(web_app.state.db, write=False) as session:
        row = session.exec(
            select(ModuleProgress).where(
                ModuleProgress.user_id == trainee.id, ModuleProgress.module_number == 23
            )
        ).one()
    assert (row.status, row.plan_status) == ("in_progress", "draft")
    page = html(client.get("/modules/23"))
    assert "concept" in page.select_one("li[data-exercise=c9-plan]").get_text()


def test_checkbox_and_text_drafts_come_back_in_the_form(client, trainee):
    post_form(client, "/concepten/c9-legal_basis", {"article": ["zvw-11", "pw-35"]}, headers=HX)
    page = html(client.get("/oefeningen/c9/grondslag"))
    checked = {box["value"] for box in page.select("input[name=article][checked]")}
    assert checked == {"zvw-11", "pw-35"}
    post_form(
        client,
        "/concepten/c7-value_triangle",
        {"argument_return": "Half af.", "judgment_return": "nee"},
        headers=HX,
    )
    page = html(client.get("/oefeningen/c7/waardendriehoek"))
    assert page.select_one("#argument-return").get_text() == "Half af."
    assert page.select_one("#oordeel-return-nee").has_attr("checked")


def test_submitting_clears_the_draft_and_an_equal_draft_is_not_kept(client, trainee, web_app):
    post_form(client, "/concepten/c9-bottleneck", {"choice": "p3"}, headers=HX)
    assert (trainee.id, "c9-bottleneck") in drafts(web_app)
    post_form(client, "/oefeningen/c9/knelpunt", {"choice": "p1"})
    assert drafts(web_app) == {}
    # a late autosave with the submitted answer does not bring a draft back
    late = post_form(client, "/concepten/c9-bottleneck", {"choice": "p1"}, headers=HX)
    assert late.status_code == 200
    assert drafts(web_app) == {}


def test_drafts_are_per_user(client, trainee, world, make_client, web_app):
    post_form(client, "/concepten/c9-plan", {"situation": "Van Sanne."}, headers=HX)
    other = make_client()
    login_as(other, world.daan)
    page = html(other.get("/oefeningen/c9/doorbraakplan"))
    assert page.select_one("#plan-situation").get_text() == ""
    post_form(other, "/concepten/c9-plan", {"situation": "Van Daan."}, headers=HX)
    assert len(drafts(web_app)) == 2


def test_draft_endpoint_refuses_unknown_exercises_and_needs_a_session(client, trainee, make_client):
    assert post_form(client, "/concepten/c9-raden", {}, headers=HX).status_code == 404
    assert post_form(client, "/concepten/c99-plan", {}, headers=HX).status_code == 404
    anonymous = make_client()
    response = post_form(anonymous, "/concepten/c9-plan", {"situation": "x"}, headers=HX)
    assert response.status_code == 401
    assert "sessie is verlopen" in response.text
