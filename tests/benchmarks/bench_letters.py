"""1,000 AI-use disclosure letters: hrdesk (read the vault, fill the template, write the PDFs, log them) against a
plain reportlab platypus script writing the same pages (same text, fonts, styles and letterhead) and nothing else.

    python -m tests.benchmarks letters
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.benchmarks.common import best_of, row

N = 1000


def _vault(folder: Path):  # type: ignore[no-untyped-def]
    from tests.letters.helpers import import_csv, new_session, write_people

    managers = [f"Manager{m:02d} Lead" for m in range(40)]
    people = [(str(20000 + i), f"Ścibor{i:04d}, Łukasz Zoë", managers[i % len(managers)]) for i in range(N)]
    session = new_session(folder)
    import_csv(session, write_people(folder / "people.csv", people))
    return session


def _plain_script(letters, head, folder: Path, merged: bool) -> None:  # type: ignore[no-untyped-def]
    """The anchor: platypus straight from already-written paragraphs, as a hand-written script would."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    from hrdesk.letters.templates import fonts_dir

    if "PlainSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PlainSans", str(fonts_dir() / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("PlainSans-Bold", str(fonts_dir() / "DejaVuSans-Bold.ttf")))
        from reportlab.lib.fonts import addMapping

        addMapping("PlainSans", 0, 0, "PlainSans")
        addMapping("PlainSans", 1, 0, "PlainSans-Bold")
    body = ParagraphStyle("b", fontName="PlainSans", fontSize=10.5, leading=14.5, spaceAfter=6)
    st = {"p": body, "small": ParagraphStyle("s", parent=body, fontSize=9, leading=12, spaceAfter=0),
          "h1": ParagraphStyle("h1", parent=body, fontName="PlainSans-Bold", fontSize=12.5, leading=16),
          "h2": ParagraphStyle("h2", parent=body, fontName="PlainSans-Bold", fontSize=11),
          "bullet": ParagraphStyle("u", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=3),
          "title": ParagraphStyle("t", parent=body, fontName="PlainSans-Bold", fontSize=15, leading=19)}

    def page(canvas, doc):  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("PlainSans-Bold", 13)
        canvas.drawString(doc.leftMargin, A4[1] - 18 * mm, head.org_name)
        canvas.line(doc.leftMargin, A4[1] - 36 * mm, A4[0] - doc.rightMargin, A4[1] - 36 * mm)
        canvas.setFont("PlainSans", 8)
        canvas.drawString(doc.leftMargin, 12 * mm, f"{head.org_name} · page {doc.page}")
        canvas.restoreState()

    def flow(letter):  # type: ignore[no-untyped-def]
        out = [Paragraph(line, st["small"]) for line in letter.recipient] + [Spacer(1, 10),
               Paragraph(letter.date.isoformat(), st["small"]), Paragraph(letter.title, st["title"])]
        for block in letter.blocks:
            out.append(Paragraph(block.markup, st[block.kind], bulletText="•" if block.kind == "bullet" else None))
        return out + [Spacer(1, 18), Paragraph(head.org_name, st["small"])]

    def doc(path: Path):  # type: ignore[no-untyped-def]
        return SimpleDocTemplate(str(path), pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=42 * mm,
                                 bottomMargin=20 * mm, title="Disclosure")

    if merged:
        story = []
        for index, letter in enumerate(letters):
            story += ([PageBreak()] if index else []) + flow(letter)
        doc(folder / "all.pdf").build(story, onFirstPage=page, onLaterPages=page)
        return
    for index, letter in enumerate(letters):
        doc(folder / f"{index}.pdf").build(flow(letter), onFirstPage=page, onLaterPages=page)


def run() -> list[dict]:
    from hrdesk.letters import LetterType
    from hrdesk.letters.service import prepare_batch

    rows = []
    with tempfile.TemporaryDirectory(prefix="hrdesk-bench-letters-") as temp:
        folder = Path(temp)
        session = _vault(folder)
        ids = [p.hris_id for p in session.letter_status().people]
        batch = prepare_batch(session, LetterType.DISCLOSURE, employee_ids=ids)
        letters, head = [p.letter for p in batch.letters], batch.population.letterhead
        out = folder / "out"
        for merged in (False, True):
            def clean() -> None:
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir()

            def ours(merged: bool = merged) -> None:
                session.generate_letters(LetterType.DISCLOSURE, out, employee_ids=ids, merged=merged)

            def plain(merged: bool = merged) -> None:
                _plain_script(letters, head, out, merged)

            anchor = best_of(plain, repeat=2, setup=clean)
            mine = best_of(ours, repeat=2, setup=clean)
            what = "one merged PDF" if merged else "one PDF each"
            rows.append(row(f"letters: {N} disclosures, {what}", mine, "s",
                            f"plain platypus script, same pages: {anchor:.2f} s", mine / anchor, "≤ 1.5x"))
        session.close(backup=False)
    return rows
