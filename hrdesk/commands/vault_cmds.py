"""Vault subcommands: init, info, verify, passwd, backup, restore."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hrdesk.commands.common import (
    add_passphrase_args,
    add_vault_arg,
    open_session_from_args,
    read_new_passphrase,
    read_passphrase,
)
from hrdesk.commands.verify_packet import add_packet_verify_args, is_pdf, verify_packet_command
from hrdesk.errors import InvalidInputError

if TYPE_CHECKING:
    from hrdesk.vault.rotation import RotationReport

ENV_NEW_PASSPHRASE = "HRDESK_NEW_PASSPHRASE"


class StderrProgress:
    """Names each phase of a long vault operation (key rotation, rewriting backups) on stderr."""

    def begin(self, label: str, total: int) -> None:
        print(f"{label}..." + (f" ({total:,})" if total else ""), file=sys.stderr)

    def advance(self, steps: int = 1) -> None:
        pass

    def cancelled(self) -> bool:
        return False


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create a new, empty vault", description="Create a new encrypted vault file.")
    add_vault_arg(p)
    p.add_argument("--name", required=True, help="the organisation's name")
    p.add_argument("--admin", default=None, help="your name as the HR administrator (default: your login name)")
    add_passphrase_args(p, user=False)
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("info", help="show facts about a vault", description="Show the vault's format, key settings and record counts.")
    add_vault_arg(p)
    add_passphrase_args(p)
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser(
        "verify",
        help="check a vault's audit chain and records, or a signed audit packet PDF",
        description="For a vault: recompute the audit log's hash chain and check every record's integrity; "
        "exit code 0 when intact, 1 when something was altered. For an audit packet PDF (no passphrase needed): "
        "exit code 0 when valid, 1 when altered or signed by another key than the organisation's, 2 when unsigned.",
    )
    p.add_argument("file", type=Path, help="a vault (*.hrdesk) or an audit packet PDF (told apart by content)")
    add_passphrase_args(p, hr_only=True)
    add_packet_verify_args(p)
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser(
        "passwd",
        help="change the passphrase (--rotate also revokes the old one everywhere)",
        description="Change your passphrase. A plain change re-wraps the data key: older backups still open with "
        "the old passphrase. --rotate replaces the data key, re-encrypts every record, rewrites or retires the "
        "backups beside the vault and issues a new recovery key, so the old passphrase and recovery key open nothing "
        "hrdesk keeps. Copies made elsewhere before the change stay readable with the old passphrase.",
    )
    add_vault_arg(p)
    add_passphrase_args(p)
    p.add_argument("--recovery", action="store_true", help="prove access with the recovery key instead of the current passphrase")
    p.add_argument("--rotate", action="store_true", help="also rotate the data key and the recovery key (revocation)")
    p.add_argument(
        "--new-recovery-key", action="store_true",
        help="keep the passphrase, rotate the data key and issue a new recovery key (the old one stops working)",
    )
    p.add_argument("--new-passphrase-file", type=Path, metavar="FILE", help=f"read the new passphrase from FILE (else ${ENV_NEW_PASSPHRASE}, else a prompt)")
    p.set_defaults(handler=cmd_passwd)

    p = sub.add_parser("backup", help="take a backup now, or list backups", description="Write a checked backup beside the vault.")
    add_vault_arg(p)
    add_passphrase_args(p, hr_only=True)
    p.add_argument("--list", action="store_true", help="list existing backups instead")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore", help="replace the vault with a backup (HR's passphrase; logged in the restored vault)",
        description="Replace the vault with a backup (the newest by default). The current file is kept as a backup "
        "first. Needs an HR passphrase that opens the vault being replaced (when that file cannot be opened at all, "
        "the one that opens the backup) and the backup; the restore is recorded in the restored vault's audit log.",
    )
    add_vault_arg(p)
    p.add_argument("backup", nargs="?", type=Path, help="the backup file (default: the newest)")
    p.add_argument("--list", action="store_true", help="list backups and exit")
    add_passphrase_args(p)
    p.add_argument("--backup-passphrase-file", type=Path, metavar="FILE",
                   help="the backup's passphrase, when it differs from the current one (a backup opens with the "
                        "passphrase the vault had when it was taken)")
    p.set_defaults(handler=cmd_restore)


def cmd_init(args: argparse.Namespace) -> int:
    from hrdesk.session import Session
    from hrdesk.session.passphrase import require_acceptable
    from hrdesk.vault.files import check_new_vault_path

    check_new_vault_path(args.vault)  # before asking for a passphrase and tuning for a second
    passphrase = read_new_passphrase(args)
    require_acceptable(passphrase)  # before the second of key tuning, the same rule as the window's
    print("Tuning the key derivation for this machine (about a second)...", file=sys.stderr)
    session, recovery = Session.create(
        args.vault, org_name=args.name, admin_name=args.admin or getpass.getuser(), passphrase=passphrase
    )
    session.close()
    print(f"Created vault '{args.vault}' for {args.name}.")
    print()
    print("RECOVERY KEY (shown once; store it offline, e.g. printed in a locked drawer):")
    print(f"    {recovery}")
    print("It opens the vault if the passphrase is lost: hrdesk passwd VAULT --recovery")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    with open_session_from_args(args) as session:
        facts = session.read(lambda vault: vault.facts())
    print(f"Vault:        {facts.path}")
    print(f"Organisation: {facts.org_name}")
    print(f"Format:       {facts.schema_version} (created with hrdesk {facts.created_with})")
    print(f"Size:         {facts.size_bytes:,} bytes")
    print(f"Key:          Argon2id, {facts.kdf.memory_kib // 1024} MiB, {facts.kdf.iterations} passes")
    for table, count in facts.tables.items():
        print(f"  {table:<24}{count:>8,}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    if is_pdf(args.file):
        return verify_packet_command(args)
    if args.packet_vault is not None or args.fingerprint:
        raise InvalidInputError(f"'{args.file}' is not a PDF: --vault and --fingerprint are for checking audit packets.",
                                hint="To check a vault, leave them out.")
    session = open_session_from_args(args)
    try:
        report = session.read(lambda vault: vault.verify_audit_chain())
        damaged = session.read(lambda vault: vault.damaged_records())
        structure = session.read(lambda vault: vault.structure_problems())
        if not session.read(lambda vault: vault.is_backup_copy):  # rotation keeps the copy from a clean check
            from hrdesk.vault.backup import note_record_check

            session.read(lambda vault: note_record_check(vault, report.ok and not damaged and not structure))
    finally:
        session.close(backup=False)
    print(report.summary())
    for problem in structure:
        print(f"Structure: {problem}")
    if damaged:
        print(f"{len(damaged)} damaged record(s) fail their integrity check:")
        for table, record_id in damaged[:50]:
            print(f"  {table} {record_id}")
    else:
        print("Every record and setting passes its integrity check.")
    return 0 if report.ok and not damaged and not structure else 1


def _new_passphrase(args: argparse.Namespace) -> str:
    """The new passphrase: never HRDESK_PASSPHRASE, which holds the current one."""
    if args.new_passphrase_file:
        return read_passphrase(argparse.Namespace(passphrase_file=args.new_passphrase_file))
    if os.environ.get(ENV_NEW_PASSPHRASE):
        return os.environ[ENV_NEW_PASSPHRASE]
    if not sys.stdin.isatty():
        raise InvalidInputError(
            "No new passphrase given.", hint=f"Use --new-passphrase-file FILE or set {ENV_NEW_PASSPHRASE}."
        )
    first = getpass.getpass("New passphrase: ")
    if not first:
        raise InvalidInputError("The new passphrase must not be empty. Nothing was changed.")
    if getpass.getpass("Repeat it: ") != first:
        raise InvalidInputError("The two passphrases differ. Nothing was changed.")
    return first


def require_acceptable_new(args: argparse.Namespace) -> str:
    """The new passphrase, refused (before anything is opened or changed) when the policy says it is weak."""
    from hrdesk.session.passphrase import require_acceptable

    new = _new_passphrase(args)
    require_acceptable(new)
    return new


def cmd_passwd(args: argparse.Namespace) -> int:
    from hrdesk.session import Session

    if args.recovery:
        if args.new_recovery_key:
            raise InvalidInputError("--new-recovery-key keeps your passphrase: open with it, not with --recovery.")
        if not sys.stdin.isatty() and not args.passphrase_file:
            raise InvalidInputError("Give the recovery key at a prompt or with --passphrase-file FILE.")
        key = read_passphrase(args, prompt="Recovery key: ") if args.passphrase_file else getpass.getpass("Recovery key: ")
        new = require_acceptable_new(args)
        session = Session.recover(args.vault, key, new)
    else:
        session = open_session_from_args(args)
        try:
            new = read_passphrase(args) if args.new_recovery_key else require_acceptable_new(args)
            if not (args.rotate or args.new_recovery_key):
                session.change_passphrase(new)
        except BaseException:
            session.close(backup=False)
            raise
    with session:
        if not (args.rotate or args.new_recovery_key):
            print("Passphrase changed. The recovery key is unchanged.")
            print("Older backups still open with the old passphrase; 'hrdesk passwd --rotate' revokes it.")
            return 0
        report = session.rotate_keys(new, progress=StderrProgress(), check_policy=not args.new_recovery_key)
    _print_rotation(report)
    return 0


def _print_rotation(report: "RotationReport") -> None:
    print(f"New data key: {report.records:,} encrypted values re-encrypted.")
    print(f"Backups rewritten under the new key: {len(report.backups_rewritten)}; retired (deleted): {len(report.backups_retired)}.")
    for path in report.backups_retired:
        print(f"  retired {path.name} (damaged or under an older key)")
    if report.users_without_passphrase:
        print(f"{len(report.users_without_passphrase)} other user(s) must be given a new passphrase.")
    print("The old passphrase and the old recovery key no longer open this vault or its backups.")
    print()
    print("NEW RECOVERY KEY (shown once; store it offline and destroy the old one):")
    print(f"    {report.recovery_key}")


def cmd_backup(args: argparse.Namespace) -> int:
    if args.list:
        return _print_backups(args.vault)
    session = open_session_from_args(args)
    try:
        info = session.backup_now()
    finally:
        session.close(backup=False)
    print(f"Backup written and checked: {info.path}")
    return 0


def _print_backups(vault_path: Path) -> int:
    from hrdesk.vault.backup import list_backups

    backups = list_backups(vault_path)
    if not backups:
        print("No backups yet.")
    for b in backups:
        needs = f", needs {b.base.name}" if b.base is not None else ""
        print(f"{b.taken:%Y-%m-%d %H:%M:%S}  {b.size_bytes:>12,} bytes  {b.path}  ({b.description}{needs})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from hrdesk.session.restore import restore_file
    from hrdesk.vault.backup import check_backup, list_backups

    if args.list:
        return _print_backups(args.vault)
    backup = args.backup
    if backup is None:
        backups = list_backups(args.vault)
        if not backups:
            raise InvalidInputError(f"There are no backups of '{args.vault}'.")
        backup = backups[0].path
    if not backup.is_file():
        raise InvalidInputError(f"There is no backup at '{backup}'.")
    check_backup(backup)  # before asking for anything
    passphrase = read_passphrase(args)
    backup_passphrase = None
    if args.backup_passphrase_file:
        backup_passphrase = read_passphrase(argparse.Namespace(passphrase_file=args.backup_passphrase_file))
    restored = restore_file(args.vault, backup, passphrase, backup_passphrase=backup_passphrase, user=args.user)
    restored.session.close(backup=False)
    print(f"Restored '{args.vault}' from {backup}; the restore is recorded in its audit log.")
    if not restored.replaced_was_readable:
        print("The replaced file could not be opened; the backup's passphrase authorised the restore.")
    print(f"The replaced version was kept as {restored.kept}.")
    return 0
