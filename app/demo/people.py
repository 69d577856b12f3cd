"""Demo data: two municipalities with an org admin, a trainer, a cohort and 12 trainees each.
Eleven were enrolled a week before the cohort started; the twelfth joined three days ago, after
the first session, and so has a personal catch-up plan (inhaalschema).

Running it twice changes nothing: existing accounts and rows are left as they are."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from app.accounts import queries as account_queries
from app.accounts import service as account_service
from app.accounts.models import Organisation, Role, User
from app.cohorts import queries as cohort_queries
from app.cohorts import service as cohort_service
from app.cohorts.models import Cohort
from app.cohorts.queries import meetings_of
from app.dates import LOCAL
from app.settings import Settings

FIRST_NAMES = [
    "Sanne",
    "Daan",
    "Noor",
    "Milan",
    "Fleur",
    "Bram",
    "Yara",
    "Ruben",
    "Lotte",
    "Sem",
    "Ilse",
    "Joris",
]
TEAMS = ["Wijkteam Noord", "Wijkteam Zuid"]
LATE_JOINER = len(FIRST_NAMES)  # deelnemer12 joined after the first session


@dataclass(frozen=True)
class DemoOrg:
    slug: str
    name: str
    domain: str
    cohort: str


DEMO_ORGS = [
    DemoOrg("voorbeeld", "Gemeente Voorbeeld", "voorbeeld.example", "Doorbraaklab 2027"),
    DemoOrg("anderstad", "Gemeente Anderstad", "anderstad.example", "Inwerkgroep najaar 2026"),
]


@dataclass
class DemoAccount:
    email: str
    role: str
    organisation: str
    password: str | None  # None when the account existed already


def _ensure_user(
    session: Session,
    settings: Settings,
    email: str,
    name: str,
    password: str | None,
    created: list[DemoAccount],
    role: str,
    org: str,
    *,
    platform_admin: bool = False,
) -> User:
    user = account_queries.user_by_email(session, email)
    if user is not None:
        return user
    chosen = password or secrets.token_urlsafe(9)
    user = account_service.create_user(
        session,
        settings,
        email=email,
        display_name=name,
        password=chosen,
        is_platform_admin=platform_admin,
    )
    created.append(DemoAccount(email, role, org, chosen))
    return user


def _ensure_org(session: Session, spec: DemoOrg) -> Organisation:
    org = account_queries.organisation_by_slug(session, spec.slug)
    if org is None:
        org = account_service.create_organisation(
            session, name=spec.name, slug=spec.slug, actor_id=None
        )
    return org


def _ensure_cohort(session: Session, org: Organisation, name: str, today: date) -> Cohort:
    assert org.id is not None
    cohort = session.exec(
        select(Cohort).where(Cohort.organisation_id == org.id, Cohort.name == name)
    ).first()
    if cohort is not None:
        return cohort
    start = today - timedelta(days=21)
    cohort = cohort_service.create_cohort(
        session,
        organisation_id=org.id,
        name=name,
        starts_on=start,
        ends_on=start + timedelta(weeks=12),
        actor_id=None,
    )
    if not meetings_of(session, cohort):
        for week, title in [
            (0, "Startbijeenkomst"),
            (4, "Intervisie recht als instrument"),
            (8, "Intervisie kassabon"),
            (12, "Slotbijeenkomst"),
        ]:
            day = start + timedelta(weeks=week)
            cohort_service.add_meeting(
                session,
                cohort=cohort,
                title=title,
                location="Stadskantoor",
                starts_at=datetime.combine(day, time(9, 30), tzinfo=LOCAL),
                actor_id=None,
            )
    return cohort


def create_demo(
    session: Session, settings: Settings, *, password: str | None, today: date | None = None
) -> list[DemoAccount]:
    today = today or date.today()
    created: list[DemoAccount] = []
    _ensure_user(
        session,
        settings,
        "admin@doorbraakschool.example",
        "Platformbeheerder",
        password,
        created,
        "platformbeheerder",
        "—",
        platform_admin=True,
    )
    for spec in DEMO_ORGS:
        _populate_org(session, settings, spec, password, created, today)
    return created


def _populate_org(
    session: Session,
    settings: Settings,
    spec: DemoOrg,
    password: str | None,
    created: list[DemoAccount],
    today: date,
) -> None:
    org = _ensure_org(session, spec)
    assert org.id is not None
    teams = [
        account_service.create_team(session, organisation_id=org.id, name=name, actor_id=None)
        for name in TEAMS
    ]
    admin = _ensure_user(
        session,
        settings,
        f"beheerder@{spec.domain}",
        f"Beheerder {spec.name}",
        password,
        created,
        "org_admin",
        spec.name,
    )
    account_service.add_membership(
        session, user=admin, organisation_id=org.id, role=Role.org_admin, actor_id=None
    )
    trainer = _ensure_user(
        session,
        settings,
        f"trainer@{spec.domain}",
        f"Trainer {spec.name}",
        password,
        created,
        "trainer",
        spec.name,
    )
    account_service.add_membership(
        session, user=trainer, organisation_id=org.id, role=Role.trainer, actor_id=None
    )
    cohort = _ensure_cohort(session, org, spec.cohort, today)
    cohort_service.assign_trainer(session, cohort=cohort, user=trainer, actor_id=None)
    for number, first in enumerate(FIRST_NAMES, start=1):
        email = f"deelnemer{number:02d}@{spec.domain}"
        trainee = _ensure_user(
            session,
            settings,
            email,
            f"{first} (demo {number:02d})",
            password,
            created,
            "trainee",
            spec.name,
        )
        team = teams[number % len(teams)]
        account_service.add_membership(
            session,
            user=trainee,
            organisation_id=org.id,
            role=Role.trainee,
            team_id=team.id,
            actor_id=None,
        )
        late = number == LATE_JOINER
        _enrol_on(session, cohort, trainee, today - timedelta(days=3) if late else None)


def _enrol_on(session: Session, cohort: Cohort, trainee: User, day: date | None) -> None:
    """Enrol once, dated `day` (None: a week before the cohort starts)."""
    assert cohort.id is not None
    assert trainee.id is not None
    if cohort_queries.enrollment(session, cohort.id, trainee.id) is not None:
        return
    row = cohort_service.enrol(session, cohort=cohort, user=trainee, actor_id=None)
    when = day or cohort.starts_on - timedelta(days=7)
    row.enrolled_at = datetime.combine(when, time(10, 0), tzinfo=LOCAL)
    session.add(row)
