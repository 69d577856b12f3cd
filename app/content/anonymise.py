"""Anonymisation gate: find personal data in Dutch text.

Pure module (no web or database imports). Structured identifiers are found with regular
expressions plus checksum validation (``identifiers.py``, ``addresses.py``). Personal names come
from one of two detectors, cleaned up alike (``names.py``):

- the compact lexicon (``name_spans.py``, default): deduce's name rules on its word lists, a few
  MiB, loaded in a fraction of a second; web workers use it for the free-text warning;
- ``deep=True``: deduce itself (``deduce_names.py``, the ``[content]`` extra), for
  ``doorbraakschool content check``. Without deduce installed it falls back to the lexicon.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from app.content.addresses import address_hits, licence_plate_hits
from app.content.deduce_names import deduce_available, deduce_person_spans
from app.content.hit import KINDS, Hit
from app.content.identifiers import identifier_hits
from app.content.name_lexicon import name_lexicon
from app.content.name_spans import person_spans
from app.content.names import Spans, name_hits

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "Hit",
    "deep_names_available",
    "preload_names",
    "scan",
    "unreviewed",
    "warning_message",
]

logger = logging.getLogger(__name__)

KIND_LABELS: dict[str, str] = {
    "bsn": "burgerservicenummer",
    "iban": "IBAN-rekeningnummer",
    "postcode": "postcode",
    "address": "adres",
    "licence_plate": "kenteken",
    "phone": "telefoonnummer",
    "email": "e-mailadres",
    "birth_date": "geboortedatum",
    "name": "persoonsnaam",
}


def scan(text: str, *, names: bool = True, deep: bool = False) -> list[Hit]:
    """Return every personal-data hit in ``text``, sorted by start and de-duplicated.

    ``names=False`` skips names; ``deep=True`` finds them with deduce instead of the lexicon.
    """
    hits: list[Hit] = [*identifier_hits(text), *address_hits(text), *licence_plate_hits(text)]
    if names:
        hits.extend(name_hits(text, _spans(deep), name_lexicon()))
    return _resolve_overlaps(hits)


def _spans(deep: bool) -> Spans:
    if deep and deep_names_available():
        return deduce_person_spans
    lexicon = name_lexicon()
    return lambda text: person_spans(text, lexicon)


_warned: list[bool] = []


def deep_names_available() -> bool:
    """Whether deduce is installed; logs once when it is not."""
    if deduce_available():
        return True
    if not _warned:
        _warned.append(True)
        logger.warning(
            "deduce is not installed (pip install -e '.[content]'): names are checked with the "
            "compact lexicon only"
        )
    return False


def preload_names(*, deep: bool = False) -> None:
    """Load the name detector now (the lexicon: ~0.1 s; deduce: seconds, minutes the first time)."""
    name_lexicon()
    if deep and deep_names_available():
        deduce_person_spans("")


def unreviewed(hits: Iterable[Hit], reviewed: Iterable[str]) -> list[Hit]:
    """Drop the hits whose exact text was reviewed as a (fictional) false positive."""
    done = set(reviewed)
    return [hit for hit in hits if hit.text not in done]


def warning_message(hits: Iterable[Hit]) -> str:
    """One Dutch sentence naming the kinds found; empty when there are no hits."""
    found = {hit.kind for hit in hits}
    labels = [KIND_LABELS[kind] for kind in KINDS if kind in found]
    if not labels:
        return ""
    return (
        f"Dit lijkt op echte cliëntgegevens ({', '.join(labels)}). "
        "Gebruik alleen verzonnen gegevens."
    )


def _resolve_overlaps(hits: list[Hit]) -> list[Hit]:
    """Remove duplicates and hits lying inside a longer hit (e.g. digits inside a phone)."""
    ordered = sorted(set(hits), key=lambda h: (h.start, -(h.end - h.start), KINDS.index(h.kind)))
    kept: list[Hit] = []
    for hit in ordered:
        if any(k.start <= hit.start and hit.end <= k.end for k in kept):
            continue
        kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end, KINDS.index(h.kind)))
