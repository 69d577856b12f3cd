"""One write request at a time per worker when the database is SQLite.

SQLite has a single writer. Without this gate, every thread of the pool that handles a POST waits
in SQLite's busy handler (which polls with growing sleeps), and a burst of writes (a whole cohort
pressing play at 09:00) ends in "database is locked" after the timeout. With the gate the writes
queue in the event loop, in order, and each transaction finds the database free.

The body is read before the gate is taken, so a slow client cannot hold it; the gate opens again
as soon as the response starts (the unit of work has committed by then). Other workers (processes)
still meet at SQLite's busy timeout, which is fine for a handful of them.

A route module can name self-gated paths (`SELF_GATED_PATHS`, e.g. the login): the middleware lets
them through, their request session only reads, and the handler takes the gate (`Gate.hold`) just
around its write, so slow work before it (hashing a password) does not hold up other writes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import anyio.from_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class Gate:
    """The per-worker gate itself: taken by the middleware around most unsafe requests, and by a
    self-gated handler (one that does slow work before it writes) around just its write."""

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


class WriteGate:
    """Middleware: unsafe requests wait for the gate, except the self-gated paths."""

    def __init__(self, app: ASGIApp, gate: Gate, self_gated: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.gate = gate
        self.self_gated = self_gated

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            not self.gate.enabled
            or scope["type"] != "http"
            or scope["method"] not in UNSAFE
            or scope["path"] in self.self_gated
        ):
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:  # the client went away before sending everything
            return
        gate = self.gate.semaphore
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await gate.acquire()
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                gate.release()

        async def send_and_release(message: Message) -> None:
            if message["type"] == "http.response.start":
                release()
            await send(message)

        try:
            await self.app(scope, replay, send_and_release)
        finally:
            release()


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)
