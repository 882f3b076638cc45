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
    from hrdesk.ui.main_window import MainWindow

    import_file(vault, hr_dataset)
    run_and_save(vault)
    changed = tmp_path / "changed.csv"
    changed.write_text(hr_dataset.read_text(encoding="utf-8-sig").replace("Fully Meets,4.5,", "Exceeds,4.5,", 1), encoding="utf-8")
    import_file(vault, changed)
    window = MainWindow(vault, settings, runner, config_dir=tmp_path / "config")
    qtbot.addWidget(window)
    window.show()
    window.show_section("audits")
    section = window.shell.views["audits"]
    qtbot.waitUntil(lambda: section.history.count() == 1, timeout=10_000)
    assert "changed since this audit" in section.message.text() and section.message.isVisible()
