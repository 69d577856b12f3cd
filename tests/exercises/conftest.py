"""Fixtures for the case exercises: the catalog and a logged-in trainee of the shared test world
(tests/conftest.py: Sanne, Daan and Noor in Voorbeeld's cohort with its trainer)."""

from __future__ import annotations

import pytest
from factories import login_as


@pytest.fixture
def catalog(web_app):
    return web_app.state.catalog_holder.get()


@pytest.fixture
def trainee(client, world):
    login_as(client, world.sanne)
    return world.sanne
