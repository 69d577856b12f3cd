"""Login hardening: equal work for every address, a growing soft lock that a reset lifts, the
password hash outside the write gate, and X-Forwarded-For only from trusted proxies."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from factories import PASSWORD, create_user, html, last_mail_link, login_as, post_form
from fastapi.testclient import TestClient
from sqlmodel import select

from app.accounts import service as account_service
from app.accounts.models import ThrottleEvent, UserSession
from app.accounts.passwords import hasher
from app.db import session_scope
from app.main import create_app

EMAIL = "sanne@voorbeeld.example"


def _login(client: TestClient, email: str, password: str):  # type: ignore[no-untyped-def]
    return post_form(client, "/inloggen", {"email": email, "password": password})


def _fail(client: TestClient, email: str, times: int) -> None:
    for _ in range(times):
        assert _login(client, email, "helemaal fout").status_code in (400, 429)


def _let_time_pass(web_app, minutes: float) -> None:  # type: ignore[no-untyped-def]
    """Move every counted failure back in time, as if `minutes` had passed."""
    with session_scope(web_app.state.db, write=True) as session:
        for event in session.exec(select(ThrottleEvent)).all():
            event.at = event.at - timedelta(minutes=minutes)


def _alert(response) -> str:  # type: ignore[no-untyped-def]
    return html(response).select_one("[role=alert]").get_text()


@pytest.fixture
def argon2_calls(web_app, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Every argon2 computation (hash or verify) the app performs from here on."""
    settings = web_app.state.settings
    hasher(settings.password_hash_memory_kib, settings.password_hash_time_cost)
    calls: list[str] = []
    real_verify, real_hash = PasswordHasher.verify, PasswordHasher.hash

    def verify(self, stored, password):  # type: ignore[no-untyped-def]
        calls.append("verify")
        return real_verify(self, stored, password)

    def hash_(self, password, **kwargs):  # type: ignore[no-untyped-def]
        calls.append("hash")
        return real_hash(self, password, **kwargs)

    monkeypatch.setattr(PasswordHasher, "verify", verify)
    monkeypatch.setattr(PasswordHasher, "hash", hash_)
    return calls


def test_login_spends_one_hash_for_known_unknown_and_locked_accounts(client, web_app, argon2_calls):
    create_user(web_app, EMAIL)
    create_user(web_app, "vergrendeld@voorbeeld.example")
    limit = web_app.state.settings.login_max_failures_account
    _fail(client, "vergrendeld@voorbeeld.example", limit)
    counts = {}
    for case, email in [
        ("known, wrong password", EMAIL),
        ("unknown address", "niemand@voorbeeld.example"),
        ("locked account", "vergrendeld@voorbeeld.example"),
    ]:
        argon2_calls.clear()
        response = _login(client, email, "helemaal fout")
        assert response.status_code in (400, 429)
        counts[case] = list(argon2_calls)
    assert counts == {
        "known, wrong password": ["verify"],
        "unknown address": ["verify"],
        "locked account": ["verify"],
    }


def test_soft_lock_refuses_even_the_right_password_and_doubles_with_each_failure(client, web_app):
    create_user(web_app, EMAIL)
    _fail(client, EMAIL, web_app.state.settings.login_max_failures_account)
    refused = _login(client, EMAIL, PASSWORD)
    assert refused.status_code == 429
    assert "over 1 minuut opnieuw" in _alert(refused)
    _let_time_pass(web_app, minutes=1.1)
    wrong = _login(client, EMAIL, "nog steeds fout")
    assert wrong.status_code == 400
    again = _login(client, EMAIL, PASSWORD)
    assert again.status_code == 429
    assert "over 2 minuten opnieuw" in _alert(again)


def test_right_password_works_again_once_the_wait_is_over(client, web_app):
    create_user(web_app, EMAIL)
    _fail(client, EMAIL, web_app.state.settings.login_max_failures_account)
    _let_time_pass(web_app, minutes=1.1)
    assert _login(client, EMAIL, PASSWORD).status_code == 303
    with session_scope(web_app.state.db, write=False) as session:
        left = [e.key for e in session.exec(select(ThrottleEvent)).all()]
    assert f"login-account:{EMAIL}" not in left  # a good login forgets the failures


def test_a_password_reset_lifts_the_soft_lock_at_once(client, make_client, web_app):
    create_user(web_app, EMAIL)
    _fail(client, EMAIL, web_app.state.settings.login_max_failures_account + 3)
    assert _login(client, EMAIL, PASSWORD).status_code == 429
    post_form(client, "/wachtwoord-vergeten", {"email": EMAIL})
    link = last_mail_link(web_app, "/wachtwoord-herstellen/")
    new = "een heel nieuw wachtwoord"
    reset = post_form(client, link, {"new_password": new, "new_password_again": new})
    assert reset.status_code == 303
    assert _login(make_client(), EMAIL, new).status_code == 303


def test_an_unknown_address_is_locked_the_same_way_so_the_answer_reveals_nothing(client, web_app):
    create_user(web_app, EMAIL)
    limit = web_app.state.settings.login_max_failures_account
    _fail(client, EMAIL, limit)
    _fail(client, "niemand@voorbeeld.example", limit)
    known = _login(client, EMAIL, "fout")
    unknown = _login(client, "niemand@voorbeeld.example", "fout")
    assert (known.status_code, _alert(known)) == (unknown.status_code, _alert(unknown))


def test_login_hashes_outside_the_write_gate_and_writes_the_session_inside_it(
    client, web_app, monkeypatch
):
    gate = web_app.state.write_gate
    if not gate.enabled:
        pytest.skip("the write gate exists only on SQLite")
    create_user(web_app, EMAIL)
    seen: list[tuple[str, bool]] = []
    real_verify, real_start = PasswordHasher.verify, account_service.start_session

    def verify(self, stored, password):  # type: ignore[no-untyped-def]
        seen.append(("hash", gate.held))
        return real_verify(self, stored, password)

    def start_session(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(("session", gate.held))
        return real_start(*args, **kwargs)

    monkeypatch.setattr(PasswordHasher, "verify", verify)
    monkeypatch.setattr(account_service, "start_session", start_session)
    assert _login(client, EMAIL, PASSWORD).status_code == 303
    assert seen == [("hash", False), ("session", True)]
    assert not gate.held


def test_an_attempt_counts_before_its_hash_so_parallel_guesses_cannot_slip_past_the_lock(
    client, web_app, monkeypatch
):
    create_user(web_app, EMAIL)
    counted_during_hash: list[int] = []
    real_verify = PasswordHasher.verify

    def verify(self, stored, password):  # type: ignore[no-untyped-def]
        with session_scope(web_app.state.db, write=False) as session:
            events = session.exec(
                select(ThrottleEvent).where(ThrottleEvent.key == f"login-account:{EMAIL}")
            ).all()
        counted_during_hash.append(len(events))
        return real_verify(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", verify)
    _fail(client, EMAIL, 2)
    assert _login(client, EMAIL, PASSWORD).status_code == 303
    assert counted_during_hash == [1, 2, 3]
    with session_scope(web_app.state.db, write=False) as session:
        assert [e.key for e in session.exec(select(ThrottleEvent)).all()] == [
            "login-address:testclient",
            "login-address:testclient",
        ]  # the good login took its own count back and forgot the account's failures


def test_logging_in_again_while_logged_in_works(client, web_app):
    """The login's request session only reads, so it never blocks the login's own write."""
    user = create_user(web_app, EMAIL)
    login_as(client, user)
    assert _login(client, EMAIL, PASSWORD).status_code == 303


@pytest.fixture
def proxied_app(settings):  # type: ignore[no-untyped-def]
    application = create_app(settings.model_copy(update={"trusted_proxies": ("127.0.0.1",)}))
    yield application
    application.state.db.dispose()


def _client_from(app, address: str) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, client=(address, 40000)) as test_client:
        yield test_client


@pytest.fixture
def via_proxy(proxied_app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    yield from _client_from(proxied_app, "127.0.0.1")


@pytest.fixture
def direct(proxied_app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    yield from _client_from(proxied_app, "198.51.100.9")


def _session_addresses(app) -> list[str]:  # type: ignore[no-untyped-def]
    with session_scope(app.state.db, write=False) as session:
        return [s.client_address for s in session.exec(select(UserSession)).all()]


def test_forwarded_for_from_a_trusted_proxy_is_the_client_address(via_proxy, proxied_app):
    create_user(proxied_app, EMAIL)
    response = post_form(
        via_proxy,
        "/inloggen",
        {"email": EMAIL, "password": PASSWORD},
        headers={"X-Forwarded-For": "192.0.2.1, 203.0.113.7"},
    )
    assert response.status_code == 303
    assert _session_addresses(proxied_app) == ["203.0.113.7"]


def test_forwarded_for_from_anywhere_else_is_ignored(direct, proxied_app):
    create_user(proxied_app, EMAIL)
    response = post_form(
        direct,
        "/inloggen",
        {"email": EMAIL, "password": PASSWORD},
        headers={"X-Forwarded-For": "203.0.113.7"},
    )
    assert response.status_code == 303
    assert _session_addresses(proxied_app) == ["198.51.100.9"]


def test_address_throttle_counts_each_client_behind_the_proxy_apart(via_proxy, proxied_app):
    limit = proxied_app.state.settings.login_max_failures_address
    for number in range(limit):
        post_form(
            via_proxy,
            "/inloggen",
            {"email": f"iemand{number}@x.example", "password": "nee"},
            headers={"X-Forwarded-For": "203.0.113.7"},
        )
    create_user(proxied_app, EMAIL)
    form = {"email": EMAIL, "password": PASSWORD}
    blocked = post_form(via_proxy, "/inloggen", form, headers={"X-Forwarded-For": "203.0.113.7"})
    other = post_form(via_proxy, "/inloggen", form, headers={"X-Forwarded-For": "203.0.113.8"})
    assert (blocked.status_code, other.status_code) == (429, 303)


def test_a_spoofed_forwarded_for_does_not_escape_the_address_throttle(direct, proxied_app):
    limit = proxied_app.state.settings.login_max_failures_address
    for number in range(limit):
        post_form(
            direct,
            "/inloggen",
            {"email": f"iemand{number}@x.example", "password": "nee"},
            headers={"X-Forwarded-For": f"203.0.113.{number}"},
        )
    create_user(proxied_app, EMAIL)
    response = post_form(
        direct,
        "/inloggen",
        {"email": EMAIL, "password": PASSWORD},
        headers={"X-Forwarded-For": "203.0.113.200"},
    )
    assert response.status_code == 429
