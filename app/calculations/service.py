"""State changes of the calculations domain. Flush, never commit; tariffs are audited."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session

from app.audit.service import record
from app.calculations.compute import Computed
from app.calculations.models import Calculation, OrganisationTariff
from app.calculations.prices import euros_to_cents
from app.calculations.queries import tariff_row
from app.cohorts.context import WorkContext
from app.db import utcnow


def create_calculation(
    session: Session,
    *,
    context: WorkContext,
    title: str,
    computed: Computed,
    case_id: str | None = None,
    breakthrough_id: str | None = None,
) -> Calculation:
    """A new calculation of the author, kept in the context (organisation, cohort) of its making."""
    calculation = Calculation(
        owner_id=context.user_id,
        organisation_id=context.organisation_id,
        cohort_id=context.cohort_id,
        title=title,
        case_id=case_id,
        breakthrough_id=breakthrough_id,
    )
    _store(calculation, computed)
    session.add(calculation)
    session.flush()
    return calculation


def update_calculation(
    session: Session, calculation: Calculation, *, title: str, computed: Computed
) -> Calculation:
    calculation.title = title
    _store(calculation, computed)
    calculation.updated_at = utcnow()
    session.add(calculation)
    session.flush()
    return calculation


def _store(calculation: Calculation, computed: Computed) -> None:
    calculation.comparison = computed.mapping
    calculation.receipt = computed.receipt_data
    calculation.prices = computed.prices
    calculation.price_list_version = computed.version


def copy_calculation(session: Session, calculation: Calculation, title: str) -> Calculation:
    """A new calculation of the same owner and context with the same input and figures."""
    copy = Calculation(
        owner_id=calculation.owner_id,
        organisation_id=calculation.organisation_id,
        cohort_id=calculation.cohort_id,
        title=title,
        case_id=calculation.case_id,
        breakthrough_id=calculation.breakthrough_id,
        comparison=dict(calculation.comparison),
        receipt=dict(calculation.receipt),
        prices=dict(calculation.prices),
        price_list_version=calculation.price_list_version,
    )
    session.add(copy)
    session.flush()
    return copy


def delete_calculation(session: Session, calculation: Calculation) -> None:
    session.delete(calculation)
    session.flush()


def set_tariff(
    session: Session,
    *,
    organisation_id: int,
    unit_cost_id: str,
    amounts: tuple[Decimal, Decimal, Decimal],
    year: int,
    source: str,
    actor_id: int | None,
) -> OrganisationTariff:
    """Create or replace the organisation's tariff for one unit cost (amounts in euros)."""
    row = tariff_row(session, organisation_id, unit_cost_id) or OrganisationTariff(
        organisation_id=organisation_id,
        unit_cost_id=unit_cost_id,
        low_cents=0,
        central_cents=0,
        high_cents=0,
        year=year,
        source=source,
    )
    row.low_cents, row.central_cents, row.high_cents = (euros_to_cents(a) for a in amounts)
    row.year, row.source = year, source
    row.updated_at, row.updated_by_id = utcnow(), actor_id
    session.add(row)
    session.flush()
    record(
        session,
        action="tariff.set",
        actor_id=actor_id,
        organisation_id=organisation_id,
        unit_cost_id=unit_cost_id,
        amounts=[str(a) for a in amounts],
        year=year,
    )
    return row


def remove_tariff(
    session: Session, *, organisation_id: int, unit_cost_id: str, actor_id: int | None
) -> bool:
    row = tariff_row(session, organisation_id, unit_cost_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    record(
        session,
        action="tariff.removed",
        actor_id=actor_id,
        organisation_id=organisation_id,
        unit_cost_id=unit_cost_id,
    )
    return True
