"""Dependencies point one way: no import cycle between the packages of app/, and pure modules
import only stdlib, a few plain libraries and other pure modules (so no web framework, no
database, no settings, also not through another module).

A module is pure when the first paragraph of its docstring says ``(pure``, as in "(pure)" or
"(pure: content in, grade out)"; a package's ``__init__.py`` saying so makes every module of the
package pure (docs/conventions.md)."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
PURE_TAG = re.compile(r"\(pure\b")
# Plain libraries a pure module may use: no I/O frameworks, no web, no database.
PURE_LIBRARIES = frozenset(
    {"pydantic", "pydantic_core", "annotated_types", "yaml", "markdown_it", "mdit_py_plugins",
     "fpdf", "deduce", "typing_extensions", "nh3", "phonenumbers", "stdnum"}
)  # fmt: skip


@dataclass
class Module:
    name: str  # app.exercises.grading
    path: Path
    imports: dict[str, int] = field(default_factory=dict)  # imported module -> line

    @property
    def package(self) -> str:
        """app.exercises for app.exercises.grading; app.dates for the top-level app/dates.py."""
        return ".".join(self.name.split(".")[:2])


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(node: ast.ImportFrom, module: Module) -> str:
    if not node.level:
        return node.module or ""
    base = module.name.split(".")
    if module.path.name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _imports(module: Module) -> Iterator[tuple[str, int]]:
    """Every imported module, also imports inside functions; ``from a import b`` gives a.b when
    b is a module of app/ and a otherwise."""
    for node in ast.walk(ast.parse(module.path.read_text(), filename=str(module.path))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, module)
            for alias in node.names:
                name = f"{source}.{alias.name}"
                yield (name if name in modules() else source), node.lineno


@cache
def modules() -> dict[str, Module]:
    found = {module_name(p): Module(module_name(p), p) for p in sorted(APP.rglob("*.py"))}
    return found


@cache
def graph() -> dict[str, Module]:
    for module in modules().values():
        module.imports = dict(_imports(module))
    return modules()


def docstring_says_pure(path: Path) -> bool:
    doc = ast.get_docstring(ast.parse(path.read_text())) or ""
    return bool(PURE_TAG.search(doc.split("\n\n")[0]))


@cache
def pure_modules() -> frozenset[str]:
    pure = set()
    for name, module in modules().items():
        init = module.path.parent / "__init__.py"
        if docstring_says_pure(module.path) or (
            module.path.parent != APP and docstring_says_pure(init)
        ):
            pure.add(name)
    return frozenset(pure)


def package_edges() -> dict[str, dict[str, list[str]]]:
    """package -> imported package -> the places ("app/x/y.py:12") that import it."""
    edges: dict[str, dict[str, list[str]]] = {}
    for module in graph().values():
        for name, line in module.imports.items():
            if name.split(".")[0] != "app" or name == "app":
                continue
            target = ".".join(name.split(".")[:2])
            if target != module.package:
                place = f"{module.path.relative_to(ROOT)}:{line}"
                edges.setdefault(module.package, {}).setdefault(target, []).append(place)
    return edges


def strongly_connected(edges: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of packages that import each other, directly or not."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [g for g in groups if len(g) > 1]


def test_the_packages_of_app_import_each_other_without_a_cycle():
    edges = package_edges()
    cycles = strongly_connected(edges)
    described = [
        {f"{a} -> {b}": edges[a][b] for a in group for b in group if b in edges.get(a, {})}
        for group in cycles
    ]
    assert described == []


def test_the_cycle_finder_finds_a_cycle_through_three_packages():
    edges = {"a": {"b": []}, "b": {"c": []}, "c": {"a": []}, "d": {"a": []}}
    assert strongly_connected(edges) == [["a", "b", "c"]]


def test_the_pure_marker_is_found_on_the_modules_known_to_be_pure():
    pure = pure_modules()
    for name in (
        "app.calculator.money",
        "app.content.load",
        "app.exercises.grading",
        "app.exercises.case_grading",
        "app.progress.completion",
        "app.cohorts.schedule",
        "app.dates",
    ):
        assert name in pure
    assert "app.exercises.service" not in pure


def _impure_import(name: str) -> str | None:
    """Why importing ``name`` breaks purity, or None when it is fine."""
    top = name.split(".")[0]
    if top == "app":
        return None if name in pure_modules() or name == "app" else "not a pure module of app/"
    if top in sys.stdlib_module_names or top == "__future__" or top in PURE_LIBRARIES:
        return None
    return "a library pure modules may not use"


@pytest.mark.parametrize("name", sorted(pure_modules()))
def test_a_pure_module_imports_only_pure_modules_stdlib_and_plain_libraries(name):
    """Transitive by construction: every app module it imports must be pure itself."""
    module = graph()[name]
    bad = {
        f"{imported} (line {line}): {why}"
        for imported, line in module.imports.items()
        if (why := _impure_import(imported)) is not None
    }
    assert bad == set()


def test_every_template_name_ends_in_html_so_autoescape_applies():
    templates = ROOT / "templates"
    odd = [p for p in templates.rglob("*") if p.is_file() and p.suffix != ".html"]
    assert odd == []
