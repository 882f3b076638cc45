"""Step one of an import: read, map, minimise and validate, writing nothing.

An ``ImportPlan`` is what the import dialog shows: a preview of the rows as
they will be stored, every row error, the columns that will be dropped and
why, and the mapping to edit. After an edit, ``plan.remap(mapping)``
validates again without reading the file again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrdesk.importing.mapping import Mapping, MappingError, auto_map, detect_scales
from hrdesk.importing.minimise import minimise
from hrdesk.importing.readers import SourceTable, read_table
from hrdesk.importing.report import DroppedColumn, RowError
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

    @property
    def ok(self) -> bool:
        """True when everything in the file can be imported."""
        return not self.problems and not self.errors

    @property
    def rows_read(self) -> int:
        return len(self.source.rows)

    @property
    def fields(self) -> set[str]:
        """The hrdesk fields this import writes (after minimisation)."""
        kept, _ = minimise(self.mapping, self.source.header, self.purposes)
        return set(kept.mapped())

    def preview(self, limit: int = 50) -> list[dict[str, Any]]:
        """The first ``limit`` valid rows as they will be stored, keyed by field label, with their row number."""
        labels = {name: spec.label for name, spec in fields_for(self.kind).items()}
        return [{"Row": r.row, **{labels[k]: v for k, v in r.values.items()}} for r in self.rows[:limit]]

    def remap(self, mapping: Mapping) -> "ImportPlan":
        """Validate again under an edited mapping (the file is not read again)."""
        return plan_for(self.source, mapping, purposes=self.purposes, today=self.today)


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
    table = read_table(path, encoding=encoding, sheet=sheet)
    if mapping is None:
        mapping = auto_map(table.header, kind)
        mapping.scales = detect_scales(mapping, _distinct_values(table, mapping), prefer=scales)
    elif mapping.kind is not kind:
        raise MappingError(f"This mapping is for {mapping.kind} files, not {kind}.")
    return plan_for(table, mapping, purposes=purposes, today=today or dt.date.today())


def plan_for(table: SourceTable, mapping: Mapping, *, purposes: frozenset[Purpose], today: dt.date) -> ImportPlan:
    mapping.check()
    kept, dropped = minimise(mapping, table.header, purposes)
    result = validate(table, kept, today=today)
    return ImportPlan(
        kind=mapping.kind,
        source=table,
        mapping=mapping,
        rows=result.rows,
        errors=result.errors,
        problems=result.problems,
        dropped_columns=dropped,
        purposes=purposes,
        date_order=result.date_order,
        today=today,
    )


def _distinct_values(table: SourceTable, mapping: Mapping) -> dict[str, set[str]]:
    """The distinct values of each column mapped to a scale field (rows of the right width only)."""
    known = fields_for(mapping.kind)
    width = len(table.header)
    wanted = [s for f, s in mapping.mapped().items() if known[f].scale]
    return {s: {row[i] for row in table.rows if len(row) == width} for s in wanted for i in [table.header.index(s)]}
