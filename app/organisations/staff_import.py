"""Importing staff from a CSV file: a dry run that reports per row, then the import itself.

The import recomputes the same plan and acts only on rows the plan marks ready, so importing the
same file twice changes nothing the second time (those rows report "bestaat al")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from app.accounts import queries as account_queries
from app.accounts import service as account_service
from app.accounts.models import Organisation, Role, User
from app.accounts.service import EMAIL_RE
from app.cohorts import service as cohort_service
from app.cohorts.models import Cohort
from app.db import utcnow
from app.errors import InvalidInput
from app.organisations import queries
from app.organisations import service as org_service
from app.organisations.csv_rows import CsvRow
from app.organisations.invitations import send_invitation
from app.organisations.models import OnboardingPath
from app.organisations.queries import ImportLookups
from app.settings import Settings

READY, EXISTS, ERROR, DONE = "ready", "exists", "error", "done"
STATUS_LABELS = {READY: "klaar", EXISTS: "bestaat al", ERROR: "fout", DONE: "geïmporteerd"}


@dataclass(frozen=True)
class Destination:
    cohort: Cohort | None = None
    path: OnboardingPath | None = None

    @property
    def label(self) -> str:
        if self.path is not None:
            return f"inwerkpad {self.path.name}"
        return self.cohort.name if self.cohort is not None else "—"


@dataclass
class ImportRow:
    line: int
    email: str
    name: str
    team: str
    destination: Destination
    status: str
    message: str
    action: str = ""  # invite | enrol | onboard
    user_id: int | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    new_teams: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)


@dataclass(frozen=True)
class ImportOptions:
    default: Destination
    starts_on: date


def _destination(
    group: str, lookups: ImportLookups, default: Destination
) -> tuple[Destination, str]:
    """The row's destination, or an error message."""
    if not group:
        return default, ""
    key = group.lower()
    cohorts = lookups.cohorts.get(key, [])
    if len(cohorts) == 1:
        return Destination(cohort=cohorts[0]), ""
    if len(cohorts) > 1:
        return default, f"Er zijn meerdere groepen met de naam '{group}'; maak de namen uniek."
    if key in lookups.paths:
        return Destination(path=lookups.paths[key]), ""
    known = sorted({c.name for cs in lookups.cohorts.values() for c in cs})
    known += [f"inwerkpad {p.name}" for p in lookups.paths.values()]
    hint = f" Bekend zijn: {', '.join(known[:6])}." if known else " Maak eerst een groep aan."
    return default, f"Onbekende groep '{group}'.{hint}"


def _row_error(row: CsvRow, seen: dict[str, int]) -> str:
    if not row.email:
        return "Het e-mailadres ontbreekt."
    if not EMAIL_RE.match(row.email.lower()) or len(row.email) > 254:
        return f"Ongeldig e-mailadres: '{row.email}'."
    if row.email.lower() in seen:
        return f"Dubbele rij: dit e-mailadres staat ook in regel {seen[row.email.lower()]}."
    if not row.name:
        return "De naam ontbreekt."
    if len(row.name) > 120:
        return "De naam is langer dan 120 tekens."
    if len(row.team) > 120:
        return "De teamnaam is langer dan 120 tekens."
    return ""


def _existing_state(email: str, dest: Destination, lookups: ImportLookups) -> tuple[str, str, str]:
    """(status, action, message) for a valid row."""
    user_id, is_trainee = lookups.users.get(email, (None, False))
    if dest.path is not None:
        if (dest.path.id, email) in lookups.started:
            return EXISTS, "", f"Staat al op inwerkpad {dest.path.name}."
        if is_trainee:
            return READY, "onboard", "Heeft al een account; start het inwerkpad meteen."
        return READY, "onboard", f"Krijgt een uitnodiging voor inwerkpad {dest.path.name}."
    cohort_id = dest.cohort.id if dest.cohort is not None else None
    if is_trainee and user_id is not None:
        if cohort_id is None:
            return EXISTS, "", "Is al deelnemer in deze organisatie."
        if (cohort_id, user_id) in lookups.enrolled:
            return EXISTS, "", "Staat al in deze groep."
        return READY, "enrol", "Heeft al een account; wordt meteen ingeschreven."
    if (email, cohort_id) in lookups.open_invitations:
        return EXISTS, "", "Heeft al een openstaande uitnodiging."
    return READY, "invite", "Krijgt een uitnodiging per e-mail."


def plan(
    session: Session, org: Organisation, rows: list[CsvRow], options: ImportOptions
) -> ImportReport:
    """The dry run: what would happen to every row. Changes nothing."""
    assert org.id is not None
    emails = sorted({row.email.lower() for row in rows if row.email})
    lookups = queries.import_lookups(session, org.id, emails, utcnow())
    report = ImportReport()
    seen: dict[str, int] = {}
    for row in rows:
        email = row.email.lower()
        dest, problem = _destination(row.group, lookups, options.default)
        problem = _row_error(row, seen) or problem
        seen.setdefault(email, row.line)
        status, action, message = (
            (ERROR, "", problem) if problem else (_existing_state(email, dest, lookups))
        )
        if status == READY and row.team and row.team.lower() not in lookups.teams:
            message += f" Team '{row.team}' bestaat nog niet en wordt aangemaakt."
            if row.team.lower() not in {t.lower() for t in report.new_teams}:
                report.new_teams.append(row.team)
        user_id = lookups.users.get(email, (None, False))[0]
        report.rows.append(
            ImportRow(row.line, email, row.name, row.team, dest, status, message, action, user_id)
        )
    return report


def run_import(
    session: Session,
    settings: Settings,
    org: Organisation,
    rows: list[CsvRow],
    options: ImportOptions,
    *,
    actor_id: int,
) -> ImportReport:
    """Plan again and carry out every ready row: invitations, enrolments, onboarding starts."""
    assert org.id is not None
    report = plan(session, org, rows, options)
    team_ids = _ensure_teams(session, org.id, report, actor_id)
    for row in report.rows:
        if row.status != READY:
            continue
        team_id = team_ids.get(row.team.lower()) if row.team else None
        outcome = _carry_out(session, settings, org, row, team_id, options.starts_on, actor_id)
        row.status, row.message = (DONE, outcome) if outcome else (ERROR, row.message)
    return report


def _ensure_teams(
    session: Session, organisation_id: int, report: ImportReport, actor_id: int
) -> dict[str, int]:
    for name in report.new_teams:
        account_service.create_team(
            session, organisation_id=organisation_id, name=name, actor_id=actor_id
        )
    return {
        team.name.lower(): team.id
        for team in account_queries.teams_of(session, organisation_id)
        if team.id is not None
    }


def _carry_out(
    session: Session,
    settings: Settings,
    org: Organisation,
    row: ImportRow,
    team_id: int | None,
    starts_on: date,
    actor_id: int,
) -> str:
    """Carry out one ready row; returns what was done, in Dutch ('' when it failed)."""
    user = session.get(User, row.user_id) if row.user_id is not None else None
    wants_member = row.action in ("enrol", "onboard")
    member = user if wants_member and _is_trainee(session, org, user) else None
    cohort_id = row.destination.cohort.id if row.destination.cohort is not None else None
    if row.destination.path is not None:
        start = org_service.start_onboarding(
            session,
            path=row.destination.path,
            email=row.email,
            display_name=row.name,
            starts_on=starts_on,
            user=member,
            actor_id=actor_id,
        )
        cohort_id = start.cohort_id
    if member is not None and row.destination.cohort is not None:
        cohort_service.enrol(session, cohort=row.destination.cohort, user=member, actor_id=actor_id)
    done = "Inwerkpad gestart." if row.destination.path is not None else ""
    if member is None:
        if not _invite(session, settings, org, row, team_id, cohort_id, actor_id):
            return ""
        return f"{done} Uitnodiging verstuurd.".strip()
    return done or f"Ingeschreven in {row.destination.label}."


def _is_trainee(session: Session, org: Organisation, user: User | None) -> bool:
    if user is None or user.id is None or org.id is None:
        return False
    memberships = account_queries.memberships(session, org.id, user.id)
    return any(m.role == Role.trainee for m in memberships)


def _invite(
    session: Session,
    settings: Settings,
    org: Organisation,
    row: ImportRow,
    team_id: int | None,
    cohort_id: int | None,
    actor_id: int,
) -> bool:
    assert org.id is not None
    try:
        send_invitation(
            session,
            settings,
            organisation_id=org.id,
            organisation_name=org.name,
            email=row.email,
            display_name=row.name,
            role=Role.trainee,
            team_id=team_id,
            cohort_id=cohort_id,
            actor_id=actor_id,
        )
    except InvalidInput as exc:  # checked in the plan already; report rather than fail
        row.message = exc.message
        return False
    return True
