"""User settings: declared once, typed, with defaults, stored as JSON.

The window loads a ``Settings`` at start and hands *values* from it to the
core (``min_group_size=settings.min_group_size``); no core module reads
settings from a global. Unknown keys are ignored and a value of the wrong
type falls back to its default, so an old or hand-edited file never stops
the app from starting.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrdesk import paths

log = logging.getLogger("hrdesk.settings")

FILE_NAME = "settings.json"
MAX_RECENT = 8
IDLE_LOCK_RANGE = (1, 240)


@dataclass
class Settings:
    idle_lock_minutes: int = 10
    recent_vaults: list[str] = field(default_factory=list)
    min_group_size: int = 5
    backups_to_keep: int = 3  # the newest; one a week for four weeks besides (vault.backup.keep_policy)
    last_section: str = "overview"
    vault_users: dict[str, str] = field(default_factory=dict)  # vault path -> the user who last signed in there
    # "vault path\nuser name" -> that user's own idle-lock minutes (a manager on the shared HR laptop may want
    # a shorter lock than HR); users without an entry get ``idle_lock_minutes``.
    idle_lock_by_user: dict[str, int] = field(default_factory=dict)

    def idle_minutes_for(self, path: Path | str | None, user: str) -> int:
        """The idle-lock minutes of ``user`` in the vault at ``path`` (the default when they never chose)."""
        if path is None or not user:
            return self.idle_lock_minutes
        return self.idle_lock_by_user.get(_user_key(path, user), self.idle_lock_minutes)

    def set_idle_minutes_for(self, path: Path | str, user: str, minutes: int) -> None:
        """Remember ``user``'s own idle-lock minutes for this vault (clamped like the default)."""
        low, high = IDLE_LOCK_RANGE
        self.idle_lock_by_user = {**self.idle_lock_by_user, _user_key(path, user): max(low, min(high, int(minutes)))}

    def remember_user(self, path: Path | str, user: str) -> None:
        """The start window offers this name next time this vault is opened (names are not secret here)."""
        text = str(Path(path).expanduser().resolve())
        self.vault_users = {k: v for k, v in self.vault_users.items() if k in self.recent_vaults or k == text}
        self.vault_users[text] = user

    def user_for(self, path: Path | str) -> str:
        return self.vault_users.get(str(Path(path).expanduser().resolve()), "")

    def remember_vault(self, path: Path | str) -> None:
        """Put ``path`` first in the recent list (kept to ``MAX_RECENT``)."""
        text = str(Path(path).expanduser().resolve())
        self.recent_vaults = [text, *(p for p in self.recent_vaults if p != text)][:MAX_RECENT]

    def forget_vault(self, path: Path | str) -> None:
        text = str(Path(path).expanduser().resolve())
        self.recent_vaults = [p for p in self.recent_vaults if p != text]

    def set_idle_lock_minutes(self, minutes: int) -> None:
        low, high = IDLE_LOCK_RANGE
        self.idle_lock_minutes = max(low, min(high, int(minutes)))


def _user_key(path: Path | str, user: str) -> str:
    return f"{Path(path).expanduser().resolve()}\n{user}"


def settings_file(config_dir: Path | None = None) -> Path:
    return (config_dir or paths.config_dir()) / FILE_NAME


def load(config_dir: Path | None = None) -> Settings:
    """Read the settings file; a missing or unreadable file gives the defaults."""
    file = settings_file(config_dir)
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file unreadable, using defaults (%s)", type(exc).__name__)
        return Settings()
    return from_dict(raw if isinstance(raw, dict) else {})


def from_dict(raw: dict[str, Any]) -> Settings:
    defaults = Settings()
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        default = getattr(defaults, f.name)
        value = raw.get(f.name, default)
        values[f.name] = value if _same_kind(value, default) else default
    values["recent_vaults"] = [p for p in values["recent_vaults"] if isinstance(p, str)][:MAX_RECENT]
    values["vault_users"] = {k: v for k, v in values["vault_users"].items() if isinstance(k, str) and isinstance(v, str)}
    low, high = IDLE_LOCK_RANGE
    values["idle_lock_by_user"] = {
        k: max(low, min(high, v)) for k, v in values["idle_lock_by_user"].items()
        if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
    }
    settings = Settings(**values)
    settings.set_idle_lock_minutes(settings.idle_lock_minutes)
    return settings


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    return isinstance(value, type(default))


def save(settings: Settings, config_dir: Path | None = None) -> Path:
    """Write atomically (temp file + rename) so a crash never leaves half a file."""
    file = settings_file(config_dir)
    paths.ensure(file.parent)
    text = json.dumps(dataclasses.asdict(settings), indent=2, sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return file
