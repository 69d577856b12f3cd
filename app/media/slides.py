"""Slides drawn with Pillow at 1280x720: a header band with the title, bullets or a diagram of
rounded boxes joined by arrows, and a footer "Doorbraakschool · Module N"."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from app.media.fonts import Font, font
from app.media.script import SceneSpec, ScriptSpec
from app.media.textfit import fit_lines, line_height, text_width, wrap

WIDTH, HEIGHT = 1280, 720
MARGIN = 80
HEADER_HEIGHT = 150
FOOTER_TOP = 660
BODY_TOP = HEADER_HEIGHT + 56
BODY_BOTTOM = FOOTER_TOP - 30

HEADER = "#083f56"  # dark blue band
HEADER_TEXT = "#ffffff"
ACCENT = "#f2a900"  # decorative stripe and bullet dots (no text on it)
BACKGROUND = "#ffffff"
TEXT = "#1b2a33"
MUTED = "#4a5a63"  # footer text
RULE = "#d5dde1"
BOX_FILL = "#e6f0f4"
BOX_TEXT = "#083f56"

# (foreground, background) pairs that carry text; tests check contrast >= 4.5:1
TEXT_PAIRS = ((HEADER_TEXT, HEADER), (TEXT, BACKGROUND), (MUTED, BACKGROUND), (BOX_TEXT, BOX_FILL))


def draw_slide(script: ScriptSpec, scene: SceneSpec) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    _header(draw, scene.title)
    if scene.diagram:
        _diagram(draw, scene.diagram)
    elif scene.bullets:
        _bullets(draw, scene.bullets)
    _footer(draw, script)
    return image


def write_slides(script: ScriptSpec, folder: Path) -> list[Path]:
    paths: list[Path] = []
    for scene in script.scenes:
        path = folder / f"scene-{scene.number:02d}.png"
        draw_slide(script, scene).save(path, compress_level=1)
        paths.append(path)
    return paths


def _header(draw: ImageDraw.ImageDraw, title: str) -> None:
    draw.rectangle((0, 0, WIDTH, HEADER_HEIGHT), fill=HEADER)
    draw.rectangle((0, HEADER_HEIGHT, WIDTH, HEADER_HEIGHT + 6), fill=ACCENT)
    face, lines = fit_lines(title, WIDTH - 2 * MARGIN, (46, 40, 34, 30), 2, bold=True)
    step = line_height(face)
    top = (HEADER_HEIGHT - step * len(lines)) // 2
    for i, line in enumerate(lines):
        draw.text((MARGIN, top + i * step), line, font=face, fill=HEADER_TEXT)


def _bullets(draw: ImageDraw.ImageDraw, bullets: tuple[str, ...]) -> None:
    indent = 44
    width = WIDTH - 2 * MARGIN - indent
    for size in (36, 32, 28, 24, 20):
        face = font(size)
        wrapped = [wrap(b, face, width) for b in bullets]
        step, gap = line_height(face), int(size * 0.9)
        total = sum(len(w) for w in wrapped) * step + gap * (len(wrapped) - 1)
        if total <= BODY_BOTTOM - BODY_TOP:
            break
    y = BODY_TOP + 10
    for lines in wrapped:
        dot = max(4, size // 5)
        centre = y + step // 2
        draw.ellipse((MARGIN, centre - dot, MARGIN + 2 * dot, centre + dot), fill=ACCENT)
        for line in lines:
            draw.text((MARGIN + indent, y), line, font=face, fill=TEXT)
            y += step
        y += gap


def _diagram(draw: ImageDraw.ImageDraw, boxes: tuple[str, ...]) -> None:
    count = len(boxes)
    margin = MARGIN if count <= 3 else 48
    arrow = (64 if count <= 3 else 50) if count > 1 else 0
    box_width = (WIDTH - 2 * margin - arrow * (count - 1)) // count
    face, wrapped = _diagram_text(boxes, box_width - 28)
    step = line_height(face)
    box_height = max(160, max(len(w) for w in wrapped) * step + 56)
    top = BODY_TOP + (BODY_BOTTOM - BODY_TOP - box_height) // 2
    for i, lines in enumerate(wrapped):
        left = margin + i * (box_width + arrow)
        box = (left, top, left + box_width, top + box_height)
        draw.rounded_rectangle(box, radius=22, fill=BOX_FILL, outline=HEADER, width=3)
        text_top = top + (box_height - step * len(lines)) // 2
        for j, line in enumerate(lines):
            x = left + (box_width - text_width(line, face)) // 2
            draw.text((x, text_top + j * step), line, font=face, fill=BOX_TEXT)
        if i + 1 < count:
            _arrow(
                draw, left + box_width + 10, left + box_width + arrow - 10, top + box_height // 2
            )


def _diagram_text(boxes: tuple[str, ...], width: int) -> tuple[Font, list[list[str]]]:
    for size in (34, 31, 28, 25, 22, 20, 18):
        face = font(size, bold=True)
        wrapped = [wrap(b, face, width) for b in boxes]
        too_wide = any(text_width(line, face) > width for w in wrapped for line in w)
        if not too_wide and max(len(w) for w in wrapped) <= 5:
            return face, wrapped
    return face, wrapped


def _arrow(draw: ImageDraw.ImageDraw, x0: int, x1: int, y: int) -> None:
    head = 16
    draw.line((x0, y, x1 - head, y), fill=HEADER, width=6)
    draw.polygon([(x1 - head - 2, y - head), (x1, y), (x1 - head - 2, y + head)], fill=HEADER)


def _footer(draw: ImageDraw.ImageDraw, script: ScriptSpec) -> None:
    draw.line((MARGIN, FOOTER_TOP, WIDTH - MARGIN, FOOTER_TOP), fill=RULE, width=2)
    face = font(20)
    y = FOOTER_TOP + 16
    left = f"Doorbraakschool · Module {script.module}"
    draw.text((MARGIN, y), left, font=face, fill=MUTED)
    room = WIDTH - 2 * MARGIN - text_width(left, face) - 40
    title = wrap(script.title, face, room)[0] if room > 0 else ""
    if title != script.title:
        title = title.rstrip(" ,.;:") + "…"
    draw.text((WIDTH - MARGIN - text_width(title, face), y), title, font=face, fill=MUTED)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
