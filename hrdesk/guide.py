"""The user guide's pages (``hrdesk/resources/guide``): which there are, their headings' anchors, their links and images.

One list of pages serves Help (F1) in the window, the link checker and the
screenshot command (which must produce every image a page names). Plain
Python: the anchors follow GitHub's rule, so a link that works on the
repository's web page also scrolls in the app's help window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hrdesk import paths


@dataclass(frozen=True)
class Page:
    """One page of the guide: its file under ``hrdesk/resources/guide`` and the title the help window lists."""

    file: str
    title: str
    reader: str  # who it is written for, in a few words


PAGES: tuple[Page, ...] = (
    Page("index.md", "Start here", "everyone"),
    Page("hr.md", "Guide for HR", "the HR practitioner who runs hrdesk"),
    Page("managers.md", "Guide for managers", "managers who hold review conversations"),
    Page("auditors.md", "Guide for auditors", "whoever checks an audit packet"),
    Page("limits.md", "What hrdesk does not do", "everyone"),
)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
#: ``[text](target)`` and ``![alt](target)``; the target ends at whitespace or ``)``.
_LINK = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


@dataclass(frozen=True)
class Link:
    """A link or an image on a page, with its line number (for a useful failure message)."""

    line: int
    target: str
    image: bool


def guide_dir() -> Path:
    return paths.guide_dir()


def page_path(page: Page | str) -> Path:
    return guide_dir() / (page.file if isinstance(page, Page) else page)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]|<[^>]+>", "", heading).strip().lower()
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link in a heading counts by its text
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def _outside_code(text: str) -> list[tuple[int, str]]:
    """(line number, line) for every line not inside a fenced code block."""
    lines, fenced = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line))
    return lines


def anchors(text: str) -> set[str]:
    """Every heading's anchor on a page (a repeated heading gets ``-1``, ``-2``, as on GitHub)."""
    seen: dict[str, int] = {}
    found = set()
    for _number, line in _outside_code(text):
        match = _HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(text: str) -> list[Link]:
    """Every link and image on a page outside code blocks and inline code."""
    out = []
    for number, line in _outside_code(text):
        for match in _LINK.finditer(re.sub(r"`[^`]*`", "", line)):
            out.append(Link(number, match.group(2), bool(match.group(1))))
    return out


def images(pages: tuple[Page, ...] = PAGES) -> list[str]:
    """The file names of every picture the guide shows (under ``img/``), in page order, once each."""
    names: list[str] = []
    for page in pages:
        path = page_path(page)
        if not path.is_file():
            continue
        for link in links(path.read_text(encoding="utf-8")):
            if link.image and link.target.startswith("img/") and link.target[4:] not in names:
                names.append(link.target[4:])
    return names


def broken_links(folder: Path | None = None) -> list[str]:
    """Every relative link, image or anchor on the guide's pages that leads nowhere (empty: all fine)."""
    folder = folder or guide_dir()
    problems = []
    for page in sorted(folder.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for link in links(text):
            if re.match(r"^[a-z][a-z0-9+.-]*:", link.target, re.I):  # http:, mailto: ... not checked offline
                continue
            target, _, fragment = link.target.partition("#")
            where = (page.parent / target).resolve() if target else page
            label = f"{page.name}:{link.line}: {link.target}"
            if folder.resolve() not in (where, *where.parents):
                problems.append(f"{label}: leads outside the guide's folder (the help window and the bundle carry "
                                "only hrdesk/resources/guide)")
            elif not where.exists():
                problems.append(f"{label}: {'image' if link.image else 'page'} not found")
            elif fragment and where.suffix == ".md" and fragment not in anchors(where.read_text(encoding="utf-8")):
                problems.append(f"{label}: no heading with the anchor #{fragment} in {where.name}")
    return problems
