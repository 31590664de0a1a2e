"""Certificates of attendance and of presentation as PDF, in the participant's language
(Latin, Cyrillic and Arabic scripts; HarfBuzz shapes the text, right to left where needed).
The font is DejaVu Sans, shipped in ``data/`` with its licence."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

DATA = resources.files("science4peace.events").joinpath("data")


@dataclass(frozen=True)
class Certificate:
    kind: str  # "attendance" or "presentation"
    name: str
    event_title: str
    dates: str  # e.g. "2026-06-01 – 2026-06-03"
    contributions: tuple[str, ...] = ()
    verify_url: str = ""


def _pdf() -> FPDF:
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    with resources.as_file(DATA.joinpath("DejaVuSans.ttf")) as regular:
        pdf.add_font("DejaVu", "", str(regular))
    with resources.as_file(DATA.joinpath("DejaVuSans-Bold.ttf")) as bold:
        pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_text_shaping(True)
    return pdf


def render(certificate: Certificate, language: str) -> bytes:
    with translation.override(language):
        heading = (
            _("Certificate of attendance")
            if certificate.kind == "attendance"
            else _("Certificate of presentation")
        )
        statement = (
            _("took part in the online event")
            if certificate.kind == "attendance"
            else _("presented at the online event")
        )
        pdf = _pdf()
        pdf.set_title(f"{heading}: {certificate.name}")
        pdf.set_creator(settings.SITE_NAME)
        pdf.add_page()
        pdf.set_draw_color(40, 80, 140)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
        pdf.set_y(35)
        pdf.set_font("DejaVu", "B", 30)
        pdf.cell(0, 16, heading, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(10)
        pdf.set_font("DejaVu", "", 16)
        pdf.cell(0, 10, _("This certifies that"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 24)
        pdf.cell(0, 16, certificate.name, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 16)
        pdf.cell(0, 10, statement, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "B", 18)
        pdf.multi_cell(0, 10, certificate.event_title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 14)
        pdf.cell(0, 9, certificate.dates, align="C", new_x="LMARGIN", new_y="NEXT")
        if certificate.contributions:
            pdf.ln(4)
            pdf.cell(0, 9, _("Contributions:"), align="C", new_x="LMARGIN", new_y="NEXT")
            for title in certificate.contributions[:8]:
                pdf.multi_cell(0, 8, f"«{title}»", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-35)
        pdf.set_font("DejaVu", "", 10)
        pdf.cell(0, 6, settings.SITE_NAME, align="C", new_x="LMARGIN", new_y="NEXT")
        if certificate.verify_url:
            pdf.cell(0, 6, certificate.verify_url, align="C")
        return bytes(pdf.output())
