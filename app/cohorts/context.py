"""Work belongs to a context: the organisation and the cohort a piece of work was made in, and
who on the staff side may read work made in which context.

Every table of trainee work (attempts, doorbraakplannen, saved calculations) carries
``organisation_id`` and ``cohort_id``. The author reads their own work of the organisation they
act in; a trainer reads work made in the cohorts they train; an org admin reads the work made in
the organisations they manage. Nobody reads work through who the author is today."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import false, or_, true
from sqlalchemy.sql.elements import ColumnElement


@dataclass(frozen=True)
class WorkContext:
    """Where new work of this author is made: the organisation they act in (None for accounts
    without any organisation) and their current cohort there (None when not enrolled)."""

    user_id: int
    organisation_id: int | None
    cohort_id: int | None


@dataclass(frozen=True)
class StaffScope:
    """The contexts whose work a staff member may read."""

    everything: bool = False
    organisation_ids: frozenset[int] = frozenset()
    cohort_ids: frozenset[int] = frozenset()

    def allows(self, organisation_id: int | None, cohort_id: int | None) -> bool:
        return (
            self.everything
            or organisation_id in self.organisation_ids
            or (cohort_id is not None and cohort_id in self.cohort_ids)
        )

    def clause(self, organisation_column: Any, cohort_column: Any) -> ColumnElement[bool]:
        """The same rule as a SQL condition on a work table's two context columns."""
        if self.everything:
            return true()
        parts: list[ColumnElement[bool]] = []
        if self.organisation_ids:
            parts.append(organisation_column.in_(sorted(self.organisation_ids)))
        if self.cohort_ids:
            parts.append(cohort_column.in_(sorted(self.cohort_ids)))
        return or_(*parts) if parts else false()

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.organisation_ids or self.cohort_ids)


def scope_of(
    *, everything: bool, organisation_ids: Iterable[int], cohort_ids: Iterable[int]
) -> StaffScope:
    return StaffScope(everything, frozenset(organisation_ids), frozenset(cohort_ids))
