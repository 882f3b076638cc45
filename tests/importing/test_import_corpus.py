"""The importer on 309 files nobody here wrote (on demand: ``pytest -m corpus``).

The corpus (the folder named by ``$HRDESK_CORPUS``; the suite reads nothing
outside the repository on its own) holds CSV and Excel files from other projects' test
suites: odd encodings, BOMs, ragged rows, renamed, corrupted and encrypted
workbooks. Each one goes through ``hrdesk import --mapping auto`` into a
fresh vault, in-process. The promise checked: a correct import (exit 0) or a
clear refusal (exit 2) that wrote nothing; never a traceback, a hang, a
library warning on the console, or another exit code.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import warnings
from pathlib import Path

import pytest

from hrdesk.cli import main
from hrdesk.vault import KdfParams, Vault

REPO = Path(__file__).resolve().parents[2]
PW = "corpus passphrase"
SECONDS_PER_FILE = 60


def corpus_dir() -> Path | None:
    folder = Path(os.environ["HRDESK_CORPUS"]) if os.environ.get("HRDESK_CORPUS") else None
    return folder if folder is not None and folder.is_dir() else None


def corpus_files() -> list[Path]:
    folder = corpus_dir()
    if folder is None:
        return []
    return sorted(p for p in folder.iterdir() if p.name not in ("README.md", "manifest.json"))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "pristine.hrdesk"
    vault, _ = Vault.create(path, org_name="Corpus", admin_name="HR", passphrase=PW, kdf=KdfParams.fast_for_tests())
    vault.close(backup=False)
    return path


def fingerprint(path: Path) -> str:
    """Every row of every table, hashed: equal before and after means nothing was written.

    Empty tables and ``record_tables`` (the schema of record tables, created
    on first use) are left out: creating an empty table writes no data.
    """
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            if table == "record_tables":
                continue
            for row in db.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr((table, row)).encode())
    return digest.hexdigest()


class Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hang


@pytest.mark.corpus
@pytest.mark.parametrize("source", corpus_files() or [None], ids=lambda p: p.name if p else "no-corpus")
def test_corpus_file_imports_or_is_refused_cleanly(
    source: Path | None, pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if source is None:
        pytest.skip("no corpus: set HRDESK_CORPUS to the folder of files to import")
    vault = tmp_path / "v.hrdesk"
    shutil.copyfile(pristine, vault)
    before = fingerprint(vault)
    monkeypatch.setenv("HRDESK_PASSPHRASE", PW)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS_PER_FILE)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code = main(["import", str(vault), str(source), "--mapping", "auto"])
    except Hang:
        pytest.fail(f"{source.name}: still running after {SECONDS_PER_FILE} s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    out = capsys.readouterr()
    assert code in (0, 2), f"{source.name}: exit {code}\n{out.err}"
    assert "Traceback" not in out.out + out.err
    library = [str(w.message) for w in caught if "hrdesk" not in (w.filename or "")]
    assert not library, f"{source.name}: library warnings reached the console: {library}"
    if code == 2:
        assert out.err.startswith("hrdesk:") or "Nothing was imported" in out.err, out.err
        assert fingerprint(vault) == before, f"{source.name}: refused but the vault changed"
    else:
        assert out.out.startswith("Imported"), out.out
