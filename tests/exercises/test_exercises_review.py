"""Trainer review end to end: a trainee submits a doorbraakplan, the trainer returns it with the
rubric, the trainee revises, the trainer approves and module 23 becomes complete. Plus who may
see what: trainers of the cohort read the text, org admins only statuses, others get 404."""

from __future__ import annotations

import pytest
from exercises.exercise_helpers import make_calculation
from factories import (
    create_cohort,
    create_user,
    html,
    login_as,
    pdf_text,
    post_form,
    work_context_for,
)
from sqlmodel import select

from app.accounts.models import Role
from app.db import session_scope
from app.exercises.grading import Grade
from app.exercises.models import BreakthroughPlan
from app.exercises.service import record_attempt, refresh
from app.progress.models import ModuleProgress
from app.progress.module_service import Changed

PLAN = {
    "situation": "Linda en Ruud wonen met twee kinderen; er zijn twaalf schuldeisers.",
    "bottleneck": "De ggz en de schuldhulp wachten op elkaar.",
    "breakthrough": "Alles start tegelijk met een regisseur en beschermingsbewind.",
    "legal_basis": "Wgs art. 3 en Pw art. 35; Awb 4:84 voor de beleidsregel.",
    "kassabon": "Doorbreken bespaart de gemeente het meest; de zorgverzekeraar investeert.",
    "engagement": "Ruud wil stoppen met gokken.",
    "agreements": "We kijken na drie maanden samen hoe het gaat.",
}
LEVELS = {
    "level_bottleneck": "fully",
    "level_legal_basis": "fully",
    "level_kassabon": "partly",
    "level_engagement": "partly",
    "level_agreements": "not",
}


def module_row(web_app, user, number):
    with session_scope(web_app.state.db, write=False) as session:
        return session.exec(
            select(ModuleProgress).where(
                ModuleProgress.user_id == user.id, ModuleProgress.module_number == number
            )
        ).first()


def pass_knowledge_checks(web_app, user, number):
    """Mark the module's knowledge checks passed (as if answered right)."""
    catalog = web_app.state.catalog_holder.get()
    with session_scope(web_app.state.db, write=True) as session:
        for question in catalog.module(number).exercises:
            grade = Grade(question.id, 1.0, True, ())
            record_attempt(
                session,
                context=work_context_for(session, user),
                exercise_id=question.id,
                kind="knowledge_check",
                grade=grade,
                answers={"chosen": [i for i, o in enumerate(question.options) if o.correct]},
                module_number=number,
            )
        changed = Changed(exercise_ids=tuple(q.id for q in catalog.module(number).exercises))
        refresh(session, catalog, web_app.state.settings.media_dir, user.id, changed)


def submit_plan(client, web_app, user, **changes):
    calc_id = make_calculation(web_app, user, "c9", title="Kassabon Linda en Ruud")
    data = {**PLAN, **changes, "calculation_id": str(calc_id)}
    return post_form(client, "/oefeningen/c9/doorbraakplan", data)


def plan_id(web_app, user):
    with session_scope(web_app.state.db, write=False) as session:
        plan = session.exec(
            select(BreakthroughPlan).where(BreakthroughPlan.user_id == user.id)
        ).one()
        return plan.id


def test_plan_review_flow_completes_module_23(client, make_client, web_app, world):
    login_as(client, world.sanne)
    pass_knowledge_checks(web_app, world.sanne, 23)
    row = module_row(web_app, world.sanne, 23)
    assert row.status == "in_progress"
    assert row.missing == ["doorbraakplan indienen"]

    # 1. the trainee submits
    assert submit_plan(client, web_app, world.sanne).status_code == 303
    assert module_row(web_app, world.sanne, 23).plan_status == "submitted"
    page = html(client.get("/oefeningen/c9/doorbraakplan"))
    assert "wacht op beoordeling" in page.select_one("#plan-status").get_text()
    assert page.select_one("#oefening-formulier") is None  # no edits while under review

    # 2. the trainer sees it in the queue and returns it with the rubric
    trainer = make_client()
    login_as(trainer, world.trainer)
    queue = html(trainer.get("/beoordelen"))
    assert "1 te beoordelen" in queue.select_one("#te-beoordelen").get_text()
    pid = plan_id(web_app, world.sanne)
    link = queue.select_one(f"tr[data-kind=plan][data-ref='{pid}'] a")
    assert link["href"] == f"/beoordelen/plannen/{pid}"
    review_page = html(trainer.get(link["href"]))
    assert PLAN["engagement"] in review_page.get_text()
    assert review_page.select_one("#referentie") is not None
    returned = post_form(
        trainer,
        link["href"],
        {
            **LEVELS,
            "comment_engagement": "Laat Linda zelf aan het woord.",
            "comment_agreements": "Wie doet wat, en wanneer precies?",
            "decision": "returned",
        },
    )
    assert returned.status_code == 303
    assert module_row(web_app, world.sanne, 23).missing == [
        "doorbraakplan verbeteren en opnieuw indienen"
    ]

    # 3. the trainee sees the feedback next to their own text and revises
    page = html(client.get("/oefeningen/c9/doorbraakplan"))
    assert "terug voor verbetering" in page.select_one("#plan-status").get_text()
    aside = page.select_one("#plan-feedback-agreements")
    assert "Wie doet wat" in aside.get_text()
    assert "niet" in aside.get_text()
    assert page.select_one("#plan-agreements").get_text() == PLAN["agreements"]
    revised = "Binnen twee weken start alles; na drie maanden evalueert de regisseur met het gezin."
    assert submit_plan(client, web_app, world.sanne, agreements=revised).status_code == 303
    page = html(client.get("/oefeningen/c9/doorbraakplan"))
    assert len(page.select(".plan-history li")) == 2  # the history stays

    # 4. the trainer approves the second version
    review_page = html(trainer.get(f"/beoordelen/plannen/{pid}"))
    assert revised in review_page.get_text()
    assert review_page.select_one("#eerdere-versies") is not None
    approved = post_form(
        trainer,
        f"/beoordelen/plannen/{pid}",
        {**LEVELS, "level_agreements": "fully", "decision": "approved"},
    )
    assert approved.status_code == 303
    row = module_row(web_app, world.sanne, 23)
    assert (row.status, row.plan_status, row.missing) == ("completed", "approved", [])
    page = html(client.get("/modules/23"))
    assert "afgerond" in page.select_one("#module-voortgang").get_text()
    assert "goedgekeurd" in page.select_one("li[data-exercise=c9-plan]").get_text()
    assert "niets te beoordelen" in html(trainer.get("/beoordelen")).get_text()


def test_returning_a_plan_needs_a_comment_and_keeps_the_rubric(client, make_client, web_app, world):
    login_as(client, world.sanne)
    submit_plan(client, web_app, world.sanne)
    trainer = make_client()
    login_as(trainer, world.trainer)
    pid = plan_id(web_app, world.sanne)
    response = post_form(trainer, f"/beoordelen/plannen/{pid}", {**LEVELS, "decision": "returned"})
    assert response.status_code == 400
    page = html(response)
    assert "wat beter moet" in page.select_one("#formulier-fout").get_text()
    assert page.select_one("#niveau-kassabon-partly").has_attr("checked")
    approve = post_form(trainer, f"/beoordelen/plannen/{pid}", {**LEVELS, "decision": "approved"})
    assert approve.status_code == 400  # a criterion on 'niet'


def test_an_incomplete_plan_is_refused_with_the_text_kept(client, trainee, web_app):
    calc_id = make_calculation(web_app, trainee, "c9")
    data = {**PLAN, "engagement": "", "calculation_id": str(calc_id)}
    response = post_form(client, "/oefeningen/c9/doorbraakplan", data)
    assert response.status_code == 400
    page = html(response)
    assert "betrokkenheid van het huishouden" in page.select_one("#formulier-fout").get_text()
    assert page.select_one("#plan-situation").get_text() == PLAN["situation"]


def test_plan_prints_as_one_document_with_its_kassabon_and_as_pdf(client, trainee, web_app):
    submit_plan(client, web_app, trainee)
    page = html(client.get("/oefeningen/c9/doorbraakplan/afdruk"))
    assert page.select_one("article.plan-document h1").get_text() == "Doorbraakplan: Linda en Ruud"
    assert len(page.select(".plan-part")) == 7
    assert page.select_one("#kassabon #maatschappelijk-verschil") is not None
    pdf = client.get("/oefeningen/c9/doorbraakplan/afdruk.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "DOORBRAAKPLAN" in text
    assert f"Opgesteld door {trainee.display_name} · versie 1, ingediend" in text
    assert "Linda en Ruud" in text
    assert PLAN["situation"] in " ".join(text.split())
    assert "Kassabon Linda en Ruud" in text


def test_value_triangle_goes_to_the_trainer_who_gives_feedback(client, make_client, web_app, world):
    login_as(client, world.sanne)
    data = {
        "argument_legitimacy": "Grondslag in de Wmo 2015.",
        "argument_engagement": "Mirjam wil thuis blijven.",
        "argument_return": "Goedkoper voor alle betalers samen.",
        **{f"judgment_{a}": "ja" for a in ("legitimacy", "engagement", "return")},
    }
    post_form(client, "/oefeningen/c7/waardendriehoek", data)
    trainer = make_client()
    login_as(trainer, world.trainer)
    link = html(trainer.get("/beoordelen")).select_one("tr[data-kind=value_triangle] a")
    page = html(trainer.get(link["href"]))
    assert "Mirjam wil thuis blijven." in page.get_text()
    levels = {f"level_{a}": "fully" for a in ("legitimacy", "engagement", "return")}
    response = post_form(trainer, link["href"], {**levels, "comment": "Sterk onderbouwd."})
    assert response.status_code == 303
    mine = html(client.get("/oefeningen/c7/waardendriehoek"))
    assert "Sterk onderbouwd." in mine.select_one(".trainer-feedback").get_text()
    assert html(trainer.get("/beoordelen")).select_one("tr[data-kind=value_triangle]") is None


# --- who may see what -------------------------------------------------------------------------


@pytest.fixture
def submitted(client, web_app, world):
    login_as(client, world.sanne)
    submit_plan(client, web_app, world.sanne)
    return plan_id(web_app, world.sanne)


def test_trainer_of_another_cohort_or_organisation_gets_404(make_client, web_app, world, submitted):
    other_trainer = create_user(
        web_app, "trainer2@voorbeeld.example", org=world.org, role=Role.trainer
    )
    create_cohort(web_app, world.org, "Andere groep", trainers=(other_trainer,))
    for user in (other_trainer, world.other_trainer):
        browser = make_client()
        login_as(browser, user)
        assert browser.get(f"/beoordelen/plannen/{submitted}").status_code == 404
        assert browser.get(f"/beoordelen/plannen/{submitted}/afdruk").status_code == 404
        assert browser.get(f"/beoordelen/plannen/{submitted}/afdruk.pdf").status_code == 404
        response = post_form(browser, f"/beoordelen/plannen/{submitted}", {"decision": "approved"})
        assert response.status_code == 404
        assert browser.get(f"/groepen/{world.cohort.id}/itemanalyse").status_code == 404
        assert browser.get(f"/beoordelen/groepen/{world.cohort.id}").status_code == 404
        assert PLAN["bottleneck"] not in browser.get("/beoordelen").text


def test_org_admin_sees_the_status_but_never_the_text(make_client, world, submitted):
    admin = make_client()
    login_as(admin, world.admin)
    index = admin.get("/beoordelen")
    assert index.status_code == 200
    row = html(index).select_one(f"tr[data-kind=plan][data-ref='{submitted}']")
    assert row is not None
    assert row.select_one("a") is None
    cohort_page = admin.get(f"/beoordelen/groepen/{world.cohort.id}")
    assert (
        "ingediend, wacht op beoordeling"
        in html(cohort_page).select_one("#plan-statussen").get_text()
    )
    for text in PLAN.values():
        assert text not in index.text
        assert text not in cohort_page.text
    assert admin.get(f"/beoordelen/plannen/{submitted}").status_code == 404
    assert admin.get(f"/beoordelen/plannen/{submitted}/afdruk").status_code == 404
    assert admin.get(f"/groepen/{world.cohort.id}/itemanalyse").status_code == 200


def test_trainees_cannot_open_the_review_pages(client, world, submitted):
    assert client.get("/beoordelen").status_code == 404
    assert client.get(f"/beoordelen/plannen/{submitted}").status_code == 404
    assert client.get(f"/groepen/{world.cohort.id}/itemanalyse").status_code == 404


def test_another_trainee_cannot_open_someone_elses_plan_print(make_client, world, submitted):
    other = make_client()
    login_as(other, world.daan)
    assert other.get("/oefeningen/c9/doorbraakplan/afdruk").status_code == 404
    assert (
        "wacht op beoordeling"
        not in html(other.get("/oefeningen/c9/doorbraakplan")).select_one("#plan-status").get_text()
    )


def test_queue_count_fragment_for_trainer_pages(make_client, world, submitted):
    trainer = make_client()
    login_as(trainer, world.trainer)
    fragment = trainer.get("/beoordelen/teller", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert fragment.headers["Vary"] == "HX-Request"
    assert html(fragment).select_one("#te-beoordelen").get_text() == "1 te beoordelen"
    full = trainer.get("/beoordelen/teller")
    assert "<html" in full.text
    boosted = trainer.get(
        "/beoordelen/teller", headers={"HX-Request": "true", "HX-Boosted": "true"}
    )
    assert "<html" in boosted.text
