"""``build_demo_vault``: a new vault holding the demo organisation.

The data goes through the real import (mapping, minimisation, validation,
the records layer, audit entries), so the demo vault looks exactly like one
built from an HRIS export. The CSV text is handed to the importer in memory:
no plaintext file is ever written, least of all beside the vault. The vault is
built under a temporary name and moved into place only when complete, so a
failed, cancelled or killed build leaves nothing under the vault's name.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from hrdesk.demo.export import FILE_NAMES, csv_text, frames
from hrdesk.demo.generate import DemoData, PlantedFindings, generate_demo
from hrdesk.demo.settings import DemoSettings, load_demo_settings
from hrdesk.importing import ImportReport, apply_import, auto_map
from hrdesk.importing.plan import plan_for
from hrdesk.importing.readers import SourceTable
from hrdesk.progress import NULL_PROGRESS, Progress, check_cancelled
from hrdesk.records.purposes import active_purposes
from hrdesk.vault import KdfParams, Vault, files
from hrdesk.vault.backup import make_backup

log = logging.getLogger("hrdesk.demo")

DEMO_META_KEY = "demo"


@dataclass(frozen=True)
class DemoVaultInfo:
    """What the app shows after building the demo (the passphrase is public by design)."""

    path: Path
    org_name: str
    passphrase: str
    recovery_key: str
    n_employees: int
    seed: int
    counts: dict[str, int]  # vault table -> records
    planted: PlantedFindings
    reports: list[ImportReport] = field(default_factory=list)
    vault: Vault | None = field(default=None, compare=False, repr=False)  # open, with ``keep_open=True``


def build_demo_vault(
    path: Path | str,
    *,
    passphrase: str,
    n_employees: int | None = None,
    seed: int | None = None,
    kdf: KdfParams | None = None,
    progress: Progress = NULL_PROGRESS,
    settings: DemoSettings | None = None,
    keep_open: bool = False,
) -> DemoVaultInfo:
    """Generate the demo organisation and store it in a new vault at ``path`` (closed on return,
    or open in ``DemoVaultInfo.vault`` with ``keep_open``).

    Size and seed default to the demo settings (``resources/demo.json``); ``kdf=None``
    tunes Argon2id for this machine as for any vault, tests pass fast parameters.
    ``keep_open`` reopens the finished file with the keys the creation already holds:
    the passphrase is derived once, not again for an unlock (``hrdesk --demo``).
    """
    settings = settings or load_demo_settings()
    n_employees = settings.employees if n_employees is None else n_employees
    seed = settings.seed if seed is None else seed
    path = Path(path)
    progress.begin("Generating the demo organisation", 0)
    data = generate_demo(n_employees, seed, as_of=settings.as_of)
    check_cancelled(progress, "Building the demo")
    progress.begin("Creating the vault", 0)
    files.check_new_vault_path(path)
    # Built under a temporary name and moved into place when complete: a killed or
    # cancelled build leaves no half-made organisation that would verify clean.
    with files.building(path) as staging:
        vault, recovery = Vault.create(
            staging, org_name=settings.org_name, admin_name=settings.admin_name, passphrase=passphrase, kdf=kdf
        )
        try:
            reports = _import_all(vault, data, progress)
            with vault.transaction():
                vault.meta_set(DEMO_META_KEY, {"seed": seed, "employees": n_employees, "as_of": data.as_of.isoformat()})
                vault.audit("demo.created", details={"employees": n_employees, "seed": seed})
            counts = {name: vault.count(name) for name in sorted(vault.tables())}
            make_backup(vault, as_of_path=path)  # its first backup, under its real name, without a second unlock
            held = vault.held_keys() if keep_open else None
        finally:
            vault.close(backup=False)
    _remove_backups_of(staging)
    log.info("demo vault built: %d employees, seed %d", n_employees, seed)
    opened = Vault.open_held(path, held) if held is not None else None
    return DemoVaultInfo(path, settings.org_name, passphrase, recovery, n_employees, seed, counts, data.planted, reports,
                         vault=opened)


def _import_all(vault: Vault, data: DemoData, progress: Progress) -> list[ImportReport]:
    reports = []
    for kind, frame in frames(data).items():
        check_cancelled(progress, "Building the demo")
        table = source_table(csv_text(frame), FILE_NAMES[kind])
        distinct = {column: set(values) for column, values in zip(table.header, zip(*table.rows))}
        plan = plan_for(table, auto_map(table.header, kind, distinct), purposes=active_purposes(vault), today=data.as_of)
        reports.append(apply_import(vault, plan, progress=progress))
    return reports


def source_table(text: str, name: str) -> SourceTable:
    """CSV text parsed as the importer parses a file, without the file."""
    records = list(csv.reader(io.StringIO(text, newline="")))
    header, rows = records[0], records[1:]
    return SourceTable(Path(name), "csv", "utf-8", ",", header, rows, list(range(2, len(rows) + 2)))


def _remove_backups_of(staging: Path) -> None:
    """A build never takes backups, but an empty folder named after the staging file must not linger."""
    from hrdesk.vault.backup import backup_dir

    with contextlib.suppress(OSError):
        backup_dir(staging).rmdir()
