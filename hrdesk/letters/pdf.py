"""Rendering letters to PDF with reportlab platypus (imported here, lazily, never at hrdesk start-up).

Text is real text in an embedded DejaVu Sans subset (shipped in
``resources/fonts`` with its licence), so names such as "Łukasz Ścibor",
"Zoë Ångström" or "Nguyễn Thị Minh" render and can be extracted, searched and
read aloud. Each PDF carries its title, author, subject and language.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from hrdesk import __version__
from hrdesk.letters.template import Block

FONT, FONT_BOLD = "HrdeskSans", "HrdeskSans-Bold"
_fonts_lock = threading.Lock()
_fonts_ready = False


@dataclass(frozen=True)
class Letterhead:
    """What every page shows: the organisation, its letterhead lines, its logo; and who signs."""

    org_name: str
    lines: str = ""
    logo_path: str = ""
    signatory: str = ""
    signatory_title: str = ""
    language: str = "en-GB"


@dataclass(frozen=True)
class RenderedLetter:
    """One letter ready for the page: the recipient's lines, the title, the body blocks."""

    title: str
    recipient: tuple[str, ...]
    blocks: tuple[Block, ...]
    date: dt.date


def register_fonts() -> None:
    """Register the shipped TTFs with reportlab once per process (thread-safe)."""
    global _fonts_ready
    with _fonts_lock:
        if _fonts_ready:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        from hrdesk.letters.templates import fonts_dir

        folder = fonts_dir()
        pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, FONT_BOLD)
        addMapping(FONT, 0, 1, FONT)
        addMapping(FONT, 1, 1, FONT_BOLD)
        _fonts_ready = True


_STYLES: dict[str, Any] = {}


def styles() -> dict[str, Any]:
    """Paragraph styles for letters (built once)."""
    if _STYLES:
        return _STYLES
    register_fonts()
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5, spaceAfter=6)
    _STYLES.update({
        "p": body,
        "h1": ParagraphStyle("h1", parent=body, fontName=FONT_BOLD, fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=11, spaceBefore=6, spaceAfter=3),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=3),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=15, leading=19, spaceBefore=6, spaceAfter=10),
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=12, spaceAfter=0),
        "org": ParagraphStyle("org", parent=body, fontName=FONT_BOLD, fontSize=14, leading=17, spaceAfter=0),
    })
    return _STYLES


def story(letter: RenderedLetter, head: Letterhead) -> list[Any]:
    """The flowables of one letter."""
    from reportlab.platypus import Paragraph, Spacer

    st = styles()
    parts: list[Any] = [Paragraph(escape(line), st["small"]) for line in letter.recipient]
    parts.append(Spacer(1, 10))
    parts.append(Paragraph(letter.date.strftime("%d %B %Y").lstrip("0"), st["small"]))
    parts.append(Paragraph(escape(letter.title), st["title"]))
    for block in letter.blocks:
        if block.kind == "bullet":
            parts.append(Paragraph(block.markup, st["bullet"], bulletText="\u2022"))
        else:
            parts.append(Paragraph(block.markup, st[block.kind]))
    signature = [head.signatory, head.signatory_title, head.org_name]
    parts.append(Spacer(1, 18))
    parts.extend(Paragraph(escape(line), st["small"]) for line in signature if line)
    return parts


def _page_decorator(head: Letterhead) -> Callable[[Any, Any], None]:
    lines = [line.strip() for line in head.lines.splitlines() if line.strip()]

    def draw(canvas: Any, doc: Any) -> None:
        from reportlab.lib.units import mm

        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFont(FONT_BOLD, 13)
        canvas.drawString(doc.leftMargin, height - 18 * mm, head.org_name)
        canvas.setFont(FONT, 8.5)
        for index, line in enumerate(lines[:3]):
            canvas.drawString(doc.leftMargin, height - (23 + 4 * index) * mm, line)
        if head.logo_path:
            canvas.drawImage(head.logo_path, width - doc.rightMargin - 30 * mm, height - 30 * mm, width=30 * mm,
                             height=18 * mm, preserveAspectRatio=True, anchor="ne", mask="auto")
        canvas.setLineWidth(0.5)
        canvas.line(doc.leftMargin, height - 36 * mm, width - doc.rightMargin, height - 36 * mm)
        canvas.setFont(FONT, 8)
        canvas.drawString(doc.leftMargin, 12 * mm, f"{head.org_name} \u00b7 page {doc.page}")
        canvas.restoreState()

    return draw


def build_pdf(letters: Sequence[RenderedLetter], head: Letterhead, target: Path | BytesIO, *, title: str,
              subject: str = "", on_letter: Callable[[], None] | None = None) -> None:
    """Write ``letters`` (one, or several each starting on a new page) as one PDF."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate

    doc = BaseDocTemplate(
        str(target) if isinstance(target, Path) else target, pagesize=A4,
        leftMargin=22 * mm, rightMargin=22 * mm, topMargin=42 * mm, bottomMargin=20 * mm,
        title=title, author=head.org_name, subject=subject or title, creator=f"hrdesk {__version__}",
        producer=f"hrdesk {__version__} (reportlab)", lang=head.language, invariant=False,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame], onPage=_page_decorator(head))])
    flowables: list[Any] = []
    for index, letter in enumerate(letters):
        if index:
            flowables.append(PageBreak())
        flowables.extend(story(letter, head))
        if on_letter is not None:
            on_letter()
    doc.build(flowables)
