"""The Audits widget on the real data's audit."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

pytestmark = pytest.mark.gui

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


@pytest.fixture
def view(qtbot, hr_result):
    from hrdesk.ui.audits_view import AuditsView

    widget = AuditsView()
    qtbot.addWidget(widget)
    widget.resize(1280, 860)
    widget.show_result(hr_result)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_findings_first_and_models_are_valid(view, hr_result, qtmodeltester):
    from hrdesk.ui.audits_view import KEY_ROLE

    assert view.findings.rowCount() == len(hr_result.findings) > 0
    first = view.findings.index(0, 1)
    assert view.findings.data(first) == hr_result.findings[0].text
    # on the real data nothing survives the correction for multiple comparisons: watches only
    assert view.findings.data(view.findings.index(0, 0)) == {"flag": "FLAG", "watch": "Watch"}[hr_result.findings[0].severity]
    assert "flagged" in view.summary.text()
    assert "comparisons" in view.explain.text() and "Benjamini–Hochberg" in view.explain.text()
    qtmodeltester.check(view.findings)
    qtmodeltester.check(view.table)
    assert view.table.data(view.table.index(0, 0), KEY_ROLE) == view.table.row_at(0).group


def test_clicking_a_finding_selects_its_numbers(view, hr_result, qtbot):
    i = next(i for i, f in enumerate(hr_result.findings) if f.table.startswith("rate/"))
    finding = hr_result.findings[i]
    rect = view.findings_view.visualRect(view.findings.index(i, 1))
    view.findings_view.scrollTo(view.findings.index(i, 1))
    rect = view.findings_view.visualRect(view.findings.index(i, 1))
    from PySide6.QtCore import Qt

    qtbot.mouseClick(view.findings_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_table_id() == finding.table
    assert set(view.selected_keys()) == set(finding.groups)
    assert view.chart.chart().series()  # the chart shows the same table


def test_calibration_and_gap_tables_show(view, hr_result, qtmodeltester):
    assert view.show_table("calibration")
    assert view.table.rowCount() == len(hr_result.calibration.managers)
    qtmodeltester.check(view.table)
    gap = hr_result.quality.gaps[0]
    assert view.show_table(gap.id)
    assert view.table.rowCount() == len(gap.rows)


def test_export_csv_action_writes_tables(view, tmp_path, qtbot):
    with qtbot.waitSignal(view.exported) as signal:
        paths = view.export_to(tmp_path)
    assert signal.args[0] == paths
    assert {p.name.split("_", 2)[2] for p in paths} >= {"findings.csv", "group_rates.csv", "calibration.csv"}
    assert all(p.stat().st_size > 0 for p in paths)


def test_screenshot(view, hr_result):
    SCREENSHOTS.mkdir(exist_ok=True)
    i = next(i for i, f in enumerate(hr_result.findings) if f.table == "rate/high_rating/race")
    view.findings_view.selectRow(i)
    assert view.grab().save(str(SCREENSHOTS / "audits_view.png"))
