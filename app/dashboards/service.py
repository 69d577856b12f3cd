"""State changes of the dashboards domain: the modules due before a session."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import Session, col, delete

from app.audit.service import record
from app.cohorts.models import Cohort, CohortMeeting
from app.dashboards.models import MeetingModule
from app.errors import InvalidInput


def set_meeting_modules(
    session: Session,
    *,
    cohort: Cohort,
    meeting: CohortMeeting,
    modules: Collection[int],
    known: Collection[int],
    actor_id: int | None,
) -> set[int]:
    """Replace the modules due before `meeting` (a session of `cohort`) with `modules`."""
    assert meeting.id is not None
    assert meeting.cohort_id == cohort.id
    wanted = set(modules)
    unknown = wanted - set(known)
    if unknown:
        raise InvalidInput("Kies alleen modules uit de lijst.", field=f"modules-{meeting.id}")
    session.exec(delete(MeetingModule).where(col(MeetingModule.meeting_id) == meeting.id))
    session.add_all(MeetingModule(meeting_id=meeting.id, module_number=n) for n in sorted(wanted))
    session.flush()
    record(
        session,
        action="cohort.schedule_set",
        actor_id=actor_id,
        organisation_id=cohort.organisation_id,
        cohort_id=cohort.id,
        meeting_id=meeting.id,
        modules=sorted(wanted),
    )
    return wanted
