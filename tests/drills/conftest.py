"""Fixtures for the fault drills: a migrated SQLite site with trainees, and servers that are
always stopped (their whole process group) when the test ends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bench import common

TRAINEES = 12


@pytest.fixture
def site(tmp_path: Path) -> common.Site:
    return common.make_site(tmp_path / "site")


@pytest.fixture
def emails(site: common.Site) -> list[str]:
    return common.seed_trainees(site, TRAINEES)


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., common.Server]]:
    """start_server(site, **options) -> a started app server, stopped after the test."""
    started: list[common.Server] = []

    def start(site: common.Site, **options: object) -> common.Server:
        server = common.app_server(site, tmp_path, **options)  # type: ignore[arg-type]
        started.append(server)
        return server.start()

    yield start
    for server in reversed(started):
        server.stop()
