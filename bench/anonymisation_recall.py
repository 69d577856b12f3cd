"""Recall of the anonymisation gate on the synthetic corpus.

Run: .venv/bin/python bench/anonymisation_recall.py [--no-names] [--verbose]

Prints per kind: gold count, found (exact kind + text), recall, extra hits on snippets with
personal data (hits that are not in the gold labels) and false positives on the negatives.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.content.anonymise import KINDS, Hit, preload_names, scan  # noqa: E402

CORPUS = ROOT / "tests" / "content" / "anonymisation_corpus.yaml"


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


def evaluate(names: bool, verbose: bool) -> dict[str, Counter[str]]:
    totals: dict[str, Counter[str]] = {
        "gold": Counter(),
        "found": Counter(),
        "extra": Counter(),
        "neg_fp": Counter(),
    }
    for snippet in load_corpus():
        text = str(snippet["text"])
        labels = snippet["gold"] or []
        gold = [(str(g["kind"]), str(g["text"])) for g in labels]  # type: ignore[attr-defined]
        if not names:
            gold = [g for g in gold if g[0] != "name"]
        wanted, found, extra = compare(gold, scan(text, names=names))
        negative = str(snippet["id"]).startswith("neg-")
        for (kind, value), count in wanted.items():
            totals["gold"][kind] += count
            totals["found"][kind] += found[(kind, value)]
            if verbose and found[(kind, value)] < count:
                print(f"MISSED  {snippet['id']}: {kind} {value!r}  in {text!r}")
        for (kind, value), count in extra.items():
            totals["neg_fp" if negative else "extra"][kind] += count
            if verbose:
                label = "FP-NEG" if negative else "EXTRA "
                print(f"{label}  {snippet['id']}: {kind} {value!r}  in {text!r}")
    return totals


def print_table(totals: dict[str, Counter[str]], n_snippets: int, n_negatives: int) -> None:
    print(f"corpus: {n_snippets} snippets, of which {n_negatives} negatives\n")
    header = f"{'kind':<11}{'gold':>6}{'found':>7}{'recall':>8}{'extra':>7}{'FP on neg':>11}"
    print(header)
    print("-" * len(header))
    for kind in [*KINDS, "total"]:
        if kind == "total":
            print("-" * len(header))
            gold, found = sum(totals["gold"].values()), sum(totals["found"].values())
            extra, neg = sum(totals["extra"].values()), sum(totals["neg_fp"].values())
        else:
            gold, found = totals["gold"][kind], totals["found"][kind]
            extra, neg = totals["extra"][kind], totals["neg_fp"][kind]
        recall = f"{found / gold:.3f}" if gold else "-"
        print(f"{kind:<11}{gold:>6}{found:>7}{recall:>8}{extra:>7}{neg:>11}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-names", action="store_true", help="skip the name detector")
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra hit")
    args = parser.parse_args()
    started = time.perf_counter()
    if not args.no_names:
        preload_names()
    warm = time.perf_counter()
    totals = evaluate(names=not args.no_names, verbose=args.verbose)
    done = time.perf_counter()
    snippets = load_corpus()
    negatives = sum(str(s["id"]).startswith("neg-") for s in snippets)
    print_table(totals, len(snippets), negatives)
    print(f"\ndeduce load {warm - started:.1f} s, scanning {done - warm:.2f} s")


if __name__ == "__main__":
    main()
