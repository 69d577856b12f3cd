"""The case page links its five exercises with the trainee's own status for each."""

from __future__ import annotations

from factories import html, login_as, post_form


def exercise_links(client, case_id):
    page = html(client.get(f"/casussen/{case_id}"))
    return {
        li["data-kind"]: (li.select_one("a")["href"], li.select_one(".status").get_text())
        for li in page.select("#casus-oefeningen li")
    }


def test_the_case_page_links_all_five_exercises_not_started(client, trainee):
    links = exercise_links(client, "c9")
    assert links == {
        "bottleneck": ("/oefeningen/c9/knelpunt", "niet begonnen"),
        "legal_basis": ("/oefeningen/c9/grondslag", "niet begonnen"),
        "kassabon": ("/oefeningen/c9/kassabon", "niet begonnen"),
        "value_triangle": ("/oefeningen/c9/waardendriehoek", "niet begonnen"),
        "plan": ("/oefeningen/c9/doorbraakplan", "niet begonnen"),
    }


def test_the_case_page_tells_made_from_passed(client, trainee):
    post_form(client, "/oefeningen/c9/knelpunt", {"choice": "p3"})
    assert exercise_links(client, "c9")["bottleneck"][1] == "gemaakt"
    post_form(client, "/oefeningen/c9/knelpunt", {"choice": "p1"})
    links = exercise_links(client, "c9")
    assert links["bottleneck"][1] == "gehaald"
    assert links["legal_basis"][1] == "niet begonnen"
    assert exercise_links(client, "c1")["bottleneck"][1] == "niet begonnen"


def test_another_trainees_work_does_not_show_on_my_case_page(client, trainee, world, make_client):
    other = make_client()
    login_as(other, world.daan)
    post_form(other, "/oefeningen/c9/knelpunt", {"choice": "p1"})
    assert exercise_links(client, "c9")["bottleneck"][1] == "niet begonnen"
