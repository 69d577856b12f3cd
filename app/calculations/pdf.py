"""The kassabon as an A4 PDF (fpdf2). Pure: takes the receipt as ``receipt_to_dict`` data.

DejaVu Sans carries the euro sign and Dutch characters; without that font file the PDF falls
back to the core Helvetica font and writes "EUR" instead of "€".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from app.calculations.formatting import (
    LEVEL_LABELS,
    SCENARIO_LABELS,
    delta_text,
    euro,
)
from app.calculations.receipt_text import (
    horizon_text,
    index_text,
    line_explanation,
    meta_line,
    scenario_heading,
    warning_lines,
)
from app.pdf import FONT_PATH, SchoolPdf

LEFT = 25.0
WIDTH = 160.0
AMOUNT = 38.0
ROW = 5.5


class ReceiptPdf(SchoolPdf):
    """The school's PDF with a few receipt-shaped helpers."""

    def __init__(self, font_path: Path) -> None:
        super().__init__(font_path, top_margin=20, side_margin=LEFT)
        self.set_title("Kassabon")

    def style(self, size: float, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)

    def rule(self, dashed: bool = True) -> None:
        self.ln(1.5)
        if dashed:
            self.set_dash_pattern(dash=1.2, gap=1.0)
        y = self.get_y()
        self.line(LEFT, y, LEFT + WIDTH, y)
        self.set_dash_pattern()
        self.ln(2.5)

    def para(self, text: str, size: float = 9, bold: bool = False) -> None:
        self.style(size, bold)
        self.multi_cell(
            WIDTH, ROW - 1, self.text_of(text), align="L", new_x="LMARGIN", new_y="NEXT"
        )

    def row(self, label: str, amount: str, *, bold: bool = False, size: float = 10) -> None:
        """A label (wrapping) with a right-aligned amount on its first line."""
        self.style(size, bold)
        top = self.get_y()
        if top + ROW > self.page_break_trigger:
            self.add_page()
            top = self.get_y()
        self.multi_cell(
            WIDTH - AMOUNT, ROW, self.text_of(label), align="L", new_x="LMARGIN", new_y="NEXT"
        )
        bottom = self.get_y()
        self.set_xy(LEFT + WIDTH - AMOUNT, top)
        self.cell(AMOUNT, ROW, self.text_of(amount), align="R")
        self.set_xy(LEFT, max(bottom, top + ROW))

    def payers(self, payers: Sequence[Mapping[str, Any]]) -> None:
        """Per payer what doormodderen and doorbreken cost, and who invests or saves."""
        self.para("PER BETALER (doormodderen / doorbreken)", 10, bold=True)
        for payer in payers:
            amounts = (
                f"{euro(payer['status_quo']['central'])} / {euro(payer['breakthrough']['central'])}"
            )
            self.row(f"{payer['label']}: {delta_text(dict(payer))}", amounts, size=9.5)
        self.rule()


def receipt_pdf(title: str, receipt: Mapping[str, Any], font_path: Path = FONT_PATH) -> bytes:
    pdf = ReceiptPdf(font_path)
    pdf.add_page()
    pdf.para("KASSABON · DOORBRAAKSCHOOL", 14, bold=True)
    pdf.para(title, 12, bold=True)
    pdf.para(meta_line(receipt), 8.5)
    pdf.para("Oefenberekening: alleen verzonnen gegevens, geen echte cliëntgegevens.", 8.5)
    pdf.rule(dashed=False)
    for key in ("status_quo", "breakthrough"):
        _scenario(pdf, key, receipt.get(key, {}), receipt.get("base_year"))
    _comparison(pdf, receipt)
    pdf.payers(receipt.get("payers", []))
    _sensitivity(pdf, receipt.get("sensitivity", []))
    _warnings(pdf, receipt)
    return bytes(pdf.output())


def _scenario(pdf: ReceiptPdf, key: str, scenario: Mapping[str, Any], base_year: object) -> None:
    label = SCENARIO_LABELS[key]
    pdf.para(scenario_heading(key, scenario.get("title", "")), 11, bold=True)
    pdf.ln(1)
    for line in scenario.get("lines", []):
        pdf.row(str(line.get("description", "")), euro(line["cost"]["central"]))
        pdf.para(f"   {line_explanation(line)}", 8)
        indexing = index_text(line, base_year)
        if indexing:
            pdf.para(f"   {indexing}", 8)
    pdf.rule()
    for subtotal in scenario.get("by_payer", []):
        pdf.row(f"Subtotaal {subtotal['label']}", euro(subtotal["amount"]["central"]), size=9.5)
    total = scenario.get("total", {}).get("central", "0")
    pdf.row(f"Kosten van {label.lower()}", euro(total), bold=True, size=11)
    transfers = scenario.get("transfers")
    if isinstance(transfers, Mapping):
        pdf.row("waarvan overdrachten", euro(transfers["central"]), size=9.5)
    pdf.rule(dashed=False)


def _comparison(pdf: ReceiptPdf, receipt: Mapping[str, Any]) -> None:
    difference = receipt.get("difference", {}).get("central", "0")
    resources = receipt.get("difference_resources")
    label = "Maatschappelijk verschil"
    if isinstance(resources, Mapping):
        label += ": maatschappelijke business case (alle kosten)"
    pdf.row(label, euro(difference), bold=True, size=12)
    if isinstance(resources, Mapping):
        pdf.row("MKBA-blik: verschil in middelen, zonder overdrachten", euro(resources["central"]))
    pdf.para("Positief: doorbreken is goedkoper dan doormodderen.", 8)
    note = horizon_text(receipt)
    if note:
        pdf.para(note, 8)
    month = receipt.get("break_even_month")
    pdf.row("Terugverdiend in maand", str(month) if month else "niet binnen de horizon", size=9.5)
    ratio = receipt.get("return_per_euro")
    pdf.row(
        "Rendement per geïnvesteerde euro",
        euro(ratio) if ratio is not None else "niemand investeert",
        size=9.5,
    )
    pdf.rule()


def _sensitivity(pdf: ReceiptPdf, cases: Sequence[Mapping[str, Any]]) -> None:
    pdf.para("GEVOELIGHEID (alle kengetallen laag / midden / hoog)", 10, bold=True)
    for case in cases:
        level = LEVEL_LABELS.get(str(case.get("level")), str(case.get("level")))
        text = (
            f"{level}: doormodderen {euro(case['status_quo'])}, "
            f"doorbreken {euro(case['breakthrough'])}"
        )
        pdf.row(text, euro(case["difference"]), size=9)
    pdf.rule()


def _warnings(pdf: ReceiptPdf, receipt: Mapping[str, Any]) -> None:
    lines = warning_lines(receipt)
    pdf.para("LET OP" if lines else "Geen waarschuwingen.", 10, bold=True)
    for text in lines:
        pdf.para(f"- {text}", 8.5)
    pdf.ln(3)
    pdf.para("Bedragen in euro's, per regel afgerond op hele centen (half naar boven).", 7.5)
