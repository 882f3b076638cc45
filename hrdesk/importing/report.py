"""What an import found and did, in a form a person can act on.

Row numbers are as a spreadsheet shows them (the header is row 1). Offending
cell values are kept in ``RowError.value`` for the person at the keyboard;
they never go into exception messages, logs or the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hrdesk.errors import InvalidInputError

MAX_SHOWN_VALUE = 40


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row; the header is row 1
    column: str  # source column, "" when the whole row is wrong
    reason: str
    value: str = ""

    def describe(self) -> str:
        where = f"row {self.row}, column '{self.column}'" if self.column else f"row {self.row}"
        shown = self.value if len(self.value) <= MAX_SHOWN_VALUE else self.value[:MAX_SHOWN_VALUE] + "…"
        return f"{where}: {self.reason}" + (f" (found '{shown}')" if self.value else "")


@dataclass(frozen=True)
class DroppedColumn:
    source: str
    reason: str


@dataclass
class ImportReport:
    kind: str
    source: str  # file name
    rows_read: int
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    teams_added: int = 0
    fields_changed: dict[str, int] = field(default_factory=dict)  # field -> records changed
    skipped: list[RowError] = field(default_factory=list)  # errors of rows not imported
    dropped_columns: list[DroppedColumn] = field(default_factory=list)
    not_in_file: int = 0  # employees already in the vault that this file does not mention
    reading: list[str] = field(default_factory=list)  # how the file was read: encoding and sample, worksheet
    understood: list[str] = field(default_factory=list)  # scales and their evidence, leaving flags, ages, names

    @property
    def imported(self) -> int:
        return self.added + self.updated + self.unchanged

    def describe(self) -> str:
        lines = [
            f"Imported {self.imported} of {self.rows_read} rows from {self.source} ({self.kind}): "
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged."
        ]
        if self.teams_added:
            lines.append(f"{self.teams_added} teams added.")
        if self.fields_changed:
            lines.append("Fields changed: " + ", ".join(f"{k} ({v})" for k, v in sorted(self.fields_changed.items())) + ".")
        if self.not_in_file:
            lines.append(f"{self.not_in_file} employees in the vault are not in this file; they were left as they are.")
        if self.skipped:
            rows = len({e.row for e in self.skipped})
            lines.append(f"{rows} rows were not imported:")
            lines += [f"  {e.describe()}" for e in self.skipped]
        lines += describe_understood(self.understood)
        lines += describe_dropped(self.dropped_columns)
        return "\n".join(lines + self.reading)


def describe_understood(notes: list[str]) -> list[str]:
    """The readings an import made beyond one column to one field, one per line."""
    return ["What hrdesk understood:"] + [f"  {note}" for note in notes] if notes else []


def describe_dropped(dropped: list[DroppedColumn]) -> list[str]:
    if not dropped:
        return []
    return [f"{len(dropped)} columns were not kept (data minimisation):"] + [f"  {d.source}: {d.reason}" for d in dropped]


class ImportValidationError(InvalidInputError):
    """The file has problems; nothing was imported. ``errors`` and ``problems`` say what."""

    title = "The file has problems"

    def __init__(self, *, errors: list[RowError], problems: list[str], importable: int = 0,
                 reading: list[str] | None = None) -> None:
        """``importable``: how many rows would be imported if the invalid ones were skipped."""
        self.errors = list(errors)
        self.problems = list(problems)
        self.importable = importable
        self.reading = list(reading or [])
        parts = list(problems)
        if errors:
            rows = len({e.row for e in errors})
            parts.append(f"{len(errors)} problems in {rows} rows")
        super().__init__("Nothing was imported: " + "; ".join(parts) + ".", hint=self._hint())

    def _hint(self) -> str:
        """Offer skipping rows only when that would import something: a file-level problem stops every row."""
        if self.problems:
            return "Fix the mapping or the file and import again; skipping rows would not help, since no row can be imported until this is fixed."
        if not self.importable:
            return "Fix the file or the mapping and import again: every row has a problem, so skipping the invalid rows would import nothing."
        return (
            f"Fix the file or the mapping and import again, or import only the {self.importable:,} valid rows "
            "(“Skip invalid rows” in the window, --skip-invalid on the command line)."
        )

    def describe(self) -> str:
        """The full list, one problem per line, for the report window or the terminal."""
        return "\n".join([self.message, *(f"  {e.describe()}" for e in self.errors), *self.reading])
