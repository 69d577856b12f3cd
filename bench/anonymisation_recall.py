"""Recall and precision of the anonymisation gate on the synthetic corpus, per name detector.

Run: .venv/bin/python bench/anonymisation_recall.py [--detector lexicon|deep|both] [--verbose]

Prints per kind: gold count, found (exact kind + text), recall, extra hits on snippets with
personal data (hits that are not in the gold labels), false positives on the negatives, and
precision (found / all hits). ``lexicon`` is the compact name lexicon the web workers use for
the free-text warning; ``deep`` is deduce, used by ``doorbraakschool content check``. Each
detector runs in its own process, so its load time and memory are its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.content.anonymise import KINDS, Hit, preload_names, scan  # noqa: E402

CORPUS = ROOT / "tests" / "content" / "anonymisation_corpus.yaml"
STRUCTURED = tuple(kind for kind in KINDS if kind != "name")


def load_corpus(path: Path = CORPUS) -> list[dict[str, object]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    snippets: list[dict[str, object]] = data["snippets"]
    return snippets


Labels = Counter[tuple[str, str]]


def compare(gold: list[tuple[str, str]], hits: list[Hit]) -> tuple[Labels, Labels, Labels]:
    """Return (gold, found, extra) counters keyed by (kind, text)."""
    wanted = Counter(gold)
    got = Counter((hit.kind, hit.text) for hit in hits)
    found = wanted & got
    return wanted, found, got - found


def evaluate(deep: bool, verbose: bool) -> dict[str, Counter[str]]:
    totals: dict[str, Counter[str]] = {k: Counter() for k in ("gold", "found", "extra", "neg_fp")}
    for snippet in load_corpus():
        text = str(snippet["text"])
        labels = snippet["gold"] or []
        gold = [(str(g["kind"]), str(g["text"])) for g in labels]  # type: ignore[attr-defined]
        wanted, found, extra = compare(gold, scan(text, deep=deep))
        negative = str(snippet["id"]).startswith("neg-")
        for (kind, value), count in wanted.items():
            totals["gold"][kind] += count
            totals["found"][kind] += found[(kind, value)]
            if verbose and found[(kind, value)] < count:
                print(f"MISSED  {snippet['id']}: {kind} {value!r}  in {text!r}", file=sys.stderr)
        for (kind, value), count in extra.items():
            totals["neg_fp" if negative else "extra"][kind] += count
            if verbose:
                label = "FP-NEG" if negative else "EXTRA "
                print(f"{label}  {snippet['id']}: {kind} {value!r}  in {text!r}", file=sys.stderr)
    return totals


def measure(detector: str, verbose: bool) -> dict[str, object]:
    """Load one detector, scan the corpus; figures as JSON-able data (run in a child process)."""
    deep = detector == "deep"
    started = time.perf_counter()
    preload_names(deep=deep)
    scan("Mevrouw Jansen belde.", deep=deep)
    loaded = time.perf_counter()
    totals = evaluate(deep, verbose)
    done = time.perf_counter()
    return {
        "detector": detector,
        "load_s": loaded - started,
        "scan_s": done - loaded,
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "totals": {key: dict(value) for key, value in totals.items()},
    }


def row(kind: str, totals: dict[str, dict[str, int]]) -> str:
    kinds = STRUCTURED if kind == "structured" else KINDS if kind == "total" else (kind,)
    gold, found, extra, neg = (
        sum(totals[key].get(k, 0) for k in kinds) for key in ("gold", "found", "extra", "neg_fp")
    )
    recall = f"{found / gold:.3f}" if gold else "-"
    hits = found + extra + neg
    precision = f"{found / hits:.3f}" if hits else "-"
    return f"| {kind} | {gold} | {found} | {recall} | {extra} | {neg} | {precision} |"


def print_report(results: list[dict[str, object]], snippets: int, negatives: int) -> None:
    print(f"Corpus: {snippets} snippets, of which {negatives} negatives. ", end="")
    print(f"Load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}.\n")
    for result in results:
        totals: dict[str, dict[str, int]] = result["totals"]  # type: ignore[assignment]
        print(
            f"Detector `{result['detector']}`: loaded in {result['load_s']:.2f} s, corpus scanned "
            f"in {result['scan_s']:.2f} s, peak RSS {result['max_rss_mib']:.0f} MiB.\n"
        )
        print("| Kind | Gold | Found | Recall | Extra | FP on negatives | Precision |")
        print("|---|---|---|---|---|---|---|")
        for kind in [*KINDS, "structured", "total"]:
            print(row(kind, totals))
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detector", choices=["lexicon", "deep", "both"], default="both")
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra hit")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.detector, args.verbose)))
        return
    detectors = ["lexicon", "deep"] if args.detector == "both" else [args.detector]
    results = []
    for detector in detectors:
        command = [sys.executable, __file__, "--child", "--detector", detector]
        if args.verbose:
            command.append("--verbose")
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        sys.stderr.write(done.stderr)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    snippets = load_corpus()
    negatives = sum(str(s["id"]).startswith("neg-") for s in snippets)
    print_report(results, len(snippets), negatives)


if __name__ == "__main__":
    main()
