"""Form fields of the case exercises, and the stored answers as form values again (pure).

One shape serves three purposes: the answers of an attempt, the values a form shows, and a
draft. Multi-valued fields (the legal-basis checkboxes) are lists; everything else is a string.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.exercises.grading import TRIANGLE_ASPECTS
from app.exercises.plan import PLAN_KEYS

FormValues = dict[str, object]
MULTI_FIELDS = frozenset({"article"})
MAX_DRAFT_FIELDS = 30
MAX_DRAFT_VALUE = 20_000

FIELDS: dict[str, tuple[str, ...]] = {
    "bottleneck": ("choice",),
    "legal_basis": ("article",),
    "kassabon": ("calculation_id",),
    "value_triangle": tuple(f"argument_{a}" for a in TRIANGLE_ASPECTS)
    + tuple(f"judgment_{a}" for a in TRIANGLE_ASPECTS),
    "plan": (*PLAN_KEYS, "calculation_id"),
}


def form_values(kind: str, form: Mapping[str, Sequence[str]]) -> FormValues:
    """The known fields of this kind from a submitted form (lists from FormLists)."""
    values: FormValues = {}
    for name in FIELDS[kind]:
        given = [str(v)[:MAX_DRAFT_VALUE] for v in form.get(name, [])]
        if name in MULTI_FIELDS:
            values[name] = given[:MAX_DRAFT_FIELDS]
        else:
            values[name] = given[-1].strip() if given else ""
    return values


def text(values: Mapping[str, object], name: str) -> str:
    value = values.get(name, "")
    return value if isinstance(value, str) else ""


def texts(values: Mapping[str, object], name: str) -> list[str]:
    value = values.get(name, [])
    return [str(v) for v in value] if isinstance(value, list) else []


def values_from_answers(kind: str, answers: Mapping[str, object]) -> FormValues:
    """What the form showed when this attempt was submitted."""
    if kind == "bottleneck":
        return {"choice": str(answers.get("choice", ""))}
    if kind == "legal_basis":
        chosen = answers.get("chosen", [])
        return {"article": [str(a) for a in chosen] if isinstance(chosen, list) else []}
    if kind == "kassabon":
        calc = answers.get("calculation_id")
        return {"calculation_id": str(calc) if calc is not None else ""}
    if kind == "value_triangle":
        arguments = answers.get("arguments", {})
        judgments = answers.get("judgments", {})
        values: FormValues = {}
        for aspect in TRIANGLE_ASPECTS:
            values[f"argument_{aspect}"] = (
                str(arguments.get(aspect, "")) if isinstance(arguments, dict) else ""
            )
            values[f"judgment_{aspect}"] = (
                str(judgments.get(aspect, "")) if isinstance(judgments, dict) else ""
            )
        return values
    return {}


def values_from_plan(fields: Mapping[str, object], calculation_id: int | None) -> FormValues:
    values: FormValues = {key: str(fields.get(key, "")) for key in PLAN_KEYS}
    values["calculation_id"] = str(calculation_id) if calculation_id is not None else ""
    return values


def triangle_answers(values: Mapping[str, object]) -> tuple[dict[str, str], dict[str, str]]:
    """(arguments, judgments) per aspect from the value-triangle form."""
    arguments = {a: text(values, f"argument_{a}") for a in TRIANGLE_ASPECTS}
    judgments = {a: text(values, f"judgment_{a}") for a in TRIANGLE_ASPECTS}
    return arguments, judgments
