"""Tests for the anonymisation gate (app/content/anonymise.py) and its synthetic corpus.

The corpus (anonymisation_corpus.yaml) holds only made-up data. Its BSNs and IBANs were made with
the generators below; tests here check that every gold BSN passes the 11-proef (or follows a
context word) and every gold IBAN passes mod 97, computed independently of python-stdnum.
"""

from __future__ import annotations

import logging
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.content import anonymise, deduce_names
from app.content.anonymise import KIND_LABELS, KINDS, Hit, scan, unreviewed, warning_message

CORPUS_PATH = Path(__file__).with_name("anonymisation_corpus.yaml")
STRUCTURED = tuple(kind for kind in KINDS if kind != "name")
# The deduce scan of the whole corpus is a large share of the suite's time: slow (make test still
# runs it, in its SQLite pass).
DETECTORS = ["lexicon", pytest.param("deep", marks=pytest.mark.slow)]


# --- Synthetic data generators (checksums computed here, not with stdnum) ---------------------


def bsn_is_valid(number: str) -> bool:
    """The 11-proef on a 9-digit number (8 digits are zero-padded)."""
    digits = number.zfill(9)
    total = sum((9 - i) * int(d) for i, d in enumerate(digits[:8])) - int(digits[8])
    return len(digits) == 9 and total % 11 == 0 and int(digits) > 0


def make_bsn(rng: random.Random, first: str = "") -> str:
    """A random 9-digit number that passes the 11-proef."""
    while True:
        body = first + "".join(str(rng.randrange(10)) for _ in range(8 - len(first)))
        last = sum((9 - i) * int(d) for i, d in enumerate(body)) % 11
        if last < 10 and bsn_is_valid(body + str(last)):
            return body + str(last)


def iban_is_valid(number: str) -> bool:
    """ISO 13616 mod 97 on the compact form."""
    compact = number.replace(" ", "").replace("-", "").upper()
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def make_iban(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    check = 98 - int("".join(str(int(c, 36)) for c in rearranged)) % 97
    return f"{country}{check:02d}{bban}"


def random_digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(count))


# --- Corpus ---------------------------------------------------------------------------------


def load_corpus() -> list[dict[str, Any]]:
    data = yaml.safe_load(CORPUS_PATH.read_text(encoding="utf-8"))
    snippets: list[dict[str, Any]] = data["snippets"]
    return snippets


NamesIn = Callable[[str], list[str]]
CORPUS = load_corpus()
NEGATIVES = [s for s in CORPUS if s["id"].startswith("neg-")]
POSITIVES = [s for s in CORPUS if not s["id"].startswith("neg-")]


def gold_of(snippet: dict[str, Any], kinds: tuple[str, ...] = KINDS) -> Counter[tuple[str, str]]:
    return Counter((g["kind"], g["text"]) for g in snippet["gold"] or [] if g["kind"] in kinds)


def found_of(hits: list[Hit], kinds: tuple[str, ...] = KINDS) -> Counter[tuple[str, str]]:
    return Counter((h.kind, h.text) for h in hits if h.kind in kinds)


@pytest.fixture(scope="module", params=DETECTORS)
def detector(request: pytest.FixtureRequest) -> str:
    """Both name detectors: the compact lexicon (web) and deduce (content check)."""
    if request.param == "deep":
        if not deduce_names.deduce_available():
            pytest.skip("deduce is not installed (the [content] extra)")
        anonymise.preload_names(deep=True)
    return str(request.param)


@pytest.fixture(scope="module")
def name_scans(detector: str) -> dict[str, list[Hit]]:
    """Scan the whole corpus once with the detector (deduce: seconds to load)."""
    return {s["id"]: scan(s["text"], deep=detector == "deep") for s in CORPUS}


def test_corpus_is_large_enough_and_covers_every_kind() -> None:
    per_kind = Counter(g["kind"] for s in CORPUS for g in s["gold"] or [])
    assert len(CORPUS) >= 150
    assert len(NEGATIVES) >= 40
    assert all(per_kind[kind] >= 15 for kind in KINDS), per_kind


def test_corpus_ids_are_unique_and_negatives_have_no_gold() -> None:
    assert len({s["id"] for s in CORPUS}) == len(CORPUS)
    assert all(not s["gold"] for s in NEGATIVES)
    assert all(s["gold"] for s in POSITIVES)


def test_every_gold_label_occurs_in_its_snippet() -> None:
    for snippet in POSITIVES:
        for label in snippet["gold"]:
            assert label["kind"] in KINDS
            assert label["text"] in snippet["text"], snippet["id"]


def test_corpus_bsns_pass_the_11_proef_or_follow_a_context_word() -> None:
    for snippet in POSITIVES:
        for label in snippet["gold"]:
            if label["kind"] != "bsn":
                continue
            digits = "".join(ch for ch in label["text"] if ch.isdigit())
            context = any(
                word in snippet["text"].lower() for word in ("bsn", "burgerservice", "sofi")
            )
            assert bsn_is_valid(digits) or context, snippet["id"]


def test_corpus_ibans_pass_mod_97() -> None:
    ibans = [g["text"] for s in POSITIVES for g in s["gold"] if g["kind"] == "iban"]
    assert ibans
    assert all(iban_is_valid(value) for value in ibans)


@pytest.mark.parametrize("snippet", POSITIVES, ids=lambda s: s["id"])
def test_structured_identifiers_are_all_found_exactly(snippet: dict[str, Any]) -> None:
    hits = scan(snippet["text"], names=False)
    assert found_of(hits, STRUCTURED) == gold_of(snippet, STRUCTURED)


@pytest.mark.parametrize("snippet", NEGATIVES, ids=lambda s: s["id"])
def test_negative_snippet_has_no_structured_hit(snippet: dict[str, Any]) -> None:
    assert scan(snippet["text"], names=False) == []


def test_negative_snippets_have_no_hit_with_names(name_scans: dict[str, list[Hit]]) -> None:
    assert {s["id"]: name_scans[s["id"]] for s in NEGATIVES if name_scans[s["id"]]} == {}


def test_name_recall_on_corpus_is_at_least_95_percent(name_scans: dict[str, list[Hit]]) -> None:
    gold = found = 0
    for snippet in POSITIVES:
        wanted = gold_of(snippet, ("name",))
        gold += sum(wanted.values())
        found += sum((wanted & found_of(name_scans[snippet["id"]], ("name",))).values())
    assert gold >= 100
    assert found / gold >= 0.95


def test_name_hits_on_positives_are_mostly_gold(name_scans: dict[str, list[Hit]]) -> None:
    extra = Counter[tuple[str, str]]()
    for snippet in POSITIVES:
        extra += found_of(name_scans[snippet["id"]], ("name",)) - gold_of(snippet, ("name",))
    assert sum(extra.values()) <= 3, extra


def test_hit_offsets_point_at_the_hit_text(name_scans: dict[str, list[Hit]]) -> None:
    for snippet in CORPUS:
        for hit in name_scans[snippet["id"]]:
            assert snippet["text"][hit.start : hit.end] == hit.text


# --- Generated identifiers beyond the corpus ------------------------------------------------


def generated_bsns(count: int) -> Iterator[str]:
    rng = random.Random(7)
    for _ in range(count):
        yield make_bsn(rng)


@pytest.mark.parametrize("layout", ["{0}", "{1}.{2}.{3}", "{4} {5} {6}"])
def test_generated_valid_bsns_are_found_in_every_layout(layout: str) -> None:
    for bsn in generated_bsns(200):
        value = layout.format(bsn, bsn[:4], bsn[4:6], bsn[6:], bsn[:3], bsn[3:6], bsn[6:])
        hits = scan(f"Het nummer {value} staat in de brief.", names=False)
        assert [(h.kind, h.text) for h in hits] == [("bsn", value)]


def test_nine_digit_numbers_failing_the_11_proef_are_not_bsns() -> None:
    rng = random.Random(11)
    checked = 0
    while checked < 200:
        number = str(rng.randrange(100_000_000, 999_999_999))
        if bsn_is_valid(number):
            continue
        checked += 1
        assert scan(f"Zaaknummer {number} is aangemaakt.", names=False) == []


def test_generated_ibans_are_found_compact_and_with_spaces_or_hyphens() -> None:
    rng = random.Random(3)
    for _ in range(50):
        for iban in (
            make_iban("NL", "ABNA" + random_digits(rng, 10)),
            make_iban("DE", random_digits(rng, 18)),
            make_iban("GB", "NWBK" + random_digits(rng, 14)),
        ):
            spaced = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
            hyphened = spaced.replace(" ", "-")
            for value in (iban, spaced, hyphened, hyphened.lower()):
                hits = scan(f"Rekening {value} t.n.v. de bewindvoerder.", names=False)
                assert [(h.kind, h.text) for h in hits] == [("iban", value)]


# --- Behaviour of single detectors ----------------------------------------------------------


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(h.kind, h.text) for h in scan(text, names=False)]


def test_invalid_bsn_counts_after_a_context_word() -> None:
    assert kinds_and_texts("BSN: 123456789") == [("bsn", "123456789")]
    assert kinds_and_texts("sofinummer 12345679") == [("bsn", "12345679")]
    assert kinds_and_texts("Factuur 123456789") == []


def test_eight_digit_bsn_is_checked_zero_padded() -> None:
    assert kinds_and_texts("oud nummer 12345672") == [("bsn", "12345672")]


def test_amounts_with_bsn_shaped_digits_are_not_bsns() -> None:
    assert kinds_and_texts("een bedrag van € 123.456.782 in totaal") == []
    assert kinds_and_texts("1.234.567,89 euro") == []


def test_iban_with_wrong_check_digits_is_not_a_hit() -> None:
    assert kinds_and_texts("NL92ABNA0417164300") == []
    assert kinds_and_texts("NL91 ABNA 0417 1643 00 t.n.v. X") == [
        ("iban", "NL91 ABNA 0417 1643 00")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Postcode 1234 AB.", [("postcode", "1234 AB")]),
        ("Postcode 1234AB.", [("postcode", "1234AB")]),
        ("Postcode 1234 SA.", []),
        ("Postcode 0123 AB.", []),
        ("In 2024 en 2025 liep de regeling.", []),
    ],
)
def test_postcodes_follow_the_dutch_rules(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds_and_texts(text) == expected


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "020 123 4567",
        "(030) 123 4567",
        "+31 6 1234 5678",
        "+31 (0)20 1234567",
        "0031 6 12345678",
        "0031-20-1234567",
        "06-79156348",
    ],
)
def test_phone_numbers_in_national_and_international_form_are_found(number: str) -> None:
    assert kinds_and_texts(f"Bel {number} na drie uur.") == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "De huur is € 1.345 per maand.",
        "In 2024 steeg de schuld.",
        "Zie artikel 2.3.5 Wmo 2015 en art. 4:84 Awb.",
        "Module 12, stap 3, pagina 45-48.",
        "Bel de Belastingtelefoon op 0800-0543 of de gemeente op 14 020.",
        "Zaaknummer 2024-001345, termijn 8 weken.",
    ],
)
def test_amounts_years_and_article_numbers_are_not_phone_numbers(text: str) -> None:
    assert kinds_and_texts(text) == []


def test_unbalanced_parenthesis_is_not_part_of_a_phone_hit() -> None:
    assert kinds_and_texts("Buurvrouw (0493-918448).") == [("phone", "0493-918448")]


def test_email_address_is_found_without_trailing_punctuation() -> None:
    assert kinds_and_texts("Mail naar j.de.vries+dossier@example.org.") == [
        ("email", "j.de.vries+dossier@example.org")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zij is geboren op 3 januari 1990.", "3 januari 1990"),
        ("Moeder (geb. 3-1-1990) woont hier.", "3-1-1990"),
        ("Geboortedatum: 1990-01-03", "1990-01-03"),
        ("17-11-1965 (geb.datum) klopt niet.", "17-11-1965"),
    ],
)
def test_dates_near_a_birth_word_are_birth_dates(text: str, expected: str) -> None:
    assert kinds_and_texts(text) == [("birth_date", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "De intake was op 12-03-2024.",
        "Op 3 januari 1990 veranderde de wet.",
        "Zij is geboren in Utrecht. Op 12-03-2024 was de intake.",
    ],
)
def test_dates_without_birth_context_are_not_hits(text: str) -> None:
    assert kinds_and_texts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zij woont op Kerkstraat 12.", [("address", "Kerkstraat 12")]),
        ("Op de Dorpsstraat 3a woont hij.", [("address", "Dorpsstraat 3a")]),
        (
            "Jan van Galenstraat 4-II, 1056 CA Amsterdam",
            [("address", "Jan van Galenstraat 4-II"), ("postcode", "1056 CA")],
        ),
        ("Het huis aan de Oude Gracht 5 B.", [("address", "Oude Gracht 5 B")]),
        ("Hij woont aan de Spui 70.", [("address", "Spui 70")]),
        ("Spui 70, 2511 BT Den Haag", [("address", "Spui 70"), ("postcode", "2511 BT")]),
    ],
)
def test_street_addresses_are_found_with_and_without_postcode(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert kinds_and_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Punt 4.2.1 van de handreiking.",
        "De Arbeidsmarkt 2024 en de Loopbaan 3.",
        "Lees het Leerpad 2 en Antwoord 3.",
        "De Kerkstraat 2024 is geen adres, de Hoofdweg is lang.",
        "Het Spui 70 keer genoemd.",
        "Postbus 123, 7880 WK Amersfoort",
    ],
)
def test_numbered_words_years_and_po_boxes_are_not_addresses(text: str) -> None:
    assert [kind for kind, _ in kinds_and_texts(text)] in ([], ["postcode"])


SIDE_CODES = "LL-DD-DD DD-DD-LL DD-LL-DD LL-DD-LL LL-LL-DD DD-LL-LL DD-LLL-D D-LLL-DD LL-DDD-L"
SIDE_CODES += " L-DDD-LL LLL-DD-L D-LL-DDD DDD-LL-D L-DD-LLL"


def make_plate(rng: random.Random, code: str) -> str:
    letters = "BDFGHJKLNPRSTVXZ"  # the RDW's letters: no vowels, C, M, Q, W or Y
    return "".join(
        rng.choice(letters) if c == "L" else str(rng.randrange(10)) if c == "D" else c for c in code
    )


@pytest.mark.parametrize("code", SIDE_CODES.split())
def test_licence_plates_of_every_side_code_are_found(code: str) -> None:
    rng = random.Random(code)
    for _ in range(20):
        plate = make_plate(rng, code)
        assert kinds_and_texts(f"De auto met {plate} is verkocht.") == [("licence_plate", plate)]
        compact = plate.replace("-", "")
        assert kinds_and_texts(f"Kenteken {compact}.") == [("licence_plate", compact)]


def test_a_plate_without_hyphens_needs_the_word_kenteken() -> None:
    assert kinds_and_texts("Code GX123B in het systeem.") == []
    assert kinds_and_texts("Formulier A-12-B en zaak 2024-AB-12.") == []


# --- Names ----------------------------------------------------------------------------------


@pytest.fixture
def names_in(detector: str) -> Callable[[str], list[str]]:
    def find(text: str) -> list[str]:
        return [h.text for h in scan(text, deep=detector == "deep") if h.kind == "name"]

    return find


def test_titles_and_roles_are_not_part_of_the_name_hit(names_in: NamesIn) -> None:
    assert names_in("Mevrouw Jansen en dhr. Pieter Bakker belden.") == ["Jansen", "Pieter Bakker"]
    assert names_in("Vader Mohammed werkt in ploegendienst.") == ["Mohammed"]


def test_name_after_a_role_word_is_found_even_if_no_list_knows_it(names_in: NamesIn) -> None:
    assert names_in("Het gesprek was met moeder Yara over de huur.") == ["Yara"]


def test_a_surname_that_is_a_role_word_still_counts_after_a_title(names_in: NamesIn) -> None:
    assert names_in("Mevrouw Meester belde.") == ["Meester"]
    assert names_in("Ik sprak met de moeder. Daarna belde ik.") == []


def test_names_merged_across_a_sentence_are_split(names_in: NamesIn) -> None:
    assert names_in("Neem Sanne en haar zoon Milan. Milan woont in een gezinshuis.") == [
        "Sanne",
        "Milan",
        "Milan",
    ]


def test_ordinary_words_and_places_are_not_names(names_in: NamesIn) -> None:
    text = "Welke stap volgt? Stap 2 kost geld. Het Rijk betaalt. In Den Haag loopt een pilot."
    assert names_in(text) == []
    assert names_in("Punt 4.2.1 van de handreiking. Zwolle en Breda doen mee.") == []


def test_initials_interfixes_and_titles_join_the_name(names_in: NamesIn) -> None:
    assert names_in("Het dossier van J. van der Berg ligt bij mw. De Vries.") == [
        "J. van der Berg",
        "De Vries",
    ]


def test_loading_deduce_undoes_its_logging_setup(monkeypatch: pytest.MonkeyPatch) -> None:
    """deduce calls logging.basicConfig(DEBUG, stdout) on import; the gate removes that."""
    root = logging.getLogger()
    before = (list(root.handlers), root.level)

    class FakeDeduceModule:
        @staticmethod
        def Deduce() -> str:  # noqa: N802 - mirrors deduce.Deduce
            return "deduce instance"

    def fake_import(name: str) -> FakeDeduceModule:
        assert name == "deduce"
        root.addHandler(logging.StreamHandler(sys.stdout))
        root.setLevel(logging.DEBUG)
        return FakeDeduceModule()

    monkeypatch.setattr("importlib.import_module", fake_import)
    assert deduce_names.load_deduce() == "deduce instance"
    assert (list(root.handlers), root.level) == before


def test_scanning_names_with_the_lexicon_loads_neither_deduce_nor_numpy() -> None:
    """What a web worker does for the free-text warning: a few MiB, no deduce tables."""
    code = (
        "import sys, tracemalloc; tracemalloc.start(); from app.content.anonymise import scan; "
        "hits = scan('Mevrouw Jansen, BSN 123456782'); "
        "print([h.kind for h in hits], 'deduce' in sys.modules, 'numpy' in sys.modules, "
        "tracemalloc.get_traced_memory()[1] // 2**20)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    kinds, deduce_loaded, numpy_loaded, peak_mib = result.stdout.rsplit(maxsplit=3)
    assert kinds == "['name', 'bsn']"
    assert (deduce_loaded, numpy_loaded) == ("False", "False")
    assert int(peak_mib) < 60


def test_deep_check_falls_back_to_the_lexicon_without_deduce(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(anonymise, "deduce_available", lambda: False)
    monkeypatch.setattr(anonymise, "deduce_person_spans", _fail)
    assert [h.text for h in scan("Mevrouw Jansen belde.", deep=True)] == ["Jansen"]


def _fail(text: str) -> list[tuple[int, int]]:
    raise AssertionError("deduce must not be used")


def test_shipped_lexicon_is_what_the_builder_makes_from_the_installed_deduce() -> None:
    """Regenerate with `doorbraakschool content lexicon` after upgrading deduce."""
    from app.content.name_lexicon import LEXICON_FILE
    from app.content.name_lexicon_build import (
        build_sections,
        deduce_source_dir,
        deduce_version,
        render,
    )

    source = deduce_source_dir()
    if source is None:
        pytest.skip("deduce is not installed (the [content] extra)")
    expected = render(build_sections(source), deduce_version())
    assert LEXICON_FILE.read_text(encoding="utf-8") == expected


# --- API ------------------------------------------------------------------------------------


def test_scan_returns_hits_sorted_by_start_without_duplicates() -> None:
    text = "Bel 06-12345678, mail a@example.com, BSN 111222333, bel 06-12345678."
    hits = scan(text, names=False)
    assert hits == sorted(hits, key=lambda h: h.start)
    assert len({(h.start, h.end) for h in hits}) == len(hits)
    assert [h.kind for h in hits] == ["phone", "email", "bsn", "phone"]


def test_digits_inside_a_phone_number_are_not_a_separate_bsn() -> None:
    assert kinds_and_texts("Mobiel 06 12345672") == [("phone", "06 12345672")]


def test_unreviewed_drops_only_hits_whose_exact_text_was_reviewed() -> None:
    hits = [Hit("name", "Sanne", 0, 5), Hit("phone", "06-12345678", 10, 21)]
    assert unreviewed(hits, ["Sanne", "06-1234567"]) == [hits[1]]
    assert unreviewed(hits, ["sanne"]) == hits


def test_warning_message_names_each_kind_once_in_dutch() -> None:
    hits = [
        Hit("phone", "0612345678", 0, 9),
        Hit("bsn", "111222333", 10, 19),
        Hit("phone", "0687654321", 20, 30),
    ]
    assert warning_message(hits) == (
        "Dit lijkt op echte cliëntgegevens (burgerservicenummer, telefoonnummer). "
        "Gebruik alleen verzonnen gegevens."
    )
    assert warning_message([]) == ""


def test_every_kind_has_a_dutch_label() -> None:
    assert set(KIND_LABELS) == set(KINDS)
