"""POST /api/calculator/receipt: a comparison as JSON in, the whole receipt out; 422 with a Dutch
message and the field path for bad input, never a 500; login and the CSRF header required."""

from __future__ import annotations

import copy

import pytest
from calculations.calc_helpers import post_json

from app.content.pricing import comparison_mapping

URL = "/api/calculator/receipt"


@pytest.fixture
def c1_payload(web_app):
    return comparison_mapping(web_app.state.catalog_holder.get().case("c1"), 0)


def test_case_c1_insurer_pays_more_and_the_municipality_saves(trainee_client, c1_payload):
    response = post_json(trainee_client, URL, c1_payload)
    assert response.status_code == 200
    data = response.json()
    payers = {p["payer"]: p for p in data["payers"]}
    insurer, municipality = payers["zorgverzekeraar"], payers["gemeente"]
    # delta = status quo - breakthrough: negative means this payer invests (pays more).
    assert insurer["role"] == "invests"
    assert float(insurer["breakthrough"]["central"]) > float(insurer["status_quo"]["central"])
    assert float(insurer["delta"]["central"]) < 0
    assert municipality["role"] == "saves"
    assert float(municipality["delta"]["central"]) > 0
    assert data["investors"] == ["zorgverzekeraar"]
    assert data["savers"] == ["gemeente"]
    assert data["status_quo"]["total"]["central"] == "68536.05"
    assert data["warning_codes"] == ["unverified_figure", "past_horizon"]
    assert data["price_list_version"]


def test_org_tariffs_apply_to_the_api(client, make_client, world, c1_payload):
    from calculations.calc_helpers import as_user
    from factories import login_as, post_form

    login_as(client, world.users["admin_a"])
    post_form(
        client,
        "/beheer/org-a/tarieven",
        {"unit_cost_id": "k-jz-5", "central": "200", "source": "Contract (voorbeeld)"},
    )
    trainee = as_user(make_client, world.users["trainee_a"])
    data = post_json(trainee, URL, c1_payload).json()
    assert data["status_quo"]["total"]["central"] == "73000.00"
    assert "+t" in data["price_list_version"]


def _changed(payload, path, value):
    data = copy.deepcopy(payload)
    target = data
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    target[keys[-1]] = value
    return data


BAD = [
    ("breakthrough.lines.1.unit_cost", "k-bestaat-niet", "breakthrough.lines.1.unit_cost"),
    ("status_quo.lines.0.months", -2, "status_quo.lines.0.months"),
    ("breakthrough.lines.2.probability", 150, "breakthrough.lines.2.probability"),
    ("horizon_months", 18, "horizon_months"),
    ("discount_rate", "99", "discount_rate"),
    ("status_quo.lines.0.quantity", "NaN", "status_quo.lines.0.quantity"),
    ("status_quo.lines.0.colour", "rood", "status_quo.lines.0.colour"),
    ("breakthrough.lines.0.note", "bsn\u0000", "breakthrough.lines.0.note"),
]


@pytest.mark.parametrize(("path", "value", "field"), BAD)
def test_bad_input_answers_422_with_dutch_message_and_field(
    trainee_client, c1_payload, path, value, field
):
    response = post_json(trainee_client, URL, _changed(c1_payload, path, value))
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == field
    assert body["detail"]
    assert body["detail"].endswith(".")


def test_messages_are_dutch(trainee_client, c1_payload):
    body = post_json(
        trainee_client, URL, _changed(c1_payload, "breakthrough.lines.2.probability", 150)
    ).json()
    assert body["detail"] == "De kans ligt tussen 0 en 100 %."
    body = post_json(trainee_client, URL, _changed(c1_payload, "horizon_months", 7)).json()
    assert body["detail"] == "Kies een horizon van 12, 24, 36 of 60 maanden."


@pytest.mark.parametrize(
    "raw",
    [
        b'{"status_quo": {"title": "\\ud800", "lines": []}, "breakthrough": {"lines": []}}',
        b'{"\\udfff": 1}',
        b"\xff\xfe not utf-8",
        b"{not json",
        b"[1, 2, 3]",
        b'"tekst"',
        b"",
        b"[" * 5000 + b"]" * 5000,
        b'{"status_quo": {"lines": [{"months": 1' + b"0" * 5000 + b"}]}}",
    ],
    ids=[
        "lone-surrogate",
        "surrogate-key",
        "bad-utf8",
        "bad-json",
        "list",
        "string",
        "empty",
        "deep",
        "huge-int",
    ],
)
def test_odd_bodies_never_give_500(trainee_client, raw):
    response = post_json(trainee_client, URL, None, raw=raw)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], str)
    assert "field" in response.json()


def test_lone_surrogate_reports_its_field(trainee_client):
    raw = b'{"status_quo": {"title": "\\ud800", "lines": []}, "breakthrough": {"lines": []}}'
    body = post_json(trainee_client, URL, None, raw=raw).json()
    assert body["field"] == "status_quo.title"


def test_api_needs_login_and_the_csrf_header(client, trainee_client, c1_payload, make_client):
    anonymous = make_client()
    assert anonymous.post(URL, json=c1_payload).status_code == 403  # no CSRF token
    from factories import csrf_for

    token = csrf_for(anonymous)
    response = anonymous.post(URL, json=c1_payload, headers={"X-CSRF-Token": token})
    assert response.status_code == 401
    assert post_json(trainee_client, URL, c1_payload, token=False).status_code == 403


def test_openapi_documents_the_request_model_with_an_example(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"][URL]["post"]
    body = operation["requestBody"]["content"]["application/json"]
    assert body["example"]["breakthrough"]["lines"][1]["unit_cost"] == "k-ggz-2"
    properties = body["schema"]["properties"]
    assert {"status_quo", "breakthrough", "horizon_months", "discount_rate"} <= set(properties)
    line = properties["status_quo"]["properties"]["lines"]["items"]
    assert "probability" in line["properties"]
    assert "$ref" not in str(body["schema"])
    assert "422" in operation["responses"]
    receipt = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert {"payers", "difference", "warnings", "savers"} <= set(receipt["properties"])
