"""After ``hrdesk demo``, no name, feedback sentence or comment is anywhere in the vault's folder.

Every file is scanned as bytes: the database, -wal, -shm, journals, the
backups folder, anything else there. Strings are looked for in UTF-8 and
UTF-16 (both byte orders).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from hrdesk.commands import demo_cmd
from hrdesk.demo import generate_demo
from hrdesk.demo.export import write_demo_csvs
from hrdesk.vault import KdfParams, packed

N, SEED = 150, 9


def run_demo(argv: list[str]) -> int:
    """Run ``hrdesk demo`` through the real CLI when it is registered there, else through its own parser."""
    from hrdesk import cli

    if "hrdesk.commands.demo_cmd" in cli.COMMAND_MODULES:
        return cli.main(["demo", *argv])
    parser = argparse.ArgumentParser(prog="hrdesk")
    demo_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["demo", *argv])
    return int(args.handler(args) or 0)


def _secrets(data) -> tuple[set[str], set[str]]:
    """(needles, four-letter names): every name, feedback/goal sentence and check-in comment."""
    emp = data.employees
    names = set(emp["Employee_Name"]) | set(emp["ManagerName"]) - {"Board of Directors"}
    parts = {p for n in emp["Employee_Name"] for p in n.split(", ")}
    texts = set(data.reviews["Feedback"]) | set(data.reviews["Goals"]) | (set(data.checkins["Comment"]) - {""})
    sentences = {s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if s}
    needles = names | sentences | {p for p in parts if len(p) >= 5}
    assert all(n.isascii() for n in needles)  # so the printable-run scan below sees every encoding of them
    return needles, {p for p in parts if len(p) == 4}


def _text_runs(blob: bytes) -> str:
    """Every run of 4+ printable ASCII characters, stored as UTF-8 or UTF-16 (either byte order), one per line.

    Plaintext of an ASCII string in any of these encodings is such a run, so
    searching the runs finds exactly what searching the bytes would, faster.
    """
    runs = [m.decode() for m in re.findall(rb"[\x20-\x7e]{4,}", blob)]
    runs += [m.decode("utf-16-le") for m in re.findall(rb"(?:[\x20-\x7e]\x00){4,}", blob)]
    runs += [m.decode("utf-16-be") for m in re.findall(rb"(?:\x00[\x20-\x7e]){4,}", blob)]
    return "\n".join(runs)


def scan(folder: Path, data) -> list[tuple[str, str]]:
    """(file, text) for every secret found in any file under ``folder``."""
    needles, short = _secrets(data)
    # A bare 4-letter name turns up by chance in a megabyte of ciphertext now and then;
    # a plaintext leak sits between delimiters, which chance almost never reproduces.
    short_re = re.compile(r"[ \",](" + "|".join(sorted(short)) + r")[ \",.]")
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        # a weekly base or a day's increment is compressed: scan the pages it holds, not the deflate stream
        text = _text_runs(b"".join(packed.rebuilt(path)) if packed.is_packed(path) else path.read_bytes())
        found += [(path.name, n) for n in needles if n in text]
        found += [(path.name, m) for m in short_re.findall(text)]
    return found


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("vault-folder")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("hrdesk.vault.vault.calibrate", KdfParams.fast_for_tests)
        mp.setenv("HRDESK_PASSPHRASE", "demo-demo-demo")
        assert run_demo([str(folder / "demo.hrdesk"), "--employees", str(N), "--seed", str(SEED)]) == 0
    return folder


def test_the_folder_holds_the_vault_and_its_backup(demo_folder: Path):
    files = [p for p in demo_folder.rglob("*") if p.is_file()]
    assert demo_folder / "demo.hrdesk" in files
    assert any(".backups" in str(p.parent) for p in files)


def test_no_plaintext_anywhere_in_the_vault_folder(demo_folder: Path):
    assert scan(demo_folder, generate_demo(N, seed=SEED)) == []


def test_the_scan_finds_plaintext_in_every_encoding(tmp_path: Path):
    """Guard against a scan that cannot fail: the demo's own CSVs, in three encodings, are full of hits."""
    data = generate_demo(N, seed=SEED)
    files = write_demo_csvs(data, tmp_path)
    for kind, path in files.items():
        text = path.read_text(encoding="utf-8")
        (tmp_path / f"{kind}.u16le").write_bytes(b"\x8f\x01" + text.encode("utf-16-le"))
        (tmp_path / f"{kind}.u16be").write_bytes(text.encode("utf-16-be") + b"\xff")
    found = scan(tmp_path, data)
    needles, short = _secrets(data)
    hit_files = {f for f, _ in found}
    assert hit_files == {p.name for p in tmp_path.iterdir()}
    assert {n for _, n in found} >= needles  # every secret was seen somewhere
    assert {n for _, n in found} & short
