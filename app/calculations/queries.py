"""Every read of the calculations domain, starting from what the viewer may see.

A calculation is private: its owner edits it; a trainer of a cohort in which the owner is
enrolled, or an admin of an organisation the owner belongs to, may open it read-only. Anyone
else gets NotFound (404).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.accounts.models import Membership, Role, User
from app.accounts.viewer import Viewer
from app.calculations.models import Calculation, OrganisationTariff
from app.calculations.prices import Tariff, cents_to_euros
from app.cohorts.models import Cohort, CohortTrainer, Enrollment
from app.errors import NotFound

HIDDEN = "Deze berekening bestaat niet of je hebt er geen toegang toe."


def own_calculations(session: Session, viewer: Viewer) -> list[Calculation]:
    return list(
        session.exec(
            select(Calculation)
            .where(Calculation.owner_id == viewer.user_id)
            .order_by(col(Calculation.updated_at).desc(), col(Calculation.id).desc())
        ).all()
    )


@dataclass(frozen=True)
class Access:
    """A calculation the viewer may open, and whether the viewer may change it."""

    calculation: Calculation
    can_edit: bool


def calculation_for(session: Session, viewer: Viewer, calculation_id: int) -> Access:
    """The calculation if the viewer owns it or may read it; otherwise NotFound."""
    calculation = session.get(Calculation, calculation_id)
    if calculation is None:
        raise NotFound(HIDDEN)
    if calculation.owner_id == viewer.user_id:
        return Access(calculation, can_edit=True)
    if calculation.owner_id in readable_owner_ids(session, viewer):
        return Access(calculation, can_edit=False)
    raise NotFound(HIDDEN)


def own_calculation(session: Session, viewer: Viewer, calculation_id: int) -> Calculation:
    calculation = session.get(Calculation, calculation_id)
    if calculation is None or calculation.owner_id != viewer.user_id:
        raise NotFound(HIDDEN)
    return calculation


def readable_owner_ids(session: Session, viewer: Viewer) -> set[int]:
    """Users whose calculations the viewer may read: trainees of cohorts the viewer trains
    (with the trainer role in that organisation) and members of organisations it manages."""
    trained = session.exec(
        select(Enrollment.user_id, Cohort.organisation_id)
        .join(Cohort, col(Cohort.id) == Enrollment.cohort_id)
        .join(CohortTrainer, col(CohortTrainer.cohort_id) == Cohort.id)
        .where(CohortTrainer.user_id == viewer.user_id)
    ).all()
    owners = {user_id for user_id, org_id in trained if viewer.has_role(org_id, Role.trainer)}
    managed = [org for org, _ in viewer.roles if viewer.can_manage(org)]
    query = select(Membership.user_id)
    if not viewer.is_platform_admin:
        query = query.where(col(Membership.organisation_id).in_(managed))
    owners.update(session.exec(query).all())
    owners.discard(viewer.user_id)
    return owners


@dataclass(frozen=True)
class SharedRow:
    calculation: Calculation
    owner: User


def readable_calculations(session: Session, viewer: Viewer) -> list[SharedRow]:
    """Other people's calculations the viewer may open read-only, newest first."""
    owners = readable_owner_ids(session, viewer)
    if not owners:
        return []
    rows = session.exec(
        select(Calculation, User)
        .join(User, col(User.id) == Calculation.owner_id)
        .where(col(Calculation.owner_id).in_(owners))
        .order_by(col(Calculation.updated_at).desc(), col(Calculation.id).desc())
        .limit(200)
    ).all()
    return [SharedRow(calculation, user) for calculation, user in rows]


def home_organisation_id(viewer: Viewer) -> int | None:
    """The organisation whose tariffs apply to the viewer's calculations: the first one in
    which the viewer is a trainee, else the first membership at all."""
    trainee = sorted(viewer.organisation_ids(Role.trainee))
    if trainee:
        return trainee[0]
    every = sorted(viewer.organisation_ids())
    return every[0] if every else None


def tariff_rows(session: Session, organisation_id: int) -> list[OrganisationTariff]:
    return list(
        session.exec(
            select(OrganisationTariff)
            .where(OrganisationTariff.organisation_id == organisation_id)
            .order_by(col(OrganisationTariff.unit_cost_id))
        ).all()
    )


def tariff_row(
    session: Session, organisation_id: int, unit_cost_id: str
) -> OrganisationTariff | None:
    return session.exec(
        select(OrganisationTariff).where(
            OrganisationTariff.organisation_id == organisation_id,
            OrganisationTariff.unit_cost_id == unit_cost_id,
        )
    ).first()


def tariffs(session: Session, organisation_id: int | None) -> list[Tariff]:
    """The organisation's tariffs as calculator-ready values (none without an organisation)."""
    if organisation_id is None:
        return []
    return [as_tariff(row) for row in tariff_rows(session, organisation_id)]


def as_tariff(row: OrganisationTariff) -> Tariff:
    return Tariff(
        unit_cost_id=row.unit_cost_id,
        low=cents_to_euros(row.low_cents),
        central=cents_to_euros(row.central_cents),
        high=cents_to_euros(row.high_cents),
        year=row.year,
        source=row.source,
    )
