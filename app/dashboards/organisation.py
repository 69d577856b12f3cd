"""The organisation overview, the org admin's dashboard: per cohort and per team how many
trainees are enrolled, active (any learning in the last 30 days) and completed (every required
module). Counts and module statuses only: an org admin never sees answers or other free text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from app.accounts.models import Organisation, User
from app.certificates import queries as certificate_queries
from app.cohorts import queries as cohort_queries
from app.cohorts.models import Cohort
from app.cohorts.schedule import COMPLETED, is_behind
from app.dashboards.queries import schedule_of
from app.organisations import queries
from app.organisations.activity import learning_activity

ACTIVE_DAYS = 30


@dataclass(frozen=True)
class CountRow:
    label: str
    enrolled: int
    active: int
    completed: int
    behind: int
    certificates: int
    cohort: Cohort | None = None


@dataclass(frozen=True)
class PersonRow:
    user: User
    team: str
    cohorts: tuple[str, ...]
    modules_done: int
    modules_required: int
    last_active: datetime | None
    certificate_codes: tuple[str, ...]


@dataclass(frozen=True)
class Overview:
    cohorts: list[CountRow]
    teams: list[CountRow]
    people: list[PersonRow]


@dataclass(frozen=True)
class _Facts:
    enrolled: dict[int, set[int]]  # cohort id -> user ids
    done: dict[int, set[int]]  # user id -> completed module numbers
    required: dict[int, tuple[int, ...]]  # cohort id -> required modules
    active: set[int]
    certified: dict[tuple[int, int | None], str]  # (user id, cohort id) -> code
    activity: dict[int, datetime]
    behind: set[tuple[int, int]]  # (cohort id, user id) achter op schema

    def complete(self, user_id: int, cohort_id: int) -> bool:
        return set(self.required[cohort_id]) <= self.done.get(user_id, set())

    def count(self, label: str, users: set[int], cohort: Cohort | None = None) -> CountRow:
        """Counts for one cohort, or (cohort None) for a group of people over all cohorts."""
        cohorts = [cohort.id] if cohort is not None and cohort.id else list(self.enrolled)
        if cohort is None:
            certified = {u for u, _ in self.certified}
        else:
            certified = {u for u, c in self.certified if c == cohort.id}
        return CountRow(
            label=label,
            enrolled=len(users),
            active=len(users & self.active),
            completed=sum(
                1
                for u in users
                if any(u in self.enrolled[c] and self.complete(u, c) for c in cohorts)
            ),
            behind=sum(1 for u in users if any((c, u) in self.behind for c in cohorts)),
            certificates=len(users & certified),
            cohort=cohort,
        )


def _facts(
    session: Session, org_id: int, all_modules: tuple[int, ...], now: datetime
) -> tuple[_Facts, list[Cohort]]:
    cohorts = cohort_queries.organisation_cohorts(session, org_id)
    enrolled: dict[int, set[int]] = {c.id: set() for c in cohorts if c.id is not None}
    for cohort_id, user_id in queries.enrollments_in(session, org_id):
        enrolled[cohort_id].add(user_id)
    users = sorted(set().union(*enrolled.values())) if enrolled else []
    activity = learning_activity(session, users)
    since = now - timedelta(days=ACTIVE_DAYS)
    done = queries.completed_modules(session, users)
    facts = _Facts(
        enrolled=enrolled,
        done=done,
        required=queries.required_modules(session, list(enrolled), all_modules),
        active={u for u, at in activity.items() if at >= since},
        certified=certificate_queries.codes_in_organisation(session, org_id),
        activity=activity,
        behind=_behind(session, cohorts, enrolled, done, now),
    )
    return facts, cohorts


def _behind(
    session: Session,
    cohorts: list[Cohort],
    enrolled: dict[int, set[int]],
    done: dict[int, set[int]],
    now: datetime,
) -> set[tuple[int, int]]:
    """(cohort id, user id) of every trainee behind the cohort's schedule: a module due
    before a session that has started is not completed."""
    found: set[tuple[int, int]] = set()
    for cohort in cohorts:
        if cohort.id is None or not enrolled[cohort.id]:
            continue
        schedule = schedule_of(session, cohort)
        if not schedule.deadlines:
            continue
        for user_id in enrolled[cohort.id]:
            statuses = dict.fromkeys(done.get(user_id, set()), COMPLETED)
            if is_behind(statuses, schedule.deadlines_for(user_id), now):
                found.add((cohort.id, user_id))
    return found


def overview(
    session: Session, org: Organisation, all_modules: tuple[int, ...], now: datetime
) -> Overview:
    assert org.id is not None
    facts, cohorts = _facts(session, org.id, all_modules, now)
    names = {c.id: c.name for c in cohorts}
    cohort_rows = [
        facts.count(c.name, facts.enrolled[c.id], c) for c in cohorts if c.id is not None
    ]
    trainees = queries.trainees_of(session, org.id)
    in_a_cohort = set().union(*facts.enrolled.values()) if facts.enrolled else set()
    by_team: dict[str, set[int]] = {}
    for row in trainees:
        if row.user.id in in_a_cohort:
            by_team.setdefault(row.team or "Zonder team", set()).add(row.user.id)
    team_rows = [facts.count(team, users) for team, users in sorted(by_team.items())]
    people = [_person(facts, names, row.user, row.team) for row in trainees]
    return Overview(cohort_rows, team_rows, people)


def _person(facts: _Facts, names: dict[int | None, str], user: User, team: str) -> PersonRow:
    assert user.id is not None
    mine = [c for c, users in facts.enrolled.items() if user.id in users]
    required = set().union(*(facts.required[c] for c in mine)) if mine else set()
    done = facts.done.get(user.id, set())
    return PersonRow(
        user=user,
        team=team,
        cohorts=tuple(names[c] for c in mine),
        modules_done=len(done & required) if required else len(done),
        modules_required=len(required),
        last_active=facts.activity.get(user.id),
        certificate_codes=tuple(code for (u, _), code in facts.certified.items() if u == user.id),
    )
