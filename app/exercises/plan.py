"""The doorbraakplan and the trainer's rubric: fields, criteria, levels and their checks (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.exercises.grading import AnswerError

MAX_FIELD = 6000


@dataclass(frozen=True)
class PlanField:
    key: str
    label: str
    hint: str


PLAN_FIELDS: tuple[PlanField, ...] = (
    PlanField(
        "situation",
        "Situatieschets",
        "Wie hoort bij het huishouden, wat speelt er en wat is er al geprobeerd? "
        "Kort en feitelijk.",
    ),
    PlanField(
        "bottleneck",
        "Grootste knelpunt",
        "Welk probleem houdt de andere vast, en waarom juist dit probleem?",
    ),
    PlanField(
        "breakthrough",
        "Doorbraak",
        "Welke stap haalt het knelpunt weg? Wie doet wat, en wat is er anders dan gebruikelijk?",
    ),
    PlanField(
        "legal_basis",
        "Wettelijke grondslag",
        "Op welke artikelen steunt de doorbraak, en waarom is die inzet evenredig?",
    ),
    PlanField(
        "kassabon",
        "Kassabon",
        "Wat laat de kassabon zien, per betaler? Waar zit de onzekerheid in de bedragen?",
    ),
    PlanField(
        "engagement",
        "Betrokkenheid van het huishouden",
        "Wat wil het huishouden zelf? Gebruik hun eigen woorden waar dat kan.",
    ),
    PlanField(
        "agreements",
        "Afspraken en evaluatie",
        "Wie doet wat en wanneer? Wanneer en waaraan zie je of de doorbraak werkt?",
    ),
)
PLAN_KEYS = tuple(field.key for field in PLAN_FIELDS)


def clean_plan_fields(form: Mapping[str, str]) -> dict[str, str]:
    """The plan's text fields from a form, trimmed (missing ones empty)."""
    return {key: form.get(key, "").strip() for key in PLAN_KEYS}


def check_plan(fields: Mapping[str, str], calculation_id: int | None) -> None:
    """A plan can be submitted when every field is filled in and a kassabon is attached."""
    empty = [f.label.lower() for f in PLAN_FIELDS if not fields.get(f.key, "").strip()]
    if empty:
        raise AnswerError("Vul nog in: " + ", ".join(empty) + ".")
    long = [f.label.lower() for f in PLAN_FIELDS if len(fields.get(f.key, "")) > MAX_FIELD]
    if long:
        raise AnswerError(f"Houd elk onderdeel onder {MAX_FIELD} tekens: " + ", ".join(long) + ".")
    if calculation_id is None:
        raise AnswerError("Kies de berekening uit de rekentool die bij dit plan hoort.")


# --------------------------------------------------------------------------------------------
# The rubric


@dataclass(frozen=True)
class Criterion:
    key: str
    question: str
    field: str  # the part of the plan (or the triangle) it looks at


PLAN_RUBRIC: tuple[Criterion, ...] = (
    Criterion(
        "bottleneck",
        "Is het gekozen knelpunt echt het probleem dat de rest vasthoudt?",
        "bottleneck",
    ),
    Criterion(
        "legal_basis",
        "Is de wettelijke grondslag juist en is de inzet proportioneel?",
        "legal_basis",
    ),
    Criterion("kassabon", "Is de kassabon deugdelijk en eerlijk over de onzekerheid?", "kassabon"),
    Criterion(
        "engagement", "Klinkt de eigen stem van het huishouden door in het plan?", "engagement"
    ),
    Criterion("agreements", "Zijn de afspraken en de evaluatie concreet?", "agreements"),
)
TRIANGLE_RUBRIC: tuple[Criterion, ...] = (
    Criterion(
        "legitimacy", "Is het argument over legitimiteit juist en overtuigend?", "legitimacy"
    ),
    Criterion(
        "engagement", "Laat het argument over betrokkenheid het huishouden zelf zien?", "engagement"
    ),
    Criterion(
        "return", "Klopt het argument over rendement met de kassabon, en per betaler?", "return"
    ),
)
LEVELS = ("not", "partly", "fully")
LEVEL_LABELS = {"not": "niet", "partly": "deels", "fully": "wel"}
DECISIONS = ("returned", "approved")
DECISION_LABELS = {
    "returned": "terug voor verbetering",
    "approved": "goedgekeurd",
    "feedback": "feedback gegeven",
}
MAX_COMMENT = 3000


def parse_rubric(
    form: Mapping[str, str], criteria: tuple[Criterion, ...]
) -> dict[str, dict[str, str]]:
    """``level_<key>`` and ``comment_<key>`` per criterion; every criterion needs a level."""
    rubric: dict[str, dict[str, str]] = {}
    for criterion in criteria:
        level = form.get(f"level_{criterion.key}", "")
        if level not in LEVELS:
            raise AnswerError("Kies bij elk criterium niet, deels of wel.")
        comment = form.get(f"comment_{criterion.key}", "").strip()
        if len(comment) > MAX_COMMENT:
            raise AnswerError(f"Houd elke toelichting onder {MAX_COMMENT} tekens.")
        rubric[criterion.key] = {"level": level, "comment": comment}
    return rubric


def check_comment(comment: str) -> None:
    if len(comment) > MAX_COMMENT:
        raise AnswerError(f"Houd de toelichting onder {MAX_COMMENT} tekens.")


def check_decision(decision: str, rubric: Mapping[str, Mapping[str, str]], comment: str) -> None:
    """Returning a plan needs a word on what to improve; approving needs no 'niet'."""
    check_comment(comment)
    if decision not in DECISIONS:
        raise AnswerError("Kies: terugsturen voor verbetering of goedkeuren.")
    has_comment = bool(comment.strip()) or any(item.get("comment") for item in rubric.values())
    if decision == "returned" and not has_comment:
        raise AnswerError("Schrijf bij het terugsturen op wat beter moet.")
    if decision == "approved" and any(item.get("level") == "not" for item in rubric.values()):
        raise AnswerError("Een plan met een criterium op 'niet' kun je niet goedkeuren.")
