"""Dutch speech from espeak-ng (the library in the ``espeakng-loader`` wheel) through ctypes.

Besides the PCM, espeak reports a WORD event per word with its character position and audio time;
those times place the captions.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from typing import Any

VOICE = "nl"
WORDS_PER_MINUTE = 150
_SYNCHRONOUS = 2
_EVENT_LIST_TERMINATED = 0
_EVENT_WORD = 1
_PARAMETER_RATE = 1
_POSITION_CHARACTER = 1
_CHARS_UTF8 = 1


class SpeechError(RuntimeError):
    """espeak-ng could not be loaded or did not synthesise."""


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_char * 8),
    ]


_Callback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)


@dataclass(frozen=True, slots=True)
class Speech:
    """16-bit mono PCM at ``rate`` Hz, and per word event (1-based char position, seconds)."""

    pcm: bytes
    rate: int
    words: tuple[tuple[int, float], ...]

    @property
    def duration(self) -> float:
        return len(self.pcm) / 2 / self.rate


class _Engine:
    """One espeak-ng instance; espeak is not thread-safe, so every call holds the lock."""

    def __init__(self) -> None:
        import espeakng_loader

        self.lock = threading.Lock()
        self.lib: Any = ctypes.cdll.LoadLibrary(espeakng_loader.get_library_path())
        self.lib.espeak_Initialize.argtypes = [
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_int,
        ]
        data = espeakng_loader.get_data_path().encode()
        self.rate = int(self.lib.espeak_Initialize(_SYNCHRONOUS, 0, data, 0))
        if self.rate <= 0:
            raise SpeechError("espeak-ng failed to initialise")
        self.lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        self.chunks: list[bytes] = []
        self.events: list[tuple[int, float]] = []
        self.callback = _Callback(self._collect)  # kept referenced while the library holds it
        self.lib.espeak_SetSynthCallback(self.callback)

    def _collect(self, wav: Any, samples: int, events: Any) -> int:
        if samples > 0:
            self.chunks.append(ctypes.string_at(wav, samples * 2))
        i = 0
        while events[i].type != _EVENT_LIST_TERMINATED:
            if events[i].type == _EVENT_WORD:
                self.events.append((events[i].text_position, events[i].audio_position / 1000))
            i += 1
        return 0

    def synthesise(self, text: str, voice: str, speed: int) -> Speech:
        with self.lock:
            self.chunks, self.events = [], []
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise SpeechError(f"espeak-ng has no voice {voice!r}")
            self.lib.espeak_SetParameter(_PARAMETER_RATE, speed, 0)
            data = text.encode("utf-8")
            flags = _CHARS_UTF8
            status = self.lib.espeak_Synth(
                data, len(data) + 1, 0, _POSITION_CHARACTER, 0, flags, None, None
            )
            if status != 0:
                raise SpeechError(f"espeak_Synth returned {status}")
            return Speech(b"".join(self.chunks), self.rate, tuple(self.events))


_engine: _Engine | None = None
_engine_lock = threading.Lock()


def _get_engine() -> _Engine:
    global _engine
    with _engine_lock:
        if _engine is None:
            try:
                _engine = _Engine()
            except (ImportError, OSError) as error:
                raise SpeechError(f"cannot load espeak-ng: {error}") from error
        return _engine


def synthesise(text: str, voice: str = VOICE, speed: int = WORDS_PER_MINUTE) -> Speech:
    """Speak ``text`` (Dutch by default) and return the audio with its word events."""
    return _get_engine().synthesise(text, voice, speed)


def word_starts(text: str, speech: Speech) -> list[float]:
    """The start time of every whitespace token of ``text`` from espeak's word events.

    A number such as ``2026`` gives several events inside one token: the first one counts. A token
    without an event (a lone dash) takes the time of the next token that has one.
    """
    spans = token_spans(text)
    starts: list[float | None] = [None] * len(spans)
    index = 0
    for position, seconds in speech.words:
        offset = position - 1
        while index < len(spans) and spans[index][1] <= offset:
            index += 1
        if index < len(spans) and spans[index][0] <= offset and starts[index] is None:
            starts[index] = seconds
    return _fill_gaps(starts, speech.duration)


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the whitespace-separated tokens of ``text``."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, char in enumerate(text + " "):
        if char.isspace():
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    return spans


def _fill_gaps(starts: list[float | None], end: float) -> list[float]:
    filled: list[float] = [0.0] * len(starts)
    following = end
    for i in range(len(starts) - 1, -1, -1):
        value = starts[i]
        following = value if value is not None else following
        filled[i] = following
    for i in range(1, len(filled)):  # never earlier than the word before
        filled[i] = max(filled[i], filled[i - 1])
    return filled
