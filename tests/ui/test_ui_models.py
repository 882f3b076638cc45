"""Every table and list model passes pytest-qt's model tester."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt

from hrdesk.ui.audit_log import ActionRole, AuditFilterProxy, AuditLogModel, EntryRole
from hrdesk.ui.builtin_sections import BUILTIN
from hrdesk.ui.main_window import KeyRole, SectionListModel
from hrdesk.ui.recent_model import ExistsRole, PathRole, RecentVaultsModel
from hrdesk.ui.settings_view import BackupRole, BackupsModel
from hrdesk.ui.audit_words import describe
from hrdesk.vault.auditlog import AuditEntry
from hrdesk.vault.backup import BackupInfo


def entries() -> list:
    return [describe(e) for e in raw_entries()]


def raw_entries() -> list[AuditEntry]:
    return [
        AuditEntry(1, "2025-01-02T09:00:00+00:00", "Dana HR", "vault.created", "Acme", {"schema_version": 1}),
        AuditEntry(2, "2025-01-03T10:30:00+00:00", "Dana HR", "import.employees", "hris.csv", {"added": 3}),
        AuditEntry(3, "2025-01-04T11:00:00+00:00", "Sam M", "governance.signed_off", "step 1", {}),
    ]


def test_audit_log_model(qtmodeltester) -> None:
    model = AuditLogModel()
    model.set_entries(entries())
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, 3).data(ActionRole) == "import.employees"
    assert model.index(2, 0).data(EntryRole).who == "Sam M"
    assert model.index(0, 3).data() == "Created the vault"
    assert model.index(0, 0).data(EntryRole).details == [("File format version", "1")]
    model.clear()
    qtmodeltester.check(model, force_py=True)


def test_audit_filter_proxy(qtmodeltester) -> None:
    model = AuditLogModel()
    model.set_entries(entries())
    proxy = AuditFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_action_prefix("governance")
    qtmodeltester.check(proxy, force_py=True)
    assert proxy.rowCount() == 1
    proxy.set_action_prefix("")
    proxy.set_text("HRIS")
    assert proxy.rowCount() == 1
    proxy.set_text("signed off a governance")  # the words are searched...
    assert proxy.rowCount() == 1
    proxy.set_text("import.employees")  # ...and so is the stored code
    assert proxy.rowCount() == 1
    proxy.set_text("HRIS")
    proxy.set_dates(date(2025, 1, 3), date(2025, 1, 3))
    assert proxy.rowCount() == 1
    proxy.set_dates(date(2025, 1, 4), None)
    assert proxy.rowCount() == 0
    proxy.set_dates(None, None)
    proxy.set_action_prefix("vault.created")  # a full action is a prefix of itself
    assert proxy.rowCount() == 0
    proxy.set_text("")
    assert proxy.rowCount() == 1


def test_backups_model(qtmodeltester, tmp_path: Path) -> None:
    model = BackupsModel()
    info = BackupInfo(tmp_path / "a-20250101T090000.hrdesk", datetime(2025, 1, 1, 9), 4096)
    model.set_backups([info])
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 1).data() == "4.0 KB"
    assert model.index(0, 0).data(BackupRole) is info


def test_recent_vaults_model(qtmodeltester, tmp_path: Path) -> None:
    present = tmp_path / "here.hrdesk"
    present.write_bytes(b"x")
    model = RecentVaultsModel([str(present), str(tmp_path / "gone.hrdesk")])
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data(PathRole) == str(present)
    assert model.index(1, 0).data(ExistsRole) is False
    assert "Missing: not found in" in model.index(1, 0).data()
    assert model.index(1, 0).flags() & Qt.ItemFlag.ItemIsSelectable  # selectable, so it can be removed


def test_section_list_model(qtmodeltester) -> None:
    model = SectionListModel(list(BUILTIN))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data(KeyRole) == "overview"
    assert model.row_of("settings") == len(BUILTIN) - 1


def test_list_table_model_base(qtmodeltester) -> None:
    from hrdesk.ui.table_model import ItemRole, ListTableModel

    class Pairs(ListTableModel):
        COLUMNS = ("Name", "Count")

        def cells(self, item: tuple[str, int]) -> tuple[str, ...]:
            return (item[0], str(item[1]))

    model = Pairs()
    model.set_items([("a", 1), ("b", 2)])
    qtmodeltester.check(model, force_py=True)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Count"
    assert model.index(1, 1).data() == "2"
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == "2"  # the cell's text unless said otherwise
    assert model.index(0, 0).data(ItemRole) == ("a", 1) == model.item(0)
    model.clear()
    assert model.rowCount() == 0 and model.items() == []
    qtmodeltester.check(model, force_py=True)
