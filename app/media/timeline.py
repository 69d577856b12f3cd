"""The timing model: per scene a voice (synthetic or recorded), lead and tail silence, whole frames.

Scene length = LEAD + speech + TAIL, rounded up to whole frames. Every word token of the narration
gets a start time in the video; captions are cut from those.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.media import audio, speech
from app.media.script import SceneSpec, ScriptSpec
from app.media.speech import token_spans

FPS = 25
LEAD_SECONDS = 0.6
TAIL_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class SceneTiming:
    number: int
    start: float  # when the slide appears, seconds from the start of the video
    duration: float  # slide length, whole frames
    speech_start: float
    speech_end: float
    tokens: tuple[str, ...]  # the narration split on whitespace
    token_starts: tuple[float, ...]  # seconds from the start of the video
    recorded: bool


@dataclass(frozen=True, slots=True)
class Timeline:
    scenes: tuple[SceneTiming, ...]
    pcm: bytes  # the whole narration track at audio.SAMPLE_RATE

    @property
    def duration(self) -> float:
        last = self.scenes[-1]
        return last.start + last.duration


def build_timeline(script: ScriptSpec) -> Timeline:
    scenes: list[SceneTiming] = []
    parts: list[bytes] = []
    frame = 0
    for scene in script.scenes:
        start = frame / FPS
        voice, relative = _voice(scene)
        spoken = audio.duration(voice)
        frames = audio.frames_to_cover(LEAD_SECONDS + spoken + TAIL_SECONDS, FPS)
        length = frames / FPS
        parts.append(audio.pad_to(audio.silence(LEAD_SECONDS) + voice, length))
        speech_start = start + LEAD_SECONDS
        scenes.append(
            SceneTiming(
                number=scene.number,
                start=start,
                duration=length,
                speech_start=speech_start,
                speech_end=speech_start + spoken,
                tokens=tuple(scene.narration.split()),
                token_starts=tuple(speech_start + t for t in relative),
                recorded=scene.recording is not None,
            )
        )
        frame += frames
    return Timeline(tuple(scenes), b"".join(parts))


def _voice(scene: SceneSpec) -> tuple[bytes, list[float]]:
    """The scene's PCM and each token's start time relative to the start of the voice."""
    if scene.recording is not None:
        pcm = audio.decode_wav(scene.recording)
        return pcm, proportional_starts(scene.narration, audio.duration(pcm))
    spoken = speech.synthesise(scene.narration)
    pcm = audio.resample_pcm(spoken.pcm, spoken.rate)
    return pcm, speech.word_starts(scene.narration, spoken)


def proportional_starts(text: str, seconds: float) -> list[float]:
    """Token start times for a recorded voice: spread over ``seconds`` by character position.

    Sentences therefore start in proportion to the length of the text before them.
    """
    spans = token_spans(text)
    if not spans:
        return []
    total = len(text)
    return [seconds * begin / total for begin, _ in spans]
