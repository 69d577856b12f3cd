"""The phone sweep (tests/browser/): every page of every role on a 390 x 844 screen.

One crawl per role (anonymous, trainee, trainer, org admin, platform admin) starts at "/" and
follows every same-site link (files such as .pdf, .csv and .json excepted). A path an earlier
role already visited is not visited again ("/" excepted), so shared pages such as the law
library are read once. axe runs on the first page of each route shape per role (the shape
replaces path parts that vary, such as ids), to keep the sweep within a few minutes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from browser_support import run_axe

PHONE = {"width": 390, "height": 844}
ROLES = {
    "anoniem": None,
    "deelnemer": "deelnemer01@voorbeeld.example",
    "trainer": "trainer@voorbeeld.example",
    "beheerder": "beheerder@voorbeeld.example",
    "platformbeheerder": "admin@doorbraakschool.example",
}
MEASURE = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  text: document.title + "\\n" + document.body.innerText,
  links: Array.from(document.querySelectorAll("a[href]"), a => a.getAttribute("href")),
  wide: Array.from(document.querySelectorAll("body *"))
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 3).map(el => el.outerHTML.slice(0, 120)),
})"""


@dataclass
class Visit:
    role: str
    path: str
    scroll_width: int
    inner_width: int
    text: str
    wide: list[str]
    axe: list[dict[str, object]] | None = None


@dataclass
class Sweep:
    visits: list[Visit] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    failures: list[tuple[str, str, int]] = field(default_factory=list)


def shape(path: str) -> str:
    """A route shape: path parts holding a digit become '*' (ids, case and article keys)."""
    return re.sub(r"/[^/]*\d[^/]*", "/*", path)


def _followable(href: str | None) -> bool:
    if not href or not href.startswith("/") or href.startswith(("//", "/static/", "/media/")):
        return False
    last = href.split("?")[0].split("#")[0].rsplit("/", 1)[-1]
    return "." not in last and "?" not in href


def crawl(page, role: str, sweep: Sweep) -> None:  # type: ignore[no-untyped-def]
    queue, queued, shapes = ["/"], {"/"}, set()
    while queue:
        path = queue.pop(0)
        response = page.goto(path)
        sweep.seen.add(path)
        if response is None or response.status != 200:
            sweep.failures.append((role, path, response.status if response else 0))
            continue
        found = page.evaluate(MEASURE)
        visit = Visit(role, path, found["scrollWidth"], found["innerWidth"], found["text"], [])
        visit.wide = found["wide"] if visit.scroll_width > visit.inner_width else []
        if shape(path) not in shapes:
            shapes.add(shape(path))
            visit.axe = run_axe(page)
        sweep.visits.append(visit)
        for href in found["links"]:
            target = href.split("#")[0]
            if _followable(target) and target not in queued and target not in sweep.seen:
                queued.add(target)
                queue.append(target)


def visits_of(sweep: Sweep, role: str) -> list[Visit]:
    visits = [v for v in sweep.visits if v.role == role]
    assert visits, role
    return visits
