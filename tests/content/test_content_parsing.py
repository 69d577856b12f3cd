"""Line numbers from YAML, front matter, references and the problem graph."""

from __future__ import annotations

from app.content.graph import best_bottlenecks, reachable
from app.content.references import find_references
from app.content.yamlsource import parse_yaml, split_front_matter

YAML = """\
title: Een
items:
  - id: a
    text: |
      eerste regel
      tweede regel
  - {id: b, text: kort}
"""


def test_line_map_knows_keys_and_list_items() -> None:
    result = parse_yaml(YAML, "x.yaml")
    assert result.problems == ()
    assert result.lines.line(("title",)) == 1
    assert result.lines.line(("items", 0)) == 3
    assert result.lines.line(("items", 1, "text")) == 7


def test_line_map_falls_back_to_the_nearest_known_parent() -> None:
    result = parse_yaml(YAML, "x.yaml")
    assert result.lines.line(("items", 1, "missing")) == 7
    assert result.lines.line(("nothing",)) == 1


def test_offset_inside_a_literal_block_maps_to_its_own_line() -> None:
    result = parse_yaml(YAML, "x.yaml")
    text = result.data["items"][0]["text"]
    assert result.lines.line(("items", 0, "text"), text.index("tweede"), text) == 6


def test_first_line_shifts_every_line_number() -> None:
    result = parse_yaml("a: 1\nb: 2\n", "x.md", first_line=2)
    assert result.lines.line(("b",)) == 3


def test_yaml_error_gives_a_problem_with_a_line() -> None:
    result = parse_yaml("a: 1\nb: [2\n", "x.yaml")
    assert result.data is None
    assert [problem.file for problem in result.problems] == ["x.yaml"]
    assert result.problems[0].line is not None


def test_front_matter_is_split_from_the_body_with_line_numbers() -> None:
    front = split_front_matter("---\na: 1\n---\n# Kop\ntekst\n")
    assert front is not None
    assert front.yaml_text == "a: 1"
    assert front.body == "# Kop\ntekst\n"
    assert front.body_line == 4
    assert split_front_matter("# geen front matter") is None


def test_references_are_found_with_kind_target_and_label() -> None:
    references, malformed = find_references("[[art:pw-18-1]] en [[casus:c1|de casus]] [[x")
    assert [(r.kind, r.target, r.label) for r in references] == [
        ("art", "pw-18-1", None),
        ("casus", "c1", "de casus"),
    ]
    assert [m.snippet for m in malformed] == ["[[x"]


def test_reachability_follows_chains_and_survives_cycles() -> None:
    graph = {"p1": ("p2",), "p2": ("p3", "p1"), "p3": (), "p4": ("p3",)}
    assert reachable(graph, "p1") == {"p2", "p3"}
    assert reachable(graph, "p3") == frozenset()
    assert best_bottlenecks(graph) == (2, frozenset({"p1", "p2"}))
