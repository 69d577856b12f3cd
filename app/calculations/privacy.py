"""The anonymisation gate for the sandbox's free text (pure).

Texts that came verbatim from a course case (fictional, reviewed) are not scanned again; hits
whose exact text a case's review marked as fictional are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.content.anonymise import Hit, scan, unreviewed, warning_message

SANDBOX_NOTE = (
    "De rekentool is een oefenomgeving: vul nooit echte cliëntgegevens in. "
    "Je berekening is wel opgeslagen; pas de tekst aan."
)


def anonymisation_warning(
    texts: Iterable[str], *, known: Iterable[str] = (), reviewed: Iterable[str] = (), names: bool
) -> str:
    """A Dutch warning when any new text looks like real client data; empty otherwise."""
    skip = set(known)
    hits: list[Hit] = []
    for text in texts:
        if text in skip:
            continue
        hits.extend(scan(text, names=names))
    message = warning_message(unreviewed(hits, reviewed))
    return f"{message} {SANDBOX_NOTE}" if message else ""
