"""Help (F1) shows the user guide offline, with its pictures, and follows its links; About names the
version and the vault format; the core's folders are the ones Qt calls the platform's."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from hrdesk import __version__, guide, paths
from hrdesk.vault.schema import SCHEMA_VERSION


def _open_help(window, qtbot):  # type: ignore[no-untyped-def]
    window.actions_by_key["help.contents"].trigger()
    dialog = window.help_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_f1_opens_the_guide_with_every_page_and_the_shortcuts(demo_window, qtbot, screenshot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_help(demo_window, qtbot)
    titles = [dialog.pages.item(row).text() for row in range(dialog.pages.count())]
    assert titles == [page.title for page in guide.PAGES] + ["Keyboard shortcuts"]
    first = (paths.guide_dir() / "index.md").read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    assert first in dialog.text.toPlainText()
    dialog.pages.setCurrentRow(len(guide.PAGES))
    assert "Ctrl+L" in dialog.text.toPlainText() and "Lock" in dialog.text.toPlainText()
    screenshot(dialog, "help_window")
    dialog.close()


def test_every_link_and_picture_on_every_page_works_inside_the_app(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each page rendered by the help window: its pictures load, each guide link opens, each anchor scrolls."""
    dialog = _open_help(demo_window, qtbot)
    browser = dialog.text
    followed = 0
    for page in guide.PAGES:
        text = guide.page_path(page).read_text(encoding="utf-8")
        assert dialog.show_page(page.file)
        assert browser.document().toPlainText().strip(), f"{page.file} shows nothing"
        for link in guide.links(text):
            if link.image or ":" in link.target.split("#")[0]:
                continue
            assert dialog.show_page(page.file)
            browser.follow(QUrl(link.target))
            followed += 1
            target = link.target.split("#")[0] or page.file
            assert browser.source().fileName() == Path(target).name, link
    assert browser.missing == [], f"links or pictures that led nowhere in the app: {browser.missing}"
    if guide.images():
        assert followed or len(guide.PAGES) == 1
    dialog.close()


def test_pictures_are_scaled_to_the_help_window(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    names = guide.images()
    if not names:
        pytest.skip("the guide shows no picture yet")
    dialog = _open_help(demo_window, qtbot)
    image = dialog.text.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                     QUrl.fromLocalFile(str(paths.guide_dir() / "img" / names[0])))
    assert not image.isNull()
    assert image.width() <= dialog.text.viewport().width()
    dialog.close()


def test_an_anchor_scrolls_to_its_heading(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_help(demo_window, qtbot)
    dialog.resize(700, 400)
    text = guide.page_path("hr.md").read_text(encoding="utf-8")
    last = [line[3:] for line in text.splitlines() if line.startswith("## ")][-1]
    assert dialog.show_page("hr.md", guide.slug(last))
    assert dialog.text.verticalScrollBar().value() > 0
    assert dialog.text.textCursor().block().text() == last
    assert not dialog.show_page("hr.md", "no-such-heading")
    dialog.close()


def test_about_names_the_version_and_the_vault_format(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.actions_by_key["help.about"].trigger()
    box = demo_window.about_box
    qtbot.waitExposed(box)
    assert f"hrdesk {__version__}" in box.text()
    assert f"Vault format {SCHEMA_VERSION}" in box.text()
    box.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the core's rules are checked against Qt here")
def test_the_core_uses_the_folders_qt_calls_the_platforms(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The core never imports Qt, so it decides the folders itself; they must be the ones Qt would pick."""
    app = QApplication.instance()
    assert app is not None
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    for name, sub in (("XDG_CONFIG_HOME", "c"), ("XDG_DATA_HOME", "d"), ("XDG_STATE_HOME", "s")):
        monkeypatch.setenv(name, str(tmp_path / sub))
    old = app.applicationName(), app.organizationName()
    app.setApplicationName("hrdesk")
    app.setOrganizationName("")
    try:
        location = QStandardPaths.writableLocation
        assert paths.config_dir() == Path(location(QStandardPaths.StandardLocation.AppConfigLocation))
        assert paths.data_dir() == Path(location(QStandardPaths.StandardLocation.AppDataLocation))
        assert paths.log_dir().parent == Path(location(QStandardPaths.StandardLocation.StateLocation))
    finally:
        app.setApplicationName(old[0])
        app.setOrganizationName(old[1])


def test_f1_on_the_start_window_opens_the_guide(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A newcomer needs the HR guide's first chapter before any vault exists."""
    from PySide6.QtCore import Qt

    from hrdesk.settings import Settings
    from hrdesk.ui.app import AppController

    controller = AppController(Settings(), config_dir=tmp_path / "config")
    dialog = controller.start()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    deadline = time.monotonic() + 3.0
    while QApplication.activeWindow() is not dialog and time.monotonic() < deadline:  # shortcuts need it active
        dialog.activateWindow()
        qtbot.wait(50)
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_F1)
    help_window = dialog.help_dialog
    qtbot.waitExposed(help_window)
    assert help_window.show_page("hr.md", "1-your-first-vault")
    assert "Create a new vault" in help_window.text.toPlainText()
    help_window.close()
    dialog.close()
