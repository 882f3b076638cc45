"""The audits' feedback-language check, live while someone writes: a hint, never a block.

Personality-focused or coded words are underlined as they are typed
(``fairness.language.check_text`` on each paragraph, well under a millisecond),
and after a short pause a line under the field names each one with a
behaviour-focused alternative. Saving is never refused because of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from hrdesk.ui import palette
from hrdesk.ui.widgets import label, set_message

if TYPE_CHECKING:
    from hrdesk.fairness.language import TextHit

PAUSE_MS = 250
SHOWN = 3  # hints under a field; the underlines mark every hit


def hits(text: str) -> "list[TextHit]":
    from hrdesk.fairness.language import check_text  # pandas comes with it: only once someone writes

    return check_text(text)


class LanguageHighlighter(QSyntaxHighlighter):
    """Underlines each hit with a wavy line in the palette's warning colour."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.format = QTextCharFormat()
        self.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.format.setUnderlineColor(palette.current().colour("warn_fg"))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        for hit in hits(text):
            self.setFormat(hit.start, hit.end - hit.start, self.format)


def hint_text(found: "list[TextHit]") -> str:
    """One line per hit (the check's own sentence names the word and a behaviour-focused alternative)."""
    lines = [f"• {h.suggestion}" for h in found[:SHOWN]]
    if len(found) > SHOWN:
        lines.append(f"… and {len(found) - SHOWN} more underlined.")
    if lines:
        lines.insert(0, "A suggestion, not a rule (you can save as it is):")
    return "\n".join(lines)


class CheckedText(QWidget):
    """A plain-text field with the live language check and its hint line beneath."""

    def __init__(self, accessible_name: str, *, lines: int = 4, placeholder: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName(accessible_name)
        self.edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.edit.setPlaceholderText(placeholder)
        self._lines = lines
        self._fit()
        self.edit.installEventFilter(self)
        self.highlighter = LanguageHighlighter(self.edit.document())
        self.hint = label("", wrap=True)
        self.hint.setAccessibleName(f"Language check for {accessible_name.lower()}")
        self.hint.setVisible(False)
        self.found: list[TextHit] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.recheck)
        self.edit.textChanged.connect(self._timer.start)

    def _fit(self) -> None:
        """As tall as ``lines`` of its current font (the font a stylesheet or the system sets may come later)."""
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * self._lines + 14)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.edit and event.type() in (QEvent.Type.FontChange, QEvent.Type.Polish):
            self._fit()
        return False

    def text(self) -> str:
        return self.edit.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's spelling
        self.edit.setPlainText(text)
        self.recheck()

    def recheck(self) -> None:
        """Update the hint line now (the underlines follow each keystroke already)."""
        self._timer.stop()
        self.found = hits(self.text())
        set_message(self.hint, hint_text(self.found), "warn")
