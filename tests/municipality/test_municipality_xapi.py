"""xAPI export per cohort: JSON lines with the Video Profile verbs and extensions, attempts as
`answered`, actors by mbox_sha1sum (never the plain e-mail)."""

from __future__ import annotations

import hashlib
import json

from factories import create_user, login_as
from municipality.municipality_helpers import SECRET, add_attempt, add_video

from app.accounts.models import Role

PLAYED = "https://w3id.org/xapi/video/verbs/played"
PAUSED = "https://w3id.org/xapi/video/verbs/paused"
SEEKED = "https://w3id.org/xapi/video/verbs/seeked"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
EXT = "https://w3id.org/xapi/video/extensions"


def _statements(response) -> list[dict]:
    return [json.loads(line) for line in response.text.splitlines() if line.strip()]


def test_export_is_json_lines_with_video_profile_and_answered_statements(client, web_app, world):
    add_video(web_app, world.sanne)
    add_attempt(web_app, world.sanne)
    add_attempt(web_app, world.other_trainee)  # another organisation: not in this export
    login_as(client, world.trainer)
    response = client.get(f"/groepen/{world.cohort.id}/xapi.jsonl")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    statements = _statements(response)
    verbs = [s["verb"]["id"] for s in statements]
    assert verbs == [PLAYED, PAUSED, SEEKED, COMPLETED, ANSWERED, ANSWERED]
    played = statements[0]
    assert played["object"]["definition"]["type"] == (
        "https://w3id.org/xapi/video/activity-type/video"
    )
    extensions = played["result"]["extensions"]
    assert extensions[f"{EXT}/played-segments"] == "0[.]120.5[,]130[.]200"
    assert extensions[f"{EXT}/progress"] == 0.929
    assert extensions[f"{EXT}/completion-threshold"] == 0.9
    assert played["context"]["contextActivities"]["category"][0]["id"] == (
        "https://w3id.org/xapi/video"
    )
    assert played["context"]["contextActivities"]["parent"][0]["id"].endswith("/modules/1")
    assert statements[3]["result"]["completion"] is True
    answered = statements[4]
    assert answered["result"] == {
        "score": {"scaled": 1.0, "min": 0, "max": 1, "raw": 1.0},
        "success": True,
        "completion": True,
    }
    assert statements[5]["object"]["definition"]["name"]["nl-NL"] == (
        "Oefening knelpunt (casus C1)"
    )
    sha = hashlib.sha1(b"mailto:sanne@voorbeeld.example").hexdigest()
    assert {s["actor"]["mbox_sha1sum"] for s in statements} == {sha}
    assert {s["actor"]["name"] for s in statements} == {"Sanne"}
    assert "@voorbeeld.example" not in response.text
    assert '"mbox"' not in response.text
    assert SECRET not in response.text
    assert len({s["id"] for s in statements}) == len(statements)
    again = _statements(client.get(f"/groepen/{world.cohort.id}/xapi.jsonl"))
    assert [s["id"] for s in again] == [s["id"] for s in statements]  # stable ids


def test_org_admin_exports_and_outsiders_get_404(client, web_app, world):
    login_as(client, world.admin)
    assert client.get(f"/groepen/{world.cohort.id}/xapi.jsonl").status_code == 200
    login_as(client, world.other_admin)
    assert client.get(f"/groepen/{world.cohort.id}/xapi.jsonl").status_code == 404
    login_as(client, world.sanne)
    assert client.get(f"/groepen/{world.cohort.id}/xapi.jsonl").status_code == 404
    other_trainer = create_user(
        web_app, "trainer2@voorbeeld.example", org=world.org, role=Role.trainer
    )
    login_as(client, other_trainer)  # a trainer of the organisation, not of this cohort
    assert client.get(f"/groepen/{world.cohort.id}/xapi.jsonl").status_code == 404
