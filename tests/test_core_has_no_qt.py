"""The core never imports Qt: a fresh interpreter that cannot import PySide6 imports
every hrdesk module outside hrdesk.ui, then creates, writes and reads a vault."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import importlib, importlib.abc, pkgutil, sys, tempfile
    from pathlib import Path

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
                raise ImportError(f"the core imported {name}")
            return None

    sys.meta_path.insert(0, NoQt())

    import hrdesk
    imported = []
    for info in pkgutil.walk_packages(hrdesk.__path__, "hrdesk.", onerror=lambda name: None):
        if info.name == "hrdesk.ui" or info.name.startswith("hrdesk.ui.") or info.name == "hrdesk.__main__":
            continue
        importlib.import_module(info.name)
        imported.append(info.name)

    from hrdesk.vault import KdfParams, Vault
    with tempfile.TemporaryDirectory() as folder:
        vault, _key = Vault.create(Path(folder) / "t.hrdesk", org_name="T", admin_name="HR",
                                   passphrase="pw", kdf=KdfParams.fast_for_tests())
        vault.ensure_table("notes")
        row_id = vault.insert("notes", {"text": "hello"})
        assert vault.get("notes", row_id).payload == {"text": "hello"}
        vault.close(backup=False)
    assert "PySide6" not in sys.modules and "shiboken6" not in sys.modules
    print("imported", len(imported))
    """
)


def test_core_imports_no_qt(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) > 10
