"""Interpreter settings for a serving worker: collector pauses and GIL hand-over.

- **Freeze what start-up built.** Everything loaded before the first request (the course
  catalogue, templates, routes, libraries) lives as long as the worker. `gc.freeze()` moves it
  out of the collector's generations, so a full collection no longer walks it with the GIL held
  (with large start-up structures that took seconds per collection, every 10-25 s under load).
- **Collect the young generation less often.** A request allocates thousands of container
  objects (rows, template contexts); with the default first threshold of 700 the collector runs
  several times per request, and each run that reaches the older generations walks them again.
- **Hand the GIL over sooner.** A short request (an answer, a beacon) that releases the GIL for
  each SQL call waits up to the switch interval to get it back while a long render holds it; the
  default 5 ms makes each of an answer's database round trips wait behind a trainer's grid.

Measured in bench/answers_while_watched.py (bench/README.md)."""

from __future__ import annotations

import gc
import sys

from app.settings import Settings

GC_THRESHOLDS = (20_000, 20, 50)


def tune_worker(settings: Settings) -> None:
    """Call once in a worker after the app is built, before it serves requests."""
    gc.collect()
    if settings.gc_freeze:
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)
    sys.setswitchinterval(settings.switch_interval_ms / 1000)
