"""The Letters section's *Letterhead and signature* tab: the letter settings kept in the vault.

Loads ``LetterSettings`` through the session, and saves them with
``Session.set_letter_settings`` in the write lane (a broken template in the
chosen folder is refused there, with its file and line, before anything is
stored). Changing the concern contact or its response time makes earlier
disclosures stale; the tab says so before saving.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hrdesk.letters.settings import CONTACT_FIELDS, LetterSettings
from hrdesk.ui.widgets import guard_wheel, label, name, set_message

if TYPE_CHECKING:
    from hrdesk.progress import Progress
    from hrdesk.ui.sections import SectionContext


class LetterSettingsTab(QWidget):
    """Organisation name, letterhead, logo, signatory, concern contact, template folder."""

    def __init__(self, context: "SectionContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.loaded: LetterSettings | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 10, 0, 0)
        form = QFormLayout()
        self.org_name = QLineEdit()
        self.org_name.setPlaceholderText(context.session.org_name)
        self.letterhead = QPlainTextEdit()
        self.letterhead.setFixedHeight(64)
        self.letterhead.setTabChangesFocus(True)
        self.logo_path = QLineEdit()
        self.logo_path.setPlaceholderText("No logo")
        self.signatory = QLineEdit()
        self.signatory_title = QLineEdit()
        self.concern_contact = QLineEdit()
        self.concern_contact.setPlaceholderText("e.g. Priya Natarajan, people@example.org")
        self.response_days = QSpinBox()
        self.response_days.setRange(1, 90)
        self.response_days.setSuffix(" days")
        guard_wheel(self.response_days)
        self.template_dir = QLineEdit()
        self.template_dir.setPlaceholderText("The built-in templates")
        logo_row = self._with_browse(self.logo_path, self._choose_logo, "Choose a logo")
        folder_row = self._with_browse(self.template_dir, self._choose_folder, "Choose a template folder")
        rows = (("&Organisation name", self.org_name, self.org_name), ("Letter&head lines", self.letterhead, self.letterhead),
                ("&Logo (PNG or JPEG)", logo_row, self.logo_path), ("&Signed by", self.signatory, self.signatory),
                ("Signatory's &title", self.signatory_title, self.signatory_title),
                ("&Concerns go to", self.concern_contact, self.concern_contact),
                ("&Answered within", self.response_days, self.response_days),
                ("Template &folder", folder_row, self.template_dir))
        for text, row_widget, field in rows:
            caption = label(text)
            caption.setBuddy(field)
            field.setAccessibleName(text.replace("&", ""))
            form.addRow(caption, row_widget)
        column.addLayout(form)
        self.note = label("Changing where concerns go, or how fast they are answered, makes earlier AI-use disclosures "
                          "stale: employees were told the old contact.", "muted", wrap=True)
        column.addWidget(self.note)
        self.message = label("", wrap=True)
        self.message.setVisible(False)
        column.addWidget(self.message)
        self.save_button = QPushButton("Sa&ve letter settings")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)

    def _with_browse(self, field: QLineEdit, choose: Callable[[], None], accessible: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1)
        button = QPushButton("Browse…")
        name(button, accessible)
        button.clicked.connect(choose)
        row.addWidget(button)
        return box

    def _choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Choose a logo", "", "Images (*.png *.jpg *.jpeg)")
        if path:
            self.logo_path.setText(path)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder of edited letter templates")
        if folder:
            self.template_dir.setText(folder)

    def show_settings(self, settings: LetterSettings) -> None:
        """Show the stored settings, unless the user is part-way through editing them."""
        if self.loaded is not None and self.edited() != self.loaded:
            return
        self.loaded = settings
        self.org_name.setText(settings.org_name)
        self.letterhead.setPlainText(settings.letterhead)
        self.logo_path.setText(settings.logo_path)
        self.signatory.setText(settings.signatory)
        self.signatory_title.setText(settings.signatory_title)
        self.concern_contact.setText(settings.concern_contact)
        self.response_days.setValue(settings.concern_response_days)
        self.template_dir.setText(settings.template_dir)

    def edited(self) -> LetterSettings:
        base = self.loaded or LetterSettings()
        return dataclasses.replace(
            base, org_name=self.org_name.text().strip(), letterhead=self.letterhead.toPlainText().strip(),
            logo_path=self.logo_path.text().strip(), signatory=self.signatory.text().strip(),
            signatory_title=self.signatory_title.text().strip(), concern_contact=self.concern_contact.text().strip(),
            concern_response_days=self.response_days.value(), template_dir=self.template_dir.text().strip())

    def save(self) -> None:
        settings, session = self.edited(), self._context.session
        before = self.loaded or LetterSettings()
        stale = any(getattr(settings, f) != getattr(before, f) for f in CONTACT_FIELDS)

        def work(_progress: "Progress") -> LetterSettings:
            return session.set_letter_settings(settings).result

        def saved(result: LetterSettings) -> None:
            self.loaded = result
            set_message(self.message, "Saved." + (" Earlier AI-use disclosures are now stale." if stale else ""), "ok")

        self._context.runner.run(work, label="Saving the letter settings", parent=self, on_success=saved)
