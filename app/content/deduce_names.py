"""The deep name check: person spans from deduce (only for ``doorbraakschool content check``).

deduce needs its lookup tables for streets, places and institutions: over a GiB in memory and,
on a fresh install, minutes to build them once. So only the content check uses it (the
``[content]`` extra); web workers use the compact lexicon in ``name_spans.py``. Without deduce
installed, ``deduce_person_spans`` raises ``DeduceMissing`` and the caller falls back.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import threading
from collections.abc import Iterable
from typing import Any, Protocol


class DeduceMissing(RuntimeError):
    """deduce is not installed (the ``[content]`` extra)."""


class _Annotation(Protocol):
    text: str
    start_char: int
    end_char: int
    tag: str


_lock = threading.Lock()
_cache: list[Any] = []


def deduce_available() -> bool:
    return importlib.util.find_spec("deduce") is not None


def deduce_instance() -> Any:
    """The process-wide ``deduce.Deduce()``, made on first use (seconds; minutes the first time)."""
    with _lock:
        if not _cache:
            if not deduce_available():
                raise DeduceMissing("deduce is not installed: pip install -e '.[content]'")
            _cache.append(load_deduce())
        return _cache[0]


def load_deduce() -> Any:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        # deduce calls logging.basicConfig(DEBUG, stdout) on import; undo that below.
        deduce: Any = importlib.import_module("deduce")  # untyped package: keep it Any
        return deduce.Deduce()
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def deduce_person_spans(text: str) -> list[tuple[int, int]]:
    """Spans deduce tags as a person (tags containing "persoon" or "patient")."""
    document = deduce_instance().deidentify(text)
    annotations: Iterable[_Annotation] = document.annotations
    return [
        (a.start_char, a.end_char) for a in annotations if "persoon" in a.tag or "patient" in a.tag
    ]
