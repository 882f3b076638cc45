"""The import dialog states each scale with its evidence, lets it be changed, and lists what it understood."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from hrdesk.records.repository import RATING_SCALES_KEY
from hrdesk.ui.import_dialog import CHECK, DONE, MAPPING, ImportDialog
from hrdesk.ui.import_scales import parse_labels
from tests.importing import export_layouts as layouts

pytestmark = pytest.mark.gui


def _open(qtbot, context, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.page() == MAPPING, timeout=10_000)
    return dialog


def test_parse_labels_accepts_both_separators() -> None:
    assert parse_labels("1 < 2 <3< 4") == ["1", "2", "3", "4"]
    assert parse_labels(" Low, Mid , High ") == ["Low", "Mid", "High"]


def test_a_two_value_rating_shows_its_scale_and_evidence_and_can_be_changed(qtbot, context, tmp_path, screenshot) -> None:
    source = layouts.write_layout("ibm_attrition", layouts.people(n=120, seed=3), tmp_path)
    dialog = _open(qtbot, context, source)
    panel = dialog.scales_panel
    assert panel.isVisible()
    editor = panel.editors["performance"]
    assert editor.text() == "1 < 2 < 3 < 4" and editor.accessibleName()
    shown = panel.grid.itemAtPosition(1, 0).widget().text()
    assert "codes present in 'PerformanceRating': 3, 4" in shown and "run 1–4" in shown
    notes = panel.notes.text()
    assert "Attrition" in notes and "voluntarily" in notes and "no name column" in notes and "Age" in notes
    screenshot(dialog, "import_scales_1280x800")
    dialog.resize(1024, 640)
    QApplication.processEvents()
    screenshot(dialog, "import_scales_1024x640")
    dialog.resize(1280, 800)
    dialog.setStyleSheet("QWidget { font-size: 14pt; }")
    QApplication.processEvents()
    screenshot(dialog, "import_scales_14pt")
    dialog.setStyleSheet("")

    editor.setText("1 < 2 < 3 < 4 < 5")
    editor.editingFinished.emit()
    assert dialog.plan is not None and dialog.plan.mapping.scales["performance"] == ["1", "2", "3", "4", "5"]
    assert "set by hand" in panel.grid.itemAtPosition(1, 0).widget().text()
    dialog._next()
    assert dialog.page() == CHECK and dialog.import_button.isEnabled()
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.page() == DONE, timeout=20_000)
    context.runner.wait_for_done()
    assert context.vault.meta_get(RATING_SCALES_KEY)["performance"] == ["1", "2", "3", "4", "5"]
    assert "What hrdesk understood:" in dialog.done_text.toPlainText()


def test_a_malformed_scale_is_refused_with_a_message(qtbot, context, tmp_path) -> None:
    source = layouts.write_layout("workday", layouts.people(n=40, seed=5), tmp_path)
    dialog = _open(qtbot, context, source)
    editor = dialog.scales_panel.editors["performance"]
    editor.setText("3 < 3")
    editor.editingFinished.emit()
    assert dialog.mapping_message.isVisible() and "at least two different labels" in dialog.mapping_message.text()
    assert not dialog.next_button.isEnabled()
