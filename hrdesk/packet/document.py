"""Rendering a ``Packet`` to PDF bytes with reportlab platypus: cover, contents with page numbers, bookmarks.

The table of contents needs the page numbers of a finished layout, so the
document is laid out in passes (``multiBuild``); headings register as
contents entries and PDF outline entries as they are placed. Long per-person
tables are cut at ``MAX_ROWS`` rows on paper (the JSON attachment holds all).
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from hrdesk import __version__
from hrdesk.packet import attachments
from hrdesk.packet.content import Packet, RateChart, Section, Table, Text

MAX_ROWS = 200
_STYLES: dict[str, Any] = {}


def styles() -> dict[str, Any]:
    if _STYLES:
        return _STYLES
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    from hrdesk.letters.pdf import FONT, FONT_BOLD, register_fonts

    register_fonts()
    body = ParagraphStyle("p", fontName=FONT, fontSize=9.5, leading=13, spaceAfter=5)
    _STYLES.update({
        "p": body,
        "note": ParagraphStyle("note", parent=body, fontSize=8.5, textColor=colors.HexColor("#444444")),
        "h1": ParagraphStyle("h1", parent=body, fontName=FONT_BOLD, fontSize=15, leading=19, spaceBefore=4, spaceAfter=8,
                              keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4,
                              keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=body, fontName=FONT_BOLD, fontSize=9.5, spaceBefore=4, spaceAfter=2, keepWithNext=1),
        "caption": ParagraphStyle("caption", parent=body, fontName=FONT_BOLD, fontSize=8.5, spaceBefore=6, spaceAfter=3,
                                   keepWithNext=1),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.2, spaceAfter=0),
        "head": ParagraphStyle("head", parent=body, fontName=FONT_BOLD, fontSize=7.5, leading=9.2, spaceAfter=0),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=22, leading=27, spaceAfter=14),
        "cover": ParagraphStyle("cover", parent=body, fontSize=10.5, leading=15, spaceAfter=4),
        "toc1": ParagraphStyle("toc1", parent=body, fontSize=10, leading=15, leftIndent=6),
        "toc2": ParagraphStyle("toc2", parent=body, fontSize=8.5, leading=12, leftIndent=22),
    })
    return _STYLES


def render(packet: Packet, *, on_section: Callable[[str], None] | None = None) -> tuple[bytes, int]:
    """The packet as PDF bytes (unsigned), and its number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph
    from reportlab.platypus.tableofcontents import TableOfContents

    st = styles()
    attached = attachments.files(packet)
    cover = packet.cover

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:
            entry = getattr(flowable, "_packet_toc", None)
            if entry is None:
                return
            level, text, key = entry
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
            self.notify("TOCEntry", (level, text, self.page, key))

    out = BytesIO()
    doc = Doc(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=20 * mm, bottomMargin=18 * mm,
              title=f"Audit packet: {cover.organisation}", author=cover.generated_by,
              subject=f"AI in performance management, {cover.period}", creator=f"hrdesk {__version__}",
              producer=f"hrdesk {__version__} (reportlab)", lang="en-GB")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")

    def first(canvas: Any, _doc: Any) -> None:
        attachments.embed(canvas, attached)
        canvas.showOutline()

    def later(canvas: Any, d: Any) -> None:
        from hrdesk.letters.pdf import FONT

        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(d.leftMargin, 10 * mm, f"{cover.organisation} · audit packet · {cover.period}")
        canvas.drawRightString(d.pagesize[0] - d.rightMargin, 10 * mm, f"page {d.page}")
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate("cover", [frame], onPage=first),
                          PageTemplate("body", [frame], onPage=later)])
    toc = TableOfContents(levelStyles=[st["toc1"], st["toc2"]], dotsMinLevel=0)
    story: list[Any] = [*_cover(packet), NextPageTemplate("body"), PageBreak(),
                        Paragraph("Contents", st["h1"]), toc, PageBreak()]
    width = doc.width
    for section in packet.sections:
        if on_section is not None:
            on_section(section.heading)
        story += _section(section, width)
        story.append(PageBreak())
    story += _appendix(packet, width)
    doc.multiBuild(story)
    return out.getvalue(), doc.page


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


def _section(section: Section, width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    st = styles()
    out: list[Any] = [_heading(section.heading, 0, f"s{section.number}")]
    sub = 0
    for block in section.blocks:
        if isinstance(block, Text):
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
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as RlTable
    from reportlab.platypus import TableStyle

    st = styles()
    where = f' <font size="7" color="#666666">[{attachments.name(section, table.key)}]</font>' if section else ""
    caption = Paragraph(escape(table.title) + where, st["caption"])
    if not table.rows:
        return [caption, Paragraph(escape(table.empty or "Nothing to show."), st["p"])]
    shown = table.rows[:MAX_ROWS]
    cell, head = st["cell"], st["head"]
    data = [[Paragraph(escape(c), head) for c in table.columns]]
    data += [[_cell(v, cell) for v in row] for row in shown]
    weights = table.widths or (1.0,) * len(table.columns)
    total = sum(weights)
    grid = RlTable(data, colWidths=[width * w / total for w in weights], repeatRows=1, hAlign="LEFT")
    grid.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f4f7")]),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    out: list[Any] = [caption, grid]
    notes = [table.note] if table.note else []
    if len(table.rows) > len(shown):
        notes.append(f"The first {len(shown)} of {len(table.rows)} rows are printed; all {len(table.rows)} are in the "
                     f"attachment {attachments.name(section or 0, table.key)}.")
    out += [Paragraph(escape(n), st["note"]) for n in notes]
    return out


def _cell(value: Any, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    text = "" if value is None else str(value)
    return Paragraph(escape(text), style)


def _chart(chart: RateChart, width: float) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    from hrdesk.packet.charts import drawing

    return [KeepTogether([Spacer(1, 4), drawing(chart, width)])]


def _appendix(packet: Packet, width: float) -> list[Any]:
    from reportlab.platypus import Paragraph

    st = styles()
    rows = tuple((attachments.name(s.number, t.key), s.heading, t.title, len(t.rows)) for s, t in packet.tables())
    table = Table("attachments", "Files attached to this PDF", ("file", "section", "table", "rows"),
                  (("packet.json", "Cover", "What the cover says, and which tables each section holds", ""),) + rows,
                  widths=(2.2, 1.8, 3.2, 0.5))
    return [_heading("Appendix: the tables as JSON attachments", 0, "appendix"),
            Paragraph("Each file below is attached inside this PDF (open the attachments panel of a PDF reader, or read "
                      "them with any PDF library). Each holds one table's columns and rows exactly as printed, so the "
                      "numbers can be recomputed.", st["p"]),
            *_table(table, width, None)]
