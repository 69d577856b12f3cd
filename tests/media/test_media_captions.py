"""Cutting timed narration into WebVTT cues."""

from __future__ import annotations

from media.media_helpers import parse_vtt

from app.media.captions import CUE_CHARS, build_cues, to_vtt, wrap
from app.media.timeline import SceneTiming, Timeline

LONG = (
    "In Nederland hebben zo'n honderdduizend huishoudens meerdere problemen tegelijk, "
    "en volgens de betrokkenen gaat een groot deel van het geld naar een kleine groep. "
    "Kort. De precieze cijfers verschillen per bron, maar het patroon is overal hetzelfde."
)


def _scene(text: str, start: float, seconds_per_word: float, number: int = 1) -> SceneTiming:
    tokens = tuple(text.split())
    starts = tuple(start + 0.6 + i * seconds_per_word for i in range(len(tokens)))
    end = start + 0.6 + len(tokens) * seconds_per_word
    return SceneTiming(number, start, end + 1 - start, start + 0.6, end, tokens, starts, False)


def _timeline(*scenes: SceneTiming) -> Timeline:
    return Timeline(scenes, b"")


def test_cues_hold_at_most_two_lines_and_the_words_in_order() -> None:
    cues = build_cues(_timeline(_scene(LONG, 0.0, 0.35)))
    assert [w for cue in cues for w in cue.text.split()] == LONG.split()
    for cue in cues:
        assert len(cue.text.splitlines()) <= 2
        assert len(cue.text.replace("\n", " ")) <= CUE_CHARS


def test_a_sentence_end_always_ends_a_cue() -> None:
    cues = build_cues(_timeline(_scene(LONG, 0.0, 0.35)))
    assert any(cue.text == "Kort." for cue in cues)


def test_long_sentence_breaks_after_a_comma() -> None:
    cues = build_cues(_timeline(_scene(LONG, 0.0, 0.35)))
    assert cues[0].text.replace("\n", " ").endswith("problemen tegelijk,")


def test_slow_speech_is_split_so_no_cue_lasts_longer_than_seven_seconds() -> None:
    cues = build_cues(_timeline(_scene(LONG, 0.0, 1.5)))
    assert all(cue.end_ms - cue.start_ms <= 7000 for cue in cues)
    assert [w for cue in cues for w in cue.text.split()] == LONG.split()


def test_cues_never_overlap_and_leave_a_gap_before_the_next() -> None:
    timeline = _timeline(_scene(LONG, 0.0, 0.3), _scene("Tweede scène, kort.", 40.0, 0.3, 2))
    cues = build_cues(timeline)
    for before, after in zip(cues, cues[1:], strict=False):
        assert before.start_ms < before.end_ms <= after.start_ms
    assert cues[-2].end_ms == round(timeline.scenes[0].speech_end * 1000)  # scene's last cue


def test_words_spoken_at_the_same_moment_do_not_produce_overlapping_cues() -> None:
    scene = _scene("Een. Twee. Drie.", 0.0, 0.0)
    cues = build_cues(_timeline(scene))
    assert [w for cue in cues for w in cue.text.split()] == ["Een.", "Twee.", "Drie."]
    assert all(cue.end_ms > cue.start_ms for cue in cues)


def test_vtt_has_header_language_and_escapes_markup() -> None:
    cues = build_cues(_timeline(_scene("Kosten <dertig> & meer.", 0.0, 0.3)))
    text = to_vtt(cues)
    assert "&lt;dertig&gt; &amp; meer." in text
    header, parsed = parse_vtt(text)
    assert header[0] == "WEBVTT"
    assert "Language: nl" in header
    assert parsed[0].text == "Kosten <dertig> & meer."
    assert parsed[0].start == 0.6


def test_wrap_balances_two_lines() -> None:
    sentence = "Er is een schuld, er dreigt een huisuitzetting, een kind gaat"
    words = sentence.split()
    first, second = wrap(words).split("\n")
    assert abs(len(first) - len(second)) < 12
