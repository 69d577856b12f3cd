"""Measuring and wrapping text to a pixel width."""

from __future__ import annotations

from collections.abc import Sequence

from app.media.fonts import Font, font


def text_width(text: str, face: Font) -> int:
    return round(face.getlength(text))


def line_height(face: Font) -> int:
    top, bottom = face.getbbox("ÉÁgjpqy")[1::2]
    return round((bottom - top) * 1.3)


def wrap(text: str, face: Font, width: int) -> list[str]:
    """Greedy word wrap; a single word wider than ``width`` gets a line of its own."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, face) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def fit_lines(
    text: str, width: int, sizes: Sequence[int], max_lines: int, bold: bool = False
) -> tuple[Font, list[str]]:
    """The largest size in ``sizes`` at which ``text`` wraps into ``max_lines``; at the smallest
    size, extra lines are cut and the last kept line ends in an ellipsis."""
    for size in sizes:
        face = font(size, bold)
        lines = wrap(text, face, width)
        if len(lines) <= max_lines and all(text_width(x, face) <= width for x in lines):
            return face, lines
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip(" ,.;:") + "…"]
    return face, lines
