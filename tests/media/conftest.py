"""Fixtures for the renderer tests: the tiny two-scene script, copied, and rendered once."""

from __future__ import annotations

import pytest
from media.media_helpers import Rendered, copy_fixture

from app.media import render_video


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The fixture script rendered once for the whole session (treat it as read-only)."""
    root = tmp_path_factory.mktemp("rendered")
    script = copy_fixture(root)
    media_dir = root / "media"
    return Rendered(script, media_dir, render_video(script, media_dir))
