"""One write request at a time per worker when the database is SQLite.

SQLite has a single writer. Without this gate, every thread of the pool that handles a POST waits
in SQLite's busy handler (which polls with growing sleeps), and a burst of writes (a whole cohort
pressing play at 09:00) ends in "database is locked" after the timeout. With the gate the writes
queue in the event loop, in order, and each transaction finds the database free.

The body is read before the gate is taken, so a slow client cannot hold it; the gate opens again
as soon as the response starts (the unit of work has committed by then). Other workers (processes)
still meet at SQLite's busy timeout, which is fine for a handful of them."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class WriteGate:
    def __init__(self, app: ASGIApp, enabled: bool) -> None:
        self.app = app
        self.enabled = enabled
        self._gate: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.enabled or scope["type"] != "http" or scope["method"] not in UNSAFE:
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:  # the client went away before sending everything
            return
        gate = self._gate or asyncio.Semaphore(1)
        self._gate = gate
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
