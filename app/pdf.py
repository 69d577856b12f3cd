"""The one PDF base for the school's documents (pure; kassabon, doorbraakplan, certificate): fpdf2
with DejaVu Sans, which carries every Dutch character and the euro sign. Without that font file
it falls back to core Helvetica (Latin-1), replacing what Latin-1 cannot show."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LATIN1_REPLACEMENTS = {
    "€": "EUR", "–": "-", "—": "-", "−": "-", "…": "...",
    "‘": "'", "’": "'", "“": '"', "”": '"',
}  # fmt: skip


class SchoolPdf(FPDF):
    """A4, one font family (DejaVu or Helvetica), the school as creator."""

    def __init__(
        self, font_path: Path = FONT_PATH, *, top_margin: float = 20, side_margin: float = 25
    ) -> None:
        super().__init__(format="A4")
        self.unicode = font_path.is_file()
        self.family = "Helvetica"
        if self.unicode:
            self.add_font("DejaVu", "", str(font_path))
            bold = font_path.with_name("DejaVuSans-Bold.ttf")
            self.add_font("DejaVu", "B", str(bold if bold.is_file() else font_path))
            self.family = "DejaVu"
        self.set_margins(side_margin, top_margin, side_margin)
        self.set_auto_page_break(True, margin=18)
        self.set_creator("Doorbraakschool")

    def text_of(self, text: str) -> str:
        """The text as this font can show it."""
        if self.unicode:
            return text
        for original, plain in LATIN1_REPLACEMENTS.items():
            text = text.replace(original, plain)
        return text.encode("latin-1", "replace").decode("latin-1")
