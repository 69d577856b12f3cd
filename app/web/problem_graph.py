"""Layout of a case's problem graph as an SVG drawing (pure): layers top to bottom, arrows for
"keeps in place". Takes (id, title, owner, blocks) tuples, returns coordinates;
``graph_context`` is what templates/trainee/cases/_graph.html and _problem_list.html need."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.content.cases import Case

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 210, 70, 30, 60, 10


@dataclass(frozen=True)
class ProblemNode:
    id: str
    title: str
    owner: str
    blocks: tuple[str, ...]


@dataclass(frozen=True)
class PlacedNode:
    id: str
    lines: tuple[str, ...]
    owner: str
    x: int
    y: int


@dataclass(frozen=True)
class PlacedEdge:
    source: str
    target: str
    path: str


@dataclass(frozen=True)
class GraphLayout:
    width: int
    height: int
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]


def _back_edges(nodes: Sequence[ProblemNode]) -> set[tuple[str, str]]:
    """Edges that close a cycle in a depth-first walk; they are left out of the layering."""
    graph = {n.id: n.blocks for n in nodes}
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()

    def visit(node: str) -> None:
        state[node] = 1
        for target in graph.get(node, ()):
            if state.get(target) == 1:
                back.add((node, target))
            elif target not in state and target in graph:
                visit(target)
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return back


def _levels(nodes: Sequence[ProblemNode], back: set[tuple[str, str]]) -> dict[str, int]:
    level = {n.id: 0 for n in nodes}
    for _ in range(len(nodes)):
        changed = False
        for n in nodes:
            for target in n.blocks:
                if (n.id, target) not in back and target in level and level[target] <= level[n.id]:
                    level[target] = level[n.id] + 1
                    changed = True
        if not changed:
            break
    return level


def layout(nodes: Sequence[ProblemNode]) -> GraphLayout:
    back = _back_edges(nodes)
    level = _levels(nodes, back)
    rows: dict[int, list[ProblemNode]] = {}
    for n in nodes:
        rows.setdefault(level[n.id], []).append(n)
    widest = max((len(row) for row in rows.values()), default=1)
    width = MARGIN * 2 + widest * BOX_W + (widest - 1) * GAP_X
    placed: dict[str, PlacedNode] = {}
    for depth, row in sorted(rows.items()):
        row_width = len(row) * BOX_W + (len(row) - 1) * GAP_X
        start = (width - row_width) // 2
        for index, n in enumerate(row):
            lines = tuple(textwrap.wrap(n.title, 26)[:3]) or (n.id,)
            x = start + index * (BOX_W + GAP_X)
            placed[n.id] = PlacedNode(n.id, lines, n.owner, x, MARGIN + depth * (BOX_H + GAP_Y))
    height = MARGIN * 2 + (max(rows, default=0) + 1) * (BOX_H + GAP_Y) - GAP_Y
    edges = tuple(
        PlacedEdge(n.id, t, _path(placed[n.id], placed[t]))
        for n in nodes
        for t in n.blocks
        if t in placed
    )
    return GraphLayout(width, height, tuple(placed.values()), edges)


def _path(a: PlacedNode, b: PlacedNode) -> str:
    if b.y > a.y:  # downwards: bottom centre to top centre
        x1, y1, x2, y2 = a.x + BOX_W // 2, a.y + BOX_H, b.x + BOX_W // 2, b.y - 4
        return f"M{x1},{y1} C{x1},{y1 + GAP_Y // 2} {x2},{y2 - GAP_Y // 2} {x2},{y2}"
    # same row or upwards (a cycle): leave from the side and bend around
    x1, y1 = a.x + BOX_W, a.y + BOX_H // 2
    x2, y2 = b.x + BOX_W + 4, b.y + BOX_H // 2
    bend = max(x1, x2) + 40
    if b.y == a.y and b.x > a.x:
        x2 = b.x - 4
        return f"M{x1},{y1} L{x2},{y2}"
    return f"M{x1},{y1} C{bend},{y1} {bend},{y2} {x2},{y2}"


def graph_context(case: Case) -> dict[str, Any]:
    """The laid-out graph of a case, with titles and what keeps each problem in place."""
    nodes = [ProblemNode(p.id, p.title, p.owner, p.blocks) for p in case.problems]
    return {
        "graph": layout(nodes),
        "box_w": BOX_W,
        "box_h": BOX_H,
        "titles": {p.id: p.title for p in case.problems},
        "blocked_by": {
            p.id: [q.title for q in case.problems if p.id in q.blocks] for p in case.problems
        },
    }
