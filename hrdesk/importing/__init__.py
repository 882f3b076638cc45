"""Importing HRIS exports (CSV or .xlsx) into the vault: read, map, minimise, validate, write.

One call per file::

    import_file(vault, path, kind="employees", mapping=None, *, skip_invalid=False,
                progress=NULL_PROGRESS, today=None, encoding=None, sheet=None) -> ImportReport

or two steps, for the import dialog (preview and edit before anything is written)::

    plan = prepare_import(path, kind="employees", mapping=None, *, purposes=ALL_PURPOSES,
                          scales=None, today=None, encoding=None, sheet=None) -> ImportPlan
    plan.source             # SourceTable: .header, .rows, .encoding, .sheet, .sheets,
                            #   .reading_notes(window=False): the encoding with a sample, the sheet, notes
    plan.mapping            # Mapping: .columns (ColumnMapping source/field/note, editable),
                            #   .set_field(source, field|None), .scales, .scale_evidence, .set_scale(name, labels),
                            #   .date_order, .save(path), Mapping.load(path)
    plan.preview(limit=50)  # rows as they will be stored, keyed by field label, with "Row"
    plan.errors             # list[RowError(row, column, reason, value)]; row as a spreadsheet shows it
    plan.problems           # file-level problems (required column missing, scale undeclared)
    plan.dropped_columns    # list[DroppedColumn(source, reason)]: data minimisation
    plan.understood         # sentences: each scale and its evidence, leaving flags, ages, missing names
                            #   (also ImportReport.understood; see importing.understand)
    plan.ok                 # nothing wrong at all
    plan = plan.remap(edited_mapping)   # validate again without re-reading the file
    apply_import(vault, plan, *, skip_invalid=False, progress=NULL_PROGRESS) -> ImportReport

For text already in memory (the demo builder), with no file written::

    table = readers.table_from_text(text, "employees.csv")
    plan = plan_for(table, auto_map(table.header, kind, values), *, purposes, today)

The fields a column can be mapped to (names, labels, purposes) come from
``hrdesk.records.fields.fields_for(kind)``.

Kinds: "employees" (the HRIS export), "reviews" (employee id, cycle, review
date, rating, feedback, goals) and "checkins" (employee id, date, mood,
workload, stress, comment). ``mapping=None`` auto-maps recognisable headers;
``auto_map(header, kind)`` builds one to edit. Files with errors import
nothing and raise ``ImportValidationError`` (``.errors``, ``.problems``,
``.describe()``); with ``skip_invalid=True`` the valid rows are imported and
the rest listed in ``ImportReport.skipped``. Unreadable files raise
``UnreadableFileError`` (what a file is comes from its content: see
``sniff``), files past a limit ``limits.TooLargeError``; bad mappings ``MappingError``; a cancel
``CancelledError``. All are ``HrdeskError``s and all leave the vault unchanged.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hrdesk.importing.apply import apply_import
from hrdesk.importing.mapping import ColumnMapping, Mapping, MappingError, auto_map
from hrdesk.importing.plan import ImportPlan, plan_for, prepare_import
from hrdesk.importing.readers import UnreadableFileError
from hrdesk.importing.report import DroppedColumn, ImportReport, ImportValidationError, RowError
from hrdesk.progress import NULL_PROGRESS, Progress
from hrdesk.records.fields import Kind
from hrdesk.records.purposes import active_purposes
from hrdesk.records.repository import RATING_SCALES_KEY
from hrdesk.vault import Vault


def import_file(
    vault: Vault,
    path: Path | str,
    kind: Kind | str = Kind.EMPLOYEES,
    mapping: Mapping | None = None,
    *,
    skip_invalid: bool = False,
    progress: Progress = NULL_PROGRESS,
    today: dt.date | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> ImportReport:
    """Prepare and apply in one call, under the vault's active purposes and rating scales."""
    progress.begin("Reading the file", 0)
    plan = prepare_for(vault, path, kind, mapping, today=today, encoding=encoding, sheet=sheet)
    return apply_import(vault, plan, skip_invalid=skip_invalid, progress=progress)


def prepare_for(
    vault: Vault, path: Path | str, kind: Kind | str = Kind.EMPLOYEES, mapping: Mapping | None = None,
    *, today: dt.date | None = None, encoding: str | None = None, sheet: str | None = None,
) -> ImportPlan:
    """Read and check a file against this vault's active purposes and rating scales (writes nothing)."""
    return prepare_import(
        path, kind, mapping, purposes=active_purposes(vault), scales=vault.meta_get(RATING_SCALES_KEY, {}),
        today=today, encoding=encoding, sheet=sheet,
    )


__all__ = [
    "ColumnMapping",
    "DroppedColumn",
    "ImportPlan",
    "ImportReport",
    "ImportValidationError",
    "Kind",
    "Mapping",
    "MappingError",
    "RowError",
    "UnreadableFileError",
    "apply_import",
    "auto_map",
    "import_file",
    "plan_for",
    "prepare_for",
    "prepare_import",
]
