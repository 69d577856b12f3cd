"""WebVTT captions cut from the timed narration tokens.

Each sentence is split into cues of at most two lines of ~42 characters, preferring a break after a
comma. A cue starts at its first word and ends 50 ms before the next cue, or at the end of the
scene's speech; no cue lasts longer than 7 seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.media.timeline import SceneTiming, Timeline

LINE_CHARS = 42
CUE_CHARS = 2 * LINE_CHARS
MAX_CUE_SECONDS = 7.0
GAP_SECONDS = 0.05
MIN_BREAK_CHARS = 24  # a comma break is only taken when the cue has at least this much text
SENTENCE_ENDS = (".", "!", "?", "…")
CLAUSE_ENDS = (",", ";", ":", "—", "–")
CLOSERS = "\"')]»”’"


@dataclass(frozen=True, slots=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str  # one or two lines joined by "\n"


def build_cues(timeline: Timeline) -> list[Cue]:
    cues: list[Cue] = []
    for scene in timeline.scenes:
        cues += _scene_cues(scene)
    return _without_overlap(cues)


def _scene_cues(scene: SceneTiming) -> list[Cue]:
    chunks: list[list[int]] = []  # token indices per cue
    for sentence in _sentences(scene.tokens):
        for chunk in _split_chars([*sentence], scene.tokens):
            chunks += _split_time(chunk, scene)
    cues: list[Cue] = []
    for i, chunk in enumerate(chunks):
        start = scene.token_starts[chunk[0]]
        end = (
            scene.speech_end if i + 1 == len(chunks) else _start(chunks[i + 1], scene) - GAP_SECONDS
        )
        end = min(end, start + MAX_CUE_SECONDS)
        text = wrap([scene.tokens[t] for t in chunk])
        cues.append(Cue(round(start * 1000), round(end * 1000), text))
    return cues


def _start(chunk: list[int], scene: SceneTiming) -> float:
    return scene.token_starts[chunk[0]]


def _sentences(tokens: tuple[str, ...]) -> list[list[int]]:
    sentences: list[list[int]] = [[]]
    for i, token in enumerate(tokens):
        sentences[-1].append(i)
        if token.rstrip(CLOSERS).endswith(SENTENCE_ENDS):
            sentences.append([])
    return [s for s in sentences if s]


def _length(chunk: list[int], tokens: tuple[str, ...]) -> int:
    return sum(len(tokens[i]) for i in chunk) + len(chunk) - 1


def _split_chars(chunk: list[int], tokens: tuple[str, ...]) -> list[list[int]]:
    """Split into pieces of at most CUE_CHARS, breaking after a clause end where one fits."""
    if len(chunk) <= 1 or _length(chunk, tokens) <= CUE_CHARS:
        return [chunk]
    fits = [n for n in range(1, len(chunk)) if _length(chunk[:n], tokens) <= CUE_CHARS] or [1]
    clause = [
        n
        for n in fits
        if tokens[chunk[n - 1]].endswith(CLAUSE_ENDS)
        and _length(chunk[:n], tokens) >= MIN_BREAK_CHARS
    ]
    cut = clause[-1] if clause else fits[-1]
    return [chunk[:cut], *_split_chars(chunk[cut:], tokens)]


def _split_time(chunk: list[int], scene: SceneTiming) -> list[list[int]]:
    """Split a piece whose speech lasts longer than MAX_CUE_SECONDS at its middle in time."""
    after = chunk[-1] + 1
    end = scene.token_starts[after] if after < len(scene.tokens) else scene.speech_end
    begin = scene.token_starts[chunk[0]]
    if len(chunk) <= 1 or end - begin <= MAX_CUE_SECONDS:
        return [chunk]
    middle = begin + (end - begin) / 2
    cut = next((n for n in range(1, len(chunk)) if scene.token_starts[chunk[n]] >= middle), 1)
    return _split_time(chunk[:cut], scene) + _split_time(chunk[cut:], scene)


def wrap(words: list[str]) -> str:
    """One line when it fits in LINE_CHARS, else two lines as even as possible."""
    line = " ".join(words)
    if len(line) <= LINE_CHARS or len(words) == 1:
        return line
    best = min(
        range(1, len(words)),
        key=lambda n: max(len(" ".join(words[:n])), len(" ".join(words[n:]))),
    )
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])


def _without_overlap(cues: list[Cue]) -> list[Cue]:
    """Clamp cues so each starts after the previous one ends and lasts at least 1 ms.

    Cues with the same start are merged into one.
    """
    result: list[Cue] = []
    for cue in cues:
        if result and cue.start_ms <= result[-1].start_ms:
            last = result.pop()
            cue = Cue(last.start_ms, max(last.end_ms, cue.end_ms), last.text + "\n" + cue.text)
        if result and cue.start_ms < result[-1].end_ms:
            last = result.pop()
            result.append(Cue(last.start_ms, cue.start_ms, last.text))
        result.append(Cue(cue.start_ms, max(cue.end_ms, cue.start_ms + 1), cue.text))
    return result


def format_time(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def to_vtt(cues: list[Cue], language: str = "nl") -> str:
    blocks = [f"WEBVTT\nKind: captions\nLanguage: {language}"]
    for number, cue in enumerate(cues, 1):
        timing = f"{format_time(cue.start_ms)} --> {format_time(cue.end_ms)}"
        blocks.append(f"{number}\n{timing}\n{_escape(cue.text)}")
    return "\n\n".join(blocks) + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
