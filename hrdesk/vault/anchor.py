"""A copy of each vault's audit-log head, kept on this computer outside the vault.

The chain inside the file detects any edit, reordering or removal of entries,
except one: rolling the whole log (and its head) back to an earlier state,
e.g. by copying the head from a backup and deleting the entries after it.
Nothing inside a file can rule that out, so hrdesk remembers the furthest
head it has seen for each vault (by the vault's id, read from its encrypted
settings) and ``verify`` reports a log that is now shorter or different.
The anchor holds sequence numbers and keyed MACs only, nothing personal.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from hrdesk import paths


@dataclass(frozen=True)
class Anchor:
    seq: int
    mac: str
    seen: str  # when this computer saw it (UTC, ISO)


def anchors_file(home: Path | str | None = None) -> Path:
    return paths.data_dir(home) / "audit-anchors.json"


def _read(file: Path) -> dict[str, dict]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(file: Path, data: dict[str, dict]) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".anchors-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1)
    os.replace(tmp, file)


def load(vault_id: str, *, file: Path | None = None) -> Anchor | None:
    entry = _read(file or anchors_file()).get(vault_id)
    try:
        return Anchor(int(entry["seq"]), str(entry["mac"]), str(entry.get("seen", ""))) if entry else None
    except (KeyError, TypeError, ValueError):
        return None


def remember(vault_id: str, seq: int, mac: str, *, file: Path | None = None) -> None:
    """Record the head if it is further than the one remembered (never move backwards)."""
    file = file or anchors_file()
    data = _read(file)
    known = data.get(vault_id)
    if isinstance(known, dict) and int(known.get("seq", 0)) >= seq:
        return
    data[vault_id] = {"seq": seq, "mac": mac, "seen": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    try:
        _write(file, data)
    except OSError:
        pass  # an unwritable profile folder weakens a check, it must not block the user's work


def forget(vault_id: str, *, file: Path | None = None) -> None:
    """After a deliberate restore the log is legitimately shorter: start again from it."""
    file = file or anchors_file()
    data = _read(file)
    if data.pop(vault_id, None) is not None:
        try:
            _write(file, data)
        except OSError:
            pass
