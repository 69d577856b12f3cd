"""Helpers of the rekentool tests: a browser-like way to read and submit the editor form, a JSON
API helper, a made-up BSN and a small PDF text extractor (imported as calculations.calc_helpers)."""

from __future__ import annotations

import re
import zlib

from bs4 import BeautifulSoup
from factories import csrf_for, html, login_as, post_form


def as_user(make_client, user):
    browser = make_client()
    login_as(browser, user)
    return browser


def new_calculation(client, case_id: str = "", title: str = "") -> int:
    response = post_form(client, "/rekentool/nieuw", {"case_id": case_id, "title": title})
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/rekentool/(\d+)", response.headers["location"])
    assert match
    return int(match.group(1))


def editor_form(page: BeautifulSoup) -> dict[str, str]:
    """What a browser submits from the editor: every named input and the chosen options."""
    form = page.find("form", id="rekentool-form")
    assert form is not None
    data: dict[str, str] = {}
    for field in form.find_all(["input", "select"]):
        name = field.get("name")
        if not name or field.name == "input" and field.get("type") in ("submit", "button"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", "")
    return data


def open_editor(client, calculation_id: int) -> tuple[BeautifulSoup, dict[str, str]]:
    response = client.get(f"/rekentool/{calculation_id}")
    assert response.status_code == 200, response.text
    page = html(response)
    return page, editor_form(page)


def post_json(client, url: str, payload, *, token: bool = True, raw: bytes | None = None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-CSRF-Token"] = csrf_for(client)
    if raw is not None:
        return client.post(url, content=raw, headers=headers)
    return client.post(url, json=payload, headers=headers)


def valid_bsn() -> str:
    """A made-up nine-digit number that passes the BSN eleven-test (not a real person's)."""
    digits = [1, 2, 3, 4, 5, 6, 7, 8]
    total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    for last in range(10):
        if (total - last) % 11 == 0:
            return "".join(map(str, digits)) + str(last)
    raise AssertionError("no check digit")


# --- a tiny PDF text extractor (fpdf2 output: Flate streams, Type0 fonts with ToUnicode) ---

_OBJ = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes]]:
    found = {}
    for match in _OBJ.finditer(data):
        body = match.group(2)
        stream = _STREAM.search(body)
        content = b""
        if stream:
            content = stream.group(1)
            if b"/FlateDecode" in body.split(b"stream")[0]:
                content = zlib.decompress(content)
        found[int(match.group(1))] = (body.split(b"stream")[0], content)
    return found


def _cmap(content: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", content, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", content, re.S):
        for lo, hi, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}


def _string_at(content: bytes, start: int) -> tuple[bytes, int]:
    """The literal string opening at ``start`` (balanced parentheses, escapes), and its end."""
    out, depth, i = bytearray(), 1, start + 1
    while i < len(content):
        char = content[i]
        if char == 0x5C:
            nxt = content[i + 1]
            octal = re.match(rb"[0-7]{1,3}", content[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(0), 8))
                i += 1 + len(octal.group(0))
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        depth += {0x28: 1, 0x29: -1}.get(char, 0)
        if depth == 0:
            return bytes(out), i + 1
        out.append(char)
        i += 1
    return bytes(out), i


def _decode(raw: bytes, cmap: dict[int, str] | None) -> str:
    if cmap is None:
        return raw.decode("latin-1")
    codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
    return "".join(cmap.get(code, "?") for code in codes)


def _page_texts(content: bytes, fonts: dict[bytes, dict[int, str] | None]) -> list[str]:
    """Strings shown with Tj, and the parts of a TJ array joined into one text."""
    texts: list[str] = []
    current, parts, i = None, None, 0
    font_op = re.compile(rb"/(F\d+) [\d.]+ Tf")
    while i < len(content):
        char = content[i]
        if char == 0x28:
            raw, i = _string_at(content, i)
            if parts is not None:
                parts.append(_decode(raw, current))
            elif content[i : i + 4].strip().startswith(b"Tj"):
                texts.append(_decode(raw, current))
            continue
        if char == 0x5B:
            parts = []
        elif char == 0x5D and parts is not None:
            texts.append("".join(parts))
            parts = None
        match = font_op.match(content, i)
        if match:
            current = fonts.get(match.group(1))
            i = match.end()
            continue
        i += 1
    return texts


def pdf_text(data: bytes) -> str:
    """The text shown on the PDF's pages, one string per text operation, joined by newlines."""
    objects = _objects(data)
    fonts: dict[bytes, dict[int, str] | None] = {}
    for head, _ in objects.values():
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", head):
            font_head = objects[int(ref)][0]
            cmap_ref = re.search(rb"/ToUnicode (\d+) 0 R", font_head)
            fonts[name] = _cmap(objects[int(cmap_ref.group(1))][1]) if cmap_ref else None
    texts: list[str] = []
    for head, content in objects.values():
        if b"Tj" in content and b"/Length1" not in head:
            texts += _page_texts(content, fonts)
    return "\n".join(texts)
