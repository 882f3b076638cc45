"""The demo travels through the real import into a real vault, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.demo import generate_demo
from hrdesk.demo import build as build_module
from hrdesk.demo.build import DEMO_META_KEY, build_demo_vault
from hrdesk.demo.export import write_demo_csvs
from hrdesk.errors import CancelledError
from hrdesk.importing import import_file
from hrdesk.progress import NullProgress
from hrdesk.vault import KdfParams, Vault

PASSPHRASE = "demo-test-passphrase"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo") / "demo.hrdesk"
    info = build_demo_vault(path, passphrase=PASSPHRASE, n_employees=150, seed=5, kdf=KdfParams.fast_for_tests())
    return path, info


def test_vault_holds_the_whole_organisation(built):
    path, info = built
    data = generate_demo(150, seed=5)
    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.org_name == info.org_name
        assert vault.count("employees") == 150
        assert vault.count("protected_attributes") == 150
        assert vault.count("review_cycles") == 3
        assert vault.count("ratings") == len(data.reviews)
        assert vault.count("feedback") == len(data.reviews)
        assert vault.count("goals") == len(data.reviews)
        assert vault.count("wellbeing_checkins") == len(data.checkins)
        assert vault.count("teams") >= data.employees["ManagerID"].nunique()
        assert vault.meta_get(DEMO_META_KEY) == {"seed": 5, "employees": 150, "as_of": data.as_of.isoformat()}
        assert vault.verify_audit_chain().ok
        actions = [e.action for e in vault.audit_entries()]
        assert {"import.employees", "import.reviews", "import.checkins", "demo.created"} <= set(actions)
    assert info.counts["employees"] == 150 and info.planted == data.planted
    assert not any(r.skipped for r in info.reports)


def test_no_csv_was_written_anywhere_near_the_vault(built):
    path, _info = built
    leftovers = [p.name for p in path.parent.rglob("*") if p.suffix.lower() in (".csv", ".xlsx", ".tmp")]
    assert leftovers == []


def test_stored_records_match_the_generated_ones(built):
    path, _info = built
    data = generate_demo(150, seed=5)
    with Vault.open(path, PASSPHRASE) as vault:
        stored = {r.payload["employee_id"]: r.payload for r in vault.rows("employees")}
        protected = [r.payload for r in vault.rows("protected_attributes")]
    emp = data.employees.set_index("EmpID")
    some = emp.index[:20]
    for emp_id in some:
        assert stored[str(emp_id)]["name"] == emp.loc[emp_id, "Employee_Name"]
        assert stored[str(emp_id)]["department"] == emp.loc[emp_id, "Department"]
    assert sorted(p["sex"] for p in protected) == sorted(emp["Sex"])


def test_written_csvs_import_the_same_way(tmp_path: Path):
    data = generate_demo(60, seed=2)
    files = write_demo_csvs(data, tmp_path / "csv")
    assert sorted(p.name for p in files.values()) == ["demo_checkins.csv", "demo_employees.csv", "demo_reviews.csv"]
    vault, _ = Vault.create(tmp_path / "v.hrdesk", org_name="T", admin_name="HR", passphrase="pw", kdf=KdfParams.fast_for_tests())
    with vault:
        for kind in ("employees", "reviews", "checkins"):
            import_file(vault, files[kind], kind, today=data.as_of)
        assert vault.count("employees") == 60
        assert vault.count("ratings") == len(data.reviews)
        assert vault.count("wellbeing_checkins") == len(data.checkins)


class _CancelAtImport(NullProgress):
    def __init__(self) -> None:
        self.labels: list[str] = []

    def begin(self, label: str, total: int) -> None:
        self.labels.append(label)

    def cancelled(self) -> bool:
        return any(label.startswith("Importing") for label in self.labels)


def test_cancel_leaves_nothing_behind(tmp_path: Path):
    path = tmp_path / "demo.hrdesk"
    with pytest.raises(CancelledError):
        build_demo_vault(path, passphrase="pw", n_employees=60, kdf=KdfParams.fast_for_tests(), progress=_CancelAtImport())
    assert list(tmp_path.iterdir()) == []


def test_failure_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def broken(*_args, **_kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr(build_module, "apply_import", broken)
    with pytest.raises(OSError):
        build_demo_vault(tmp_path / "demo.hrdesk", passphrase="pw", n_employees=60, kdf=KdfParams.fast_for_tests())
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_not_touched(tmp_path: Path):
    path = tmp_path / "demo.hrdesk"
    path.write_bytes(b"precious")
    with pytest.raises(Exception, match="already exists"):
        build_demo_vault(path, passphrase="pw", n_employees=60, kdf=KdfParams.fast_for_tests())
    assert path.read_bytes() == b"precious"


def test_the_build_derives_the_passphrase_key_once_and_leaves_one_backup_under_the_real_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Argon2id is the slow part of a small demo: the first backup is taken before the move, not after an unlock."""
    from hrdesk.vault import keyslots
    from hrdesk.vault.backup import list_backups, readable_copy

    derived: list[str] = []
    real = keyslots.derive_key
    monkeypatch.setattr(keyslots, "derive_key", lambda passphrase, *a: (derived.append(passphrase), real(passphrase, *a))[1])
    path = tmp_path / "demo.hrdesk"
    build_demo_vault(path, passphrase="pw", n_employees=40, kdf=KdfParams.fast_for_tests())
    assert derived.count("pw") == 1
    backups = list_backups(path)
    assert len(backups) == 1 and backups[0].path.name.startswith("demo-")
    with readable_copy(backups[0].path) as rebuilt, Vault.open(rebuilt, "pw") as copy, Vault.open(path, "pw") as vault:
        assert copy.count("employees") == vault.count("employees") == 40
        copy.close(backup=False)
    assert not list(tmp_path.glob(".*building*")), "no staging file or its backups are left"
