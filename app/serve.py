"""Start uvicorn with one or more workers on a listener that keeps TCP_NODELAY.

uvicorn's multi-worker path binds the listening socket with protocol 0; accepted sockets inherit
it and asyncio then skips TCP_NODELAY, so every keep-alive response written in two segments waits
for the client's delayed ACK (about 40 ms; uvicorn issue #3149). Binding with IPPROTO_TCP avoids
that. Measured in bench/ (module page with 2 workers).

uvicorn's own proxy-header handling stays off: it would trust X-Forwarded-For from 127.0.0.1 by
default. The app reads the header itself, only from `DOORBRAAK_TRUSTED_PROXIES`
(`app/web/client.py`)."""

from __future__ import annotations

import socket

import uvicorn
from uvicorn.supervisors import Multiprocess


def tcp_listener(config: uvicorn.Config) -> socket.socket:
    bound = config.bind_socket()
    fixed = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
    fixed.set_inheritable(True)
    return fixed


def serve(app: str, *, host: str, port: int, workers: int) -> None:
    config = uvicorn.Config(
        app, host=host, port=port, workers=workers, proxy_headers=False, log_level="info"
    )
    if workers <= 1:
        uvicorn.Server(config).run(sockets=[tcp_listener(config)])
        return
    Multiprocess(config, sockets=[tcp_listener(config)]).run()
