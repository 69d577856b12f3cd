"""The certificate as an A4 PDF (fpdf2). Pure: takes what the certificate shows.

DejaVu Sans carries every Dutch character; without that font file the PDF falls back to the core
Helvetica font (Latin-1 only, other characters replaced)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.dates import format_date
from app.pdf import FONT_PATH, SchoolPdf

LEFT = 25.0
WIDTH = 160.0


@dataclass(frozen=True)
class CertificateData:
    holder_name: str
    organisation_name: str
    title: str
    modules: Sequence[str]
    issued_on: date
    code: str
    verify_url: str


def dutch_date(value: date) -> str:
    return format_date(value, "short")


class _Pdf(SchoolPdf):
    def __init__(self, font_path: Path) -> None:
        super().__init__(font_path, top_margin=22, side_margin=LEFT)

    def line_of(self, text: str, size: float, *, bold: bool = False, height: float = 7) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.multi_cell(WIDTH, height, self.text_of(text), align="C", new_x="LMARGIN", new_y="NEXT")


def certificate_pdf(data: CertificateData, *, font_path: Path = FONT_PATH) -> bytes:
    pdf = _Pdf(font_path)
    pdf.set_title(pdf.text_of(f"Certificaat {data.holder_name}"))
    pdf.add_page()
    pdf.set_line_width(0.8)
    pdf.rect(12, 12, 186, 273)
    pdf.line_of("Doorbraakschool", 12, bold=True)
    pdf.ln(6)
    pdf.line_of("Certificaat", 30, bold=True, height=14)
    pdf.ln(6)
    pdf.line_of("Hierbij verklaren wij dat", 12)
    pdf.ln(2)
    pdf.line_of(data.holder_name, 22, bold=True, height=11)
    pdf.line_of(data.organisation_name, 13)
    pdf.ln(4)
    pdf.line_of("met goed gevolg heeft afgerond:", 12)
    pdf.line_of(data.title, 15, bold=True, height=9)
    pdf.ln(4)
    _modules(pdf, data.modules)
    pdf.ln(6)
    pdf.line_of(f"Afgegeven op {dutch_date(data.issued_on)}", 11)
    pdf.ln(4)
    pdf.line_of(f"Verificatiecode: {data.code}", 11, bold=True)
    pdf.line_of(f"Controleer dit certificaat op {data.verify_url}", 9, height=5)
    return bytes(pdf.output())


def _modules(pdf: _Pdf, modules: Sequence[str]) -> None:
    size = 9.5 if len(modules) <= 15 else 8
    pdf.set_font(pdf.family, "", size)
    for module in modules:
        pdf.set_x(LEFT + 10)
        pdf.multi_cell(WIDTH - 20, size * 0.5, pdf.text_of(module), new_x="LMARGIN", new_y="NEXT")
