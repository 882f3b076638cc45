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
    assert view.findings.data(first) == hr_result.findings[0].summary  # plain words first
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
    assert finding.text in view.statistics.text()  # the statistics, one click away
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


def test_groups_are_named_as_the_findings_name_them(view, hr_result):
    from hrdesk.ui.audits_view import RowsModel

    assert view.show_table("rate/high_rating/sex")
    groups = [view.table.data(view.table.index(r, 0)) for r in range(view.table.rowCount())]
    assert groups == ["Women", "Men"]
    categories = view.chart.chart().axes()[0].categories()
    assert sorted(categories) == ["Men", "Women"]
    assert view.show_table("rate/high_rating/sex+race")
    named = {view.table.data(view.table.index(r, 0)) for r in range(view.table.rowCount())}
    assert "White women" in named and "F × White" not in named
    assert isinstance(view.table, RowsModel)


def test_tables_are_chosen_by_outcome_then_grouping(view, hr_result):
    outcomes = [view.outcome_picker.itemText(i) for i in range(view.outcome_picker.count())]
    assert len(outcomes) < 25 and "Manager calibration (each team vs the rest)" in outcomes
    reachable = set()
    for i in range(view.outcome_picker.count()):
        view.outcome_picker.setCurrentIndex(i)
        for j in range(view.by_picker.count()):
            view.by_picker.setCurrentIndex(j)
            reachable.add(view.current_table_id())
            assert view.table.rowCount() > 0
    every = {t.id for t in (*hr_result.rates, *hr_result.means, *hr_result.quality.gaps)} | {"calibration"}
    assert reachable == every
    view.outcome_picker.setCurrentIndex(0)
    by = [view.by_picker.itemText(j) for j in range(view.by_picker.count())]
    assert by[:3] == ["Sex", "Race/ethnicity", "Hispanic/Latino"] and by[-1] == "Manager"


def test_manager_chart_draws_every_manager_legibly(qtbot):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from organisations import hr_organisation, organisation_input

    from hrdesk.fairness import run_audit
    from hrdesk.ui.audits_view import AuditsView
    from hrdesk.ui.charts import ROW_HEIGHT

    result = run_audit(organisation_input(hr_organisation(600, seed=3)))
    managers = [m for m in result.calibration.managers if m.mean is not None]
    assert len(managers) >= 30
    widget = AuditsView()
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show_result(result)
    assert widget.show_table("calibration")
    categories = widget.chart.chart().axes()[0].categories()
    assert len(categories) == len(managers)  # none dropped
    assert set(categories) == {m.manager for m in managers}  # full names
    assert widget.chart.minimumHeight() >= ROW_HEIGHT * len(managers)  # a row each; the view scrolls
    widget.show()
    qtbot.waitExposed(widget)
    SCREENSHOTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(SCREENSHOTS / "audits_manager_chart.png"))


def test_what_could_not_be_judged_is_shown_not_an_empty_list(qtbot):
    import datetime as dt

    import numpy as np
    import pandas as pd

    from hrdesk.fairness import AuditInput, run_audit
    from hrdesk.ui.audits_view import AuditsView

    rng = np.random.default_rng(0)
    people = pd.DataFrame({"person": [f"p{i}" for i in range(120)],
                           "rating": rng.choice(np.array(["3", "4"], dtype=object), 120),  # a 1–4 file read as 1–5
                           "sex": rng.choice(np.array(["F", "M"], dtype=object), 120), "hispanic_latino": "No"})
    result = run_audit(AuditInput(people, ("1", "2", "3", "4", "5"), dt.date(2024, 6, 30), ("sex", "hispanic_latino")))
    widget = AuditsView()
    qtbot.addWidget(widget)
    widget.resize(1024, 640)
    widget.show_result(result)
    severities = {widget.findings.data(widget.findings.index(r, 0)) for r in range(widget.findings.rowCount())}
    assert "Not judged" in severities
    assert "could not be judged" in widget.summary.text()
    texts = [widget.findings.data(widget.findings.index(r, 1)) for r in range(widget.findings.rowCount())]
    assert any("1–4 scale read as 1–5" in t for t in texts)
    widget.select_finding(0)  # a note has no table: the statistics line says it, nothing breaks
    assert widget.statistics.text() == result.findings[0].text
    widget.show()
    qtbot.waitExposed(widget)
    SCREENSHOTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(SCREENSHOTS / "audits_not_judged.png"))
