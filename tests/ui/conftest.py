"""Fixtures for the Qt tests: the app's stylesheet, a task runner, a main window, and
recorders standing in for modal dialogs (which would block an offscreen test)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QModelIndex  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from hrdesk.settings import Settings  # noqa: E402
from qt_fixtures import DialogRecorder, _app_style, _collect_garbage_on_the_main_thread, dialogs, runner, screenshot  # noqa: E402,F401
SECRET_TARGET = "EMP-SECRET-4711"


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def filled_vault(vault):  # type: ignore[no-untyped-def]
    """The shared fast-KDF vault with a record table and a few audit entries."""
    vault.ensure_table("employees", links=("team_id",))
    with vault.transaction():
        vault.insert("employees", {"employee_id": "E-1", "name": "Jane Example"}, links={"team_id": None})
        vault.audit("import.employees", target=SECRET_TARGET, details={"added": 1, "updated": 0})
        vault.audit("governance.step_opened", target="step 1")
    return vault


@pytest.fixture
def window(qtbot, filled_vault, settings, runner, tmp_path, dialogs):  # type: ignore[no-untyped-def]
    from hrdesk.ui.main_window import MainWindow

    main = MainWindow(filled_vault, settings, runner, config_dir=tmp_path / "config")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def visible_texts(root: QWidget | None = None) -> str:
    """Every piece of text a user could see: labels, fields, buttons, and item views' cells."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLabel, QLineEdit, QPlainTextEdit

    widgets = root.findChildren(QWidget) if root is not None else QApplication.allWidgets()
    texts: list[str] = []
    for widget in widgets:
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root_index = QModelIndex()
            for row in range(model.rowCount(root_index)):
                column = 0
                while (index := model.index(row, column)).isValid():  # list models hide columnCount
                    texts.append(str(index.data() or ""))
                    column += 1
        texts.append(widget.windowTitle())
    return "\n".join(texts)


@pytest.fixture
def texts_of() -> "callable":
    return visible_texts
