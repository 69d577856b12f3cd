"""Trainees answering knowledge-check questions at a fixed 25 per second for 30 s, while two
trainers keep refreshing the grid of the same 500-trainee cohort, next to the same answers with
nobody watching. One app worker, as in the side-by-side with Kolibri (issue #14).

The answering trainees are enrolled in the watched cohort, so every answer that changes their
module progress also changes what the trainers' grid must show. Answers are sent open-loop (each
at its planned moment, whether or not earlier ones came back), so a server that falls behind
shows it as queueing. The trainers refresh one after another without pause (closed loop).

Besides the shipped settings, the run repeats the watched case with Python's own interpreter
defaults (5 ms GIL switch interval, no gc.freeze); `--variants` adds each setting on its own.

Run: .venv/bin/python bench/answers_while_watched.py [--variants]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from cohort_grid import generate, grid_path  # noqa: E402

RATE = 25  # answers per second
SECONDS = 30.0
ANSWERERS = 50
WATCHERS = 2
COHORT = 500
DRAIN_SECONDS = 60.0  # after the last planned answer, wait at most this long for the rest
SLOW = 1.0  # seconds: an answer slower than this counts as "over 1 s"

PYTHON_DEFAULTS = {"DOORBRAAK_SWITCH_INTERVAL_MS": "5", "DOORBRAAK_GC_FREEZE": "false"}
VARIANTS = {
    "gc.freeze only (5 ms switch interval)": {"DOORBRAAK_SWITCH_INTERVAL_MS": "5"},
    "1 ms switch interval only (no gc.freeze)": {"DOORBRAAK_GC_FREEZE": "false"},
    "0.5 ms switch interval and gc.freeze": {"DOORBRAAK_SWITCH_INTERVAL_MS": "0.5"},
}


@dataclass(frozen=True)
class Config:
    label: str
    env: dict[str, str]
    unwatched: bool  # also run the answers with nobody watching


async def answer_at_rate(
    trainees: Sequence[common.Trainee], paths: Sequence[str], *, rate: int, seconds: float
) -> common.Load:
    """rate × seconds answers, each at its planned moment, round-robin over the trainees."""
    load = common.Load()
    total = int(rate * seconds)
    start = time.monotonic() + 0.2

    async def one(number: int) -> None:
        await asyncio.sleep(max(0.0, start + number / rate - time.monotonic()))
        trainee = trainees[number % len(trainees)]
        began = time.perf_counter()
        try:
            response = await trainee.answer(paths[number % len(paths)])
        except httpx.HTTPError as exc:
            load.add(0.0, None, (200,), common.failure_kind(exc))
            return
        load.add(time.perf_counter() - began, response.status_code, (200,))

    began = time.perf_counter()
    tasks = [asyncio.create_task(one(number)) for number in range(total)]
    _, pending = await asyncio.wait(tasks, timeout=seconds + DRAIN_SECONDS)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    load.elapsed = time.perf_counter() - began
    if pending:
        load.failures += len(pending)
        load.unexpected[f"unfinished after {seconds + DRAIN_SECONDS:.0f} s"] = len(pending)
    return load


async def watch(client: httpx.AsyncClient, path: str, stop: asyncio.Event) -> common.Load:
    """Refresh the grid one request after another until `stop` is set."""
    load = common.Load()
    began_all = time.perf_counter()
    while not stop.is_set():
        began = time.perf_counter()
        try:
            response = await client.get(path)
        except httpx.HTTPError as exc:
            load.add(0.0, None, (200,), common.failure_kind(exc))
            continue
        load.add(time.perf_counter() - began, response.status_code, (200,))
    load.elapsed = time.perf_counter() - began_all
    return load


async def watched_run(
    answerers: Sequence[common.Trainee],
    trainers: Sequence[common.Trainee],
    paths: Sequence[str],
    grid: str,
) -> tuple[common.Load, common.Load]:
    """The answers while every trainer refreshes the grid; returns (answers, grid loads)."""
    stop = asyncio.Event()
    watchers = [asyncio.create_task(watch(t.client, grid, stop)) for t in trainers]
    await asyncio.sleep(0.5)  # the trainers are busy before the first answer
    answers = await answer_at_rate(answerers, paths, rate=RATE, seconds=SECONDS)
    stop.set()
    grids = await asyncio.gather(*watchers)
    merged = common.Load()
    for load in grids:
        merged.latencies += load.latencies
        merged.failures += load.failures
        for kind, count in load.unexpected.items():
            merged.unexpected[kind] = merged.unexpected.get(kind, 0) + count
        merged.elapsed = max(merged.elapsed, load.elapsed)
    return answers, merged


def describe(answers: common.Load, grids: common.Load | None) -> str:
    slow = sum(1 for latency in answers.latencies if latency > SLOW)
    note = (
        f"p99 {answers.percentile(0.99) * 1000:.0f} ms, max {max(answers.latencies) * 1000:.0f} ms"
        f", {slow} of {answers.count} answers > 1 s"
    )
    if grids is not None and grids.latencies:
        note += (
            f"; grid: {grids.count} loads by {WATCHERS} trainers, p50 {grids.p50 * 1000:.0f} ms"
            f", p95 {grids.p95 * 1000:.0f} ms"
        )
    return note


async def measure(
    base_url: str,
    answerers: list[str],
    trainer: str,
    paths: Sequence[str],
    grid: str,
    config: Config,
    workers: list[int],
) -> list[common.Row]:
    trainees = await common.login_many(base_url, answerers)
    trainers = await common.login_many(base_url, [trainer] * WATCHERS)
    rows = []
    try:
        for trainer_client in trainers:  # warm-up: templates, first grid
            await trainer_client.client.get(grid)
        await answer_at_rate(trainees, paths, rate=RATE, seconds=1.0)
        if config.unwatched:
            used = common.cpu_seconds(workers)
            alone = await answer_at_rate(trainees, paths, rate=RATE, seconds=SECONDS)
            per_answer = (common.cpu_seconds(workers) - used) / max(1, alone.count)
            rows.append(
                common.Row(
                    f"Answers {RATE}/s for {SECONDS:.0f} s, nobody watching ({config.label})",
                    alone,
                    note=describe(alone, None)
                    + f"; server CPU {per_answer * 1000:.1f} ms per answer",
                    paced=True,
                )
            )
        answers, grids = await watched_run(trainees, trainers, paths, grid)
        rows.append(
            common.Row(
                f"Answers {RATE}/s for {SECONDS:.0f} s while {WATCHERS} trainers refresh the "
                f"{COHORT}-trainee grid ({config.label})",
                answers,
                note=describe(answers, grids),
                paced=True,
            )
        )
    finally:
        await common.close_all(trainees)
        await common.close_all(trainers)
    return rows


def question_paths(site: common.Site) -> list[str]:
    from app.content.load import load_catalog

    module = load_catalog(site.settings().content_dir, names=False).module(1)
    return [f"/modules/1/vragen/{question.id}" for question in module.exercises]


def run(variants: bool = False) -> list[common.Row]:
    configs = [
        Config("shipped settings", {}, unwatched=True),
        Config("Python defaults: 5 ms switch interval, no gc.freeze", PYTHON_DEFAULTS, False),
    ]
    if variants:
        configs += [Config(label, env, unwatched=False) for label, env in VARIANTS.items()]
    rows: list[common.Row] = []
    with common.workspace("answers-watched") as work:
        site = common.make_site(work / "site")
        (trainer,) = common.seed_trainees(site, 1, prefix="trainer", role="trainer")
        cohort_id = generate(site, (COHORT - ANSWERERS,))[COHORT - ANSWERERS]
        answerers = common.seed_trainees(site, ANSWERERS, cohort_id=cohort_id)
        paths = question_paths(site)
        for config in configs:
            server = common.app_server(site, work, workers=1, **config.env)
            with common.running(server):
                found = asyncio.run(
                    measure(
                        server.base_url,
                        answerers,
                        trainer,
                        paths,
                        grid_path(cohort_id),
                        config,
                        server.worker_pids(),
                    )
                )
                found[-1].measure_memory(server)
                rows += found
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--variants", action="store_true", help="each interpreter setting alone")
    print(common.markdown_table(run(parser.parse_args().variants)))
