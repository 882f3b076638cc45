"""Pieces both start-window modules use: the vault file filter, a bare page and a button.

They live here so that ``start_dialog`` (the first page) and ``start_pages`` (the
pages built later) both import downwards and neither imports the other at load time.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from hrdesk.ui import assets

VAULT_FILTER = "hrdesk vaults (*.hrdesk)"


def page(margins: int = 36) -> tuple[QWidget, QVBoxLayout]:
    """An empty start page with the standard margins; returns it and its layout."""
    widget = QWidget()
    widget.setObjectName("Page")
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(margins, 30, margins, 26)
    layout.setSpacing(12)
    return widget, layout


def button(text: str, *, primary: bool = False, icon: str = "") -> QPushButton:
    """A start-window button; the primary one is the page's default action."""
    widget = QPushButton(text)
    if primary:
        widget.setProperty("role", "primary")
        widget.setDefault(True)
    else:
        # Enter means the page's main action, never a secondary button the Tab key passed over
        # (which would otherwise open a file chooser when Enter is pressed in the next field).
        widget.setAutoDefault(False)
    if icon:
        widget.setIcon(assets.icon(icon))
        widget.setIconSize(QSize(16, 16))
    return widget
