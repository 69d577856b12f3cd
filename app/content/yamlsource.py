"""YAML and front matter with line numbers, and pydantic errors turned into problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from app.content.problems import Problem

Key = str | int
MAX_DEPTH = 32
KeyPath = tuple[Key, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Position:
    """Where a key or list item stands (``line``) and where its text value starts."""

    line: int
    text_line: int
    literal: bool = False  # a `|` block: lines of the value map one to one onto the file


@dataclass(frozen=True, slots=True)
class LineMap:
    """Line numbers (from 1, in the file) of every key and list item, by key path."""

    positions: dict[KeyPath, Position] = field(default_factory=dict)
    first_line: int = 1

    def line(self, path: Sequence[Key], offset: int | None = None, text: str = "") -> int:
        """The line of ``path`` or its nearest known ancestor.

        With ``offset`` into ``text`` (the value at ``path``), the line of that character when the
        value is a literal block.
        """
        keys = tuple(path)
        while keys:
            position = self.positions.get(keys)
            if position is not None:
                if offset is not None and position.literal:
                    return position.text_line + text.count("\n", 0, offset)
                return position.text_line if offset is not None else position.line
            keys = keys[:-1]
        return self.first_line


@dataclass(frozen=True, slots=True)
class YamlResult:
    data: Any
    lines: LineMap
    problems: tuple[Problem, ...] = ()


def parse_yaml(text: str, file: str, first_line: int = 1) -> YamlResult:
    """Parse one YAML document; ``first_line`` is the file line of the text's first line."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        positions: dict[KeyPath, Position] = {}
        problems: list[Problem] = []
        if node is not None:
            _walk(node, (), positions, problems, _Context(loader, file, first_line - 1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        message = " ".join(str(error).split())
        return YamlResult(None, LineMap(first_line=first_line), (Problem(file, line, message),))
    finally:
        loader.dispose()
    return YamlResult(data, LineMap(positions, first_line), tuple(problems))


@dataclass(frozen=True, slots=True)
class _Context:
    loader: yaml.SafeLoader
    file: str
    shift: int  # file line = 0-based node line + 1 + shift


def _position(key_node: Node, value_node: Node, shift: int) -> Position:
    line = key_node.start_mark.line + 1 + shift
    text_line = value_node.start_mark.line + 1 + shift
    literal = isinstance(value_node, ScalarNode) and value_node.style == "|"
    if literal:
        text_line += 1  # the text starts on the line after the `|` indicator
    return Position(line, text_line, literal)


def _walk(
    node: Node, path: KeyPath, out: dict[KeyPath, Position], problems: list[Problem], ctx: _Context
) -> None:
    if len(path) > MAX_DEPTH:  # a recursive alias (`a: &x [*x]`) would never end
        return
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = ctx.loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int):
                continue
            child = (*path, key)
            position = _position(key_node, value_node, ctx.shift)
            if child in out:
                message = f"{format_path(child)}: key appears twice"
                problems.append(Problem(ctx.file, position.line, message))
            out[child] = position
            _walk(value_node, child, out, problems, ctx)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            out[child] = _position(item, item, ctx.shift)
            _walk(item, child, out, problems, ctx)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    yaml_text: str
    body: str
    yaml_line: int  # file line of the first front-matter line
    body_line: int  # file line of the first body line


def split_front_matter(text: str) -> FrontMatter | None:
    """Split ``---`` front matter from a Markdown body; ``None`` when there is none."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return FrontMatter(
                yaml_text="\n".join(lines[1:index]),
                body="\n".join(lines[index + 1 :]),
                yaml_line=2,
                body_line=index + 2,
            )
    return None


def validate(
    model: type[M], data: Any, file: str, lines: LineMap
) -> tuple[M | None, list[Problem]]:
    """Validate ``data`` against ``model``; errors become problems with path and line."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, validation_problems(error, file, lines)


def validation_problems(error: ValidationError, file: str, lines: LineMap) -> list[Problem]:
    """One problem per error, leaving out a list's "too short" when one of its items failed
    (pydantic counts only the valid items, which would be a confusing second message)."""
    details = error.errors()
    failed = [_loc(detail) for detail in details]
    problems = []
    for detail in details:
        loc = _loc(detail)
        if detail["type"] == "too_short" and any(
            len(other) > len(loc) and other[: len(loc)] == loc for other in failed
        ):
            continue
        message = str(detail["msg"]).removeprefix("Value error, ")
        found = detail.get("input")
        if detail["type"] not in ("missing", "extra_forbidden") and _is_short_scalar(found):
            message = f"{message} (found {found!r})"
        where = format_path(loc)
        problems.append(Problem(file, lines.line(loc), f"{where}: {message}" if where else message))
    return problems


def _loc(detail: ErrorDetails) -> KeyPath:
    return tuple(part for part in detail["loc"] if isinstance(part, str | int))


def _is_short_scalar(value: object) -> bool:
    return isinstance(value, str | int | float | bool) and len(str(value)) <= 60


def format_path(path: Sequence[Key]) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text
