"""The case exercise kinds: their ids, Dutch names and addresses (pure).

The one home of this vocabulary: exercises, progress and the exports all read it from here."""

from __future__ import annotations

import re

CASE_KINDS = ("bottleneck", "legal_basis", "kassabon", "value_triangle", "plan")
SLUGS = {
    "bottleneck": "knelpunt",
    "legal_basis": "grondslag",
    "kassabon": "kassabon",
    "value_triangle": "waardendriehoek",
    "plan": "doorbraakplan",
}
TITLES = {
    "knowledge_check": "Kennischeck",
    "bottleneck": "Grootste knelpunt",
    "legal_basis": "Wettelijke grondslag",
    "kassabon": "Kassabon",
    "value_triangle": "Waardendriehoek",
    "plan": "Doorbraakplan",
}
LABELS = {  # lower case, for inside a sentence ("oefening knelpunt (casus C9)")
    "bottleneck": "knelpunt",
    "legal_basis": "wettelijke grondslag",
    "kassabon": "kassabon",
    "value_triangle": "waardendriehoek",
    "plan": "doorbraakplan",
}
REVIEWED_KINDS = ("value_triangle", "plan")  # their free text goes to the trainer
_ID = re.compile(r"^(c\d+)-(" + "|".join(CASE_KINDS) + r")$")


def case_exercise_id(case_id: str, kind: str) -> str:
    """One id per case x kind: passing it once counts in every module that asks for it."""
    return f"{case_id}-{kind}"


def kind_from_slug(slug: str) -> str | None:
    """The kind for a URL part: the Dutch slug or the kind itself."""
    if slug in SLUGS:
        return slug
    for kind, dutch in SLUGS.items():
        if dutch == slug:
            return kind
    return None


def exercise_path(case_id: str, kind: str) -> str:
    return f"/oefeningen/{case_id}/{SLUGS[kind]}"


def split_exercise_id(exercise_id: str) -> tuple[str, str] | None:
    """``c9-plan`` -> ("c9", "plan"); None for anything that is not a case exercise id."""
    match = _ID.match(exercise_id)
    return (match.group(1), match.group(2)) if match else None


# A trainee's status for one exercise: submitted ("gemaakt") is not the same as passed ("gehaald").
STATUS_LABELS = {"open": "niet begonnen", "made": "gemaakt", "passed": "gehaald"}


def exercise_status(kind: str, attempted: bool, passed: bool, plan_status: str = "") -> str:
    """open | made | passed. A plan is made once submitted and passed once approved; any other
    kind is made once an attempt was submitted and passed by its counting rule."""
    if kind == "plan":
        if plan_status == "approved":
            return "passed"
        return "made" if plan_status in ("submitted", "returned") else "open"
    if passed:
        return "passed"
    return "made" if attempted else "open"
