"""Cleaning text at the boundary: reject NUL bytes and lone surrogates, strip bidi controls."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
OTHER_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UnsafeText(ValueError):
    pass


def clean_text(value: str) -> str:
    """Return the text without bidi and control characters; refuse NUL and lone surrogates."""
    if "\x00" in value:
        raise UnsafeText("De tekst bevat een ongeldig teken (NUL).")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UnsafeText("De tekst bevat een ongeldig teken.") from exc
    value = BIDI_CONTROLS.sub("", value)
    return OTHER_CONTROLS.sub("", value)


CleanStr = Annotated[str, AfterValidator(clean_text)]
