"""Reading ``videos/NN-slug/script.yaml`` into what the renderer needs.

The renderer reads the script itself (leniently) instead of through ``app.content``: the content
check enforces the course rules (6-12 scenes), while a test fixture with two scenes must render too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

RECORDING_PATTERN = re.compile(r"^scene-\d{2}\.wav$")


class ScriptError(ValueError):
    """The script cannot be rendered (missing keys, wrong types)."""


@dataclass(frozen=True, slots=True)
class SceneSpec:
    """One slide and its narration; ``number`` counts from 1."""

    number: int
    title: str
    bullets: tuple[str, ...]
    diagram: tuple[str, ...]
    narration: str  # whitespace normalised: single spaces, no line breaks
    recording: Path | None  # videos/NN-slug/scene-NN.wav when a recorded voice exists


@dataclass(frozen=True, slots=True)
class ScriptSpec:
    video_id: str
    module: int
    title: str
    scenes: tuple[SceneSpec, ...]


def normalise(text: str) -> str:
    return " ".join(text.split())


def recording_path(folder: Path, number: int) -> Path:
    """Where a recorded narration for scene ``number`` lives: ``scene-01.wav``."""
    return folder / f"scene-{number:02d}.wav"


def recordings(folder: Path) -> list[Path]:
    """Every ``scene-NN.wav`` in the script's folder, sorted by name."""
    return sorted(p for p in folder.iterdir() if RECORDING_PATTERN.match(p.name) and p.is_file())


def load_script(script_path: Path) -> ScriptSpec:
    try:
        data = yaml.safe_load(script_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ScriptError(f"{script_path}: invalid YAML: {error}") from error
    if not isinstance(data, dict):
        raise ScriptError(f"{script_path}: expected a mapping at the top")
    scenes = data.get("scenes")
    if not isinstance(scenes, list) or not scenes:
        raise ScriptError(f"{script_path}: 'scenes' must be a non-empty list")
    folder = script_path.parent
    return ScriptSpec(
        video_id=folder.name,
        module=_integer(data.get("module"), f"{script_path}: module"),
        title=_text(data.get("title"), f"{script_path}: title"),
        scenes=tuple(_scene(item, i, folder, script_path) for i, item in enumerate(scenes, 1)),
    )


def _scene(item: Any, number: int, folder: Path, script_path: Path) -> SceneSpec:
    where = f"{script_path}: scene {number}"
    if not isinstance(item, dict):
        raise ScriptError(f"{where}: expected a mapping")
    recording = recording_path(folder, number)
    return SceneSpec(
        number=number,
        title=_text(item.get("title"), f"{where} title"),
        bullets=_texts(item.get("bullets"), f"{where} bullets"),
        diagram=_texts(item.get("diagram"), f"{where} diagram"),
        narration=_text(item.get("narration"), f"{where} narration"),
        recording=recording if recording.is_file() else None,
    )


def _integer(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScriptError(f"{where} must be a whole number")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ScriptError(f"{where} must be text")
    text = normalise(str(value))
    if not text:
        raise ScriptError(f"{where} must not be empty")
    return text


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ScriptError(f"{where} must be a list")
    return tuple(_text(v, where) for v in value)
