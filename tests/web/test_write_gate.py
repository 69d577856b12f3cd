"""Many simultaneous writes on SQLite queue at the write gate instead of failing, and database
errors become a clear Dutch 503."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from factories import create_org, create_user, csrf_for, login_as, post_form
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from app.accounts import service as account_service
from app.accounts.models import Role
from app.db import session_scope
from app.progress.models import VideoProgress

VIDEO = "01-waarom-doorbreken"


def test_a_burst_of_beacons_from_many_trainees_all_succeed(client, web_app, settings):
    folder = settings.media_dir / VIDEO
    folder.mkdir(parents=True)
    (folder / "video.mp4").write_bytes(b"0" * 100)
    (folder / "manifest.json").write_text(json.dumps({"duration_seconds": 200.0}))
    org = create_org(web_app, "voorbeeld")
    sessions = []
    for number in range(30):
        user = create_user(web_app, f"d{number}@voorbeeld.example", org=org, role=Role.trainee)
        raw = login_as(client, user)
        sessions.append((raw, csrf_for(client)))
        client.cookies.clear()

    async def burst() -> list[int]:
        transport = httpx.ASGITransport(app=web_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:

            async def one(raw: str, token: str) -> int:
                response = await http.post(
                    "/api/progress/video",
                    json={"video": VIDEO, "page": "p", "seq": 0, "segments": [[0, 5]]},
                    headers={"X-CSRF-Token": token, "Cookie": f"dbs_session={raw}"},
                )
                return response.status_code

            return await asyncio.gather(*(one(raw, token) for raw, token in sessions))

    statuses = asyncio.run(burst())
    assert statuses == [200] * 30
    with session_scope(web_app.state.db, write=False) as session:
        assert len(session.exec(select(VideoProgress)).all()) == 30


def test_a_write_holds_the_gate_for_its_unit_of_work_but_not_while_rendering(
    client, web_app, monkeypatch, settings
):
    if not settings.is_sqlite:
        pytest.skip("SQLite only: PostgreSQL takes its writes without the per-worker write gate")
    from app.exercises import service as exercise_service
    from app.web import templating

    org = create_org(web_app, "voorbeeld")
    login_as(client, create_user(web_app, "s@voorbeeld.example", org=org, role=Role.trainee))
    gate = web_app.state.write_gate
    seen: dict[str, bool] = {}
    answer = exercise_service.answer_question

    def recording(*args, **kwargs):
        seen["while storing"] = gate.held
        return answer(*args, **kwargs)

    original_send = templating.RenderedOnSend.__call__

    async def rendering(self, scope, receive, send):
        seen["while rendering"] = gate.held
        await original_send(self, scope, receive, send)

    monkeypatch.setattr(exercise_service, "answer_question", recording)
    monkeypatch.setattr(templating.RenderedOnSend, "__call__", rendering)
    question = web_app.state.catalog_holder.get().module(1).exercises[0]
    response = post_form(
        client, f"/modules/1/vragen/{question.id}", {"answer": "0"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert seen == {"while storing": True, "while rendering": False}
    assert not gate.held


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("database or disk is full", "opslag van de Doorbraakschool is vol"),
        ("database is locked", "erg druk"),
    ],
)
def test_database_errors_become_a_dutch_503_with_retry_after(
    client, web_app, monkeypatch, reason, expected
):
    def failing(*args, **kwargs):
        raise OperationalError("INSERT ...", {}, Exception(reason))

    monkeypatch.setattr(account_service, "login", failing)
    response = post_form(client, "/inloggen", {"email": "a@b.example", "password": "x"})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert expected in response.text
