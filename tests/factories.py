"""Plain functions that create test data; fixtures in conftest files compose them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from io import BytesIO

from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from pypdf import PdfReader
from sqlmodel import Session, select

from app.accounts import service as account_service
from app.accounts.models import Membership, Organisation, Role, User
from app.accounts.tokens import hash_token
from app.accounts.viewer import Viewer
from app.cohorts import queries as cohort_queries
from app.cohorts import service as cohort_service
from app.cohorts.context import WorkContext
from app.cohorts.models import Cohort
from app.db import session_scope
from app.web.csrf import make_token
from app.web.deps import session_cookie_name

PASSWORD = "correct horse battery"


def create_org(app: FastAPI, slug: str, name: str | None = None) -> Organisation:
    with session_scope(app.state.db, write=True) as session:
        return account_service.create_organisation(
            session, name=name or f"Gemeente {slug.title()}", slug=slug, actor_id=None
        )


def create_user(
    app: FastAPI,
    email: str,
    *,
    org: Organisation | None = None,
    role: Role | None = None,
    password: str = PASSWORD,
    platform_admin: bool = False,
) -> User:
    with session_scope(app.state.db, write=True) as session:
        user = account_service.create_user(
            session,
            app.state.settings,
            email=email,
            display_name=email.split("@")[0].title(),
            password=password,
            is_platform_admin=platform_admin,
        )
        if org is not None and role is not None:
            assert org.id is not None
            account_service.add_membership(
                session, user=user, organisation_id=org.id, role=role, actor_id=None
            )
        return user


def create_cohort(
    app: FastAPI,
    org: Organisation,
    name: str = "Doorbraaklab 2027",
    *,
    trainers: tuple[User, ...] = (),
    trainees: tuple[User, ...] = (),
) -> Cohort:
    assert org.id is not None
    with session_scope(app.state.db, write=True) as session:
        start = date(2027, 1, 11)
        cohort = cohort_service.create_cohort(
            session,
            organisation_id=org.id,
            name=name,
            starts_on=start,
            ends_on=start + timedelta(weeks=12),
            actor_id=None,
        )
        for trainer in trainers:
            cohort_service.assign_trainer(session, cohort=cohort, user=trainer, actor_id=None)
        for trainee in trainees:
            cohort_service.enrol(session, cohort=cohort, user=trainee, actor_id=None)
        return cohort


def work_context_for(
    session: Session, user: User, organisation_id: int | None = None
) -> WorkContext:
    """Where `user` makes work, as the app decides it when they act in `organisation_id`
    (default: the organisation of their newest trainee membership, else of any membership)."""
    assert user.id is not None
    if organisation_id is None:
        rows = session.exec(select(Membership).where(Membership.user_id == user.id)).all()
        newest = max(rows, key=lambda m: (m.role == Role.trainee, m.created_at, m.id), default=None)
        organisation_id = newest.organisation_id if newest else None
    viewer = Viewer(user.id, user.email, user.display_name, "", organisation_id=organisation_id)
    return cohort_queries.work_context(session, viewer, date.today())


def login_as(client: TestClient, user: User) -> str:
    """Start a server-side session for `user`, put its cookie in the client, return the token."""
    app: FastAPI = client.app  # type: ignore[assignment]
    with session_scope(app.state.db, write=True) as session:
        fresh = session.get(User, user.id)
        assert fresh is not None
        raw = account_service.start_session(
            session, user=fresh, client_address="testclient", user_agent="pytest"
        )
    client.cookies.set(session_cookie_name(app.state.settings), raw)
    return raw


def csrf_for(client: TestClient) -> str:
    """The CSRF token the app expects from this client (logged in or anonymous)."""
    app: FastAPI = client.app  # type: ignore[assignment]
    raw = client.cookies.get(session_cookie_name(app.state.settings))
    if raw:
        return make_token(app.state.settings.secret_key, f"s:{hash_token(raw)}")
    return token_from_page(client.get("/inloggen"))


def token_from_page(response: Response) -> str:
    body = BeautifulSoup(response.text, "html.parser").body
    assert body is not None
    value = body.get("data-csrf-token")
    assert isinstance(value, str)
    return value


def post_form(
    client: TestClient, url: str, data: dict[str, str] | None = None, **kwargs: object
) -> Response:
    payload = dict(data or {})
    payload.setdefault("csrf_token", csrf_for(client))
    return client.post(url, data=payload, follow_redirects=False, **kwargs)  # type: ignore[arg-type]


def html(response: Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def pdf_text(data: bytes) -> str:
    """The text on every page of a PDF, as pypdf extracts it (one page after the other)."""
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def last_mail_link(app: FastAPI, path_prefix: str) -> str:
    """The path of the newest link to `path_prefix` in the outbox."""
    from sqlmodel import col, select

    from app.mail.models import OutboxMessage

    with session_scope(app.state.db, write=False) as session:
        message = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id).desc())).first()
    assert message is not None
    match = re.search(rf"http://testserver({re.escape(path_prefix)}\S+)", message.body)
    assert match, message.body
    return match.group(1)


def when(**delta: float) -> datetime:
    from app.db import utcnow

    return utcnow() + timedelta(**delta)


@dataclass(frozen=True)
class World:
    """Gemeente Voorbeeld (admin, trainer, three trainees in one cohort) and Gemeente Anderstad
    (its own admin, trainer, trainee and cohort). Areas add what they need on top (see
    tests/dashboards/conftest.py) instead of building worlds of their own. The ``world`` fixture
    (tests/conftest.py) returns one."""

    org: Organisation
    admin: User
    trainer: User
    sanne: User
    daan: User
    noor: User
    cohort: Cohort  # trainer; sanne, daan and noor
    other_org: Organisation
    other_admin: User
    other_trainer: User
    other_trainee: User
    other_cohort: Cohort  # other_trainer; other_trainee


def make_world(web_app: FastAPI) -> World:
    org = create_org(web_app, "voorbeeld", "Gemeente Voorbeeld")
    admin = create_user(web_app, "beheerder@voorbeeld.example", org=org, role=Role.org_admin)
    trainer = create_user(web_app, "trainer@voorbeeld.example", org=org, role=Role.trainer)
    sanne = create_user(web_app, "sanne@voorbeeld.example", org=org, role=Role.trainee)
    daan = create_user(web_app, "daan@voorbeeld.example", org=org, role=Role.trainee)
    noor = create_user(web_app, "noor@voorbeeld.example", org=org, role=Role.trainee)
    cohort = create_cohort(web_app, org, trainers=(trainer,), trainees=(sanne, daan, noor))
    other = create_org(web_app, "anderstad", "Gemeente Anderstad")
    other_admin = create_user(
        web_app, "beheerder@anderstad.example", org=other, role=Role.org_admin
    )
    other_trainer = create_user(web_app, "trainer@anderstad.example", org=other, role=Role.trainer)
    other_trainee = create_user(web_app, "milan@anderstad.example", org=other, role=Role.trainee)
    other_cohort = create_cohort(
        web_app,
        other,
        "Inwerkgroep Anderstad",
        trainers=(other_trainer,),
        trainees=(other_trainee,),
    )
    return World(
        org=org,
        admin=admin,
        trainer=trainer,
        sanne=sanne,
        daan=daan,
        noor=noor,
        cohort=cohort,
        other_org=other,
        other_admin=other_admin,
        other_trainer=other_trainer,
        other_trainee=other_trainee,
        other_cohort=other_cohort,
    )
