"""Data minimisation: keep only columns that fill a field with an active purpose.

Works on the mapping before any value is converted, so a dropped column's
contents are never parsed, validated or stored, and the report says for each
dropped column why it was not kept.
"""

from __future__ import annotations

from dataclasses import replace

from hrdesk.importing.mapping import ColumnMapping, Mapping
from hrdesk.importing.report import DroppedColumn
from hrdesk.records.fields import PURPOSE_LABELS, Purpose, fields_for


def minimise(mapping: Mapping, header: list[str], purposes: frozenset[Purpose]) -> tuple[Mapping, list[DroppedColumn]]:
    """The mapping restricted to active purposes, and every source column left out with its reason."""
    known = fields_for(mapping.kind)
    by_source = {c.source: c for c in mapping.columns}
    kept: list[ColumnMapping] = []
    dropped: list[DroppedColumn] = []
    for source in header:
        column = by_source.get(source)
        if column is None:
            dropped.append(DroppedColumn(source, "not in the mapping"))
        elif column.field is None:
            dropped.append(DroppedColumn(source, column.note or "not mapped to an hrdesk field"))
        elif known[column.field].purpose not in purposes:
            purpose = known[column.field].purpose
            dropped.append(DroppedColumn(source, f"{known[column.field].label} serves {PURPOSE_LABELS[purpose]}, which is not an active purpose"))
        else:
            kept.append(column)
    return replace(mapping, columns=kept), dropped
