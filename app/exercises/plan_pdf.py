"""A doorbraakplan as one A4 PDF with its kassabon (fpdf2), the way a professional hands it to
the person who must decide. Pure: plan fields and receipt data in, bytes out."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.calculations.formatting import SCENARIO_LABELS, euro
from app.calculations.pdf import ReceiptPdf
from app.calculations.receipt_text import (
    break_even_text,
    line_explanation,
    meta_line,
    return_text,
    scenario_heading,
    warning_lines,
)
from app.exercises.plan import PLAN_FIELDS
from app.pdf import FONT_PATH


def plan_pdf(
    *,
    case_title: str,
    author: str,
    version_line: str,
    fields: Mapping[str, object],
    kassabon: Mapping[str, Any],
    font_path: Path = FONT_PATH,
) -> bytes:
    pdf = ReceiptPdf(font_path)
    pdf.set_title(f"Doorbraakplan {case_title}")
    pdf.add_page()
    pdf.para("DOORBRAAKPLAN", 16, bold=True)
    pdf.para(case_title, 13, bold=True)
    pdf.para(f"Opgesteld door {author} · {version_line}", 9)
    pdf.para("Oefenplan in de Doorbraakschool: verzonnen casus, geen echte cliëntgegevens.", 8.5)
    pdf.rule(dashed=False)
    for number, field in enumerate(PLAN_FIELDS, start=1):
        pdf.para(f"{number}. {field.label}", 11, bold=True)
        pdf.ln(0.5)
        pdf.para(str(fields.get(field.key, "")), 10)
        pdf.ln(2.5)
    receipt = kassabon.get("receipt")
    if isinstance(receipt, Mapping) and receipt:
        pdf.add_page()
        _receipt(pdf, str(kassabon.get("title", "")), receipt)
    return bytes(pdf.output())


def _receipt(pdf: ReceiptPdf, title: str, receipt: Mapping[str, Any]) -> None:
    pdf.para("KASSABON", 14, bold=True)
    pdf.para(title, 11, bold=True)
    pdf.para(meta_line(receipt), 8.5)
    pdf.rule(dashed=False)
    for key in ("status_quo", "breakthrough"):
        scenario = receipt.get(key, {})
        pdf.para(scenario_heading(key, scenario.get("title", "")), 11, bold=True)
        for line in scenario.get("lines", []):
            pdf.row(str(line.get("description", "")), euro(line["cost"]["central"]), size=9.5)
            pdf.para(f"   {line_explanation(line)}", 7.5)
        total = scenario.get("total", {}).get("central", "0")
        pdf.row(f"Kosten van {SCENARIO_LABELS[key].lower()}", euro(total), bold=True)
        pdf.rule()
    difference = receipt.get("difference", {}).get("central", "0")
    pdf.row("Maatschappelijk verschil", euro(difference), bold=True, size=12)
    pdf.para("Positief: doorbreken is goedkoper dan doormodderen.", 8)
    pdf.para(break_even_text(receipt), 9)
    pdf.para(return_text(receipt), 9)
    pdf.rule()
    pdf.payers(receipt.get("payers", []))
    lines = warning_lines(receipt)
    pdf.para("LET OP" if lines else "Geen waarschuwingen.", 10, bold=True)
    for text in lines:
        pdf.para(f"- {text}", 8.5)
