"""The Monitoring section: run monitoring, see the breach on Overview and in the section, record how it was handled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


from qt_fixtures import large_system_font
from hrdesk.monitoring import service
from hrdesk.reviews.model import Verdict
from hrdesk.settings import Settings
from hrdesk.ui.monitoring_view import AlertsModel, FlagRatesModel, ManagersModel
from hrdesk.ui.screenshots import clipped, unnamed
from tests.governance.conftest import small_dataset
from tests.letters.helpers import import_csv, new_session
from tests.monitoring.helpers import CONTACT, sign_step6, step6_answers
from tests.monitoring.test_monitoring_alerts import decided

MANAGERS = ("Amy Dunn", "Webster Butler", "Kissy Sullivan", "Brannon Miller")


def test_run_see_the_alert_on_overview_and_record_how_it_was_handled(  # type: ignore[no-untyped-def]
        qtbot, qtmodeltester, runner, tmp_path: Path, dialogs, screenshot, monkeypatch) -> None:
    planted = (decided("Amy Dunn", [Verdict.DISAGREE] * 14 + [Verdict.ACCEPT])
               + decided("Webster Butler", [Verdict.ACCEPT] * 9 + [Verdict.SET_ASIDE] * 3)
               + decided("Kissy Sullivan", [Verdict.ACCEPT] * 2))
    monkeypatch.setattr(service, "_decisions", lambda vault, since, until: list(planted))
    session = new_session(tmp_path)
    import_csv(session, small_dataset(tmp_path, MANAGERS))
    go_live = dt.date.today() - dt.timedelta(days=75)
    session.perform(lambda vault: sign_step6(vault, go_live, step6_answers(["Amy Dunn", "Kissy Sullivan"])))
    window, view = open_and_run(qtbot, runner, session, tmp_path)
    assert "1 breach of governance step 6's thresholds. 1 open alert." in view.headline.text()
    assert "Priya Raman" in view.cards["thresholds"].text()
    assert "not enough data yet" in view.cards["pilot"].text()
    for model in (view.alerts_model, view.managers_model, view.flags_model):
        qtmodeltester.check(model)
    assert view.managers_model.rowCount() == 3
    assert view.managers_model.cells(view.managers_model.item(0))[-1] == "breach"
    assert view.managers_model.cells(view.managers_model.item(1))[-1] == "too few to judge"
    screenshot(window, "monitoring_summary_1024x640")
    assert not unnamed(view), unnamed(view)
    assert not clipped(view), clipped(view)

    window.show_section("overview")
    overview = window.shell.views["overview"]
    qtbot.waitUntil(lambda: any("Escalated to " + CONTACT in t for t in _texts(overview)), timeout=20_000)
    screenshot(window, "monitoring_alert_on_overview_1024x640")

    window.show_section("monitoring")
    view.tabs.setCurrentIndex(1)
    assert view.alerts_model.rowCount() == 1 and not view.handle_button.isEnabled()
    view.alerts_table.selectRow(0)
    assert view.handle_button.isEnabled() and "Escalated to" in view.alert_detail.text()
    view.handling.setText("Spoke with Amy; the team was reorganised, reasons reviewed.")
    view.handle_button.click()
    qtbot.waitUntil(lambda: bool(view.alerts) and not view.alerts[0].is_open, timeout=20_000)
    assert "Handled on" in view.message.text() and not dialogs.errors and not dialogs.crashes
    assert [e.action for e in session.vault.audit_entries()].count("monitoring.alert_handled") == 1
    screenshot(window, "monitoring_alerts_1024x640")
    view.tabs.setCurrentIndex(3)
    window.resize(1280, 800)
    qtbot.wait(50)
    screenshot(window, "monitoring_managers_1280x800")
    with large_system_font():
        window.resize(1280, 800)
        view.tabs.setCurrentIndex(0)
        qtbot.wait(100)
        screenshot(window, "monitoring_summary_14pt")
        assert not clipped(view), clipped(view)  # (the window's own header is not this section's)


def open_and_run(qtbot, runner, session, folder: Path):  # type: ignore[no-untyped-def]
    """The window at 1024x640 on the Monitoring page, after pressing Run monitoring now."""
    from hrdesk.ui.main_window import MainWindow

    window = MainWindow(session, Settings(), runner, config_dir=folder / "config")
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    window.show_section("monitoring")
    view = window.shell.views["monitoring"]
    qtbot.waitUntil(lambda: "has not run yet" in view.headline.text(), timeout=20_000)
    view.run_button.click()
    qtbot.waitUntil(lambda: view.report is not None, timeout=120_000)
    return window, view


def _texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in widget.findChildren(QLabel)]


def test_the_table_models_pass_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    for model in (AlertsModel(), FlagRatesModel(), ManagersModel()):
        qtmodeltester.check(model)


def test_flag_rates_by_group_on_a_live_demo_vault_with_their_chart(  # type: ignore[no-untyped-def]
        qtbot, runner, tmp_path: Path, tmp_path_factory, dialogs, screenshot) -> None:
    from hrdesk.session import Session
    from tests.monitoring.helpers import DEMO_PASSPHRASE, live_demo

    session = Session.open(live_demo(tmp_path_factory, tmp_path / "demo.hrdesk"), DEMO_PASSPHRASE)
    go_live = dt.date.today() - dt.timedelta(days=120)
    session.perform(lambda vault: sign_step6(vault, go_live, step6_answers(min_group=10)))
    window, view = open_and_run(qtbot, runner, session, tmp_path)
    view.tabs.setCurrentIndex(2)
    assert view.flags_model.rowCount() == len(view.report.flag_rates) > 0
    assert view.chart_picker.count() >= 2 and view.chart_picker.currentText().startswith("Retention-risk flag by")
    chart = view.flag_chart.chart()
    shown = [r for r in view.report.flag_rates if (r.kind, r.attribute) == view.chart_picker.currentData()]
    assert chart.series() and sum(s.count() for s in chart.series()[0].barSets()) == len(shown) * len(
        chart.series()[0].barSets())                                                  # a bar per group
    qtbot.wait(100)
    shot = screenshot(window, "monitoring_flag_rates_1024x640")
    from PySide6.QtGui import QImage

    assert QImage(str(shot)).height() <= 640                 # the page fits a 640-pixel-high screen
    assert not unnamed(view), unnamed(view)
    assert not dialogs.errors and not dialogs.crashes
