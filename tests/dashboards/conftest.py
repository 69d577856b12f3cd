"""The shared test world (tests/conftest.py) with a schedule around now: one session a week ago
(modules 1-2 due), one in two days (modules 3-4), one in a month (module 5); Voorbeeld's three
trainees in two teams, enrolled before the first session, with progress that puts two of them
behind."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from dashboards.dashboard_helpers import (
    D,
    add_meeting,
    complete,
    enrolled_since,
    now,
    put_in_team,
    set_progress,
)
from factories import World

from app.cohorts.models import CohortMeeting


@dataclass(frozen=True)
class ScheduledWorld(World):
    """sanne: modules 1-3 done (on schedule); daan: module 1 done, 2 in progress (behind);
    noor: nothing started (behind)."""

    meetings: list[CohortMeeting]
    teams: dict[str, int]


@pytest.fixture
def world(web_app, world: World) -> ScheduledWorld:
    teams = {
        "Wijkteam Noord": put_in_team(web_app, world.sanne, world.org, "Wijkteam Noord"),
        "Wijkteam Zuid": put_in_team(web_app, world.noor, world.org, "Wijkteam Zuid"),
    }
    put_in_team(web_app, world.daan, world.org, "Wijkteam Noord")
    moment = now()
    enrolled_since(web_app, world.cohort, moment - 14 * D)
    meetings = [
        add_meeting(web_app, world.cohort, "Startbijeenkomst", moment - 7 * D, [1, 2]),
        add_meeting(web_app, world.cohort, "Intervisie recht", moment + 2 * D, [3, 4]),
        add_meeting(web_app, world.cohort, "Slotbijeenkomst", moment + 30 * D, [5, 2]),
    ]
    complete(web_app, world.sanne, [1, 2, 3])
    complete(web_app, world.daan, [1])
    set_progress(web_app, world.daan, 2, "in_progress", missing=["vraag 2"], video=0.5)
    return ScheduledWorld(**vars(world), meetings=meetings, teams=teams)
