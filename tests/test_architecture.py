"""Dependencies point inward: the pure domain modules import no web framework and no database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
FORBIDDEN = (
    "fastapi",
    "starlette",
    "sqlmodel",
    "sqlalchemy",
    "jinja2",
    "httpx",
    "app.web",
    "app.db",
    "app.settings",
)
PURE = [
    *sorted((APP / "calculator").glob("*.py")),
    *sorted((APP / "content").glob("*.py")),
    APP / "exercises" / "grading.py",
    APP / "web" / "problem_graph.py",
    APP / "dates.py",
    APP / "pdf.py",
]
PURE += [
    p
    for p in (
        APP / "progress" / "intervals.py",
        APP / "progress" / "completion.py",
        APP / "cohorts" / "schedule.py",
    )
    if p.exists()
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", PURE, ids=lambda p: str(p.relative_to(APP)))
def test_pure_module_imports_no_web_or_database_code(path):
    bad = {
        name
        for name in imported_modules(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    }
    assert bad == set()


def test_every_template_name_ends_in_html_so_autoescape_applies():
    templates = Path(__file__).resolve().parent.parent / "templates"
    odd = [p for p in templates.rglob("*") if p.is_file() and p.suffix != ".html"]
    assert odd == []
