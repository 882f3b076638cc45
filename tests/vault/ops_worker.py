"""Subprocess for the kill tests: one vault operation as the CLI runs it, optionally dying at a named point.

``python ops_worker.py OP VAULT PASSPHRASE [NEW_PASSPHRASE]``; prints ``done`` when the
operation finished. With ``HRDESK_TEST_DIE_AT=POINT`` the process SIGKILLs itself at
that point (a deterministic kill); the soak instead kills it at a random moment.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from pathlib import Path

from hrdesk.vault import KdfParams, Vault, backup, rotation

DATA = Path(__file__).resolve().parents[1] / "data" / "HRDataset_v14.csv"
TODAY = dt.date(2026, 1, 1)


def _die(*_args: object, **_kwargs: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _install_kill_point(point: str) -> None:
    if point == "purge-committed":  # the purge's transaction committed; vacuum and backups not yet done
        Vault.vacuum = _die  # type: ignore[method-assign]
    elif point == "rotation-committed":  # the new key is committed; no backup rewritten yet
        rotation._rewrite_copy = _die  # type: ignore[assignment]
    elif point == "restore-swapped":  # the backup is in place; the anchor not yet forgotten again
        calls = []
        real = backup.anchor.forget

        def forget_then_die(vault_id: str, **kw: object) -> None:
            calls.append(vault_id)
            if len(calls) == 2:
                _die()
            real(vault_id, **kw)  # type: ignore[arg-type]

        backup.anchor.forget = forget_then_die  # type: ignore[assignment]
    elif point == "restore-keeping":  # half-way through keeping the file being replaced
        real_snapshot = backup.snapshot

        def snapshot_then_die(source: Path, target: Path) -> None:
            if "before-restore" in target.name:
                target.write_bytes(source.read_bytes()[:4096])
                _die()
            real_snapshot(source, target)

        backup.snapshot = snapshot_then_die  # type: ignore[assignment]
    elif point == "init-before-publish":  # the new vault is complete under its temporary name
        from hrdesk.vault import files

        files.publish = _die  # type: ignore[assignment]
    elif point == "demo-importing":  # the demo's second import file is being applied
        import hrdesk.demo.build as build

        seen = []
        real_apply = build.apply_import

        def apply_then_die(*args: object, **kwargs: object) -> object:
            seen.append(1)
            if len(seen) == 2:
                _die()
            return real_apply(*args, **kwargs)  # type: ignore[arg-type]

        build.apply_import = apply_then_die  # type: ignore[assignment]
    elif point:
        raise SystemExit(f"unknown kill point {point}")


def main(op: str, path_text: str, passphrase: str, new: str = "") -> None:
    _install_kill_point(os.environ.get("HRDESK_TEST_DIE_AT", ""))
    path = Path(path_text)
    if op in ("import", "purge", "rotate", "backup"):
        import hrdesk.importing  # noqa: F401 - loaded before "start", so a random kill lands in the work
        import hrdesk.session  # noqa: F401
    print("start", flush=True)
    if op == "init":
        Vault.create(path, org_name="Org", admin_name="HR", passphrase=passphrase, kdf=KdfParams.fast_for_tests())
        print("done", flush=True)
        return
    if op == "demo":
        from hrdesk.demo.build import build_demo_vault

        build_demo_vault(path, passphrase=passphrase, n_employees=60, seed=1, kdf=KdfParams.fast_for_tests())
        print("done", flush=True)
        return
    if op == "restore":
        backup.restore_backup(path, backup.list_backups(path)[0].path)
        print("done", flush=True)
        return
    from hrdesk.session import Session

    session = Session.open(path, passphrase)
    vault = session.vault
    if op == "import":
        from hrdesk.importing import prepare_import
        from hrdesk.records.purposes import active_purposes

        plan = prepare_import(DATA, "employees", None, purposes=active_purposes(vault), today=TODAY)
        session.apply_import(plan)
    elif op == "rotate":
        vault.rotate_keys(new, kdf=KdfParams.fast_for_tests())
    elif op == "backup":
        backup.make_backup(vault)
    elif op == "purge":
        session.purge_expired(today=TODAY)
    else:
        raise SystemExit(f"unknown operation {op}")
    session.close(backup=False)
    print("done", flush=True)
    return


if __name__ == "__main__":
    main(*sys.argv[1:])
