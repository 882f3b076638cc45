"""Writing the audit log, as shown (in words, filters applied), to CSV or PDF.

Plain Python, no Qt: the screen passes the entries and each one's local time
as text. The CSV neutralises cells a spreadsheet would run as a formula; the
PDF (reportlab, imported only when a PDF is written) is a landscape table an
auditor can read and print, with the chain's verdict and the filters used.
Both are written to a temporary file first and moved into place, so a failed
export never leaves half a file behind.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from hrdesk.spreadsheet import safe_cell
from hrdesk.ui.audit_words import DescribedEntry

CSV_HEADER = ("Entry", "Time", "Time (stored, UTC)", "Who", "Action", "Target", "Details", "Event code")


def _atomic_target(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=".hrdesk-export-", suffix=path.suffix, dir=path.parent)


def write_csv(path: Path, entries: Sequence[DescribedEntry], times: Mapping[int, str]) -> Path:
    """One row per entry; every cell formula-safe; UTF-8 with a BOM so spreadsheets read accents."""
    fd, temp = _atomic_target(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_HEADER)
            for e in entries:
                writer.writerow([safe_cell(v) for v in (e.seq, times.get(e.seq, e.time), e.time, e.who, e.action,
                                                        e.target, e.details_line(), e.code)])
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def write_pdf(path: Path, entries: Sequence[DescribedEntry], times: Mapping[int, str], *, org: str, scope: str,
              chain: str) -> Path:
    """A printable table of the entries, headed by the organisation, the filters used and the chain's verdict."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    head = styles["BodyText"].clone("head", fontSize=8, leading=10, fontName="Helvetica-Bold")

    def para(text: str, style=cell) -> Paragraph:  # type: ignore[no-untyped-def]
        return Paragraph(escape(text), style)

    rows = [[para(h, head) for h in ("#", "Time", "Who", "Action", "Target", "Details")]]
    for e in entries:
        rows.append([para(str(e.seq)), para(times.get(e.seq, e.time)), para(e.who), para(e.action), para(e.target),
                     para(e.details_line())])
    table = LongTable(rows, colWidths=[12 * mm, 32 * mm, 30 * mm, 55 * mm, 50 * mm, None], repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f4f7")]),
    ]))
    story = [
        Paragraph(escape(f"Audit log — {org}"), styles["Title"]),
        Paragraph(escape(f"{len(entries):,} {'entry' if len(entries) == 1 else 'entries'} · {scope}"), styles["Normal"]),
        Paragraph(escape(chain), styles["Normal"]),
        Spacer(1, 6 * mm),
        table,
    ]
    fd, temp = _atomic_target(path)
    os.close(fd)
    try:
        doc = SimpleDocTemplate(temp, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                                topMargin=12 * mm, bottomMargin=12 * mm, title=f"Audit log — {org}",
                                author="hrdesk")
        doc.build(story)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
