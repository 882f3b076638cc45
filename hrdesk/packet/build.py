"""Making a packet: gather every section from the vault, render, sign, write, and log the export.

``gather`` is a read (content only, no signing: what the content tests call);
``export_packet`` is what the CLI and the window run: HR only, the signing
key's fingerprint on the cover, the finished bytes signed last
(``packet.signing.sign_pdf``), written atomically, and one audit entry
(``packet.exported``) saying the period, whether names were shown, and the
file's SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrdesk import __version__
from hrdesk.errors import InvalidInputError
from hrdesk.packet.content import Cover, Packet, Section
from hrdesk.packet.context import PacketContext, PacketOptions
from hrdesk.packet.pseudonyms import Pseudonyms
from hrdesk.progress import NULL_PROGRESS, Progress, check_cancelled

if TYPE_CHECKING:
    from hrdesk.session import Session
    from hrdesk.vault import Vault

ACTION_EXPORTED = "packet.exported"
WHAT = "The audit packet"


def _builders() -> list[Callable[[PacketContext], Section]]:
    """The ten sections' builders, in the order the issue lists them."""
    from hrdesk.packet import (audit_sections, governance_sections, integrity_section, model_sections,
                               people_sections, review_sections)

    return [governance_sections.governance, governance_sections.register, governance_sections.rights,
            audit_sections.audits, model_sections.models, review_sections.decisions, review_sections.contests,
            people_sections.training_and_letters, review_sections.monitoring, integrity_section.integrity]


def gather(vault: "Vault", options: PacketOptions, *, generated_by: str, fingerprint: str = "",
           names: Pseudonyms | None = None, progress: Progress = NULL_PROGRESS) -> Packet:
    """The packet's content, read from the vault through the core's own queries."""
    names = names or Pseudonyms(reveal=options.names)
    ctx = PacketContext(vault, options, names)
    builders = _builders()
    progress.begin("Reading the vault", len(builders) + 1)
    options.check_against(ctx.first_record)
    ctx.learn_names()
    progress.advance()
    sections = []
    for build in builders:
        check_cancelled(progress, WHAT)
        sections.append(build(ctx))
        progress.advance()
    cover = Cover(organisation=vault.org_name, period_from=options.period_from, period_to=options.period_to,
                  generated_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
                  generated_by=generated_by, hrdesk_version=__version__, vault_format=_format(vault),
                  fingerprint=fingerprint, names_shown=options.names, first_record=ctx.first_record)
    return Packet(cover, sections)


def _format(vault: "Vault") -> int:
    return vault.facts().schema_version


def render(packet: Packet, progress: Progress = NULL_PROGRESS) -> tuple[bytes, int]:
    """The packet as unsigned PDF bytes and its page count; cancellable between sections."""
    from hrdesk.packet.document import render as render_pdf

    progress.begin("Laying out the pages", len(packet.sections) + 1)  # each section as it is placed, and the appendix

    def on_section(_heading: str) -> None:
        check_cancelled(progress, WHAT)
        progress.advance()

    return render_pdf(packet, on_section=on_section)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int
    size: int
    sha256: str
    fingerprint: str
    signed: bool
    tables: int
    replaced: bool = False  # an earlier file at the path was replaced (the user said so)


def _signing() -> Any:
    """The signing module (``hrdesk.packet.signing``), or None in an hrdesk built without it."""
    import importlib

    try:
        return importlib.import_module("hrdesk.packet.signing")
    except ModuleNotFoundError as exc:
        if exc.name == "hrdesk.packet.signing":
            return None
        raise


def export_packet(session: "Session", out: Path | str, options: PacketOptions,
                  progress: Progress = NULL_PROGRESS, *, replace: bool = False) -> ExportResult:
    """Build, sign and write the packet to ``out``, and log the export; HR only (refused and logged otherwise).

    A packet is evidence someone may already hold, so an existing ``out`` is refused before any work unless
    ``replace`` (``--replace``, or the window's confirmation); the audit entry says whether a file was replaced.
    """
    out = Path(out)
    session.require_hr("export the audit packet", "packet")
    if out.suffix.lower() != ".pdf":
        raise InvalidInputError(f"'{out.name}' does not end in .pdf.", hint="Name the packet FILE.pdf.")
    if not out.parent.is_dir():
        raise InvalidInputError(f"The folder '{out.parent}' does not exist.", hint="Create it first, or choose another --out FILE.pdf; nothing was written.")
    if out.is_dir():
        raise InvalidInputError(f"'{out}' is a folder, not a file.", hint="Give a file name inside it, e.g. --out "
                                f"'{out / 'packet.pdf'}'.")
    replaced = out.exists()
    if replaced and not replace:
        raise _exists(out)
    signing = _signing()
    fingerprint = ""
    if signing is not None:
        fingerprint = session.perform(lambda vault: signing.signing_identity(vault)).result.fingerprint
    packet = session.read(lambda vault: gather(vault, options, generated_by=session.actor.name,
                                               fingerprint=fingerprint, progress=progress))
    pdf, pages = render(packet, progress)
    check_cancelled(progress, WHAT)
    progress.begin("Signing and writing", 0)

    def finish(vault: "Vault") -> ExportResult:
        signed = signing.sign_pdf(vault, pdf) if signing is not None else pdf
        _write_atomically(out, signed, replace=replace)
        digest = hashlib.sha256(signed).hexdigest()
        vault.audit(ACTION_EXPORTED, target=out.name, details={
            **options.to_dict(), "pages": pages, "sha256": digest, "fingerprint": fingerprint,
            "signed": signing is not None, "replaced": replaced})
        return ExportResult(out, pages, len(signed), digest, fingerprint, signing is not None, len(packet.tables()),
                            replaced)

    return session.perform(finish).result


def _write_atomically(target: Path, data: bytes, *, replace: bool = False) -> None:
    """Write ``data`` beside ``target`` then move it into place: never a half-written packet under its name.

    Without ``replace`` the move refuses a file that appeared meanwhile (a hard link fails if the name is
    taken; where links are not supported, the name is checked just before the move).
    """
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if replace:
            os.replace(temp, target)
        else:
            _move_without_replacing(Path(temp), target)
    except FileExistsError:
        raise _exists(target) from None
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    finally:
        Path(temp).unlink(missing_ok=True)


def _move_without_replacing(temp: Path, target: Path) -> None:
    try:
        os.link(temp, target)  # atomic, and fails with FileExistsError if the name is taken
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if target.exists():
            raise FileExistsError(target) from None
        os.replace(temp, target)


def _exists(target: Path) -> InvalidInputError:
    return InvalidInputError(f"'{target}' already exists; an audit packet is never replaced without being asked.",
                             hint="Choose another file name, or add --replace to replace it. Nothing was written.")


def _cannot_write(target: Path, exc: OSError) -> InvalidInputError:
    return InvalidInputError(f"Cannot write the packet to '{target}': {exc.strerror or exc}.",
                             hint="Choose a folder you can write to (--out); nothing was written.")
