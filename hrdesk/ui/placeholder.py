"""A section that is not built yet says plainly what it will hold; no fake data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from hrdesk.ui.sections import Factory
from hrdesk.ui.widgets import Card, label


class PlaceholderView(QWidget):
    def __init__(self, title: str, promise: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(16)
        layout.addWidget(label(title, "title"))
        card = Card()
        text = label(promise, "")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        card.body.addWidget(label("Not available yet", "card-title"))
        card.body.addWidget(text)
        card.body.addWidget(label("This screen is part of a later release; nothing here is stored or shown yet.", "muted"))
        layout.addWidget(card)
        layout.addStretch(1)


def placeholder(title: str, promise: str) -> Factory:
    """A factory for ``Section`` that ignores the context."""
    return lambda _context: PlaceholderView(title, promise)

