"""Help (F1): the user guide's pages, offline, with their pictures, and every keyboard shortcut.

The pages are the Markdown files of ``hrdesk/resources/guide`` (the same the repository
shows), found through ``hrdesk.paths``; Qt renders Markdown itself. Links
between pages and to headings (``hr.md#letters``) are followed here, web
links open in the browser, and pictures are scaled to the window's width.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hrdesk import guide

SHORTCUTS = "shortcuts"  # the page made from the action registry, not a file
_MARGIN = 40


class GuideBrowser(QTextBrowser):
    """A QTextBrowser that follows guide links itself, scrolls to GitHub-style heading anchors and fits pictures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self.follow)
        self.missing: list[str] = []  # links that led nowhere (a test reads it; the reader sees a message)

    def follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        if url.isRelative():
            url = self.source().resolved(url)
        self.open(url)

    def open(self, url: QUrl) -> bool:
        """Show a guide page (and scroll to its ``#anchor``); False, with a message on screen, if it is missing."""
        fragment = url.fragment()
        page = QUrl(url)
        page.setFragment("")
        if not page.isLocalFile() or not Path(page.toLocalFile()).is_file():
            self.missing.append(url.toString())
            self.setHtml(f"<h2>Page not found</h2><p>{url.toString()} is not part of this installation's guide.</p>")
            return False
        if page != self._page():
            self.setSource(page, QTextDocument.ResourceType.MarkdownResource)
        if fragment:
            return self.scroll_to_heading(fragment)
        self.verticalScrollBar().setValue(0)
        return True

    def _page(self) -> QUrl:
        current = QUrl(self.source())
        current.setFragment("")
        return current

    def scroll_to_heading(self, anchor: str) -> bool:
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0 and guide.slug(block.text()) == anchor:
                self.setTextCursor(QTextCursor(block))
                top = self.document().documentLayout().blockBoundingRect(block).top()
                self.verticalScrollBar().setValue(int(top))
                return True
            block = block.next()
        self.missing.append(f"#{anchor}")
        return False

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 - Qt's name
        """Pictures no wider than the view (screenshots are 1280 px wide; the help window is not)."""
        if kind == QTextDocument.ResourceType.ImageResource.value or kind == QTextDocument.ResourceType.ImageResource:
            image = QImage(url.toLocalFile() if url.isLocalFile() else self.source().resolved(url).toLocalFile())
            if image.isNull():
                self.missing.append(url.toString())
                return image
            width = max(240, self.viewport().width() - _MARGIN)
            if image.width() > width:
                image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            return image
        return super().loadResource(kind, url)


class HelpWindow(QDialog):
    """The guide's pages on the left, the page on the right; Back, and the keyboard shortcuts page."""

    def __init__(self, shortcuts_html: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("hrdesk help")
        self.setAccessibleName("hrdesk help: the user guide")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._shortcuts_html = shortcuts_html
        self.pages = QListWidget()
        self.pages.setAccessibleName("Help pages")
        for page in guide.PAGES:
            item = QListWidgetItem(page.title)
            item.setData(Qt.ItemDataRole.UserRole, page.file)
            item.setToolTip(f"For {page.reader}")
            self.pages.addItem(item)
        shortcuts = QListWidgetItem("Keyboard shortcuts")
        shortcuts.setData(Qt.ItemDataRole.UserRole, SHORTCUTS)
        self.pages.addItem(shortcuts)
        widest = max(self.pages.fontMetrics().horizontalAdvance(self.pages.item(row).text())
                     for row in range(self.pages.count()))
        self.pages.setFixedWidth(widest + 3 * self.pages.fontMetrics().height())
        self.pages.setSpacing(2)
        self.text = GuideBrowser()
        self.text.setAccessibleName("Help text")
        self.back_button = QPushButton("Back")
        self.back_button.setAccessibleName("Back to the previous help page")
        self.back_button.setEnabled(False)
        self.back_button.clicked.connect(self.text.backward)
        self.text.backwardAvailable.connect(self.back_button.setEnabled)
        self.pages.currentItemChanged.connect(self._page_chosen)
        split = QHBoxLayout()
        split.setSpacing(12)
        split.addWidget(self.pages)
        split.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(split, 1)
        layout.addLayout(row)
        self.resize(980, 680)
        self.pages.setCurrentRow(0)

    def _page_chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        if key == SHORTCUTS:
            self.text.setHtml(self._shortcuts_html())
        else:
            self.text.open(QUrl.fromLocalFile(str(guide.page_path(key))))

    def show_page(self, file: str, anchor: str = "") -> bool:
        """Open ``file`` (e.g. "hr.md") at ``anchor``; selects it in the list too."""
        for row in range(self.pages.count()):
            if self.pages.item(row).data(Qt.ItemDataRole.UserRole) == file:
                self.pages.blockSignals(True)
                self.pages.setCurrentRow(row)
                self.pages.blockSignals(False)
        url = QUrl.fromLocalFile(str(guide.page_path(file)))
        if anchor:
            url.setFragment(anchor)
        return self.text.open(url)


def _shortcuts_later() -> str:
    return "<p>Every keyboard shortcut is listed here once a vault is open (Help → hrdesk Help, F1).</p>"


def install_f1(window: QWidget, shortcuts_html: Callable[[], str] = _shortcuts_later) -> QShortcut:
    """F1 on a window without the menu bar (the start window): the guide, so a newcomer has it before any vault."""

    def show() -> None:
        dialog = HelpWindow(shortcuts_html, window)
        window.help_dialog = dialog  # type: ignore[attr-defined]  (tests and the screenshot tool find it here)
        dialog.show()

    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), window)
    shortcut.activated.connect(show)
    return shortcut
