"""Rendering a ``Packet`` to PDF bytes with reportlab platypus: cover, contents with page numbers, bookmarks.

The document is laid out in one pass: headings register as PDF outline
entries (bookmarks) as they are placed, and the contents' page numbers are
filled in after the last page (``contents``). Long per-person tables are cut
at ``MAX_ROWS`` rows on paper (the JSON attachment holds all).
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from hrdesk import __version__
from hrdesk.letters.pdf import FONT, FONT_BOLD, register_fonts
from hrdesk.packet import attachments
from hrdesk.packet.content import Packet, RateChart, Section, Table, Text

MAX_ROWS = 200
CELL_SIZE, CELL_LEADING, PAD = 7.5, 9.2, 3
APPENDIX = "Appendix: the tables as JSON attachments"
_STYLES: dict[str, Any] = {}


def styles() -> dict[str, Any]:
    if _STYLES:
        return _STYLES
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    body = ParagraphStyle("p", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=5)
    _STYLES.update({
        "p": body,
        "note": ParagraphStyle("note", parent=body, fontSize=8.5, textColor=colors.HexColor("#444444")),
        "h1": ParagraphStyle("h1", parent=body, fontName=FONT_BOLD, fontSize=15, leading=19, spaceBefore=4, spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=body, fontName=FONT_BOLD, fontSize=9.5, spaceBefore=4, spaceAfter=2),
        "caption": ParagraphStyle("caption", parent=body, fontName=FONT_BOLD, fontSize=8.5, spaceBefore=6, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.2, spaceAfter=0),
        "head": ParagraphStyle("head", parent=body, fontName=FONT_BOLD, fontSize=7.5, leading=9.2, spaceAfter=0),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=22, leading=27, spaceAfter=14),
        "cover": ParagraphStyle("cover", parent=body, fontSize=10.5, leading=15, spaceAfter=4),
    })
    return _STYLES


def render(packet: Packet, *, on_section: Callable[[str], None] | None = None) -> tuple[bytes, int]:
    """The packet as PDF bytes (unsigned), and its number of pages, in one layout pass."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate

    from hrdesk.packet import contents

    attached = attachments.files(packet)
    cover = packet.cover
    placed: dict[str, int] = {}

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:
            entry = getattr(flowable, "_packet_toc", None)
            if entry is None:
                return
            level, text, key = entry
            placed[key] = self.page
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
            if level == 0 and on_section is not None:
                on_section(text)

    out = BytesIO()
    doc = Doc(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=20 * mm, bottomMargin=18 * mm,
              title=f"Audit packet: {cover.organisation}", author=cover.generated_by,
              subject=f"AI in performance management, {cover.period}", creator=f"hrdesk {__version__}",
              producer=f"hrdesk {__version__} (reportlab)", lang="en-GB")
    doc._doSave = 0  # saved below, once the contents' page numbers are drawn
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")

    def first(canvas: Any, _doc: Any) -> None:
        attachments.embed(canvas, attached)
        canvas.showOutline()

    def later(canvas: Any, d: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        page = f"page {d.page}"
        room = d.width - canvas.stringWidth(page, FONT, 7.5) - 4 * mm
        canvas.drawString(d.leftMargin, 10 * mm, _fitted(f"{cover.organisation} · audit packet · {cover.period_dates}",
                                                         room, canvas))
        canvas.drawRightString(d.pagesize[0] - d.rightMargin, 10 * mm, page)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate("cover", [frame], onPage=first),
                          PageTemplate("body", [frame], onPage=later)])
    toc_pages = contents.pages_of(_toc_entries(packet), frame._aH)
    story: list[Any] = [*_cover(packet), NextPageTemplate("body")]
    for index, entries in enumerate(toc_pages):
        story += [PageBreak(), contents.flowable(entries, f"PacketContents{index}")]
    story.append(PageBreak())
    width = doc.width
    for section in packet.sections:
        story += _section(section, width)
        story.append(PageBreak())
    story += _appendix(packet, width)
    doc.build(story)
    for index, entries in enumerate(toc_pages):
        contents.define_numbers(doc.canv, f"PacketContents{index}", entries, placed, doc.width, frame._aH)
    doc.canv.save()
    return out.getvalue(), doc.page


def _toc_entries(packet: Packet) -> list[tuple[int, str, str]]:
    """Every contents line, known before layout: the sections, their sub-headings, the appendix."""
    out: list[tuple[int, str, str]] = []
    for section in packet.sections:
        out.append((0, section.heading, f"s{section.number}"))
        subs = [b.text for b in section.blocks if isinstance(b, Text) and b.style == "h2"]
        out += [(1, text, f"s{section.number}.{i}") for i, text in enumerate(subs, start=1)]
    out.append((0, APPENDIX, "appendix"))
    return out


def _heading(text: str, level: int, key: str) -> Any:
    from reportlab.platypus import Paragraph

    p = Paragraph(escape(text), styles()["h1" if level == 0 else "h2"])
    p._packet_toc = (level, text, key)  # read by afterFlowable: a contents line and a bookmark
    return p


def _cover(packet: Packet) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    st, c = styles(), packet.cover
    lines = [("Organisation", c.organisation), ("Period covered", c.period),
             ("Generated", f"{c.generated_at} by {c.generated_by}"),
             ("hrdesk version", c.hrdesk_version), ("Vault format", f"version {c.vault_format}"),
             ("Signing key fingerprint", c.fingerprint or "not signed"),
             ("Employees", "shown by name" if c.names_shown else "pseudonymised")]
    out: list[Any] = [Spacer(1, 40), Paragraph("Audit packet", st["title"]),
                      Paragraph("AI in performance management: governance, audits, models, decisions, contests, "
                                "training, monitoring and the integrity of the record.", st["cover"]), Spacer(1, 18)]
    out += [Paragraph(f"<b>{escape(k)}:</b> {escape(str(v))}", st["cover"]) for k, v in lines]
    out += [Spacer(1, 14), Paragraph(escape(c.names_sentence), st["cover"]), Spacer(1, 8),
            Paragraph("Every table in this packet is also attached to the PDF as a JSON file (listed in the appendix), "
                      "so the numbers can be recomputed. The packet is signed with the vault's Ed25519 key: "
                      "<i>hrdesk verify packet.pdf</i> reports whether it is authentic and unaltered.", st["cover"])]
    return out


#: room (points) a heading or caption needs below it, else it starts the next page: a cheap guard against
#: orphans (keepWithNext made reportlab trial-wrap whole 200-row tables, a third of the layout time)
ROOM = {"h2": 110, "h3": 60, "caption": 70}


def _section(section: Section, width: float) -> list[Any]:
    from reportlab.platypus import CondPageBreak, Paragraph

    st = styles()
    out: list[Any] = [_heading(section.heading, 0, f"s{section.number}")]
    sub = 0
    for block in section.blocks:
        if isinstance(block, Text):
            if block.style in ROOM:
                out.append(CondPageBreak(ROOM[block.style]))
            if block.style == "h2":
                sub += 1
                out.append(_heading(block.text, 1, f"s{section.number}.{sub}"))
            else:
                out.append(Paragraph(escape(block.text), st.get(block.style, st["p"])))
        elif isinstance(block, Table):
            out += _table(block, width, section.number)
        elif isinstance(block, RateChart):
            out += _chart(block, width)
    return out


def _table(table: Table, width: float, section: int | None) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import CondPageBreak, Paragraph
    from reportlab.platypus import Table as RlTable
    from reportlab.platypus import TableStyle

    st = styles()
    where = f' <font size="7" color="#666666">[{attachments.name(section, table.key)}]</font>' if section else ""
    caption = Paragraph(escape(table.title) + where, st["caption"])
    if not table.rows:
        return [CondPageBreak(ROOM["caption"]), caption, Paragraph(escape(table.empty or "Nothing to show."), st["p"])]
    shown = table.rows[:MAX_ROWS]
    head = st["head"]
    weights = table.widths or (1.0,) * len(table.columns)
    total = sum(weights)
    widths = [width * w / total for w in weights]
    data = [[Paragraph(escape(c), head) for c in table.columns]]
    data += [[_cell(v, w - 2 * PAD) for v, w in zip(row, widths)] for row in shown]
    grid = RlTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    grid.setStyle(TableStyle([
        ("FONT", (0, 1), (-1, -1), FONT, CELL_SIZE, CELL_LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f4f7")]),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]))
    out: list[Any] = [CondPageBreak(ROOM["caption"]), caption, grid]
    notes = [table.note] if table.note else []
    if len(table.rows) > len(shown):
        notes.append(f"The first {len(shown)} of {len(table.rows)} rows are printed; all {len(table.rows)} are in the "
                     f"attachment {attachments.name(section or 0, table.key)}.")
    out += [Paragraph(escape(n), st["note"]) for n in notes]
    return out


def _cell(value: Any, room: float) -> Any:
    """Text that fits its column on one line as a plain string (cheap to lay out); longer text as a wrapping
    paragraph."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    text = "" if value is None else str(value)
    if "\n" not in text and stringWidth(text, FONT, CELL_SIZE) <= room:
        return text
    return Paragraph(escape(text), styles()["cell"])


def _chart(chart: RateChart, width: float) -> list[Any]:
    from reportlab.platypus import Spacer

    from hrdesk.packet.charts import drawing

    return [Spacer(1, 4), drawing(chart, width)]  # a drawing never splits: it moves to the next page whole


def _appendix(packet: Packet, width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    st = styles()
    rows = tuple((attachments.name(s.number, t.key), s.heading, t.title, len(t.rows)) for s, t in packet.tables())
    table = Table("attachments", "Files attached to this PDF", ("file", "section", "table", "rows"),
                  (("packet.json", "Cover", "What the cover says, and which tables each section holds", ""),) + rows,
                  widths=(2.2, 1.8, 3.2, 0.5))
    return [_heading(APPENDIX, 0, "appendix"),
            Paragraph("Each file below is attached inside this PDF (open the attachments panel of a PDF reader, or read "
                      "them with any PDF library). Each holds one table's columns and rows exactly as printed, so the "
                      "numbers can be recomputed.", st["p"]),
            *_table(table, width, None)]


def _fitted(text: str, width: float, canvas: Any) -> str:
    """``text`` cut short with an ellipsis so it fits ``width`` in the canvas's current font (a long
    organisation name must never run into the page number)."""
    if canvas.stringWidth(text) <= width:
        return text
    while text and canvas.stringWidth(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
