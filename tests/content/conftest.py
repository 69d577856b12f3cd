"""Shared fixtures for the content tests: a copy of the tiny fixture course to break."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.content import Catalog, Minimums, Problem, check_content, load_catalog

FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "course"
# The fixture course is tiny: two modules, one case, a few laws and unit costs.
SMALL = Minimums(modules=2, cases=1, laws=2, unit_costs=3, lesson_words=40)

Check = Callable[[Path], list[Problem]]
Edit = Callable[[str, str, str], None]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "repo_content: checks the real course in lessons/, videos/ and cases/"
    )


@pytest.fixture
def small() -> Minimums:
    return SMALL


@pytest.fixture(scope="session")
def fixture_course() -> Path:
    """The fixture course itself (read only)."""
    return FIXTURE_COURSE


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The catalog of the (unchanged) fixture course."""
    return load_catalog(FIXTURE_COURSE, minimums=SMALL, names=False)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A fresh copy of the fixture course that a test may break."""
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_COURSE, root)
    return root


@pytest.fixture
def check() -> Check:
    """check_content with the fixture minimums and without the (slow) name detector."""

    def run(root: Path) -> list[Problem]:
        return check_content(root, minimums=SMALL, names=False)

    return run


@pytest.fixture
def edit(course: Path) -> Edit:
    """Replace ``old`` by ``new`` exactly once in a file of the copied course."""

    def run(file: str, old: str, new: str) -> None:
        path = course / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {file}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return run
