"""Answer the question a dialog asks before discarding typed input, with real keys or clicks, from inside its
modal loop (the question box runs its own event loop, so the answer is queued before the key that opens it)."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_next_question(qtbot, choice: str, asked: list[str], *, within: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """When a question box opens, record its words in ``asked`` and answer it: ``choice`` is a button's text, or
    "Escape" / "Enter" for that key."""
    deadline = time.monotonic() + within

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if time.monotonic() < deadline:
                QTimer.singleShot(20, answer)
            return
        asked.append(f"{box.text()} {box.informativeText()}")
        if choice in ("Escape", "Enter"):
            qtbot.keyClick(box, Qt.Key.Key_Escape if choice == "Escape" else Qt.Key.Key_Return)
        else:
            next(b for b in box.buttons() if b.text() == choice).click()

    QTimer.singleShot(0, answer)
