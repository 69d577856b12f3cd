"""app.content stays pure: no web, database or template imports."""

from __future__ import annotations

import ast
from pathlib import Path

import app.content

FORBIDDEN = {"fastapi", "starlette", "sqlmodel", "sqlalchemy", "jinja2"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_content_package_imports_no_web_or_database_code() -> None:
    package = Path(app.content.__file__).parent
    offenders = {
        path.name: sorted(imported_roots(path) & FORBIDDEN) for path in package.glob("*.py")
    }
    assert {name: found for name, found in offenders.items() if found} == {}
