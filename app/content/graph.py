"""The problem graph of a case: which problem keeps which others in place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def reachable(graph: Mapping[str, Sequence[str]], start: str) -> frozenset[str]:
    """Every problem that solving ``start`` unblocks, directly or through others (not itself)."""
    seen: set[str] = set()
    stack = list(graph.get(start, ()))
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(graph.get(node, ()))
    seen.discard(start)
    return frozenset(seen)


def unblock_counts(graph: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """For each problem: how many others its solution unblocks."""
    return {node: len(reachable(graph, node)) for node in graph}


def best_bottlenecks(graph: Mapping[str, Sequence[str]]) -> tuple[int, frozenset[str]]:
    """The largest unblock count and every problem that reaches it."""
    counts = unblock_counts(graph)
    if not counts:
        return 0, frozenset()
    best = max(counts.values())
    return best, frozenset(node for node, count in counts.items() if count == best)
