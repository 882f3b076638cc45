"""Step one of an import: read, map, minimise and validate, writing nothing.

An ``ImportPlan`` is what the import dialog shows: a preview of the rows as
they will be stored, every row error, the columns that will be dropped and
why, what hrdesk understood beyond one column to one field (``understood``:
scales and their evidence, leaving flags, ages, missing names), and the
mapping to edit. After an edit, ``plan.remap(mapping)`` validates again
without reading the file again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrdesk.importing import headers
from hrdesk.importing.collector import collector_paused
from hrdesk.importing.mapping import Mapping, MappingError, auto_map, detect_scales
from hrdesk.importing.minimise import minimise
from hrdesk.importing.readers import SourceTable, read_table
from hrdesk.importing.report import DroppedColumn, RowError
from hrdesk.importing.scales import is_survey_item
from hrdesk.importing.understand import understand
from hrdesk.importing.validate import ValidRow, validate
from hrdesk.records.fields import ALL_PURPOSES, Kind, Purpose, fields_for


@dataclass
class ImportPlan:
    kind: Kind
    source: SourceTable
    mapping: Mapping  # as the user sees and edits it (every source column)
    rows: list[ValidRow]  # rows that will be written
    errors: list[RowError]
    problems: list[str]  # file-level problems: nothing can be imported until they are fixed
    dropped_columns: list[DroppedColumn]
    purposes: frozenset[Purpose]
    date_order: str
    today: dt.date = field(default_factory=dt.date.today)
    vault_scales: dict[str, list[str]] = field(default_factory=dict)  # preferred when a scale must be chosen again
    stored_fields: set[str] = field(default_factory=set)  # what the import writes (after minimisation and readings)
    understood: list[str] = field(default_factory=list)  # sentences for the report: scales, leaving, age, names

    @property
    def ok(self) -> bool:
        """True when everything in the file can be imported."""
        return not self.problems and not self.errors

    @property
    def rows_read(self) -> int:
        return len(self.source.rows)

    @property
    def fields(self) -> set[str]:
        """The hrdesk fields this import writes (after minimisation; a leaving flag writes the status)."""
        return set(self.stored_fields)

    def preview(self, limit: int = 50) -> list[dict[str, Any]]:
        """The first ``limit`` valid rows as they will be stored, keyed by field label, with their row number."""
        labels = {name: spec.label for name, spec in fields_for(self.kind).items()}
        return [{"Row": r.row, **{labels[k]: v for k, v in r.values.items()}} for r in self.rows[:limit]]

    def remap(self, mapping: Mapping) -> "ImportPlan":
        """Validate again under an edited mapping (the file is not read again)."""
        return plan_for(self.source, mapping, purposes=self.purposes, today=self.today, scales=self.vault_scales)


def prepare_import(
    path: Path | str,
    kind: Kind | str = Kind.EMPLOYEES,
    mapping: Mapping | None = None,
    *,
    purposes: frozenset[Purpose] = ALL_PURPOSES,
    scales: dict[str, list[str]] | None = None,
    today: dt.date | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> ImportPlan:
    """Read ``path`` and check it under ``mapping`` (auto-detected when None); writes nothing.

    Raises ``UnreadableFileError`` when the file cannot be read at all and
    ``MappingError`` for a mapping of another kind; everything else lands in
    the plan's ``problems`` and ``errors``. ``scales`` (the vault's declared
    rating scales) are preferred when auto-detecting a scale. ``encoding``
    and ``sheet`` override the reader's choice of text encoding and worksheet.
    """
    kind = Kind(kind)
    with collector_paused():
        table = read_table(path, encoding=encoding, sheet=sheet)
        if mapping is None:
            values = distinct_values(table, _scale_evidence(table.header, kind))
            mapping = auto_map(table.header, kind, values, prefer=scales, constant=constant_columns(table))
        elif mapping.kind is not kind:
            raise MappingError(f"This mapping is for {mapping.kind} files, not {kind}.")
        return plan_for(table, mapping, purposes=purposes, today=today or dt.date.today(), scales=scales)


def plan_for(
    table: SourceTable, mapping: Mapping, *, purposes: frozenset[Purpose], today: dt.date,
    scales: dict[str, list[str]] | None = None,
) -> ImportPlan:
    """Check ``table`` under ``mapping``; a scale the mapping leaves undeclared is chosen (the vault's ``scales`` first)."""
    with collector_paused():
        return _plan_for(table, mapping, purposes=purposes, today=today, scales=scales)


def _plan_for(
    table: SourceTable, mapping: Mapping, *, purposes: frozenset[Purpose], today: dt.date,
    scales: dict[str, list[str]] | None,
) -> ImportPlan:
    mapping.check()
    if _undeclared_scales(mapping):
        wanted = set(mapping.mapped().values()) | {h for h in table.header if is_survey_item(h)}
        detect_scales(mapping, distinct_values(table, wanted), prefer=scales)
    kept, dropped = minimise(mapping, table.header, purposes)
    result = validate(table, kept, today=today)
    readings = understand(kept, result.rows, today=today)
    errors = sorted(result.errors + readings.errors, key=lambda e: (e.row, e.column))
    return ImportPlan(
        kind=mapping.kind,
        source=table,
        mapping=mapping,
        rows=readings.rows,
        errors=errors,
        problems=result.problems,
        dropped_columns=dropped,
        purposes=purposes,
        date_order=result.date_order,
        today=today,
        vault_scales=dict(scales or {}),
        stored_fields=readings.fields,
        understood=readings.notes if not result.problems else [],
    )


def _undeclared_scales(mapping: Mapping) -> bool:
    known = fields_for(mapping.kind)
    return any(known[f].scale and known[f].scale not in mapping.scales for f in mapping.mapped() if f in known)


def _scale_evidence(header: list[str], kind: Kind) -> set[str]:
    """The columns whose values can choose a scale: those recognised as scale fields, and survey items."""
    known = fields_for(kind)
    recognised = {h: headers.recognise(h, kind) for h in header}
    return {h for h, name in recognised.items() if (name and known[name].scale) or is_survey_item(h)}


def distinct_values(table: SourceTable, wanted: set[str] | None = None) -> dict[str, set[str]]:
    """The distinct values of the ``wanted`` columns (default all; rows of the right width only): evidence for scales."""
    width = len(table.header)
    rows = [row for row in table.rows if len(row) == width]
    return {s: {row[i] for row in rows} for i, s in enumerate(table.header) if wanted is None or s in wanted}


def constant_columns(table: SourceTable) -> set[str]:
    """Columns holding the same value in every row (blank or not), found without collecting every value."""
    width = len(table.header)
    rows = [row for row in table.rows if len(row) == width]
    if not rows:
        return set()
    first = rows[0]
    return {s for i, s in enumerate(table.header) if all(row[i].strip() == first[i].strip() for row in rows)}
