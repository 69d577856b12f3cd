"""A bounded schemathesis run over the app's own OpenAPI schema, in-process and logged in as a
trainee (session cookie and CSRF header): whatever it sends, no operation answers 5xx.

The schema is read once from an app built at collection time (no database needed for that);
each operation then runs against the test's own `web_app`. (schemathesis's fixture-based lazy
loader does not work with pytest 9, so the schema is loaded eagerly.)"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from factories import create_cohort, create_org, create_user, csrf_for, login_as
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from app.accounts.models import Role
from app.main import create_app
from app.settings import Settings
from app.web.deps import session_cookie_name

EXAMPLES_PER_OPERATION = 3  # bounded: about 300 requests in all, under a minute


def _openapi() -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="dbs-openapi-"))
    app = create_app(
        Settings(
            environment="test",
            data_dir=folder,
            database_url=f"sqlite:///{folder / 'schema.db'}",
            secret_key="x" * 40,
            content_reload=False,
            content_check_names=False,
        )
    )
    app.state.db.dispose()
    return app.openapi()


schema = schemathesis.openapi.from_dict(_openapi())


@pytest.fixture
def trainee_credentials(web_app) -> dict[str, dict[str, str]]:
    org = create_org(web_app, "voorbeeld")
    trainee = create_user(web_app, "sanne@voorbeeld.example", org=org, role=Role.trainee)
    create_cohort(web_app, org, trainees=(trainee,))
    with TestClient(web_app) as client:
        raw = login_as(client, trainee)
        token = csrf_for(client)
    return {
        "cookies": {session_cookie_name(web_app.state.settings): raw},
        "headers": {"X-CSRF-Token": token},
    }


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_5xx_to_a_logged_in_trainee(case, web_app, trainee_credentials):
    response = case.call(app=web_app, **trainee_credentials)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"
