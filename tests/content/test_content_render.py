"""Markdown rendering: references become links, and nothing unsafe survives."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from app.content import Catalog, render_markdown


def link(kind: str, target: str) -> str:
    return f"/{kind}/{target}"


def render(text: str, catalog: Catalog) -> BeautifulSoup:
    return BeautifulSoup(render_markdown(text, catalog, link), "html.parser")


@pytest.mark.parametrize(
    ("reference", "href", "label"),
    [
        ("[[art:pw-18-1]]", "/art/pw-18-1", "art. 18 lid 1 Pw"),
        ("[[art:jeugdwet-2-3]]", "/art/jeugdwet-2-3", "art. 2.3 Jeugdwet"),
        ("[[wet:zvw]]", "/wet/zvw", "Zvw"),
        ("[[casus:c1]]", "/casus/c1", "Anna en Bo"),
        ("[[kengetal:k-jz-5]]", "/kengetal/k-jz-5", "Gezinshuis, verblijf per etmaal"),
        ("[[module:2]]", "/module/2", "module 2: Recht als gereedschap"),
    ],
)
def test_reference_becomes_a_link_with_its_default_label(
    catalog: Catalog, reference: str, href: str, label: str
) -> None:
    anchor = render(f"Zie {reference}.", catalog).find("a")
    assert anchor is not None
    assert anchor["href"] == href
    assert anchor.get_text() == label
    assert "ref" in anchor["class"]


def test_reference_label_after_a_bar_replaces_the_default(catalog: Catalog) -> None:
    anchor = render("Zie [[art:pw-18-1|de maatwerkregel]].", catalog).find("a")
    assert anchor is not None
    assert anchor.get_text() == "de maatwerkregel"


def test_learners_never_see_a_verification_marker_after_an_article(catalog: Catalog) -> None:
    soup = render("Zie [[art:jeugdwet-9-9]], [[art:pw-35]] en [[art:pw-18-1]].", catalog)
    assert soup.get_text() == "Zie art. 9.9 Jeugdwet, art. 35 Pw en art. 18 lid 1 Pw.\n"
    assert not soup.find_all("span", class_="ref-unverified")


def test_unknown_reference_is_shown_as_marked_text_not_a_link(catalog: Catalog) -> None:
    soup = render("Zie [[art:pw-99]].", catalog)
    assert soup.find("a") is None
    broken = soup.find("span", class_="ref-broken")
    assert broken is not None
    assert broken.get_text() == "[[art:pw-99]]"


def test_reference_inside_code_is_left_alone(catalog: Catalog) -> None:
    soup = render("Schrijf `[[art:pw-18-1]]` in de tekst.", catalog)
    assert soup.find("a") is None
    code = soup.find("code")
    assert code is not None
    assert code.get_text() == "[[art:pw-18-1]]"


def test_ordinary_markdown_renders(catalog: Catalog) -> None:
    soup = render(
        "# Kop\n\n**vet** en *schuin*\n\n- een\n- twee\n\n[wet](https://wetten.overheid.nl/)\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        catalog,
    )
    assert [h1.get_text() for h1 in soup.find_all("h1")] == ["Kop"]
    assert [strong.get_text() for strong in soup.find_all("strong")] == ["vet"]
    assert len(soup.find_all("li")) == 2
    assert [a["href"] for a in soup.find_all("a")] == ["https://wetten.overheid.nl/"]
    assert [td.get_text() for td in soup.find_all("td")] == ["1", "2"]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "Tekst <script>alert(1)</script> tekst",
        "<div><script>alert(1)</script></div>",
        "```\n<script>alert(1)</script>\n```",
        "[klik](javascript:alert(1))",
        "[klik](JAVASCRIPT:alert(1))",
        "![x](javascript:alert(1))",
        '<img src="x" onerror="alert(1)">',
        "[[art:pw-18-1|<script>alert(1)</script>]]",
        '[[art:pw-18-1|" onmouseover="alert(1)]]',
        "<a href='javascript:alert(1)'>x</a>",
    ],
)
def test_no_script_or_handler_survives(catalog: Catalog, text: str) -> None:
    html = render_markdown(text, catalog, link)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert "<script" not in html.lower()
    assert soup.find("div") is None
    for tag in soup.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs)
        for name in ("href", "src"):
            assert not str(tag.get(name, "")).lower().startswith("javascript:")


def test_link_function_output_is_escaped(catalog: Catalog) -> None:
    html = render_markdown("[[wet:pw]]", catalog, lambda kind, target: '/x?a=1&b="2"')
    anchor = BeautifulSoup(html, "html.parser").find("a")
    assert anchor is not None
    assert anchor["href"] == '/x?a=1&b="2"'
