"""The real course in lessons/, videos/ and cases/ passes every content check.

Select it with ``pytest -m repo_content``; it fails until the curriculum is complete.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.content import check_content

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.repo_content
def test_repository_content_has_no_problems() -> None:
    problems = check_content(REPO)
    assert not problems, f"{len(problems)} content problem(s):\n" + "\n".join(
        str(problem) for problem in problems
    )
