"""Real-browser tests: Playwright driving Debian's chromium against a live server on loopback.

The server runs in its own process with a fresh SQLite database, the demo data and one short
rendered video. When chromium or Playwright is missing the tests skip and say why. A failing
test leaves a screenshot in test-artifacts/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from browser_support import PASSWORD, login
from phone_sweep import PHONE, ROLES, Sweep, crawl

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
FIXTURE_SCRIPT = ROOT / "tests" / "media" / "fixtures" / "01-proefvideo" / "script.yaml"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
    "--mute-audio",
]

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DOORBRAAK_ENVIRONMENT": "development",
            "DOORBRAAK_DATA_DIR": str(data_dir),
            "DOORBRAAK_DATABASE_URL": f"sqlite:///{data_dir / 'browser.db'}",
            "DOORBRAAK_SECRET_KEY": "browser-tests-secret-key-long-enough-0123456789",
            "DOORBRAAK_CONTENT_CHECK_NAMES": "false",
            "DOORBRAAK_CONTENT_RELOAD": "false",
            "DOORBRAAK_PASSWORD_HASH_MEMORY_KIB": "1024",
            "DOORBRAAK_PASSWORD_HASH_TIME_COST": "1",
        }
    )
    return env


def _render_short_video(media_dir: Path, tmp: Path) -> None:
    """Render the 2-scene test script under module 1's video id (a few seconds of video)."""
    from app.media import render_video

    folder = tmp / "videos" / "01-waarom-doorbreken"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURE_SCRIPT, folder / "script.yaml")
    result = render_video(folder / "script.yaml", media_dir)
    assert result.ok, result


@pytest.fixture(scope="session")
def live_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live server's data folder (its SQLite database is `browser.db` in here)."""
    return tmp_path_factory.mktemp("browser-server")


@pytest.fixture(scope="session")
def live_server(live_data_dir: Path) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's chromium is not installed (apt-get install chromium); browser tests skipped"
        )
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    data_dir = live_data_dir
    env = _env(data_dir)
    cli = [sys.executable, "-m", "app.cli"]
    subprocess.run([*cli, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run(
        [*cli, "demo", "--password", PASSWORD], env=env, cwd=ROOT, check=True, capture_output=True
    )
    _render_short_video(data_dir / "media", data_dir)
    port = _free_port()
    log = (data_dir / "server.log").open("w")
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped during start-up")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not start within 60 s")


@pytest.fixture(scope="module")
def browser(live_server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _page(browser, live_server: str, request: pytest.FixtureRequest, *, bypass_csp: bool):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server, locale="nl-NL", bypass_csp=bypass_csp)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def page(browser, live_server: str, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A tab that enforces the app's real Content-Security-Policy."""
    yield from _page(browser, live_server, request, bypass_csp=False)


@pytest.fixture
def axe_page(browser, live_server: str, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A tab where axe-core may be injected (the CSP would rightly block it otherwise)."""
    yield from _page(browser, live_server, request, bypass_csp=True)


@pytest.fixture(scope="session")
def sweeps() -> dict[str, Sweep]:
    return {}


@pytest.fixture(scope="module")
def sweep(browser, live_server: str, sweeps: dict[str, Sweep]) -> Sweep:  # type: ignore[no-untyped-def]
    """The phone sweep (tests/phone_sweep.py), crawled once per run and shared by the modules."""
    if live_server in sweeps:
        return sweeps[live_server]
    result = Sweep()
    for role, email in ROLES.items():
        context = browser.new_context(
            base_url=live_server, locale="nl-NL", viewport=PHONE, bypass_csp=True
        )
        context.set_default_timeout(15_000)
        try:
            page = context.new_page()
            if email:
                login(page, email)
            crawl(page, role, result)
        finally:
            context.close()
    sweeps[live_server] = result
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report
