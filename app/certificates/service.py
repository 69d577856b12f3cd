"""Which certificates a trainee has earned, and issuing one (with an audit event)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.accounts.models import Organisation, User
from app.audit.service import record
from app.certificates import queries
from app.certificates.models import Certificate
from app.certificates.queries import CODE_ALPHABET
from app.cohorts.models import Cohort, Enrollment
from app.content import Catalog
from app.dates import LOCAL
from app.db import utcnow
from app.errors import NotAllowed, NotFound
from app.organisations import queries as org_queries
from app.organisations.models import OnboardingPath, OnboardingStart

CODE_LENGTH = 20  # 20 symbols of 5 bits: 100 random bits
FULL_COURSE = "De Doorbraakmethode: volledige opleiding"


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


@dataclass(frozen=True)
class Eligibility:
    """One cohort of a trainee: what it requires, what is done, and the certificate if issued."""

    cohort: Cohort
    title: str
    required: tuple[int, ...]
    done: frozenset[int]
    certificate: Certificate | None

    @property
    def missing(self) -> tuple[int, ...]:
        return tuple(n for n in self.required if n not in self.done)

    @property
    def complete(self) -> bool:
        return not self.missing


def _title(session: Session, cohort_id: int) -> str:
    row = session.exec(
        select(OnboardingPath.name)
        .join(OnboardingStart, col(OnboardingStart.path_id) == OnboardingPath.id)
        .where(OnboardingStart.cohort_id == cohort_id)
    ).first()
    return f"Inwerkpad {row}" if row else FULL_COURSE


def eligibility(session: Session, catalog: Catalog, user_id: int) -> list[Eligibility]:
    """Every cohort this user is enrolled in, newest first."""
    cohorts = list(
        session.exec(
            select(Cohort)
            .join(Enrollment, col(Enrollment.cohort_id) == Cohort.id)
            .where(Enrollment.user_id == user_id)
            .order_by(col(Cohort.starts_on).desc(), col(Cohort.id).desc())
        ).all()
    )
    ids = [c.id for c in cohorts if c.id is not None]
    all_modules = tuple(m.number for m in catalog.modules)
    required = org_queries.required_modules(session, ids, all_modules)
    done = frozenset(org_queries.completed_modules(session, [user_id]).get(user_id, set()))
    result = []
    for cohort in cohorts:
        assert cohort.id is not None
        result.append(
            Eligibility(
                cohort=cohort,
                title=_title(session, cohort.id),
                required=required[cohort.id],
                done=done,
                certificate=queries.certificate_for_user_and_cohort(session, user_id, cohort.id),
            )
        )
    return result


def issue(session: Session, catalog: Catalog, *, user_id: int, cohort_id: int) -> Certificate:
    """Issue the certificate for this cohort when every required module is complete. Issuing
    again returns the certificate that exists."""
    found = next(
        (e for e in eligibility(session, catalog, user_id) if e.cohort.id == cohort_id), None
    )
    if found is None:
        raise NotFound("Je staat niet ingeschreven in deze groep.")
    if found.certificate is not None:
        return found.certificate
    if not found.complete:
        raise NotAllowed(
            "Je hebt nog niet alle verplichte modules afgerond. Nog te doen: modules "
            + ", ".join(map(str, found.missing))
            + "."
        )
    user = session.get(User, user_id)
    org = session.get(Organisation, found.cohort.organisation_id)
    assert user is not None
    assert org is not None
    certificate = Certificate(
        code=new_code(),
        user_id=user_id,
        cohort_id=cohort_id,
        organisation_id=org.id,
        holder_name=user.display_name,
        organisation_name=org.name,
        title=found.title,
        modules=[f"{n}. {catalog.module(n).title}" for n in found.required],
        issued_on=utcnow().astimezone(LOCAL).date(),
    )
    session.add(certificate)
    session.flush()
    record(
        session,
        action="certificate.issue",
        actor_id=user_id,
        organisation_id=org.id,
        cohort_id=cohort_id,
        certificate_id=certificate.id,
    )
    return certificate
