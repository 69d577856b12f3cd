"""Markup rules on the exercise and review pages: unique ids, a label for every field, tables
with captions, no inline scripts or styles."""

from __future__ import annotations

from collections import Counter

from exercises.exercise_helpers import make_calculation
from factories import html, login_as, post_form

from app.exercises.plan import PLAN_KEYS

PLAN = dict.fromkeys(PLAN_KEYS, "Tekst voor dit onderdeel.")


def check(response):
    assert response.status_code == 200, response.url
    page = html(response)
    ids = Counter(tag["id"] for tag in page.select("[id]"))
    assert [i for i, n in ids.items() if n > 1] == [], response.url
    for field in page.select("input, textarea, select"):
        if field.get("type") in ("hidden", "submit", "button"):
            continue
        assert page.select_one(f"label[for='{field['id']}']"), (response.url, field["id"])
    for table in page.select("table"):
        assert table.select_one("caption"), response.url
    assert page.select("script:not([src])") == []
    assert page.select("[style]") == []


def test_exercise_pages_follow_the_markup_rules(client, trainee, web_app):
    calc = make_calculation(web_app, trainee, "c9")
    post_form(client, "/oefeningen/c9/knelpunt", {"choice": "p3"})
    post_form(client, "/oefeningen/c9/grondslag", {"article": ["pw-35", "lpw-5"]})
    post_form(client, "/oefeningen/c9/kassabon", {"calculation_id": str(calc)})
    post_form(client, "/oefeningen/c9/doorbraakplan", {**PLAN, "calculation_id": str(calc)})
    for slug in ("knelpunt", "grondslag", "kassabon", "waardendriehoek", "doorbraakplan"):
        check(client.get(f"/oefeningen/c9/{slug}"))
    check(client.get("/oefeningen"))
    check(client.get("/oefeningen/c9/doorbraakplan/afdruk"))
    check(client.get("/modules/23"))


def test_review_pages_follow_the_markup_rules(client, make_client, web_app, world):
    login_as(client, world.sanne)
    calc = make_calculation(web_app, world.sanne, "c9")
    post_form(client, "/oefeningen/c9/doorbraakplan", {**PLAN, "calculation_id": str(calc)})
    triangle = {f"argument_{a}": "Argument." for a in ("legitimacy", "engagement", "return")}
    triangle |= {f"judgment_{a}": "ja" for a in ("legitimacy", "engagement", "return")}
    post_form(client, "/oefeningen/c9/waardendriehoek", triangle)
    trainer = make_client()
    login_as(trainer, world.trainer)
    index = trainer.get("/beoordelen")
    check(index)
    for link in html(index).select(".review-queue a"):
        check(trainer.get(link["href"]))
    check(trainer.get(f"/beoordelen/groepen/{world.cohort.id}"))
    check(trainer.get(f"/groepen/{world.cohort.id}/itemanalyse"))
