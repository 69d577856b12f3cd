"""Video serving with Range and honest tracking of watched intervals through beacons."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from factories import create_org, create_user, csrf_for, html, login_as
from sqlmodel import select

from app.accounts.models import Role
from app.db import session_scope, utcnow
from app.progress.models import ModuleProgress, VideoProgress

VIDEO = "01-waarom-doorbreken"
BYTES = bytes(range(256)) * 40  # 10,240 bytes standing in for an MP4


@pytest.fixture
def rendered(settings):
    folder = settings.media_dir / VIDEO
    folder.mkdir(parents=True)
    (folder / "video.mp4").write_bytes(BYTES)
    (folder / "captions.nl.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n")
    (folder / "poster.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "manifest.json").write_text(json.dumps({"duration_seconds": 200.0}))
    return folder


@pytest.fixture
def trainee(client, web_app):
    org = create_org(web_app, "voorbeeld")
    user = create_user(web_app, "sanne@voorbeeld.example", org=org, role=Role.trainee)
    login_as(client, user)
    return user


def beacon(client, seq, segments, *, page="p1", rate=1.0, position=None, header=True):
    body = {
        "video": VIDEO,
        "page": page,
        "seq": seq,
        "segments": segments,
        "rate": rate,
        "position": position if position is not None else (segments[-1][1] if segments else 0),
    }
    if header:
        return client.post(
            "/api/progress/video", json=body, headers={"X-CSRF-Token": csrf_for(client)}
        )
    body["csrf_token"] = csrf_for(client)
    return client.post(
        "/api/progress/video",
        content=json.dumps(body),
        headers={"content-type": "text/plain;charset=UTF-8"},
    )


def _row(web_app) -> VideoProgress:
    with session_scope(web_app.state.db, write=False) as session:
        return session.exec(select(VideoProgress)).one()


def _age_last_beacon(web_app, seconds):
    with session_scope(web_app.state.db, write=True) as session:
        row = session.exec(select(VideoProgress)).one()
        row.last_beacon_at = utcnow() - timedelta(seconds=seconds)


# --- serving -------------------------------------------------------------------------------


def test_media_needs_login(client, rendered):
    response = client.get(f"/media/{VIDEO}/video.mp4", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/inloggen")


def test_full_file_with_content_type_etag_and_accept_ranges(client, trainee, rendered):
    response = client.get(f"/media/{VIDEO}/video.mp4")
    assert response.status_code == 200
    assert response.content == BYTES
    assert response.headers["content-type"] == "video/mp4"
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["etag"]
    assert (
        client.get(f"/media/{VIDEO}/captions.nl.vtt").headers["content-type"].startswith("text/vtt")
    )
    again = client.get(
        f"/media/{VIDEO}/video.mp4", headers={"If-None-Match": response.headers["etag"]}
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-99", 0, 99),  # single
        ("bytes=10000-", 10000, 10239),  # open-ended
        ("bytes=-40", 10200, 10239),  # suffix
        ("bytes=10200-99999", 10200, 10239),  # end beyond the file is clipped
    ],
)
def test_single_ranges_answer_206_with_the_right_bytes(
    client, trainee, rendered, header, first, last
):
    response = client.get(f"/media/{VIDEO}/video.mp4", headers={"Range": header})
    assert response.status_code == 206
    assert response.content == BYTES[first : last + 1]
    assert response.headers["content-range"] == f"bytes {first}-{last}/{len(BYTES)}"


@pytest.mark.parametrize(
    "header",
    [
        "bytes=20000-",
        "bytes=50-10",
        "bytes=abc",
        "items=0-1",
        "bytes=" + ",".join(f"{i}-{i}" for i in range(0, 90, 10)),
    ],
)
def test_invalid_beyond_end_or_too_many_ranges_answer_416(client, trainee, rendered, header):
    response = client.get(f"/media/{VIDEO}/video.mp4", headers={"Range": header})
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{len(BYTES)}"


def test_two_ranges_answer_multipart(client, trainee, rendered):
    response = client.get(f"/media/{VIDEO}/video.mp4", headers={"Range": "bytes=0-9,100-109"})
    assert response.status_code == 206
    assert response.headers["content-type"].startswith("multipart/byteranges")
    assert BYTES[100:110] in response.content


def test_path_traversal_is_impossible(client, trainee, rendered):
    for path in (
        "/media/..%2F..%2Fetc/passwd",
        f"/media/{VIDEO}/..%2Fmanifest.json",
        f"/media/{VIDEO}/manifest.json",
        "/media/.partial/video.mp4",
    ):
        assert client.get(path).status_code == 404, path


def test_accel_redirect_hands_the_file_to_the_static_server(client, trainee, rendered, web_app):
    web_app.state.settings.media_accel_prefix = "/protected-media/"
    response = client.get(f"/media/{VIDEO}/video.mp4")
    assert response.headers["x-accel-redirect"] == f"/protected-media/{VIDEO}/video.mp4"
    assert response.content == b""


# --- tracking ------------------------------------------------------------------------------


def test_module_page_shows_the_player_with_dutch_captions_on_by_default(client, trainee, rendered):
    page = html(client.get("/modules/1"))
    track = page.select_one("video track")
    assert track["srclang"] == "nl"
    assert track.has_attr("default")
    assert "Nog niet bekeken" in page.select_one("#video-status").get_text()


def test_beacons_build_the_union_and_the_page_names_the_missing_part(
    client, trainee, rendered, web_app
):
    assert beacon(client, 0, [[0, 25]]).status_code == 200
    _age_last_beacon(web_app, 60)
    body = beacon(client, 1, [[20, 60], [150, 170]]).json()
    assert body["percent"] == 40  # 0-60 and 150-170 of 200 s
    assert body["missing"] == "01:00–02:30, 02:50–03:20"
    status = html(client.get("/modules/1")).select_one("#video-status").get_text()
    assert "Bekeken 40%" in status
    assert "nog niet gezien: 01:00–02:30" in status


def test_repeated_or_out_of_order_beacons_change_nothing(client, trainee, rendered, web_app):
    beacon(client, 0, [[0, 20]])
    _age_last_beacon(web_app, 60)
    beacon(client, 2, [[40, 60]])
    before = _row(web_app)
    beacon(client, 2, [[40, 60]])
    beacon(client, 1, [[0, 20]], position=5)
    after = _row(web_app)
    assert after.played_segments == before.played_segments == [[0, 20], [40, 60]]
    assert after.position == before.position == 60


def test_implausible_growth_is_refused_and_nothing_is_stored(client, trainee, rendered, web_app):
    beacon(client, 0, [[0, 10]])
    response = beacon(client, 1, [[10, 190]], rate=2.0)  # 180 s within a second
    assert response.status_code == 422
    assert "niet mogelijk" in response.json()["detail"]
    assert _row(web_app).played_segments == [[0, 10]]


def test_send_beacon_with_token_in_the_body_is_accepted(client, trainee, rendered):
    assert beacon(client, 0, [[0, 10]], header=False).status_code == 200


def test_beacon_without_token_is_refused(client, trainee, rendered):
    response = client.post("/api/progress/video", json={"video": VIDEO, "seq": 0, "segments": []})
    assert response.status_code == 403


def test_bad_beacon_gets_a_json_422_not_a_500(client, trainee, rendered):
    token = {"X-CSRF-Token": csrf_for(client)}
    for body in (
        '{"video": "x\\ud800", "seq": 0}',
        '{"video": 5}',
        "niet json",
        '{"video": "01-waarom-doorbreken", "seq": -1}',
    ):
        response = client.post(
            "/api/progress/video",
            content=body,
            headers=token | {"content-type": "application/json"},
        )
        assert response.status_code == 422, body
    unknown = client.post(
        "/api/progress/video", json={"video": "99-bestaat-niet", "seq": 0}, headers=token
    )
    assert unknown.status_code == 404


def test_watching_past_the_threshold_completes_the_video_and_updates_module_progress(
    client, trainee, rendered, web_app
):
    for seq, start in enumerate(range(0, 200, 20)):
        if seq:
            _age_last_beacon(web_app, 60)
        beacon(client, seq, [[start, start + 20]])
    row = _row(web_app)
    assert row.progress == 1.0
    assert row.completed_at is not None
    with session_scope(web_app.state.db, write=False) as session:
        module = session.exec(select(ModuleProgress)).one()
    assert module.video_progress == 1.0
    assert module.status == "in_progress"  # the questions are still open
    assert all(not item.startswith("video") for item in module.missing)


def test_resume_position_is_offered_to_the_player(client, trainee, rendered):
    beacon(client, 0, [[0, 20]], position=20)
    player = html(client.get("/modules/1")).select_one(".player")
    assert player["data-resume"] == "20.0"


@pytest.mark.parametrize(
    "header",
    [
        "bytes=²-³".encode("latin-1"),  # digits to str.isdigit(), not to int()
        "bytes=٠-٩٩".encode(),  # Arabic-Indic digits, sent as UTF-8 bytes
        "bytes=١٠-".encode(),
        "bytes=1_0-2_0",  # int() accepts underscores; RFC 9110 does not
        "bytes=" + "9" * 4000 + "-",  # starts past the end
        "bytes=" + "1" * 5000 + "-",  # past Python's int() limit
        "bytes=0-" + "2" * 5000,
        "bytes=0-1," * 3 + "bytes",
    ],
)
def test_odd_digits_and_huge_numbers_in_range_answer_416_not_500(client, trainee, rendered, header):
    response = client.get(f"/media/{VIDEO}/video.mp4", headers={"Range": header})
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{len(BYTES)}"


@pytest.mark.parametrize("header", ["bytes=0-" + "9" * 4000, "bytes=-" + "9" * 4000])
def test_a_4000_digit_end_or_suffix_is_clipped_to_the_whole_file(client, trainee, rendered, header):
    response = client.get(f"/media/{VIDEO}/video.mp4", headers={"Range": header})
    assert response.status_code == 206
    assert response.content == BYTES
    assert response.headers["content-range"] == f"bytes 0-{len(BYTES) - 1}/{len(BYTES)}"


def test_head_on_a_video_gives_its_length_and_no_body(client, trainee, rendered):
    response = client.head(f"/media/{VIDEO}/video.mp4")
    assert response.status_code == 200
    assert response.headers["content-length"] == str(len(BYTES))
    assert response.content == b""


def test_unchanged_video_since_last_modified_answers_304(client, trainee, rendered):
    first = client.get(f"/media/{VIDEO}/poster.jpg")
    again = client.get(
        f"/media/{VIDEO}/poster.jpg",
        headers={"If-Modified-Since": first.headers["last-modified"]},
    )
    assert again.status_code == 304
    assert again.headers["etag"] == first.headers["etag"]
    assert again.content == b""
    older = client.get(
        f"/media/{VIDEO}/poster.jpg", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}
    )
    assert older.status_code == 200


def test_if_range_with_a_stale_etag_sends_the_whole_file(client, trainee, rendered):
    response = client.get(
        f"/media/{VIDEO}/video.mp4", headers={"Range": "bytes=0-9", "If-Range": '"verouderd"'}
    )
    assert response.status_code == 200
    assert response.content == BYTES


def test_media_may_be_cached_privately_for_an_hour(client, trainee, rendered):
    response = client.get(f"/media/{VIDEO}/video.mp4")
    assert response.headers["cache-control"] == "private, max-age=3600"
