"""Helpers of the rekentool tests: a browser-like way to read and submit the editor form, a JSON
API helper, a made-up BSN and a small PDF text extractor (imported as calculations.calc_helpers)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from factories import csrf_for, html, login_as, post_form


def as_user(make_client, user):
    browser = make_client()
    login_as(browser, user)
    return browser


def new_calculation(client, case_id: str = "", title: str = "") -> int:
    response = post_form(client, "/rekentool/nieuw", {"case_id": case_id, "title": title})
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/rekentool/(\d+)", response.headers["location"])
    assert match
    return int(match.group(1))


def editor_form(page: BeautifulSoup) -> dict[str, str]:
    """What a browser submits from the editor: every named input and the chosen options."""
    form = page.find("form", id="rekentool-form")
    assert form is not None
    data: dict[str, str] = {}
    for field in form.find_all(["input", "select"]):
        name = field.get("name")
        if not name or field.name == "input" and field.get("type") in ("submit", "button"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", "")
    return data


def open_editor(client, calculation_id: int) -> tuple[BeautifulSoup, dict[str, str]]:
    response = client.get(f"/rekentool/{calculation_id}")
    assert response.status_code == 200, response.text
    page = html(response)
    return page, editor_form(page)


def post_json(client, url: str, payload, *, token: bool = True, raw: bytes | None = None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-CSRF-Token"] = csrf_for(client)
    if raw is not None:
        return client.post(url, content=raw, headers=headers)
    return client.post(url, json=payload, headers=headers)


def valid_bsn() -> str:
    """A made-up nine-digit number that passes the BSN eleven-test (not a real person's)."""
    digits = [1, 2, 3, 4, 5, 6, 7, 8]
    total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    for last in range(10):
        if (total - last) % 11 == 0:
            return "".join(map(str, digits)) + str(last)
    raise AssertionError("no check digit")
