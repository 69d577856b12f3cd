"""One write transaction at a time per worker when the database is SQLite.

SQLite has a single writer. Without this gate, every thread of the pool that handles a POST waits
in SQLite's busy handler (which polls with growing sleeps), and a burst of writes (a whole cohort
pressing play at 09:00) ends in "database is locked" after the timeout. With the gate the writes
queue in the event loop, in order, and each transaction finds the database free.

The gate covers the unit of work only. `app.web.deps.write_turn` reads the request body first (a
slow client cannot hold the gate), then waits for the gate (`Gate.turn`), and gives it back as
soon as the request's session has committed or rolled back. Rendering the response comes after
that (`app.web.templating.render` defers it for unsafe requests), so a write never waits for
another request's template. Other workers (processes) still meet at SQLite's busy timeout, which
is fine for a handful of them.

A route module can name self-gated paths (`SELF_GATED_PATHS`, e.g. the login): their request
session only reads, and the handler takes the gate (`Gate.hold`) just around its write, so slow
work before it (hashing a password) does not hold up other writes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import anyio.from_thread


class Gate:
    """The per-worker gate: taken around the request's unit of work (`turn`, in the event loop),
    or by a self-gated handler around just its write (`hold`, from its worker thread)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._semaphore: asyncio.Semaphore | None = None

    @property
    def semaphore(self) -> asyncio.Semaphore:
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(1)
        return self._semaphore

    @property
    def held(self) -> bool:
        return self.enabled and self._semaphore is not None and self._semaphore.locked()

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait in the event loop, in order, until no other write of this worker is running."""
        if not self.enabled:
            yield
            return
        async with self.semaphore:
            yield

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Take the gate from a handler's worker thread (sync handlers run in anyio's pool)."""
        if not self.enabled:
            yield
            return
        anyio.from_thread.run(self.semaphore.acquire)
        try:
            yield
        finally:
            anyio.from_thread.run_sync(self.semaphore.release)
