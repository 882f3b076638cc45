"""Settings → Data retention: periods are saved, a dry run counts, the purge deletes after confirming."""

from __future__ import annotations

import datetime as dt

from hrdesk.records import Records
from hrdesk.records.employees import upsert_employees
from hrdesk.records.retention import retention_months
from hrdesk.ui.retention_card import RetentionCard


def test_retention_card_previews_and_purges(qtbot, vault, settings, runner, tmp_path, dialogs, monkeypatch, screenshot):  # type: ignore[no-untyped-def]
    from hrdesk.ui.main_window import MainWindow

    records = Records(vault)
    with vault.transaction():
        upsert_employees(vault, [{"employee_id": "e1", "name": "Keep, Kim"}], fields={"employee_id", "name"})
    kim = records.employees.by_employee_id("e1")
    today = dt.date.today()
    records.checkins.add(kim.id, today - dt.timedelta(days=800), mood=3, workload=3, stress=3)  # expired
    records.checkins.add(kim.id, today - dt.timedelta(days=10), mood=4, workload=2, stress=2)

    window = MainWindow(vault, settings, runner, config_dir=tmp_path / "config")
    qtbot.addWidget(window)
    window.resize(1200, 1000)
    window.show()
    window.show_section("settings")
    card = window.findChild(RetentionCard)
    assert card is not None and card.spins["checkins"].value() == 12

    card.spins["feedback"].setValue(24)
    card.save_button.click()
    qtbot.waitUntil(lambda: "saved" in card.message.text(), timeout=5000)
    assert retention_months(vault)["feedback"] == 24

    card.check_button.click()
    qtbot.waitUntil(lambda: card.message.text().startswith("Would delete"), timeout=5000)
    assert "Would delete 1 expired record: 1 well-being check-in." in card.message.text()
    assert len(records.checkins.list()) == 2
    screenshot(window, "settings_retention")

    monkeypatch.setattr(RetentionCard, "confirm_purge", lambda self: True)
    card.purge_button.click()
    qtbot.waitUntil(lambda: card.message.text().startswith("Deleted"), timeout=10_000)
    assert [c.date for c in records.checkins.list()] == [today - dt.timedelta(days=10)]
    assert not dialogs.errors and not dialogs.crashes
    assert any(e.action == "retention.purged" for e in vault.audit_entries())
