"""State changes of the organisations domain: settings, onboarding paths and onboarding starts.
Services flush, never commit, and record audit events."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session

from app.accounts.models import Organisation, User
from app.audit.service import record
from app.cohorts import service as cohort_service
from app.cohorts.models import Cohort
from app.cohorts.service import set_meeting_modules
from app.dates import LOCAL
from app.db import utcnow
from app.errors import InvalidInput
from app.numbers import whole_number
from app.organisations import queries
from app.organisations.models import (
    OnboardingPath,
    OnboardingStart,
    OrganisationSettings,
    Retention,
)

DEADLINE_TITLE = "Deadline inwerkpad"
DEADLINE_TIME = time(17, 0)
MAX_STEPS = 12
MAX_EXPIRY_MONTHS = 120
MAX_DEADLINE_DAYS = 730
MAX_CATCH_UP_DAYS = 120
MAX_MODULE_NUMBER = 999
EURO_RE = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$")


def parse_euro(text: str, *, field: str) -> int | None:
    """'€ 3.000', '3000' or '2500,50' as cents; empty means not set."""
    cleaned = text.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
    if not cleaned:
        return None
    match = EURO_RE.match(cleaned)
    if match is None:
        raise InvalidInput("Vul het budget in euro's in, zoals 3000 of 3.000,00.", field=field)
    whole = int(match.group(1).replace(".", ""))
    cents = int((match.group(2) or "0").ljust(2, "0"))
    if whole > 100_000_000:
        raise InvalidInput("Dit budget is onwaarschijnlijk groot.", field=field)
    return whole * 100 + cents


def parse_steps(text: str) -> list[str]:
    steps = [" ".join(line.split()) for line in text.splitlines()]
    steps = [re.sub(r"^(\d+[.)]|[-*•])\s*", "", step) for step in steps if step]
    if len(steps) > MAX_STEPS:
        raise InvalidInput(f"Geef hoogstens {MAX_STEPS} stappen.", field="steps")
    if any(len(step) > 300 for step in steps):
        raise InvalidInput("Een stap mag hoogstens 300 tekens lang zijn.", field="steps")
    return steps


def parse_months(text: str) -> int | None:
    cleaned = text.strip()
    if not cleaned or cleaned == "0":
        return None
    months = whole_number(cleaned, maximum=MAX_EXPIRY_MONTHS)
    if months is None or months < 1:
        raise InvalidInput(
            f"Vul een aantal maanden in tussen 1 en {MAX_EXPIRY_MONTHS}, of laat het leeg.",
            field="inactive_expiry_months",
        )
    return months


def parse_catch_up_days(text: str) -> int:
    days = whole_number(text, maximum=MAX_CATCH_UP_DAYS)
    if days is None or days < 1:
        raise InvalidInput(
            f"Vul de inhaaltermijn in als aantal dagen tussen 1 en {MAX_CATCH_UP_DAYS}.",
            field="catch_up_days",
        )
    return days


def _short(text: str, limit: int, *, field: str, label: str) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        raise InvalidInput(f"{label} mag hoogstens {limit} tekens lang zijn.", field=field)
    return text


@dataclass(frozen=True)
class SettingsForm:
    name: str
    contact_name: str
    contact_details: str
    budget: str
    budget_note: str
    mandate_holder: str
    steps: str
    retention: str
    inactive_expiry_months: str
    catch_up_days: str

    @classmethod
    def from_form(cls, form: dict[str, str]) -> SettingsForm:
        return cls(**{name: form.get(name, "") for name in cls.__dataclass_fields__})


def _validated(data: SettingsForm) -> dict[str, Any]:
    """Every field checked before anything changes (a bad value changes nothing)."""
    name = _short(data.name, 200, field="name", label="De naam")
    if not name:
        raise InvalidInput("Vul de naam van de organisatie in.", field="name")
    if data.retention not in {str(r) for r in Retention}:
        raise InvalidInput("Kies wat er met leergegevens gebeurt.", field="retention")
    return {
        "name": name,
        "contact_name": _short(data.contact_name, 200, field="contact_name", label="De naam"),
        "contact_details": _short(
            data.contact_details, 300, field="contact_details", label="De contactgegevens"
        ),
        "budget_cents": parse_euro(data.budget, field="budget"),
        "budget_note": _short(data.budget_note, 300, field="budget_note", label="De toelichting"),
        "mandate_holder": _short(
            data.mandate_holder, 300, field="mandate_holder", label="Dit veld"
        ),
        "escalation_steps": parse_steps(data.steps),
        "retention": data.retention,
        "inactive_expiry_months": parse_months(data.inactive_expiry_months),
        "catch_up_days": parse_catch_up_days(data.catch_up_days),
    }


def save_settings(
    session: Session, org: Organisation, data: SettingsForm, *, actor_id: int
) -> OrganisationSettings:
    assert org.id is not None
    values = _validated(data)
    found = session.get(OrganisationSettings, org.id)
    row = found if found is not None else OrganisationSettings(organisation_id=org.id)
    org.name = values.pop("name")
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at, row.updated_by_id = utcnow(), actor_id
    session.add(row)
    session.add(org)
    session.flush()
    record(session, action="organisation.settings", actor_id=actor_id, organisation_id=org.id)
    return row


def parse_modules(text: str, known: set[int]) -> list[int]:
    """'1, 2, 5-7' as [1, 2, 5, 6, 7]; every number must be a module of the course."""
    numbers: set[int] = set()
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        bounds = [whole_number(b, maximum=MAX_MODULE_NUMBER) for b in part.split("-")]
        if len(bounds) > 2 or None in bounds:
            raise InvalidInput(
                "Noem de modules met nummers, zoals 1, 2, 5-7.", field="module_numbers"
            )
        low, high = int(bounds[0] or 0), int(bounds[-1] or 0)
        numbers.update(range(min(low, high), max(low, high) + 1))
    unknown = sorted(numbers - known)
    if unknown:
        raise InvalidInput(
            f"Deze modules bestaan niet: {', '.join(map(str, unknown))}.", field="module_numbers"
        )
    if not numbers:
        raise InvalidInput("Kies minstens één module.", field="module_numbers")
    return sorted(numbers)


def save_onboarding_path(
    session: Session,
    *,
    organisation_id: int,
    path: OnboardingPath | None,
    name: str,
    module_numbers: list[int],
    deadline_days: str,
    actor_id: int,
) -> OnboardingPath:
    """Create a path (path None) or change one; starts that exist keep what they had."""
    name = " ".join(name.split())
    if not name or len(name) > 80:
        raise InvalidInput("Geef het inwerkpad een naam van hoogstens 80 tekens.", field="name")
    days = whole_number(deadline_days, maximum=MAX_DEADLINE_DAYS)
    if days is None or days < 1:
        raise InvalidInput(
            f"Vul de termijn in als aantal dagen tussen 1 en {MAX_DEADLINE_DAYS}.",
            field="deadline_days",
        )
    clash = [p for p in queries.onboarding_paths(session, organisation_id) if p.name == name]
    if clash and (path is None or clash[0].id != path.id):
        raise InvalidInput("Er is al een inwerkpad met deze naam.", field="name")
    row = path or OnboardingPath(organisation_id=organisation_id, name=name, deadline_days=1)
    row.name, row.module_numbers, row.deadline_days = name, module_numbers, days
    session.add(row)
    session.flush()
    record(
        session,
        action="onboarding.path_save",
        actor_id=actor_id,
        organisation_id=organisation_id,
        path_id=row.id,
    )
    return row


def _deadline_session(
    session: Session, cohort: Cohort, start: OnboardingStart, actor_id: int
) -> None:
    """The deadline as a dated session of the personal cohort, with the path's modules due
    before it: the leerpad and the trainer's grid then show the deadline and who is behind."""
    meeting = cohort_service.add_meeting(
        session,
        cohort=cohort,
        title=DEADLINE_TITLE,
        starts_at=datetime.combine(start.deadline_on, DEADLINE_TIME, tzinfo=LOCAL),
        location="",
        actor_id=actor_id,
    )
    set_meeting_modules(
        session,
        cohort=cohort,
        meeting=meeting,
        modules=start.module_numbers,
        known=start.module_numbers,
        actor_id=actor_id,
    )


def onboarding_cohort_name(path: OnboardingPath, person: str) -> str:
    name = f"Inwerken {path.name}: {person}"
    return name if len(name) <= 120 else name[:119] + "…"


def start_onboarding(
    session: Session,
    *,
    path: OnboardingPath,
    email: str,
    display_name: str,
    starts_on: date,
    user: User | None,
    actor_id: int,
) -> OnboardingStart:
    """A personal cohort from the path's template: its modules, and the deadline `deadline_days`
    after `starts_on` as the cohort's end date. With `user` (already a trainee here) they are
    enrolled now; otherwise an invitation to this cohort enrols them when they accept.
    Starting the same person on the same path twice returns the first start."""
    assert path.id is not None
    existing = queries.onboarding_start(session, path.id, email)
    if existing is not None:
        return existing
    deadline = starts_on + timedelta(days=path.deadline_days)
    cohort = cohort_service.create_cohort(
        session,
        organisation_id=path.organisation_id,
        name=onboarding_cohort_name(path, display_name),
        starts_on=starts_on,
        ends_on=deadline,
        actor_id=actor_id,
    )
    assert cohort.id is not None
    start = OnboardingStart(
        path_id=path.id,
        cohort_id=cohort.id,
        email=email,
        module_numbers=list(path.module_numbers),
        starts_on=starts_on,
        deadline_on=deadline,
    )
    session.add(start)
    session.flush()
    _deadline_session(session, cohort, start, actor_id)
    if user is not None:
        cohort_service.enrol(session, cohort=cohort, user=user, actor_id=actor_id)
    record(
        session,
        action="onboarding.start",
        actor_id=actor_id,
        organisation_id=path.organisation_id,
        path_id=path.id,
        cohort_id=cohort.id,
    )
    return start
