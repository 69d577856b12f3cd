"""Shared helpers for the benchmarks and the fault drills.

A *site* is a throw-away data folder with a migrated SQLite database and a "rendered" video;
a *server* is `doorbraakschool serve` (or the floor app) started in its own process group on a
free loopback port and always stopped by the code that started it. Everything here talks only
to 127.0.0.1 and every wait is bounded in time.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
PYTHON = sys.executable
HOST = "127.0.0.1"
SECRET_KEY = "bench-and-drill-secret-key-0123456789abcdef"
PASSWORD = "bench wachtwoord 2027"
VIDEO = "01-waarom-doorbreken"
VIDEO_SECONDS = 200.0
ORG_SLUG = "bench"
CSRF_RE = re.compile(r'data-csrf-token="([^"]+)"')
STARTUP_SECONDS = 90.0
CLIENT_TIMEOUT = 30.0  # seconds a simulated client waits for one answer


# --- sites -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """A data folder, its SQLite file and the environment a server for it runs with."""

    root: Path
    database: Path

    @property
    def url(self) -> str:
        return f"sqlite:///{self.database}"

    @property
    def media_dir(self) -> Path:
        return self.root / "var" / "media"

    def env(self, **extra: str) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if not k.startswith("DOORBRAAK_")}
        return keep | {
            "DOORBRAAK_ENVIRONMENT": "production",
            "DOORBRAAK_DATA_DIR": str(self.root / "var"),
            "DOORBRAAK_DATABASE_URL": self.url,
            "DOORBRAAK_SECRET_KEY": SECRET_KEY,
            "DOORBRAAK_BASE_URL": "http://127.0.0.1",
            "DOORBRAAK_CONTENT_CHECK_NAMES": "false",
            # Login is not what is measured: cheap hashes keep the set-up of 200 accounts short.
            "DOORBRAAK_PASSWORD_HASH_MEMORY_KIB": "8",
            "DOORBRAAK_PASSWORD_HASH_TIME_COST": "1",
            # Every simulated trainee logs in from 127.0.0.1, several at once per account: the
            # login throttle counts each attempt before its hash, so raise its limits.
            "DOORBRAAK_LOGIN_MAX_FAILURES_ACCOUNT": "1000",
            "DOORBRAAK_LOGIN_MAX_FAILURES_ADDRESS": "100000",
            "PYTHONUNBUFFERED": "1",
            **extra,
        }

    def settings(self):  # type: ignore[no-untyped-def]
        from app.settings import Settings

        return Settings(
            environment="production",
            data_dir=self.root / "var",
            database_url=self.url,
            secret_key=SECRET_KEY,
            base_url="http://127.0.0.1",
            content_check_names=False,
            content_reload=False,
            password_hash_memory_kib=8,
            password_hash_time_cost=1,
            login_max_failures_account=1000,
            login_max_failures_address=100_000,
        )


def make_site(root: Path, *, database: Path | None = None) -> Site:
    """Migrate a fresh database (optionally at another path) and render the bench video."""
    from app.migrate import upgrade

    root.mkdir(parents=True, exist_ok=True)
    site = Site(root=root, database=database or root / "var" / "doorbraakschool.db")
    site.database.parent.mkdir(parents=True, exist_ok=True)
    upgrade(site.url)
    render_video(site.media_dir)
    return site


def render_video(media_dir: Path) -> None:
    """Stand-in files for a rendered video: the app only needs the manifest and an mp4."""
    folder = media_dir / VIDEO
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "video.mp4").write_bytes(b"\x00" * 1024)
    (folder / "captions.nl.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n")
    (folder / "poster.jpg").write_bytes(b"\xff\xd8\xff")
    manifest = {"duration_seconds": VIDEO_SECONDS}
    (folder / "manifest.json").write_text(json.dumps(manifest))


def seed_trainees(
    site: Site,
    count: int,
    *,
    prefix: str = "deelnemer",
    role: str = "trainee",
    cohort_id: int | None = None,
) -> list[str]:
    """`count` accounts with `role` in the bench organisation (trainees are enrolled in one new
    cohort, or in `cohort_id`); returns their e-mail addresses. All share the password PASSWORD."""
    from app.accounts import service as accounts
    from app.accounts.models import Role
    from app.cohorts import service as cohorts
    from app.cohorts.models import Cohort
    from app.db import create_database, session_scope

    settings = site.settings()
    db = create_database(site.url)
    emails = [f"{prefix}{n:05d}@{ORG_SLUG}.example" for n in range(count)]
    try:
        with session_scope(db, write=True) as session:
            org_id = _bench_organisation(session)
            cohort = session.get(Cohort, cohort_id) if cohort_id is not None else None
            if role == Role.trainee and cohort is None:
                start = date(2027, 1, 11)
                cohort = cohorts.create_cohort(
                    session,
                    organisation_id=org_id,
                    name=f"Belastingtest {prefix}",
                    starts_on=start,
                    ends_on=start + timedelta(weeks=12),
                    actor_id=None,
                )
            for email in emails:
                user = accounts.create_user(
                    session, settings, email=email, display_name="Sanne", password=PASSWORD
                )
                accounts.add_membership(
                    session, user=user, organisation_id=org_id, role=Role(role), actor_id=None
                )
                if cohort is not None:
                    cohorts.enrol(session, cohort=cohort, user=user, actor_id=None)
    finally:
        db.dispose()
    return emails


def _bench_organisation(session) -> int:  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from app.accounts import service as accounts
    from app.accounts.models import Organisation

    org = session.exec(select(Organisation).where(Organisation.slug == ORG_SLUG)).first()
    if org is None:
        org = accounts.create_organisation(
            session, name="Gemeente Bench", slug=ORG_SLUG, actor_id=None
        )
    assert org.id is not None
    org_id: int = org.id
    return org_id


# --- servers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


class ServerFailed(RuntimeError):
    pass


@dataclass
class Server:
    """A server process group on 127.0.0.1; `stop()` ends the whole group."""

    argv: list[str]
    env: dict[str, str]
    log_path: Path
    port: int = field(default_factory=free_port)
    ready_path: str = "/healthz"
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> Server:
        argv = [part.replace("{port}", str(self.port)) for part in self.argv]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                argv, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise ServerFailed(f"server stopped at start-up:\n{self.log_tail()}")
            try:
                if httpx.get(self.base_url + self.ready_path, timeout=2).status_code < 500:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise ServerFailed(f"server not ready within {STARTUP_SECONDS} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _signal_group(self, sig: signal.Signals) -> None:
        if self.process is None:
            return
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once (a crash, not a shutdown)."""
        self._signal_group(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)
        self._wait_group_gone()

    def stop(self) -> None:
        if self.process is None:
            return
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._signal_group(signal.SIGKILL)
            self.process.wait(timeout=10)
        self._signal_group(signal.SIGKILL)  # stray workers, if any
        self._wait_group_gone()
        self.process = None

    def _wait_group_gone(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and group_members(self.process.pid):
            time.sleep(0.05)

    def worker_pids(self) -> list[int]:
        """The uvicorn worker processes (children of the master), or the master itself."""
        if self.process is None:
            return []
        children = [pid for pid in group_members(self.process.pid) if pid != self.process.pid]
        workers = [pid for pid in children if b"spawn_main" in _cmdline(pid)]
        return workers or [self.process.pid]

    def worker_rss(self) -> list[float]:
        """VmRSS (MiB) of each worker process, read from /proc/<pid>/status."""
        return [rss_mib(pid) for pid in self.worker_pids()]

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def group_members(pgid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry.name))
    return members


def _cmdline(pid: int) -> bytes:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU time the processes have used (from /proc/<pid>/stat). On a shared
    machine this moves far less with other work than wall-clock time does."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def rss_mib(pid: int) -> float:
    """VmRSS of a process in MiB (0 when it is gone)."""
    try:
        status = (Path("/proc") / str(pid) / "status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0


def app_server(
    site: Site, log_dir: Path, *, workers: int = 2, cli: bool = False, **env: str
) -> Server:
    """The app with `workers` uvicorn workers: through bench/serve.py (TCP_NODELAY, see there),
    or with cli=True exactly as shipped: `doorbraakschool serve`."""
    if cli:
        argv = [PYTHON, "-m", "app.cli", "serve", "--host", HOST, "--port", "{port}"]
    else:
        argv = [PYTHON, str(BENCH_DIR / "serve.py"), "app.asgi:app", "--host", HOST]
        argv += ["--port", "{port}"]
    argv += ["--workers", str(workers)]
    name = "app-cli.log" if cli else "app.log"
    return Server(argv=argv, env=site.env(**env), log_path=log_dir / name)


def floor_server(floor_dir: Path, log_dir: Path, *, workers: int = 2) -> Server:
    """The bare Starlette floor (bench/floor_app.py) with the same uvicorn settings as the app."""
    argv = [PYTHON, str(BENCH_DIR / "serve.py"), "floor_app:app", "--app-dir", str(BENCH_DIR)]
    argv += ["--host", HOST, "--port", "{port}", "--workers", str(workers)]
    env = dict(os.environ) | {"FLOOR_DIR": str(floor_dir), "PYTHONUNBUFFERED": "1"}
    return Server(argv=argv, env=env, log_path=log_dir / "floor.log", ready_path="/healthz")


@contextmanager
def running(*servers: Server) -> Iterator[tuple[Server, ...]]:
    """Start the servers in order; stop every one that started, whatever happens."""
    started: list[Server] = []
    try:
        for server in servers:
            started.append(server.start())
        yield tuple(started)
    finally:
        for server in reversed(started):
            server.stop()


# --- logging in --------------------------------------------------------------------------------


def csrf_in(html: str) -> str:
    match = CSRF_RE.search(html)
    if match is None:
        raise ValueError("no data-csrf-token on the page")
    return match.group(1)


def login(client: httpx.Client, email: str, password: str = PASSWORD) -> str:
    """Log in through the form; return the session's CSRF token."""
    token = csrf_in(client.get("/inloggen").text)
    form = {"email": email, "password": password, "csrf_token": token}
    response = client.post("/inloggen", data=form)
    if response.status_code != 303:
        raise RuntimeError(f"login of {email} failed: {response.status_code}")
    return csrf_in(client.get("/modules").text)


async def alogin(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> str:
    token = csrf_in((await client.get("/inloggen")).text)
    form = {"email": email, "password": password, "csrf_token": token}
    response = await client.post("/inloggen", data=form)
    if response.status_code != 303:
        raise RuntimeError(f"login of {email} failed: {response.status_code}")
    return csrf_in((await client.get("/modules")).text)


def segment_at(start: float, seconds: float = 1.0) -> tuple[float, float]:
    """`seconds` of video from `start`, wrapping before the end of the video."""
    start = round(start % (VIDEO_SECONDS - seconds), 2)
    return start, round(start + seconds, 2)


def beacon_body(seq: int, start: float, seconds: float = 1.0, page: str = "bench") -> bytes:
    """One beacon reporting segment_at(start, seconds) as newly watched."""
    first, last = segment_at(start, seconds)
    body = {
        "video": VIDEO,
        "page": page,
        "seq": seq,
        "segments": [[first, last]],
        "position": last,
        "rate": 1,
    }
    return json.dumps(body).encode()


# --- load and statistics ----------------------------------------------------------------------


@dataclass
class Load:
    """Latencies (seconds) of the answered requests, counts of statuses and of failures."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: int = 0  # transport errors and unexpected statuses
    unexpected: dict[str, int] = field(default_factory=dict)  # "500", "transport", ...
    elapsed: float = 0.0

    def describe_failures(self) -> str:
        if not self.failures:
            return "0"
        detail = ", ".join(f"{count}× {kind}" for kind, count in sorted(self.unexpected.items()))
        return f"{self.failures} ({detail})"

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rate(self) -> float:
        return self.count / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
        return ordered[index]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    no_answer: int = 0  # requests that ended without a status (timeout, reset)

    def add(
        self, latency: float, status: int | None, expected: Sequence[int], failure: str = ""
    ) -> None:
        """Count one request: its status, or (status None) `failure` as the reason."""
        if status is None or status not in expected:
            self.failures += 1
            kind = (failure or "no answer") if status is None else str(status)
            self.unexpected[kind] = self.unexpected.get(kind, 0) + 1
        if status is None:
            self.no_answer += 1
        else:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.latencies.append(latency)


def failure_kind(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"timeout ({CLIENT_TIMEOUT:.0f} s)"
    if isinstance(exc, httpx.NetworkError | httpx.RemoteProtocolError):
        return "connection closed/reset"
    return type(exc).__name__


Request = Callable[[int], Awaitable[httpx.Response]]


async def run_load(
    slots: Sequence[Request],
    *,
    total: int,
    max_seconds: float,
    expected: Sequence[int] = (200,),
) -> Load:
    """Each slot sends requests one after another until `total` are sent or time is up."""
    load = Load()
    sent = 0
    deadline = time.monotonic() + max_seconds

    async def slot_loop(send: Request) -> None:
        nonlocal sent
        while sent < total and time.monotonic() < deadline:
            number = sent
            sent += 1
            began = time.perf_counter()
            try:
                response = await send(number)
            except httpx.HTTPError as exc:
                load.add(0.0, None, expected, failure_kind(exc))
                continue
            load.add(time.perf_counter() - began, response.status_code, expected)

    began = time.perf_counter()
    await asyncio.gather(*(slot_loop(send) for send in slots))
    load.elapsed = time.perf_counter() - began
    return load


def async_client(base_url: str) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
    return httpx.AsyncClient(base_url=base_url, timeout=CLIENT_TIMEOUT, limits=limits)


@dataclass
class Trainee:
    """One simulated trainee: its own connection, cookies and CSRF token."""

    email: str
    client: httpx.AsyncClient
    token: str = ""
    seq: int = 0
    watched: float = 0.0
    last_segment: tuple[float, float] = (0.0, 0.0)

    async def beacon(self, seconds: float = 1.0) -> httpx.Response:
        """Report the next `seconds` of video as watched (kept in last_segment)."""
        self.last_segment = segment_at(self.watched, seconds)
        body = beacon_body(self.seq, self.watched, seconds)
        self.seq += 1
        self.watched += seconds
        headers = {"X-CSRF-Token": self.token, "content-type": "application/json"}
        return await self.client.post("/api/progress/video", content=body, headers=headers)

    async def answer(self, path: str = "/modules/1/vragen/m01-q1") -> httpx.Response:
        """Submit a knowledge-check answer the way htmx does (a 200 fragment when saved)."""
        form = {"answer": "0", "csrf_token": self.token}
        return await self.client.post(path, data=form, headers={"HX-Request": "true"})


async def login_many(base_url: str, emails: Sequence[str], concurrency: int = 16) -> list[Trainee]:
    """Log every trainee in through the form, at most `concurrency` at a time."""
    gate = asyncio.Semaphore(concurrency)
    trainees = [Trainee(email, async_client(base_url)) for email in emails]

    async def one(trainee: Trainee) -> None:
        async with gate:
            trainee.token = await alogin(trainee.client, trainee.email)

    await asyncio.gather(*(one(trainee) for trainee in trainees))
    return trainees


async def close_all(trainees: Sequence[Trainee]) -> None:
    await asyncio.gather(*(trainee.client.aclose() for trainee in trainees))


def best(runs: Sequence[Load]) -> Load:
    """The round with the highest rate, carrying the failures of every round."""
    chosen = max(runs, key=lambda load: load.rate)
    chosen.failures = sum(load.failures for load in runs)
    chosen.no_answer = sum(load.no_answer for load in runs)
    merged: dict[str, int] = {}
    for load in runs:
        for kind, count in load.unexpected.items():
            merged[kind] = merged.get(kind, 0) + count
    chosen.unexpected = merged
    return chosen


async def compare(
    app_slots: Sequence[Request],
    floor_slots: Sequence[Request],
    *,
    total: int,
    max_seconds: float,
    rounds: int = 2,
    warmup: int = 40,
) -> tuple[Load, Load]:
    """Warm both up, then alternate app and floor rounds; report the best round of each."""
    await run_load(app_slots, total=warmup, max_seconds=max_seconds)
    await run_load(floor_slots, total=warmup, max_seconds=max_seconds)
    app_runs, floor_runs = [], []
    for _ in range(rounds):
        app_runs.append(await run_load(app_slots, total=total, max_seconds=max_seconds))
        floor_runs.append(await run_load(floor_slots, total=total, max_seconds=max_seconds))
    return best(app_runs), best(floor_runs)


def capture(floor_dir: Path, name: str, response: httpx.Response) -> None:
    """Keep an app response so that the floor can answer the same bytes."""
    if response.status_code != 200:
        raise RuntimeError(f"capturing {name}: status {response.status_code}")
    (floor_dir / name).write_bytes(response.content)
    (floor_dir / f"{name}.type").write_text(response.headers["content-type"])


@contextmanager
def workspace(name: str) -> Iterator[Path]:
    """A temporary folder for one scenario (databases, captured bytes, server logs)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=f"doorbraak-{name}-"))
    try:
        yield folder
    finally:
        if os.environ.get("BENCH_KEEP"):
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


# --- reporting ---------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the results table."""

    scenario: str
    app: Load | None = None
    floor: Load | None = None
    note: str = ""
    paced: bool = False  # a fixed offered load: requests per second say nothing
    app_rss: list[float] = field(default_factory=list)  # MiB per worker after the load
    floor_rss: list[float] = field(default_factory=list)

    def measure_memory(self, app: Server, floor: Server | None = None) -> None:
        self.app_rss = app.worker_rss()
        self.floor_rss = floor.worker_rss() if floor is not None else []

    def ratios(self) -> list[str]:
        """app/floor for requests per second and for the median latency."""
        if self.app is None or self.floor is None or not self.floor.rate:
            return ["", ""]
        p50 = f"{self.app.p50 / self.floor.p50:.1f}"
        return ["", p50] if self.paced else [f"{self.app.rate / self.floor.rate:.2f}", p50]

    def cells(self) -> list[str]:
        def fmt(load: Load | None) -> list[str]:
            if load is None:
                return ["", "", "", ""]
            return [
                "paced" if self.paced else f"{load.rate:,.0f}",
                f"{load.p50 * 1000:.1f}",
                f"{load.p95 * 1000:.1f}",
                load.describe_failures(),
            ]

        return [self.scenario, *fmt(self.app), *fmt(self.floor), *self.ratios(), self.note]


HEADER = [
    "Scenario",
    "App req/s",
    "App p50 ms",
    "App p95 ms",
    "App errors",
    "Floor req/s",
    "Floor p50 ms",
    "Floor p95 ms",
    "Floor errors",
    "App/floor req/s",
    "App/floor p50",
    "Notes",
]


def markdown_table(rows: Sequence[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def memory_table(rows: Sequence[Row]) -> str:
    def mib(values: list[float]) -> str:
        return " + ".join(f"{value:.0f}" for value in values) if values else ""

    lines = [
        "| After scenario | App workers RSS (MiB) | Floor workers RSS (MiB) | App/floor |",
        "|---|---|---|---|",
    ]
    for row in rows:
        if not row.app_rss:
            continue
        ratio = ""
        if row.floor_rss:
            ratio = f"{statistics.mean(row.app_rss) / statistics.mean(row.floor_rss):.1f}"
        lines.append(f"| {row.scenario} | {mib(row.app_rss)} | {mib(row.floor_rss)} | {ratio} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    python = ".".join(str(part) for part in sys.version_info[:3])
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, Python {python}, Linux"
