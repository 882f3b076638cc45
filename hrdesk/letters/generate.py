"""Generating letters: choose recipients, fill the template, write the PDFs, log them.

Files are written into a hidden partial folder inside the output folder and
moved into place only when every letter is written, so a cancelled or failed
run leaves nothing half-written and logs nothing. File names hold the letter
type, the case or cycle a contest or review letter is about, the employee's
name and their HRIS id (so two people of one name, or one person's two
contests, never share a file name), made safe for Windows, macOS and Linux. A
name already in the folder is refused: a letter is never written over another.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hrdesk.errors import InvalidInputError
from hrdesk.letters.context import (Population, contract_values, disclosure_values, own_data_values, read_population,
                                    recipient_lines)
from hrdesk.letters.kinds import FROM_RECORDS, LetterType
from hrdesk.letters.pdf import RenderedLetter, build_pdf
from hrdesk.letters.template import Template
from hrdesk.letters.templates import template_for
from hrdesk.progress import NULL_PROGRESS, Progress, check_cancelled
from hrdesk.records.export import collect_many

if TYPE_CHECKING:
    from hrdesk.records import Employee, Records

_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]')
MAX_NAME = 120


@dataclass(frozen=True)
class PreparedLetter:
    employee: "Employee"
    letter: RenderedLetter
    about: str = ""  # the contest case or review cycle a letter from a contract is about (in its file name)


@dataclass(frozen=True)
class Batch:
    """Letters ready to write: the template they came from and what they describe."""

    kind: LetterType
    template: Template
    population: Population
    letters: tuple[PreparedLetter, ...]


@dataclass(frozen=True)
class GenerationResult:
    kind: LetterType
    files: tuple[Path, ...]
    employees: tuple[str, ...]  # HRIS ids, in letter order
    template: str
    template_version: str
    system_version: str
    merged: bool


def safe_file_name(text: str) -> str:
    """``text`` as a file name every common OS accepts (letters of any script kept, NFC)."""
    name = unicodedata.normalize("NFC", text)
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip().rstrip(". ")
    name = name[:MAX_NAME].rstrip(". ") or "letter"
    return f"_{name}" if _WINDOWS_RESERVED.match(name) else name


def file_names(kind: LetterType, people: Sequence["Employee"], about: Sequence[str] = ()) -> list[str]:
    """One ``<type> - [<case or cycle> - ]<name> (id <HRIS id>).pdf`` per letter.

    The id keeps two people of one name apart across runs too; names still equal case-insensitively (ids that
    differ only in case, on Windows and macOS) get (2), (3)...
    """
    seen: dict[str, int] = {}
    out = []
    for index, person in enumerate(people):
        tag = about[index] if index < len(about) and about[index] else ""
        base = safe_file_name(f"{kind.label} - " + (f"{tag} - " if tag else "") + f"{person.name} (id {person.employee_id})")
        key = base.casefold()
        seen[key] = seen.get(key, 0) + 1
        out.append(f"{base} ({seen[key]}).pdf" if seen[key] > 1 else f"{base}.pdf")
    return out


def choose_recipients(records: "Records", *, employee_ids: Sequence[str] = (), everyone: bool = False,
                      team: str | None = None) -> list["Employee"]:
    """The people named by HRIS id, everyone current, or one manager's team (current employees only)."""
    if sum(bool(x) for x in (employee_ids, everyone, team)) != 1:
        raise InvalidInputError("Choose the recipients one way: some employees, everyone, or one team.")
    everybody = records.employees.list()  # one decrypting pass, however many are named
    if employee_ids:
        by_id = {e.employee_id: e for e in everybody}
        missing = [eid for eid in employee_ids if eid not in by_id]
        if missing:
            records.employees.require(missing[0])  # the usual "no employee with id ..." message
        return [by_id[eid] for eid in dict.fromkeys(employee_ids)]
    current = [e for e in everybody if not e.is_leaver]
    if everyone:
        return sorted(current, key=lambda e: e.name.casefold())
    found = records.teams.by_manager(team or "")
    if found is None:
        managers = sorted(t.manager_name for t in records.teams.list())
        raise InvalidInputError(f"No team is managed by '{team}'.", hint="Teams: " + "; ".join(managers[:20]) + ".")
    return sorted((e for e in current if e.team_id == found.id), key=lambda e: e.name.casefold())


def prepare(records: "Records", kind: LetterType, people: Sequence["Employee"], *, contracts: Sequence[Any] = (),
            progress: Progress = NULL_PROGRESS) -> Batch:
    """Fill the template for each person (reads the vault; writes nothing)."""
    if not people:
        raise InvalidInputError("There is nobody to write to.", hint="Choose at least one current employee.")
    if kind not in FROM_RECORDS and len(contracts) != len(people):
        raise InvalidInputError(f"{kind.label} letters are written from a {_contract_word(kind)}, one per letter.",
                                hint="Contests and review sessions record them; there is nothing to send yet.")
    pop = read_population(records)
    template = template_for(kind, pop.settings.template_dir or None)
    progress.begin(f"Preparing {len(people)} letters", len(people))
    prepared = []
    # a data-access report holds everything about its person: read every table once for the whole batch
    held = collect_many(records, people) if kind is LetterType.OWN_DATA else {}
    for index, person in enumerate(people):
        check_cancelled(progress, "Writing letters")
        values = _values(kind, person, pop, held.get(person.id, {}), contracts[index] if contracts else None)
        rendered = RenderedLetter(template.title, recipient_lines(person), tuple(template.render(values)), pop.today)
        prepared.append(PreparedLetter(person, rendered, letter_about(contracts[index]) if contracts else ""))
        progress.advance()
    return Batch(kind, template, pop, tuple(prepared))


def letter_about(contract: Any) -> str:
    """What a contract's letter is about, for its file name: the contest case (C-0001) or the review cycle."""
    return str(getattr(contract, "contest_id", "") or getattr(contract, "cycle", "") or "")


def _contract_word(kind: LetterType) -> str:
    return "review session" if kind is LetterType.REVIEW_SUMMARY else "contest record"


def _values(kind: LetterType, person: "Employee", pop: Population, held: dict[str, Any], contract: Any) -> dict[str, Any]:
    if kind is LetterType.DISCLOSURE:
        return disclosure_values(person, pop)
    if kind is LetterType.OWN_DATA:
        return own_data_values(person, pop, held)
    return contract_values(contract, person, pop)


def write(batch: Batch, out_dir: Path, *, merged: bool = False, progress: Progress = NULL_PROGRESS,
          on_file: Callable[[Path], None] | None = None) -> list[Path]:
    """Write the batch's PDFs into ``out_dir``; all or nothing."""
    names = [_merged_name(batch)] if merged else file_names(batch.kind, [p.employee for p in batch.letters],
                                                            [p.about for p in batch.letters])
    out_dir = Path(out_dir)
    taken = [n for n in names if (out_dir / n).exists()]
    if taken:
        raise InvalidInputError(f"'{out_dir}' already holds {len(taken)} of these letters (e.g. '{taken[0]}').",
                                hint="Choose an empty folder, or move the earlier letters away first; nothing was written.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=".hrdesk-letters-", dir=out_dir))
    except OSError as exc:
        raise InvalidInputError(f"Cannot write letters into '{out_dir}': {exc.strerror}.",
                                hint="Choose a folder you can write to.") from None
    try:
        written = _write_all(batch, partial, names, merged, progress)
        final = []
        for path in written:
            target = out_dir / path.name
            path.replace(target)
            final.append(target)
            if on_file:
                on_file(target)
        return final
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def _write_all(batch: Batch, folder: Path, names: list[str], merged: bool, progress: Progress) -> list[Path]:
    head = batch.population.letterhead
    subject = f"{batch.kind.label} from {head.org_name}"
    progress.begin(f"Writing {len(batch.letters)} letters", len(batch.letters))
    if merged:
        path = folder / names[0]

        def tick() -> None:
            check_cancelled(progress, "Writing letters")
            progress.advance()

        build_pdf([p.letter for p in batch.letters], head, path, title=f"{batch.template.title} ({len(batch.letters)} letters)",
                  subject=subject, on_letter=tick)
        return [path]
    paths = []
    for name, prepared in zip(names, batch.letters):
        check_cancelled(progress, "Writing letters")
        path = folder / name
        build_pdf([prepared.letter], head, path, title=f"{batch.template.title}: {prepared.employee.name}", subject=subject)
        paths.append(path)
        progress.advance()
    return paths


def _merged_name(batch: Batch) -> str:
    count = len(batch.letters)
    return safe_file_name(f"{batch.kind.label} - {count} letter{'s' if count != 1 else ''} - {batch.population.today.isoformat()}") + ".pdf"


def render_bytes(batch: Batch, index: int = 0) -> bytes:
    """One letter of the batch as PDF bytes (the window's preview; nothing written, nothing logged)."""
    from io import BytesIO

    buffer = BytesIO()
    prepared = batch.letters[index]
    build_pdf([prepared.letter], batch.population.letterhead, buffer, title=f"{batch.template.title}: {prepared.employee.name}")
    return buffer.getvalue()
