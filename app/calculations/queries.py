"""Every read of the calculations domain, starting from what the viewer may see.

A calculation is private and belongs to the context it was made in (app/cohorts/context.py):
its owner edits it while acting in the organisation it was made for; a trainer of the cohort it
was made in, or an admin of that organisation, may open it read-only. Anyone else gets NotFound
(404), also the staff of an organisation the owner joined later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from app.accounts.models import User
from app.accounts.viewer import Viewer
from app.calculations.models import Calculation, OrganisationTariff
from app.calculations.prices import Tariff, cents_to_euros
from app.cohorts import queries as cohort_queries
from app.errors import NotFound

HIDDEN = "Deze berekening bestaat niet of je hebt er geen toegang toe."


def _in_acting_organisation(viewer: Viewer) -> Any:
    if viewer.organisation_id is None:
        return col(Calculation.organisation_id).is_(None)
    return col(Calculation.organisation_id) == viewer.organisation_id


def _is_own(viewer: Viewer, calculation: Calculation) -> bool:
    return (
        calculation.owner_id == viewer.user_id
        and calculation.organisation_id == viewer.organisation_id
    )


def own_calculations(session: Session, viewer: Viewer) -> list[Calculation]:
    """The viewer's calculations made in the organisation they act in."""
    return list(
        session.exec(
            select(Calculation)
            .where(Calculation.owner_id == viewer.user_id, _in_acting_organisation(viewer))
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
    if _is_own(viewer, calculation):
        return Access(calculation, can_edit=True)
    scope = cohort_queries.staff_scope(session, viewer)
    if calculation.owner_id != viewer.user_id and scope.allows(
        calculation.organisation_id, calculation.cohort_id
    ):
        return Access(calculation, can_edit=False)
    raise NotFound(HIDDEN)


def own_calculation(session: Session, viewer: Viewer, calculation_id: int) -> Calculation:
    calculation = session.get(Calculation, calculation_id)
    if calculation is None or not _is_own(viewer, calculation):
        raise NotFound(HIDDEN)
    return calculation


@dataclass(frozen=True)
class SharedRow:
    calculation: Calculation
    owner: User


def readable_calculations(session: Session, viewer: Viewer) -> list[SharedRow]:
    """Other people's calculations the viewer may open read-only, newest first: those made in
    the cohorts the viewer trains and in the organisations the viewer manages."""
    scope = cohort_queries.staff_scope(session, viewer)
    if scope.is_empty:
        return []
    rows = session.exec(
        select(Calculation, User)
        .join(User, col(User.id) == Calculation.owner_id)
        .where(
            scope.clause(col(Calculation.organisation_id), col(Calculation.cohort_id)),
            Calculation.owner_id != viewer.user_id,
        )
        .order_by(col(Calculation.updated_at).desc(), col(Calculation.id).desc())
        .limit(200)
    ).all()
    return [SharedRow(calculation, user) for calculation, user in rows]


def home_organisation_id(viewer: Viewer) -> int | None:
    """The organisation whose tariffs apply to the viewer's calculations: the one they act in."""
    return viewer.organisation_id


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
