"""Every setting is documented in the README's settings table."""

from __future__ import annotations

from pathlib import Path

from app.settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_setting_is_in_the_readme():
    text = README.read_text()
    missing = [name for name in Settings.model_fields if f"DOORBRAAK_{name.upper()}" not in text]
    assert missing == []
