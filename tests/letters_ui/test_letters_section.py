"""The Letters section on the real HRDataset: preview, write a team's letters, mark them delivered, see who is told."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument

from qt_fixtures import large_system_font
from hrdesk.settings import Settings
from hrdesk.ui.letters_view import TEAM, DisclosureTableModel
from hrdesk.ui.screenshots import unnamed
from tests.letters.helpers import DATA, import_csv, new_session, pdf_text


def test_write_preview_deliver_from_the_window(qtbot, qtmodeltester, runner, tmp_path: Path, dialogs, screenshot) -> None:  # type: ignore[no-untyped-def]
    from hrdesk.ui.main_window import MainWindow

    session = new_session(tmp_path)
    import_csv(session, DATA)
    window = MainWindow(session, Settings(), runner, config_dir=tmp_path / "config")
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    window.show_section("letters")
    view = window.shell.views["letters"]
    qtbot.waitUntil(lambda: view.summary is not None, timeout=20_000)
    assert "0 current" in view.summary_label.text() and "207 with none" in view.summary_label.text()
    assert view.model.rowCount() == 207
    qtmodeltester.check(view.model)

    view.recipient_picker.setCurrentIndex(view.recipient_picker.findData(TEAM))
    view.team_picker.setCurrentText("Simon Roup")
    team = view.recipients()
    assert len(team) > 3 and "letters will be written" in view.count_label.text()
    view.preview_button.click()
    qtbot.waitUntil(lambda: view.document.status() == QPdfDocument.Status.Ready, timeout=20_000)
    assert view.document.pageCount() >= 1
    qtbot.wait(700)  # the view renders pages in the background
    screenshot(window, "letters_write_1024x640")
    assert not unnamed(view), unnamed(view)

    view.generate(tmp_path / "out")
    qtbot.waitUntil(lambda: view.last_result is not None, timeout=60_000)
    files = sorted((tmp_path / "out").glob("*.pdf"))
    assert len(files) == len(team) and "Simon Roup" in pdf_text(files[0])
    qtbot.waitUntil(lambda: view.summary is not None and view.summary.current == len(team), timeout=20_000)
    assert not dialogs.errors and not dialogs.crashes

    view.tabs.setCurrentIndex(1)
    view.filter_picker.setCurrentIndex(view.filter_picker.findData("current"))
    assert view.model.rowCount() == len(team)
    view.table.selectAll()
    view.channel_picker.setCurrentIndex(view.channel_picker.findData("paper"))
    view.deliver_button.click()
    qtbot.waitUntil(lambda: view.summary is not None and view.summary.undelivered == 0 and view.summary.current == len(team),
                    timeout=20_000)
    assert "(paper)" in view.model.cells(view.model.item(0))[4]
    screenshot(window, "letters_status_1024x640")
    assert not unnamed(view), unnamed(view)
    window.resize(1280, 800)
    qtbot.wait(50)
    screenshot(window, "letters_status_1280x800")
    with large_system_font():
        window.resize(1280, 800)
        view.tabs.setCurrentIndex(0)
        qtbot.wait(100)
        screenshot(window, "letters_write_14pt")

    window.show_section("overview")
    overview = window.shell.views["overview"]
    qtbot.waitUntil(lambda: hasattr(overview, "disclosure_line"), timeout=20_000)
    assert f"{len(team)} current, 0 stale, {207 - len(team)} with none" in overview.disclosure_line.text()


def test_the_table_model_passes_the_model_tester(qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    session = new_session(tmp_path)
    import_csv(session, DATA)
    model = DisclosureTableModel()
    model.set_items(session.letter_status().people)
    qtmodeltester.check(model)
    assert model.cells(model.item(0))[3] == "none"
    session.close(backup=False)


def test_letterhead_and_signature_are_saved_in_the_vault_and_a_new_contact_makes_disclosures_stale(  # type: ignore[no-untyped-def]
        qtbot, runner, tmp_path: Path, dialogs, screenshot) -> None:
    from hrdesk.letters import LetterType
    from hrdesk.ui.main_window import MainWindow
    from tests.letters.helpers import write_people

    session = new_session(tmp_path)
    import_csv(session, write_people(tmp_path / "p.csv", [("1", "Ama Owusu", "Rita Vance"), ("2", "Łukasz Ścibor", "Rita Vance")]))
    session.generate_letters(LetterType.DISCLOSURE, tmp_path / "out", everyone=True)
    window = MainWindow(session, Settings(), runner, config_dir=tmp_path / "config")
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    window.show_section("letters")
    view = window.shell.views["letters"]
    qtbot.waitUntil(lambda: view.summary is not None and view.settings_tab.loaded is not None, timeout=20_000)
    assert view.summary.current == 2
    tab = view.settings_tab
    view.tabs.setCurrentWidget(tab)
    tab.signatory.setText("Dana Whitfield")
    tab.letterhead.setPlainText("1 Harbour Road, Leith\npeople.example.org")
    tab.concern_contact.setText("Priya Natarajan, people@example.org")
    tab.save_button.click()
    qtbot.waitUntil(lambda: view.summary is not None and view.summary.stale == 2, timeout=20_000)
    assert "stale" in tab.message.text() and not dialogs.errors
    stored = session.letter_settings()
    assert (stored.signatory, stored.concern_contact) == ("Dana Whitfield", "Priya Natarajan, people@example.org")
    assert not unnamed(view), unnamed(view)
    screenshot(window, "letters_settings_1024x640")
    text = pdf_text(session.generate_letters(LetterType.DISCLOSURE, tmp_path / "again", employee_ids=["2"]).result.files[0])
    assert "Dana Whitfield" in text and "1 Harbour Road, Leith" in text and "Write to Priya Natarajan" in text
