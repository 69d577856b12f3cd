"""Navigation per role. Only features that exist appear here."""

from __future__ import annotations

from dataclasses import dataclass

from app.accounts.viewer import Viewer


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    current: bool


def navigation(viewer: Viewer | None, path: str, enabled: frozenset[str]) -> list[NavItem]:
    """The menu for this viewer; `enabled` holds the paths the app serves (so no dead links)."""
    if viewer is None:
        return []
    items: list[tuple[str, str]] = [("Start", "/")]
    if viewer.is_trainee:
        items += [
            ("Mijn leerpad", "/leerpad"),
            ("Modules", "/modules"),
            ("Oefeningen", "/oefeningen"),
            ("Rekentool", "/rekentool"),
            ("Certificaten", "/certificaten"),
        ]
    if viewer.is_trainer:
        items += [("Mijn groepen", "/groepen"), ("Beoordelen", "/beoordelen")]
    if viewer.is_org_admin:
        items += [
            ("Medewerkers", "/beheer/medewerkers"),
            ("Groepen", "/beheer/groepen"),
            ("Instellingen", "/beheer/instellingen"),
        ]
    if viewer.is_platform_admin:
        items += [("Platform", "/platform")]
    if not viewer.is_trainee:
        items += [("Modules", "/modules"), ("Rekentool", "/rekentool")]
    items += [("Wetten", "/wetten"), ("Casussen", "/casussen")]
    seen: set[str] = set()
    result = []
    for label, href in items:
        if href in seen or href not in enabled:
            continue
        seen.add(href)
        current = path == href or (href != "/" and path.startswith(href + "/"))
        result.append(NavItem(label, href, current))
    return result
