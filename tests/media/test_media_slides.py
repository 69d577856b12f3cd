"""Slides: size, colours, contrast, wrapping."""

from __future__ import annotations

import pytest

from app.media.fonts import font
from app.media.script import SceneSpec, ScriptSpec
from app.media.slides import HEADER, TEXT_PAIRS, contrast_ratio, draw_slide
from app.media.textfit import fit_lines, text_width, wrap

SCRIPT = ScriptSpec("01-proef", 7, "Proefvideo", ())


def _scene(**fields: object) -> SceneSpec:
    values: dict[str, object] = {
        "number": 1,
        "title": "Titel",
        "bullets": (),
        "diagram": (),
        "narration": "Tekst.",
        "recording": None,
    }
    values.update(fields)
    return SceneSpec(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(("foreground", "background"), TEXT_PAIRS)
def test_every_text_colour_has_contrast_of_at_least_4_5(foreground: str, background: str) -> None:
    assert contrast_ratio(foreground, background) >= 4.5


def test_contrast_ratio_of_black_on_white_is_21() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


@pytest.mark.parametrize(
    "scene",
    [
        _scene(bullets=("Eén", "Twee " * 30, "Drie")),
        _scene(
            diagram=("Wet", "Verordening", "Beleidsregel", "Werkinstructie", "Jouw onderbouwing")
        ),
        _scene(title="Een heel lange titel " * 6),
        _scene(),
    ],
    ids=["bullets", "diagram", "long-title", "title-only"],
)
def test_slide_is_1280x720_with_the_dark_blue_header(scene: SceneSpec) -> None:
    image = draw_slide(SCRIPT, scene)
    assert image.size == (1280, 720)
    assert image.getpixel((1270, 10)) == tuple(int(HEADER[i : i + 2], 16) for i in (1, 3, 5))
    assert image.getpixel((640, 400)) is not None


def test_long_text_wraps_within_the_width() -> None:
    face = font(30)
    lines = wrap(
        "Schulden, huurachterstand en zorgen om een kind dat niet naar school gaat", face, 400
    )
    assert len(lines) > 1
    assert all(text_width(line, face) <= 400 for line in lines)


def test_title_that_does_not_fit_two_lines_is_cut_with_an_ellipsis() -> None:
    _, lines = fit_lines("woord " * 80, 600, (40, 30), 2, bold=True)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
