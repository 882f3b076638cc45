"""Dialogs holding typed, unsaved input ask before Escape, Cancel or the close button throw it away.

One helper for every such dialog: mix ``AsksBeforeDiscarding`` in before ``QDialog``. What the dialog's text
fields held when it was first shown is remembered; a reject (Escape, a Cancel/Close button wired to ``reject``,
the window's close button) with any of them changed asks first, its safe answer the default, so Enter or a second
Escape keeps the input. Passphrase fields are never remembered or compared: a secret is not kept for a question.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from hrdesk.ui.widgets import confirm

QUESTION = "Discard what you typed?"
_SILENT: list[bool] = []  # inside ``without_asking``: a lock or a closing window discards without a question


@contextmanager
def without_asking() -> Iterator[None]:
    """Rejects inside this block discard at once: a lock (idle or asked for) must never wait on a question."""
    _SILENT.append(True)
    try:
        yield
    finally:
        _SILENT.pop()


def typed_values(root: QWidget) -> dict[int, str]:
    """The text of every editable field inside ``root`` (passphrases and picked dates or numbers aside), by widget."""
    values: dict[int, str] = {}
    for edit in root.findChildren(QLineEdit):
        if (not edit.isReadOnly() and edit.echoMode() == QLineEdit.EchoMode.Normal
                and not isinstance(edit.parentWidget(), QAbstractSpinBox)):
            values[id(edit)] = edit.text()
    for box in root.findChildren(QPlainTextEdit):
        if not box.isReadOnly():
            values[id(box)] = box.toPlainText()
    for rich in root.findChildren(QTextEdit):
        if not rich.isReadOnly():
            values[id(rich)] = rich.toPlainText()
    return values


class AsksBeforeDiscarding:
    """A QDialog mixin (list it before QDialog): ``reject`` asks first while typed input is unsaved."""

    _typed_at_start: dict[int, str] | None = None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if self._typed_at_start is None:
            self.remember_input()
        super().showEvent(event)  # type: ignore[misc]

    def remember_input(self) -> None:
        """What the fields hold now counts as kept (at the first show, and after the input was used or saved)."""
        self._typed_at_start = typed_values(self)  # type: ignore[arg-type]

    def has_unsaved_input(self) -> bool:
        if self._typed_at_start is None or not self.isVisible():  # type: ignore[attr-defined]
            return False  # never shown, or closed already: nothing on screen to lose
        before = self._typed_at_start
        return any(text.strip() != before.get(key, "").strip() for key, text in typed_values(self).items())  # type: ignore[arg-type]

    def confirm_discard(self) -> bool:
        return confirm(self, QUESTION,  # type: ignore[arg-type]
                       "What you typed in this dialog has not been saved; closing it throws it away.",
                       "Discard", keep="Keep editing", danger=True)

    def reject(self) -> None:
        if not _SILENT and self.has_unsaved_input() and not self.confirm_discard():
            return
        super().reject()  # type: ignore[misc]
