"""The audit packet of a 10,000-employee demo vault (governance walked, a model trained), against a plain
reportlab script laying out the same pages and charts.

    python -m tests.benchmarks packet

hrdesk: ``export_packet`` as the CLI runs it (read every section from the vault, lay out with contents and
bookmarks in passes, attach every table as JSON, sign, write, log). The anchor: the same paragraphs, tables
and charts, already gathered, built once with ``SimpleDocTemplate`` (one pass, no contents, no attachments).
Compared as pages per second (target: hrdesk takes at most 1.5x the anchor's time per page).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import row, side_by_side

N = 10_000
PASSPHRASE = "bench-packet-passphrase-lantern"


class _Counting:
    """Progress that counts its reports and keeps each phase's time (the benchmark shows progress flows)."""

    def __init__(self) -> None:
        self.reports = 0
        self.phases: list[tuple[str, float]] = []

    def begin(self, label: str, total: int) -> None:
        self.reports += 1
        self.phases.append((label, time.perf_counter()))

    def advance(self, steps: int = 1) -> None:
        self.reports += 1

    def cancelled(self) -> bool:
        return False


#: the prepared vault is kept between runs (building, training and walking 10,000 people takes minutes)
CACHE = Path(tempfile.gettempdir()) / f"hrdesk-bench-packet-{N}.hrdesk"


def _vault(folder: Path) -> Path:
    import shutil

    from hrdesk.demo.build import build_demo_vault
    from hrdesk.session import Session
    from hrdesk.suggest.service import train
    from hrdesk.vault import KdfParams
    from tests.governance.helpers import walk

    path = folder / "demo.hrdesk"
    if CACHE.is_file():
        shutil.copyfile(CACHE, path)
        return path
    build_demo_vault(path, passphrase=PASSPHRASE, n_employees=N, seed=3, kdf=KdfParams.fast_for_tests())
    with Session.open(path, PASSPHRASE) as session:
        train(session)
        walk(session, folder, signer="Demo HR")
    shutil.copyfile(path, CACHE)
    return path


def plain_document(packet: Any, target: Path) -> int:
    """The anchor: the packet's paragraphs, tables (same cell text, same row cap) and charts, one platypus pass."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
    from reportlab.platypus import Table as RlTable

    from hrdesk.letters.pdf import FONT
    from hrdesk.packet.charts import drawing
    from hrdesk.packet.content import RateChart, Table, Text
    from hrdesk.packet.document import MAX_ROWS, styles

    st = styles()
    doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=20 * mm,
                            bottomMargin=18 * mm)
    story: list[Any] = [Paragraph("Audit packet", st["title"]), PageBreak()]
    for section in packet.sections:
        story.append(Paragraph(escape(section.heading), st["h1"]))
        for block in section.blocks:
            if isinstance(block, Text):
                story.append(Paragraph(escape(block.text), st.get(block.style, st["p"])))
            elif isinstance(block, Table):
                story.append(Paragraph(escape(block.title), st["caption"]))
                if block.rows:
                    weights = block.widths or (1.0,) * len(block.columns)
                    widths = [doc.width * w / sum(weights) for w in weights]
                    cells = [[Paragraph(escape(c), st["head"]) for c in block.columns]]
                    cells += [[_cell(v, w - 6, st["cell"]) for v, w in zip(r, widths)] for r in block.rows[:MAX_ROWS]]
                    grid = RlTable(cells, colWidths=widths, repeatRows=1)
                    grid.setStyle([("FONT", (0, 1), (-1, -1), FONT, 7.5, 9.2), ("VALIGN", (0, 0), (-1, -1), "TOP")])
                    story.append(grid)
            elif isinstance(block, RateChart):
                story.append(drawing(block, doc.width))
        story.append(PageBreak())
    doc.build(story)
    return doc.page


def _cell(value: Any, room: float, style: Any) -> Any:
    """As a competent script would: one line that fits as a string, anything longer as a wrapping paragraph."""
    from xml.sax.saxutils import escape

    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    from hrdesk.letters.pdf import FONT

    text = "" if value is None else str(value)
    return text if stringWidth(text, FONT, 7.5) <= room else Paragraph(escape(text), style)


def run() -> list[dict]:
    from hrdesk.packet.build import export_packet, gather, render
    from hrdesk.packet.context import PacketOptions
    from hrdesk.packet.signing import sign_pdf
    from hrdesk.session import Session

    with tempfile.TemporaryDirectory(prefix="hrdesk-bench-packet-") as temp:
        folder = Path(temp)
        started = time.perf_counter()
        path = _vault(folder)
        setup = time.perf_counter() - started
        pages: dict[str, int] = {}
        progress: list[_Counting] = []
        with Session.open(path, PASSPHRASE) as session:
            def export() -> None:
                counting = _Counting()
                result = export_packet(session, folder / "packet.pdf", PacketOptions(), progress=counting)
                pages["export"] = result.pages
                progress.append(counting)

            exported = side_by_side({"export": export}, repeat=3)["export"]
            started = time.perf_counter()
            packet = session.read(lambda v: gather(v, PacketOptions(), generated_by="Demo HR"))
            reading = time.perf_counter() - started

            def ours() -> None:
                pdf, pages["hrdesk"] = render(packet)
                session.read(lambda v: sign_pdf(v, pdf))

            def plain() -> None:
                pages["plain"] = plain_document(packet, folder / "plain.pdf")

            times = side_by_side({"hrdesk": ours, "plain": plain}, repeat=3)
        mine, anchor = times["hrdesk"], times["plain"]
        mine_pps, anchor_pps = pages["hrdesk"] / mine.min, pages["plain"] / anchor.min
        reports = min(p.reports for p in progress)
        phases = ", ".join(label for label, _t in progress[-1].phases)
        return [
            row(f"packet: {N:,} employees, export (read, lay out, attach, sign, write)", exported.min, "s",
                f"{pages['export']} pages; reading the vault {reading:.1f} s of it; {reports} progress reports "
                f"({phases}); vault built, trained and walked in {setup:.0f} s", None,
                "< 60 s with progress throughout", median=exported.median),
            row(f"packet: pages per second laid out, attached and signed, against plain reportlab "
                f"({pages['plain']} pages, same tables and charts)", mine_pps, "p/s",
                f"plain platypus, one pass, no contents/attachments/signature: {anchor_pps:.1f} p/s "
                f"({anchor.min:.2f} s; hrdesk {mine.min:.2f} s)", anchor_pps / mine_pps, "≤ 1.5x"),
        ]
