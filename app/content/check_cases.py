"""Checks on the cases: ids, the problem graph and what the cases refer to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from app.content.cases import Case, LineSpec
from app.content.graph import best_bottlenecks, reachable
from app.content.known import KnownIds
from app.content.problems import Minimums, Problem
from app.content.sources import CASE_NAME, Parsed, Sources
from app.content.yamlsource import KeyPath

ParsedCase = Parsed[Case]


def case_lines(case: Case) -> Iterator[tuple[KeyPath, LineSpec]]:
    """Every LINE of the case with its key path in the file."""
    for index, line in enumerate(case.scenarios.status_quo.lines):
        yield ("scenarios", "status_quo", "lines", index), line
    for option, breakthrough in enumerate(case.scenarios.breakthroughs):
        for index, line in enumerate(breakthrough.lines):
            yield ("scenarios", "breakthroughs", option, "lines", index), line


def check_cases(sources: Sources, known: KnownIds, minimums: Minimums) -> list[Problem]:
    problems: list[Problem] = []
    ids = Counter(case.model.id for case in sources.cases)
    for case in sources.cases:
        problems += _check_identity(case, ids)
        problems += check_graph(case)
        problems += _check_lines(case, known)
        problems += _check_articles(case, known)
        problems += _check_modules(case, known)
    problems += _check_lesson_cases(sources, known)
    if len(known.cases) < minimums.cases:
        message = f"the course has {len(known.cases)} cases; at least {minimums.cases} needed"
        problems.append(Problem("cases", None, message))
    return problems


def _problem(case: ParsedCase, path: KeyPath, message: str) -> Problem:
    return Problem(case.file, case.lines.line(path), message)


def _check_identity(case: ParsedCase, ids: Counter[str]) -> Iterator[Problem]:
    name = CASE_NAME.match(case.file.rsplit("/", 1)[-1])
    if name is not None and name["id"] != case.model.id:
        yield _problem(case, ("id",), f"id {case.model.id!r} does not match the file name")
    if ids[case.model.id] > 1:
        yield _problem(case, ("id",), f"case id {case.model.id!r} is used by more than one file")
    options = Counter(option.id for option in case.model.scenarios.breakthroughs)
    for index, option in enumerate(case.model.scenarios.breakthroughs):
        if options[option.id] > 1:
            path = ("scenarios", "breakthroughs", index, "id")
            yield _problem(case, path, f"breakthrough id {option.id!r} is used twice")


def check_graph(case: ParsedCase) -> list[Problem]:
    """No duplicate or dangling ids, no self-loops; the bottleneck unblocks the most."""
    problems = []
    model = case.model
    counts = Counter(problem.id for problem in model.problems)
    for index, item in enumerate(model.problems):
        if counts[item.id] > 1:
            message = f"problem id {item.id!r} is used twice"
            problems.append(_problem(case, ("problems", index, "id"), message))
        for target_index, target in enumerate(item.blocks):
            path: KeyPath = ("problems", index, "blocks", target_index)
            if target == item.id:
                problems.append(_problem(case, path, f"problem {item.id!r} blocks itself"))
            elif target not in counts:
                message = f"problem {item.id!r} blocks unknown problem {target!r}"
                problems.append(_problem(case, path, message))
    if model.bottleneck not in counts:
        message = f"bottleneck {model.bottleneck!r} is not one of the problems"
        return [*problems, _problem(case, ("bottleneck",), message)]
    return problems + _check_bottleneck(case)


def _check_bottleneck(case: ParsedCase) -> list[Problem]:
    ids = {item.id for item in case.model.problems}
    graph = {
        item.id: tuple(b for b in item.blocks if b in ids and b != item.id)
        for item in case.model.problems
    }
    best, winners = best_bottlenecks(graph)
    chosen = case.model.bottleneck
    if chosen in winners:
        return []
    count = len(reachable(graph, chosen))
    others = ", ".join(sorted(winners))
    message = (
        f"bottleneck {chosen!r} unblocks {count} problem(s), but {others} unblock(s) {best}: "
        "the bottleneck must unblock the most"
    )
    return [_problem(case, ("bottleneck",), message)]


def _check_lines(case: ParsedCase, known: KnownIds) -> Iterator[Problem]:
    for path, line in case_lines(case.model):
        listed = known.unit_costs
        if listed is not None and line.unit_cost is not None and line.unit_cost not in listed:
            message = f"unit cost {line.unit_cost!r} is not on the price list"
            yield _problem(case, (*path, "unit_cost"), message)
        law = line.custom.law if line.custom is not None else None
        if known.laws is not None and law is not None and law not in known.laws:
            message = f"law {law!r} is not in the law library"
            yield _problem(case, (*path, "custom", "law"), message)


def _check_articles(case: ParsedCase, known: KnownIds) -> Iterator[Problem]:
    if known.articles is None:
        return
    for option, breakthrough in enumerate(case.model.scenarios.breakthroughs):
        for index, article in enumerate(breakthrough.articles):
            if article not in known.articles:
                path: KeyPath = ("scenarios", "breakthroughs", option, "articles", index)
                yield _problem(case, path, f"article {article!r} is not in the law library")
    for index, item in enumerate(case.model.legal_basis):
        if item.article not in known.articles:
            message = f"article {item.article!r} is not in the law library"
            yield _problem(case, ("legal_basis", index, "article"), message)


def _check_modules(case: ParsedCase, known: KnownIds) -> Iterator[Problem]:
    for index, number in enumerate(case.model.modules):
        if number not in known.modules:
            yield _problem(case, ("modules", index), f"module {number} does not exist")


def _check_lesson_cases(sources: Sources, known: KnownIds) -> Iterator[Problem]:
    for lesson in sources.lessons:
        for index, case_id in enumerate(lesson.front.cases):
            if case_id not in known.cases:
                line = lesson.lines.line(("cases", index))
                yield Problem(lesson.file, line, f"case {case_id!r} does not exist")
        for index, exercise in enumerate(lesson.front.case_exercises):
            if exercise.case not in known.cases:
                line = lesson.lines.line(("case_exercises", index, "case"))
                yield Problem(lesson.file, line, f"case {exercise.case!r} does not exist")
