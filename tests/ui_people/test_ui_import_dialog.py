"""The Import dialog on the real HRIS export and on its damaged copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox

from hrdesk.importing import Mapping
from hrdesk.records import Records
from hrdesk.records.fields import Kind
from hrdesk.ui.import_dialog import CHECK, DONE, FILE, MAPPING, ImportDialog
from hrdesk.ui.import_models import FieldRole, ItemRole, SourceRole

pytestmark = pytest.mark.gui


def open_dialog(qtbot, context, path: Path, kind: Kind = Kind.EMPLOYEES) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(context, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.page() == MAPPING, timeout=10_000)
    return dialog


def finish(qtbot, context, dialog: ImportDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.page() == DONE, timeout=20_000)
    context.runner.wait_for_done()


def test_real_file_maps_completely_previews_and_imports(qtbot, context, hr_dataset, screenshot) -> None:
    dialog = open_dialog(qtbot, context, hr_dataset)
    model = dialog.mapping_model
    mapped = {model.index(r, 0).data(SourceRole): model.index(r, 0).data(FieldRole) for r in range(model.rowCount())}
    assert mapped["EmpID"] == "employee_id" and mapped["Employee_Name"] == "name"
    assert mapped["PerformanceScore"] == "performance_score" and mapped["Salary"] is None
    assert dialog.plan is not None and dialog.plan.ok
    dropped = {dialog.dropped_model.index(r, 0).data(): dialog.dropped_model.index(r, 1).data()
               for r in range(dialog.dropped_model.rowCount())}
    assert "pay" in dropped["Salary"]
    assert dialog.next_button.isEnabled()
    screenshot(dialog, "import_mapping")

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.page() == CHECK
    assert dialog.preview_model.rowCount() == 50
    assert dialog.errors_model.rowCount() == 0 and not dialog.errors_table.isVisible()
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 311 employees"
    screenshot(dialog, "import_check_clean")

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    finish(qtbot, context, dialog)
    assert dialog.report is not None and dialog.report.added == 311
    assert len(Records(context.vault).employees.list()) == 311
    assert "311" in dialog.done_message.text()


def test_messy_file_lists_its_errors_and_imports_nothing_by_default(qtbot, context, hr_dataset_messy, screenshot) -> None:
    dialog = open_dialog(qtbot, context, hr_dataset_messy)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    errors = dialog.errors_model
    rows = {int(errors.index(r, 0).data()): errors.index(r, 2).data() for r in range(errors.rowCount())}
    assert set(rows) == {2, 3, 4, 5, 6, 10, 24}
    assert "column shift" in rows[10] and "Employee ID" in rows[2]
    assert dialog.errors_table.isVisible()
    assert not dialog.import_button.isEnabled()
    screenshot(dialog, "import_errors_messy")

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # disabled: nothing happens
    dialog.start_import()  # and the slot refuses too
    context.runner.wait_for_done()
    qtbot.wait(50)
    assert dialog.page() == CHECK
    assert Records(context.vault).employees.list() == []

    dialog.skip_invalid.setChecked(True)
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 304 employees"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    finish(qtbot, context, dialog)
    assert len(Records(context.vault).employees.list()) == 304
    assert dialog.report is not None and len({e.row for e in dialog.report.skipped}) == 7


def test_editing_the_mapping_revalidates(qtbot, context, hr_dataset) -> None:
    dialog = open_dialog(qtbot, context, hr_dataset)
    model = dialog.mapping_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(SourceRole) == "Department")
    index = model.index(row, model.FIELD_COLUMN)
    assert model.setData(index, None)
    assert "department" not in dialog.plan.fields
    assert "chosen by you" not in model.index(row, 3).data()
    dropped = {dialog.dropped_model.index(r, 0).data(): dialog.dropped_model.index(r, 1).data()
               for r in range(dialog.dropped_model.rowCount())}
    assert dropped["Department"] == "you chose not to import it"
    # mapping a second column to the same field is refused inline, and Next is blocked
    other = next(r for r in range(model.rowCount()) if model.index(r, 0).data(SourceRole) == "Position")
    model.setData(model.index(other, model.FIELD_COLUMN), "name")
    assert dialog.mapping_message.isVisible() and "both mapped" in dialog.mapping_message.text()
    assert not dialog.next_button.isEnabled()
    model.setData(model.index(other, model.FIELD_COLUMN), "position")
    assert not dialog.mapping_message.isVisible() and dialog.next_button.isEnabled()


def test_field_delegate_lists_fields_with_purposes(qtbot, context, hr_dataset) -> None:
    dialog = open_dialog(qtbot, context, hr_dataset)
    model = dialog.mapping_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(SourceRole) == "Salary")
    index = model.index(row, model.FIELD_COLUMN)
    dialog.mapping_table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    texts = [editor.itemText(i) for i in range(editor.count())]
    assert texts[0] == "Not imported"
    assert any(t.startswith("Absences — well-being") for t in texts)
    assert any("fairness monitoring" in t for t in texts)


def test_mapping_saves_and_loads(qtbot, context, hr_dataset, tmp_path) -> None:
    dialog = open_dialog(qtbot, context, hr_dataset)
    model = dialog.mapping_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(SourceRole) == "Absences")
    model.setData(model.index(row, model.FIELD_COLUMN), None)
    target = tmp_path / "map.json"
    dialog.save_mapping_to(target)
    assert json.loads(target.read_text())["columns"]["Absences"] is None
    other = open_dialog(qtbot, context, hr_dataset)
    other.load_mapping_from(target)
    assert other.plan.mapping.field_of("Absences") is None and "absences" not in other.plan.fields
    assert "loaded" in other.mapping_message.text()
    Mapping(Kind.CHECKINS, []).save(tmp_path / "wrong.json")
    other.load_mapping_from(tmp_path / "wrong.json")
    assert "checkins" in other.mapping_message.text()


def test_unreadable_file_says_so_on_the_first_page(qtbot, context, tmp_path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 a damaged zip, as a truncated download leaves it")  # text would be read as CSV
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.load_file(bad)
    qtbot.waitUntil(lambda: dialog.file_message.isVisibleTo(dialog) and "Reading" not in dialog.file_message.text(), timeout=10_000)
    assert dialog.page() == FILE
    assert dialog.plan is None
    assert "damaged zip archive" in dialog.file_message.text()


def test_dropping_a_file_loads_it(qtbot, context, hr_dataset) -> None:
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(hr_dataset))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(event)
    qtbot.waitUntil(lambda: dialog.page() == MAPPING, timeout=10_000)
    assert dialog.path == hr_dataset


def test_import_models_pass_the_model_tester(qtbot, qtmodeltester, context, hr_dataset_messy) -> None:
    dialog = open_dialog(qtbot, context, hr_dataset_messy)
    for model in (dialog.dropped_model, dialog.errors_model, dialog.preview_model):
        qtmodeltester.check(model, force_py=True)
    assert dialog.errors_model.index(0, 3).data() == "(empty)"
    assert dialog.errors_model.index(0, 0).data(ItemRole).row == 2


def test_mapping_model_passes_the_model_tester(qtbot, qtmodeltester, context, hr_dataset) -> None:
    dialog = open_dialog(qtbot, context, hr_dataset)
    model = dialog.mapping_model
    qtmodeltester.check(model, force_py=True)
    assert model.flags(model.index(0, model.FIELD_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, model.FIELD_COLUMN), None)  # the tester watches dataChanged
    assert model.index(0, model.FIELD_COLUMN).data() == "Not imported"
    model.clear()
    assert model.rowCount() == 0


def test_encoding_picker_shows_the_guess_with_a_sample_and_rereads_on_a_choice(qtbot, context, tmp_path, screenshot) -> None:
    path = tmp_path / "moscow.csv"
    path.write_bytes("Employee ID,Name,Department\r\n1,Иван Петров,Продажи\r\n2,Мария Смирнова,Склад\r\n".encode("cp1251"))
    dialog = open_dialog(qtbot, context, path)
    assert dialog.encoding_picker.isVisibleTo(dialog) and not dialog.sheet_picker.isVisibleTo(dialog)
    assert dialog.encoding_picker.currentText() == "Detected: Cyrillic (Windows-1251)"
    assert "Иван Петров" in dialog.reading_notes.text()
    screenshot(dialog, "import_encoding_guess")
    dialog.encoding_picker.setCurrentIndex(dialog.encoding_picker.findData("cp1252"))
    dialog.encoding_picker.activated.emit(dialog.encoding_picker.currentIndex())
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.source.encoding == "cp1252" and not dialog._busy, timeout=10_000)
    assert dialog.plan.rows[0].values["name"] == "Èâàí Ïåòðîâ"  # the user's choice, shown so they can see it is wrong
    assert dialog.encoding_picker.currentData() == "cp1252" and "you chose it" in dialog.reading_notes.text()


def test_sheet_picker_lists_the_workbooks_sheets_and_reads_the_chosen_one(qtbot, context, tmp_path, screenshot) -> None:
    import openpyxl

    path = tmp_path / "staff.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Cover"
    book.active.append(["HR export"])
    for title, rows in {"Staff": [[1, "Ann Lee"], [2, "Bo Chan"]], "Leavers": [[3, "Cy Diaz"]]}.items():
        sheet = book.create_sheet(title)
        sheet.append(["Employee ID", "Name"])
        for row in rows:
            sheet.append(row)
    book.save(path)
    dialog = open_dialog(qtbot, context, path)
    picker = dialog.sheet_picker
    assert picker.isVisibleTo(dialog) and not dialog.encoding_picker.isVisibleTo(dialog)
    assert [picker.itemText(i) for i in range(picker.count())] == ["Cover", "Staff", "Leavers"]
    assert picker.currentText() == "Staff" and "'Leavers'" in dialog.reading_notes.text()
    screenshot(dialog, "import_sheet_picker")
    dialog.resize(1024, 640)
    qtbot.wait(20)
    assert picker.isVisible() and picker.width() >= picker.minimumSizeHint().width()
    screenshot(dialog, "import_sheet_picker_1024x640")
    dialog.setStyleSheet("QWidget { font-size: 14pt; }")
    qtbot.wait(20)
    screenshot(dialog, "import_sheet_picker_14pt")
    dialog.setStyleSheet("")
    picker.setCurrentIndex(picker.findData("Leavers"))
    picker.activated.emit(picker.currentIndex())
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.source.sheet == "Leavers" and not dialog._busy, timeout=10_000)
    assert [r.values["name"] for r in dialog.plan.rows] == ["Cy Diaz"]
    assert picker.currentText() == "Leavers"


def test_a_file_that_cannot_be_decoded_is_read_again_in_the_chosen_encoding(qtbot, context, tmp_path, screenshot) -> None:
    path = tmp_path / "big5.csv"
    path.write_bytes("Employee ID,Name\r\n1,陳大文\r\n2,李小龍\r\n3,張學友\r\n4,王菲菲\r\n".encode("big5"))
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    qtbot.waitUntil(lambda: "not readable text" in dialog.file_message.text(), timeout=10_000)
    assert dialog.page() == FILE and "Text encoding list" in dialog.file_message.text()
    dialog.show()
    qtbot.waitExposed(dialog)
    screenshot(dialog, "import_file_page_undecodable")
    dialog.file_encoding.setCurrentIndex(dialog.file_encoding.findData("big5"))
    dialog.file_encoding.activated.emit(dialog.file_encoding.currentIndex())
    qtbot.waitUntil(lambda: dialog.page() == MAPPING, timeout=10_000)
    assert [r.values["name"] for r in dialog.plan.rows] == ["陳大文", "李小龍", "張學友", "王菲菲"]


def test_the_result_is_a_summary_with_next_steps(qtbot, context, hr_dataset, screenshot) -> None:  # type: ignore[no-untyped-def]
    from hrdesk.ui.import_dialog import DONE, FILE, ImportDialog

    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(hr_dataset)
    qtbot.waitUntil(lambda: dialog.page() == MAPPING and not dialog._busy, timeout=20_000)
    dialog._next()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20_000)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.page() == DONE, timeout=30_000)
    summary = dialog.summary
    numbers = [w.text() for w in summary.findChildren(type(summary.message)) if w.property("role") == "big-number"]
    assert numbers[:3] == ["311", "0", "0"]  # added, updated, unchanged, as numbers
    assert not summary.details.isVisible()  # the full text is one click away
    shown = [b.text() for b in summary.buttons.values() if b.isVisibleTo(summary)]
    assert shown == ["Show employees", "Import reviews next…", "Run a bias audit"]
    screenshot(dialog, "import_summary")
    summary.buttons["reviews"].click()
    assert dialog.page() == FILE and dialog.kind.value == "reviews"
    dialog.close()
