"""The table of contents in one layout pass: titles drawn in place, page numbers filled in at the end.

reportlab's ``TableOfContents`` needs the document laid out twice (``multiBuild``)
to learn the page numbers, which doubled the packet's time. The contents'
lines are known before layout (every section and sub-heading is in the
packet), only the numbers are not: each contents page draws its titles,
dotted leaders and links at once, and places a form XObject where the
numbers go; the form is defined after the last page, when every number is
known (PDF lets a page use a form defined later in the file).
"""

from __future__ import annotations

from typing import Any

LEADING = {0: 17.0, 1: 13.0}
SIZE = {0: 10.0, 1: 8.5}
INDENT = {0: 6.0, 1: 22.0}
NUMBER_WIDTH = 28.0


def pages_of(entries: list[tuple[int, str, str]], height: float) -> list[list[tuple[int, str, str]]]:
    """The entries split into pages of ``height`` points (the heading "Contents" takes the first 30)."""
    pages: list[list[tuple[int, str, str]]] = [[]]
    used = 30.0
    for entry in entries:
        step = LEADING[entry[0]]
        if used + step > height:
            pages.append([])
            used = 30.0
        pages[-1].append(entry)
        used += step
    return pages


def flowable(entries: list[tuple[int, str, str]], form: str) -> Any:
    """A flowable drawing one page of contents; the numbers come from the form ``form``."""
    from reportlab.platypus import Flowable

    from hrdesk.letters.pdf import FONT, FONT_BOLD

    class ContentsPage(Flowable):
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.width, self.height = avail_width, avail_height
            return avail_width, avail_height

        def draw(self) -> None:
            canvas, top = self.canv, self.height
            canvas.setFont(FONT_BOLD, 15)
            canvas.drawString(0, top - 18, "Contents")
            y = top - 30
            for level, text, key in entries:
                y -= LEADING[level]
                canvas.setFont(FONT, SIZE[level])
                canvas.drawString(INDENT[level], y, text)
                start = INDENT[level] + canvas.stringWidth(text, FONT, SIZE[level]) + 6
                dots = max(0, int((self.width - NUMBER_WIDTH - start) / canvas.stringWidth(" .", FONT, SIZE[level])))
                canvas.drawString(start, y, " ." * dots)
                canvas.linkRect("", key, (0, y - 3, self.width, y + SIZE[level]), relative=1, thickness=0)
            canvas.doForm(form)

    return ContentsPage()


def define_numbers(canvas: Any, form: str, entries: list[tuple[int, str, str]], pages: dict[str, int],
                   width: float, height: float) -> None:
    """Draw the page numbers of ``entries`` as the form ``form`` (call once the last page is laid out)."""
    from hrdesk.letters.pdf import FONT

    canvas.beginForm(form, lowerx=0, lowery=0, upperx=width, uppery=height)
    y = height - 30
    for level, _text, key in entries:
        y -= LEADING[level]
        canvas.setFont(FONT, SIZE[level])
        canvas.drawRightString(width, y, str(pages.get(key, "")))
    canvas.endForm()
