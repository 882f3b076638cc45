"""Small real reportlab PDFs for the signing tests (uncompressed by default, so a test can edit a content stream)."""

from __future__ import annotations

import io


def make_pdf(*lines: str, compress: bool = False, title: str = "Audit packet") -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pageCompression=1 if compress else 0)
    page.setTitle(title)
    for n, line in enumerate(lines):
        page.drawString(72, 720 - 20 * n, line)
    page.showPage()
    page.save()
    return out.getvalue()
