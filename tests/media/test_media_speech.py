"""espeak-ng through ctypes: audio and word timings."""

from __future__ import annotations

from app.media.speech import Speech, synthesise, token_spans, word_starts
from app.media.timeline import proportional_starts


def test_espeak_speaks_dutch_with_one_timed_event_per_word() -> None:
    text = "Eén cliënt kreeg in 2026 hulp."
    speech = synthesise(text)
    assert speech.rate > 0
    assert 1.0 < speech.duration < 6.0
    starts = word_starts(text, speech)
    assert len(starts) == len(text.split())
    assert starts == sorted(starts)
    assert starts[-1] > starts[0]


def test_first_event_inside_a_token_counts_and_tokens_without_one_take_the_next() -> None:
    text = "In 2026 - klaar"
    # positions are 1-based characters: "In"=1, "2026"=4 (three events), "-"=none, "klaar"=11
    events = ((1, 0.0), (4, 0.3), (5, 0.6), (5, 0.9), (11, 1.5))
    speech = Speech(pcm=b"\0\0" * 22050 * 2, rate=22050, words=events)
    assert word_starts(text, speech) == [0.0, 0.3, 1.5, 1.5]


def test_token_spans_split_on_any_whitespace() -> None:
    assert token_spans(" één  twee\ndrie ") == [(1, 4), (6, 10), (11, 15)]


def test_recorded_voice_spreads_sentences_by_their_length() -> None:
    text = "Kort. Een veel langere tweede zin."
    starts = proportional_starts(text, 10.0)
    assert starts[0] == 0.0
    assert starts[1] == 10.0 * text.index("Een") / len(text)
    assert starts == sorted(starts)
