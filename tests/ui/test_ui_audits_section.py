"""The Audits section on the real HR dataset: run an audit from the window and read its findings."""

from __future__ import annotations

from hrdesk.fairness.runs import list_runs
from hrdesk.importing import import_file


def test_run_audit_from_the_window_on_real_data(qtbot, vault, hr_dataset, settings, runner, tmp_path, dialogs, screenshot, texts_of):  # type: ignore[no-untyped-def]
    from hrdesk.ui.main_window import MainWindow

    import_file(vault, hr_dataset)
    window = MainWindow(vault, settings, runner, config_dir=tmp_path / "config")
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    window.show_section("audits")
    section = window.shell.views["audits"]
    qtbot.waitUntil(lambda: section.cycle_picker.count() > 0, timeout=10_000)
    assert "No audit has been run" in section.message.text()

    section.run_button.click()
    qtbot.waitUntil(lambda: section.history.count() == 1, timeout=60_000)
    assert not dialogs.errors and not dialogs.crashes

    findings = section.view.findings
    assert findings.rowCount() > 0
    shown = texts_of(section)
    assert "Calibration" in shown or "received" in shown
    assert len(list_runs(vault)) == 1
    assert any(e.action == "audit.run" for e in vault.audit_entries())
    screenshot(window, "audits_section_real_data")
    window.resize(1180, 760)  # the window's default size on a laptop
    qtbot.wait(50)
    screenshot(window, "audits_section_default_size")


def test_a_run_older_than_the_data_says_so(qtbot, vault, hr_dataset, settings, runner, tmp_path, dialogs):  # type: ignore[no-untyped-def]
    from hrdesk.fairness.runs import run_and_save

    import_file(vault, hr_dataset)
    run_and_save(vault)
    changed = tmp_path / "changed.csv"
    changed.write_text(hr_dataset.read_text(encoding="utf-8-sig").replace("Fully Meets,4.5,", "Exceeds,4.5,", 1), encoding="utf-8")
    import_file(vault, changed)
    window, section = _audits_window(qtbot, vault, settings, runner, tmp_path)
    qtbot.waitUntil(lambda: section.history.count() == 1, timeout=10_000)
    assert "changed since this audit" in section.message.text() and section.message.isVisible()


def _audits_window(qtbot, vault, settings, runner, tmp_path):  # type: ignore[no-untyped-def]
    """The main window showing the Audits section, and the section."""
    from hrdesk.ui.main_window import MainWindow

    window = MainWindow(vault, settings, runner, config_dir=tmp_path / "config")
    qtbot.addWidget(window)
    window.show()
    window.show_section("audits")
    return window, window.shell.views["audits"]


def test_an_empty_vault_explains_what_an_audit_needs(qtbot, vault, settings, runner, tmp_path, dialogs):  # type: ignore[no-untyped-def]
    window, section = _audits_window(qtbot, vault, settings, runner, tmp_path)
    qtbot.waitUntil(lambda: section.cycle_picker.count() > 0, timeout=10_000)
    assert "nothing to audit yet" in section.message.text() and "protected attribute" in section.message.text()
    section.message.clear()
    section.run_button.click()
    qtbot.waitUntil(lambda: bool(section.message.text()), timeout=10_000)
    qtbot.waitUntil(lambda: section.run_button.isEnabled(), timeout=10_000)
    text = section.message.text()
    assert "Import" in text and "rating" in text and "sex, race/ethnicity or date of birth" in text
    assert "Invalid input" not in text and not dialogs.errors and not dialogs.crashes


def test_audits_screen_at_laptop_sizes_and_large_text(qtbot, vault, hr_dataset, settings, runner, tmp_path, dialogs, screenshot):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QScrollArea

    from hrdesk.fairness.runs import run_and_save

    import_file(vault, hr_dataset)
    run_and_save(vault)
    window, section = _audits_window(qtbot, vault, settings, runner, tmp_path)
    qtbot.waitUntil(lambda: section.history.count() == 1, timeout=10_000)
    view = section.view
    view.select_finding(0)
    assert view.statistics.text() and view.findings.rowCount() > 0
    for width, height in ((1280, 800), (1024, 640)):
        window.resize(width, height)
        qtbot.wait(50)
        # the pickers and the table stay usable: nothing is squeezed to nothing
        assert view.outcome_picker.width() > 120 and view.by_picker.width() > 80
        assert view.table_view.width() > 250
        screenshot(window, f"audits_section_{width}x{height}")
        scroll = section.findChild(QScrollArea)
        scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())  # the tables below the findings
        qtbot.wait(50)
        screenshot(window, f"audits_section_{width}x{height}_tables")
        scroll.verticalScrollBar().setValue(0)
    window.setStyleSheet("QWidget { font-size: 14pt; }")
    window.resize(1280, 800)
    qtbot.wait(50)
    screenshot(window, "audits_section_14pt")
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    qtbot.wait(50)
    assert view.outcome_picker.width() > 120 and view.table_view.width() > 250
    screenshot(window, "audits_section_14pt_tables")
    assert not dialogs.errors and not dialogs.crashes
