"""The attempt policy of knowledge checks: feedback on the chosen option, the correct answer only
after a correct answer or the last allowed attempt, options shuffled per attempt."""

from __future__ import annotations

from factories import html, post_form
from sqlmodel import col, select

from app.db import session_scope
from app.exercises.attempt_policy import attempt_state, option_order
from app.exercises.models import Attempt

HX = {"HX-Request": "true"}

# --- the pure policy ---------------------------------------------------------------------------


def test_the_option_order_is_stable_within_an_attempt():
    first = option_order(7, "m01-q1", 1, 4)
    assert option_order(7, "m01-q1", 1, 4) == first
    assert sorted(first) == [0, 1, 2, 3]


def test_the_option_order_changes_across_attempts_users_and_questions():
    by_attempt = {option_order(7, "m01-q1", attempt, 4) for attempt in range(1, 9)}
    assert len(by_attempt) > 1
    by_user = {option_order(user, "m01-q1", 1, 4) for user in range(1, 9)}
    assert len(by_user) > 1
    by_question = {option_order(7, f"m01-q{n}", 1, 4) for n in range(1, 9)}
    assert len(by_question) > 1


def test_a_question_closes_after_a_pass_or_the_last_allowed_attempt():
    assert not attempt_state([False], 2).closed
    assert attempt_state([False], 2).left == 1
    assert attempt_state([True], 2).closed
    assert attempt_state([False, False], 2).closed
    assert attempt_state([False, False, False, True], 2).passed  # old attempts keep counting


# --- over HTTP -----------------------------------------------------------------------------------


def _question(catalog):
    question = catalog.module(1).exercises[0]
    right = [i for i, o in enumerate(question.options) if o.correct]
    wrong = [i for i, o in enumerate(question.options) if not o.correct]
    return question, right, wrong


def _answer(client, question, chosen):
    return html(
        post_form(client, f"/modules/1/vragen/{question.id}", {"answer": chosen}, headers=HX)
    )


def _stored(web_app, question):
    with session_scope(web_app.state.db, write=False) as session:
        rows = session.exec(
            select(Attempt).where(Attempt.exercise_id == question.id).order_by(col(Attempt.id))
        ).all()
        return [(a.passed, dict(a.answers)) for a in rows]


def test_a_first_wrong_answer_explains_the_choice_but_does_not_reveal_the_answer(
    client, trainee, catalog
):
    question, right, wrong = _question(catalog)
    fragment = _answer(client, question, str(wrong[0]))
    assert fragment.select(".is-correct") == []
    chosen = fragment.select_one(f"[data-option='{wrong[0]}']")
    assert "Jouw keuze, niet juist" in chosen.get_text()
    correct = fragment.select_one(f"[data-option='{right[0]}']")
    assert correct.select(".feedback") == []
    assert question.options[right[0]].explanation not in fragment.get_text()
    assert "nog 1 poging" in fragment.select_one("[role=status]").get_text()
    assert fragment.select_one("button[type=submit]") is not None


def test_the_last_wrong_attempt_reveals_the_answer_and_closes_the_question(
    client, trainee, catalog, web_app
):
    question, right, wrong = _question(catalog)
    _answer(client, question, str(wrong[0]))
    fragment = _answer(client, question, str(wrong[-1]))
    assert [e["data-option"] for e in fragment.select(".is-correct")] == [str(i) for i in right]
    assert question.options[right[0]].explanation in fragment.get_text()
    assert fragment.select_one("button[type=submit]") is None
    late = _answer(client, question, str(right[0]))
    assert "telt niet mee" in late.select_one("[role=status]").get_text()
    stored = _stored(web_app, question)
    assert [passed for passed, _ in stored] == [False, False, False]
    assert stored[-1][1].get("practice") is True
    page = html(client.get("/modules/1"))
    assert page.select_one(f"#vraag-{question.id}")["data-revealed"] == "ja"


def test_a_correct_answer_reveals_every_explanation(client, trainee, catalog):
    question, right, _ = _question(catalog)
    fragment = _answer(client, question, [str(i) for i in right])
    assert "Goed beantwoord" in fragment.select_one("[role=status]").get_text()
    assert len(fragment.select(".feedback")) == len(question.options)


def test_the_options_are_shown_in_the_order_of_the_attempt_at_hand(client, trainee, catalog):
    question, _, wrong = _question(catalog)
    count = len(question.options)

    def shown():
        form = html(client.get("/modules/1")).select_one(f"#vraag-{question.id}")
        return tuple(int(e["data-option"]) for e in form.select("[data-option]"))

    assert shown() == option_order(trainee.id, question.id, 1, count)
    assert shown() == option_order(trainee.id, question.id, 1, count)
    _answer(client, question, str(wrong[0]))
    assert shown() == option_order(trainee.id, question.id, 2, count)
