"""DejaVu Sans from Debian's fonts-dejavu-core, else Pillow's built-in font (with a warning)."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

log = logging.getLogger("doorbraakschool.media")

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=2)
def font_file(bold: bool) -> Path | None:
    name = BOLD if bold else REGULAR
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    log.warning(
        "font %s not found in %s; using Pillow's built-in font (install fonts-dejavu-core)",
        name,
        ", ".join(str(f) for f in FONT_DIRS),
    )
    return None


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> Font:
    path = font_file(bold)
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)
