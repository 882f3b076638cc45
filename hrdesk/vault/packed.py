"""The weekly base and the daily increments: a backup folder that costs about one vault a week.

A full copy every day costs the vault's size every day, although a day's use
changes a few hundred of its pages. So the first backup of a week is a *base*:
the checked SQLite copy, compressed (the ciphertexts do not compress; the
B-tree pages, indexes, link columns and free space do), with a digest of each
page; every later backup of that week is an *increment*: only the pages that
differ from the base, compressed. Increments are differential (always against
the base, never against the day before), so any kept day is the base plus one
file, and a damaged increment costs that day only.

Nothing is decrypted or re-encrypted here: the pages are the vault's pages, so
a backup is exactly as encrypted as the vault, and a key rotation rewrites
these files like any other copy (``backup.rekey_packed``). The page digests are
of pages the base holds anyway.

Each file is checked as it is written, against the copy that passed
``quick_check``: a base chunk by chunk (each compressed chunk inflated again and
compared with the copy's pages, then the file read back against its CRCs and
digest table); an increment as described below, which also re-reads the base
every day, so a base damaged on disk is noticed and the day's backup becomes a
new base. A restore rebuilds into a temporary file and compares the SHA-256 of
the whole file with the copy's before anything is replaced.

Format (integers big-endian): 8-byte magic (``HRDBASE1`` / ``HRDINCR1``),
4-byte length, a JSON header; a base then holds 8 bytes of BLAKE2b per page and
the file in chunks of at most 64 pages, each (4-byte length, 4-byte stored length,
1-byte method: 0 stored as is, 1 zlib; 4-byte CRC-32 of the stored bytes) and
its bytes. A run of table-leaf pages (the records: ciphertext) is a chunk stored as is, never
compressed; any other chunk is compressed unless that saves too little; the CRC
finds damage in any chunk without inflating it, even in one a day's increment
replaces. An increment holds one zlib stream of (4-byte page number, page)
records in ascending page order.

The check of a new increment proves the rebuild equal to the checked copy
without inflating the base: every base chunk's stored bytes pass their CRC
(the base was proven to inflate into pages matching its digest table when it
was written), every unchanged page's digest in that table equals the copy's,
and every page the increment holds reads back byte for byte as the copy's.
A restore rebuilds for real and compares the SHA-256 of the whole file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from hrdesk.errors import DamagedBackupError
from hrdesk.vault import files

BASE_MAGIC = b"HRDBASE1"
INCREMENT_MAGIC = b"HRDINCR1"
BASE_SUFFIX = ".hrbase"
INCREMENT_SUFFIX = ".hrinc"
DIGEST = 8  # bytes of BLAKE2b per page: a collision only makes the check after writing fail (then a base is written)
_MAX_HEADER = 64 * 1024
_MAX_BYTES = 1 << 40  # no vault is a terabyte: a header claiming more is not ours
_CHUNK = 1 << 20
_PAGES_A_CHUNK = 64
_CHUNK_HEAD = struct.Struct(">IIBI")
_WORTH_IT = 0.9  # a chunk compressed to more than this share of itself is stored as is
_LEVEL = 1  # 0.70 of a demo vault in 1.6 s per 36 MB; level 6 saves 2% more for 60% more time
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class PackedHeader:
    """What a base or increment says about itself (plaintext, like the vault's own file header)."""

    kind: str  # "base" or "increment"
    vault_id: str
    page_size: int
    pages: int  # of the file it rebuilds
    sha256: str  # of the file it rebuilds, taken from the copy that passed quick_check
    base: str = ""  # an increment's base: a file name in the same folder
    base_sha256: str = ""
    changed: int = 0  # pages an increment holds

    @property
    def size(self) -> int:
        return self.page_size * self.pages


@dataclass(frozen=True)
class Scan:
    """One pass over a SQLite file: its page size, a digest per page, and the SHA-256 of the whole."""

    page_size: int
    digests: list[bytes]
    sha256: str


def is_packed(path: Path) -> bool:
    return path.suffix in (BASE_SUFFIX, INCREMENT_SUFFIX)


def page_digest(page: bytes) -> bytes:
    return hashlib.blake2b(page, digest_size=DIGEST).digest()


def scan(sqlite_file: Path) -> Scan:
    """Digest every page of a (closed, checked) SQLite file in one read."""
    with open(sqlite_file, "rb") as f:
        head = f.read(100)
        if len(head) < 100 or head[:16] != _SQLITE_MAGIC:
            raise DamagedBackupError(sqlite_file.name, "the copy is not an SQLite file")
        page_size = struct.unpack(">H", head[16:18])[0]
        page_size = 65536 if page_size == 1 else page_size
        f.seek(0)
        whole, digests = hashlib.sha256(), []
        while page := f.read(page_size):
            if len(page) != page_size:
                raise DamagedBackupError(sqlite_file.name, "the copy ends inside a page")
            whole.update(page)
            digests.append(page_digest(page))
    return Scan(page_size, digests, whole.hexdigest())


# --- writing ------------------------------------------------------------------------------


def _write_header(out: BinaryIO, magic: bytes, header: PackedHeader) -> None:
    fields = {k: v for k, v in header.__dict__.items() if v not in ("", 0) or k in ("pages", "page_size")}
    blob = json.dumps({"format": 1, **fields}, sort_keys=True).encode()
    out.write(magic + struct.pack(">I", len(blob)) + blob)


def write_base(sqlite_file: Path, target: Path, vault_id: str, seen: Scan | None = None) -> PackedHeader:
    """Compress a checked SQLite copy into a base at ``target`` (created owner-only), then check it:
    each compressed chunk is inflated again and compared with the copy's pages as it is made, and
    the file is read back (its digest table, every chunk against its CRC) once it is on disk.
    Chunks are compressed on every core (zlib lets go of the interpreter while it works)."""
    seen = seen or scan(sqlite_file)
    header = PackedHeader("base", vault_id, seen.page_size, len(seen.digests), seen.sha256)
    files.create_private(target)
    workers = max(1, min(4, os.cpu_count() or 1))
    with open(target, "wb") as out, open(sqlite_file, "rb") as src, ThreadPoolExecutor(workers) as pool:
        _write_header(out, BASE_MAGIC, header)
        out.write(b"".join(seen.digests))
        first = 0
        while block := src.read(_PAGES_A_CHUNK * seen.page_size * 4 * workers):
            for length, method, stored in pool.map(_squeeze, _runs(block, seen.page_size, first)):
                out.write(_CHUNK_HEAD.pack(length, len(stored), method, zlib.crc32(stored)) + stored)
            first += len(block) // seen.page_size
        out.flush()
        os.fsync(out.fileno())
    _require_written_base(target, header, seen)
    return header


_TABLE_LEAF = 0x0D  # SQLite's page type of a table's leaf: the records themselves, here nearly all ciphertext


def _runs(block: bytes, page_size: int, first: int) -> Iterator[tuple[bool, bytes]]:
    """``block`` (whole pages, the first of them page ``first`` counting from 0) as chunks of at most
    ``_PAGES_A_CHUNK`` pages, each either all table-leaf pages (worth storing as they are: AES-GCM output
    does not compress, and trying cost three quarters of a base's time for a tenth of those pages' bytes)
    or none of them (indexes, interior pages, free space: compressed)."""
    pages = len(block) // page_size
    start = 0
    while start < pages:
        kind = _is_table_leaf(block, start, page_size, first)
        end = start + 1
        while end < pages and end - start < _PAGES_A_CHUNK and _is_table_leaf(block, end, page_size, first) == kind:
            end += 1
        yield kind, block[start * page_size:end * page_size]
        start = end
    if len(block) % page_size:  # never from a checked copy; kept whole so the read-back check refuses it
        yield False, block[pages * page_size:]


def _is_table_leaf(block: bytes, n: int, page_size: int, first: int) -> bool:
    at = n * page_size + (100 if first + n == 0 else 0)  # the file's first page starts with its 100-byte header
    return block[at] == _TABLE_LEAF


def _squeeze(run: tuple[bool, bytes]) -> tuple[int, int, bytes]:
    """(length, method, stored bytes) of one chunk: a run of ciphertext pages as it is; any other compressed
    when that saves enough and inflates back to exactly the chunk, else as it is."""
    as_is, chunk = run
    if as_is:
        return len(chunk), 0, chunk
    squeezed = zlib.compress(chunk, _LEVEL)
    if len(squeezed) < len(chunk) * _WORTH_IT and zlib.decompress(squeezed) == chunk:
        return len(chunk), 1, squeezed
    return len(chunk), 0, chunk


def _require_written_base(target: Path, header: PackedHeader, seen: Scan) -> None:
    written, digests = read_base_digests(target)
    if written != header or digests != seen.digests:
        raise DamagedBackupError(target.name, "it does not read back as written")
    _header, start = read_header(target)
    total = sum(length for length, _stored, _data in _chunks(target, header, start, inflate=False))
    if total != header.size:
        raise DamagedBackupError(target.name, "it does not read back as written")


def write_increment(sqlite_file: Path, base: Path, target: Path, *, seen: Scan | None = None,
                    max_share: float = 0.5) -> PackedHeader | None:
    """The pages of ``sqlite_file`` that differ from ``base``, compressed, at ``target``; checked to
    rebuild ``sqlite_file`` exactly (the module's note says how, without inflating the base). None (nothing written) when more than ``max_share`` of the pages changed (a VACUUM,
    a purge, a rotation): a new base is then the smaller backup."""
    seen = seen or scan(sqlite_file)
    base_header, base_digests = read_base_digests(base)
    if base_header.page_size != seen.page_size:
        return None
    changed = [n for n, digest in enumerate(seen.digests)
               if n >= len(base_digests) or base_digests[n] != digest]
    if len(changed) > max_share * len(seen.digests):
        return None
    header = PackedHeader("increment", base_header.vault_id, seen.page_size, len(seen.digests), seen.sha256,
                          base=base.name, base_sha256=base_header.sha256, changed=len(changed))
    files.create_private(target)
    with open(target, "wb") as out, open(sqlite_file, "rb") as src:
        _write_header(out, INCREMENT_MAGIC, header)
        squeeze = zlib.compressobj(_LEVEL)
        for n in changed:
            src.seek(n * seen.page_size)
            out.write(squeeze.compress(struct.pack(">I", n) + src.read(seen.page_size)))
        out.write(squeeze.flush())
        out.flush()
        os.fsync(out.fileno())
    _require_increment_rebuilds(target, header, sqlite_file, base, changed)
    return header


def _require_increment_rebuilds(target: Path, header: PackedHeader, sqlite_file: Path, base: Path,
                                changed: list[int]) -> None:
    """base + ``target`` rebuilds ``sqlite_file`` (see the module's note): the base's chunks are
    intact, and the increment reads back as exactly the changed pages of the copy."""
    base_header, base_start = read_header(base)
    for _length, _stored, _data in _chunks(base, base_header, base_start, inflate=False):
        pass
    _header, start = read_header(target)
    read_back = [n for n, _page in _increment_pages(target, header, start)]
    if read_back != changed:
        raise DamagedBackupError(target.name, "it does not read back as written")
    with open(sqlite_file, "rb") as src:
        for n, page in _increment_pages(target, header, start):
            src.seek(n * header.page_size)
            if src.read(header.page_size) != page:
                raise DamagedBackupError(target.name, "it does not read back as written")


# --- reading -------------------------------------------------------------------------------


def read_header(path: Path) -> tuple[PackedHeader, int]:
    """The header of a base or increment and where its body starts; DamagedBackupError when it is
    not one of ours (a hostile or damaged file is refused before anything else is read)."""
    try:
        with open(path, "rb") as f:
            start = f.read(12)
            magic = start[:8]
            if len(start) < 12 or magic not in (BASE_MAGIC, INCREMENT_MAGIC):
                raise DamagedBackupError(path.name, "it is not an hrdesk backup (its first bytes are wrong)")
            (length,) = struct.unpack(">I", start[8:])
            if length > _MAX_HEADER:
                raise DamagedBackupError(path.name, "its header is damaged")
            blob = f.read(length)
    except OSError as exc:
        raise DamagedBackupError(path.name, f"it cannot be read ({exc.strerror or exc})") from exc
    try:
        raw = json.loads(blob)
        header = PackedHeader(
            kind="base" if magic == BASE_MAGIC else "increment",
            vault_id=_text(raw.get("vault_id", "")), page_size=int(raw["page_size"]), pages=int(raw["pages"]),
            sha256=_hex(raw["sha256"]), base=_text(raw.get("base", "")),
            base_sha256=_hex(raw["base_sha256"]) if magic == INCREMENT_MAGIC else "",
            changed=int(raw.get("changed", 0)),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DamagedBackupError(path.name, "its header is damaged") from exc
    if raw.get("format") != 1:
        raise DamagedBackupError(path.name, "it was written by a newer hrdesk")
    ok_size = header.page_size in {1 << k for k in range(9, 17)} and 1 <= header.pages
    if not ok_size or header.size > _MAX_BYTES or not 0 <= header.changed <= header.pages:
        raise DamagedBackupError(path.name, "its header is damaged")
    if header.kind == "increment" and not _plain_name(header.base, path):
        raise DamagedBackupError(path.name, "its header names a base that is not a backup beside it")
    return header, 12 + length


def _text(value: object) -> str:
    if not isinstance(value, str) or len(value) > 200:
        raise ValueError("not a short text")
    return value


def _hex(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{64}", value):
        raise ValueError("not a SHA-256")
    return value


def _plain_name(name: str, beside: Path) -> bool:
    """A base is a file of the same folder and vault: never a path elsewhere (``../``, absolute)."""
    stem = beside.name.rsplit("-", 1)[0]
    return bool(re.fullmatch(re.escape(stem) + r"-\d{8}T\d{6}(_\d+)?" + re.escape(BASE_SUFFIX), name))


def read_base_digests(base: Path) -> tuple[PackedHeader, list[bytes]]:
    header, start = read_header(base)
    if header.kind != "base":
        raise DamagedBackupError(base.name, "it is not a weekly base")
    with open(base, "rb") as f:
        f.seek(start)
        table = f.read(DIGEST * header.pages)
    if len(table) != DIGEST * header.pages:
        raise DamagedBackupError(base.name, "the file is cut short")
    return header, [table[i:i + DIGEST] for i in range(0, len(table), DIGEST)]


def base_of(path: Path) -> Path | None:
    """The base an increment needs (None for a base)."""
    header, _start = read_header(path)
    return path.with_name(header.base) if header.kind == "increment" else None


def _inflate(f: BinaryIO, limit: int, name: str) -> Iterator[bytes]:
    """Decompress a zlib stream, never more than ``limit`` bytes (a hostile file cannot fill the disk)."""
    unzip, total = zlib.decompressobj(), 0
    try:
        while chunk := f.read(_CHUNK):
            while chunk:
                out = unzip.decompress(chunk, _CHUNK)
                total += len(out)
                if total > limit:
                    raise DamagedBackupError(name, "it holds more than its header says")
                if out:
                    yield out
                chunk = unzip.unconsumed_tail
            if unzip.eof:
                break
        if not unzip.eof or unzip.unused_data or f.read(1):
            raise DamagedBackupError(name, "the file is cut short or has bytes after its end")
    except zlib.error as exc:
        raise DamagedBackupError(name, "its compressed data is damaged") from exc


def _pages(chunks: Iterator[bytes], page_size: int) -> Iterator[bytes]:
    pending = bytearray()
    for chunk in chunks:
        pending += chunk
        whole = len(pending) - len(pending) % page_size
        for i in range(0, whole, page_size):
            yield bytes(pending[i:i + page_size])
        del pending[:whole]
    if pending:
        yield bytes(pending)  # a short last page: the caller's size check reports it


def _base_pages(base: Path, header: PackedHeader, start: int) -> Iterator[bytes]:
    """The base's pages, each chunk checked against its CRC-32 as it is read."""
    for length, _stored, data in _chunks(base, header, start, inflate=True):
        for i in range(0, length, header.page_size):
            yield data[i:i + header.page_size]


def _chunks(base: Path, header: PackedHeader, start: int, *, inflate: bool) -> Iterator[tuple[int, int, bytes]]:
    """(length, stored length, the pages if ``inflate`` else the stored bytes) of each chunk, its
    stored bytes checked against their CRC-32 and the chunks against the header's size."""
    page, most, total = header.page_size, _PAGES_A_CHUNK * header.page_size, 0
    with open(base, "rb") as f:
        f.seek(start + DIGEST * header.pages)
        while total < header.size:
            head = f.read(_CHUNK_HEAD.size)
            if len(head) != _CHUNK_HEAD.size:
                raise DamagedBackupError(base.name, "the file is cut short")
            length, stored, method, crc = _CHUNK_HEAD.unpack(head)
            if not 0 < length <= most or length % page or total + length > header.size or stored > length \
                    or method not in (0, 1) or (method == 0 and stored != length):
                raise DamagedBackupError(base.name, "its page chunks are damaged")
            data = f.read(stored)
            if len(data) != stored:
                raise DamagedBackupError(base.name, "the file is cut short")
            if zlib.crc32(data) != crc:
                raise DamagedBackupError(base.name, "its pages do not match the checksum written when it was taken")
            if inflate and method == 1:
                try:
                    unzip = zlib.decompressobj()
                    data = unzip.decompress(data, length)  # never more than the chunk says
                except zlib.error as exc:
                    raise DamagedBackupError(base.name, "its compressed data is damaged") from exc
                if not unzip.eof or unzip.unconsumed_tail or unzip.unused_data or len(data) != length:
                    raise DamagedBackupError(base.name, "its compressed data is damaged")
            total += length
            yield length, stored, data
        if f.read(1):
            raise DamagedBackupError(base.name, "the file has bytes after its end")


def _increment_pages(path: Path, header: PackedHeader, start: int) -> Iterator[tuple[int, bytes]]:
    record = 4 + header.page_size
    with open(path, "rb") as f:
        f.seek(start)
        last = -1
        for item in _pages(_inflate(f, header.changed * record, path.name), record):
            if len(item) != record:
                raise DamagedBackupError(path.name, "the file is cut short")
            (n,) = struct.unpack(">I", item[:4])
            if n <= last or n >= header.pages:
                raise DamagedBackupError(path.name, "its page list is damaged")
            last = n
            yield n, item[4:]


def rebuilt(path: Path) -> Iterator[bytes]:
    """The SQLite file a base, or its base plus an increment, stands for, page by page; raises
    DamagedBackupError (a clear sentence naming the file) unless every byte matches the SHA-256 of
    the copy that was checked when the backup was taken."""
    header, start = read_header(path)
    whole, produced = hashlib.sha256(), 0
    if header.kind == "base":
        source: Iterator[bytes] = _base_pages(path, header, start)
    else:
        source = _overlay(path, header, start)
    for page in source:
        if len(page) != header.page_size or produced >= header.pages:
            raise DamagedBackupError(path.name, "it does not rebuild to the size it was taken at")
        whole.update(page)
        produced += 1
        yield page
    if produced != header.pages:
        raise DamagedBackupError(path.name, "it does not rebuild to the size it was taken at")
    if whole.hexdigest() != header.sha256:
        raise DamagedBackupError(path.name, "its contents do not match the checksum written when it was taken")


def _overlay(path: Path, header: PackedHeader, start: int) -> Iterator[bytes]:
    base = path.with_name(header.base)
    if not base.is_file() or base.is_symlink():
        raise DamagedBackupError(path.name, f"the weekly base it needs ({header.base}) is missing")
    base_header, base_start = read_header(base)
    if base_header.kind != "base" or base_header.sha256 != header.base_sha256:
        raise DamagedBackupError(path.name, f"the weekly base it needs ({header.base}) was replaced or is not its base")
    if base_header.page_size != header.page_size:
        raise DamagedBackupError(path.name, "its base has another page size")
    changes = _increment_pages(path, header, start)
    pending = next(changes, None)
    for n, page in enumerate(_base_pages(base, base_header, base_start)):  # every chunk CRC-checked
        if n >= header.pages:
            continue  # the vault shrank: the base's tail is read only to check the base
        if pending is not None and pending[0] == n:
            yield pending[1]
            pending = next(changes, None)
        else:
            yield page
    while pending is not None:  # the vault grew past the base
        yield pending[1]
        pending = next(changes, None)


def rebuild(path: Path, target: Path) -> PackedHeader:
    """Write the SQLite file ``path`` stands for at ``target`` (owner-only), checked; on any failure
    ``target`` is removed and DamagedBackupError says which file is at fault."""
    header, _start = read_header(path)
    files.create_private(target)
    try:
        with open(target, "wb") as out:
            for page in rebuilt(path):
                out.write(page)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return header


def verify(path: Path) -> PackedHeader:
    """Check a base or an increment (and its base) without writing anything."""
    header, _start = read_header(path)
    for _page in rebuilt(path):
        pass
    return header
