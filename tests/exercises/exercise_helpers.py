"""Helpers for the exercise tests (import as ``exercises.exercise_helpers``)."""

from __future__ import annotations

from factories import work_context_for

from app.calculations.compute import compute
from app.calculations.service import create_calculation
from app.content.pricing import comparison_mapping
from app.db import session_scope


def make_calculation(web_app, user, case_id: str, *, mapping=None, title="Mijn kassabon") -> int:
    """A saved calculation of `user`: the case's status quo against its first breakthrough,
    unless another comparison mapping is given."""
    catalog = web_app.state.catalog_holder.get()
    case = catalog.case(case_id)
    with session_scope(web_app.state.db, write=True) as session:
        calculation = create_calculation(
            session,
            context=work_context_for(session, user),
            title=title,
            computed=compute(mapping or comparison_mapping(case, 0), catalog.price_list),
            case_id=case_id,
        )
        return calculation.id
