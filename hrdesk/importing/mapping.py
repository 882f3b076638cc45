"""The column mapping: which source column fills which hrdesk field.

A ``Mapping`` is plain, editable data: the import dialog shows one row per
source column with a field chooser, and the same object saves to JSON for
``hrdesk import --mapping MAP.json``. Ordinal rating scales are declared here,
lowest first, because only a person can say that "PIP" is below "Needs
Improvement"; known scales are recognised from the values in the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrdesk.errors import InvalidInputError
from hrdesk.importing import headers
from hrdesk.records.fields import FieldType, Kind, fields_for

MAPPING_VERSION = 1
DATE_ORDERS = ("auto", "MDY", "DMY", "YMD")

# Scales hrdesk recognises on sight, lowest first.
KNOWN_SCALES: tuple[tuple[str, ...], ...] = (
    ("PIP", "Needs Improvement", "Fully Meets", "Exceeds"),
    ("1", "2", "3", "4", "5"),
    ("Unsatisfactory", "Needs Improvement", "Meets Expectations", "Exceeds Expectations", "Outstanding"),
    ("Below Expectations", "Meets Expectations", "Exceeds Expectations"),
)


class MappingError(InvalidInputError):
    title = "Column mapping problem"


@dataclass
class ColumnMapping:
    """One source column and the field it fills (``None``: the column is dropped)."""

    source: str
    field: str | None
    note: str = ""  # why it was auto-mapped or dropped, for the mapping table


@dataclass
class Mapping:
    kind: Kind
    columns: list[ColumnMapping]
    scales: dict[str, list[str]] = field(default_factory=dict)  # scale name -> labels, lowest first
    date_order: str = "auto"

    # --- editing, for the mapping table ---------------------------------

    def field_of(self, source: str) -> str | None:
        for column in self.columns:
            if column.source == source:
                return column.field
        return None

    def set_field(self, source: str, field_name: str | None) -> None:
        """Point ``source`` at ``field_name`` (or drop it); unknown names raise ``MappingError``."""
        if field_name is not None and field_name not in fields_for(self.kind):
            raise MappingError(f"'{field_name}' is not an hrdesk field for {self.kind} files.")
        for column in self.columns:
            if column.source == source:
                column.field, column.note = field_name, "set by hand"
                return
        self.columns.append(ColumnMapping(source, field_name, "set by hand"))

    def mapped(self) -> dict[str, str]:
        """Field name -> source column, for the mapped columns."""
        return {c.field: c.source for c in self.columns if c.field}

    def check(self) -> None:
        """Raise ``MappingError`` if two columns fill one field, a field is unknown, or a scale is malformed."""
        known = fields_for(self.kind)
        seen: dict[str, str] = {}
        for column in self.columns:
            if column.field is None:
                continue
            if column.field not in known:
                raise MappingError(f"Column '{column.source}' is mapped to '{column.field}', which is not an hrdesk field.")
            if column.field in seen:
                raise MappingError(
                    f"Columns '{seen[column.field]}' and '{column.source}' are both mapped to '{column.field}'.",
                    hint="Map only one of them.",
                )
            seen[column.field] = column.source
        for name, labels in self.scales.items():
            if len(labels) < 2 or len({_key(x) for x in labels}) != len(labels):
                raise MappingError(f"The scale '{name}' needs at least two different labels, lowest first.")
        if self.date_order not in DATE_ORDERS:
            raise MappingError(f"date_order must be one of {', '.join(DATE_ORDERS)}.")

    # --- JSON -------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": MAPPING_VERSION,
            "kind": str(self.kind),
            "columns": {c.source: c.field for c in self.columns},
            "scales": {k: list(v) for k, v in self.scales.items()},
            "date_order": self.date_order,
        }

    @classmethod
    def from_dict(cls, data: Any) -> "Mapping":
        try:
            kind = Kind(data["kind"])
            columns = [ColumnMapping(str(s), None if f in (None, "") else str(f), "from file") for s, f in data["columns"].items()]
            scales = {str(k): [str(x) for x in v] for k, v in (data.get("scales") or {}).items()}
            mapping = cls(kind, columns, scales, str(data.get("date_order", "auto")))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise MappingError(
                "The mapping file is not a valid hrdesk mapping.",
                hint="Write one with 'hrdesk import ... --print-mapping map.json' and edit that.",
            ) from None
        mapping.check()
        return mapping

    def save(self, path: Path | str) -> None:
        try:
            Path(path).write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            raise MappingError(f"Cannot write the mapping to '{path}': {exc.strerror or exc}.") from None

    @classmethod
    def load(cls, path: Path | str) -> "Mapping":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MappingError(f"The mapping file '{path}' cannot be read ({type(exc).__name__}).") from None
        return cls.from_dict(data)


def _key(label: str) -> str:
    return " ".join(label.casefold().split())


def auto_map(header: list[str], kind: Kind | str, values: dict[str, set[str]] | None = None) -> Mapping:
    """Map recognisable headers to fields; ``values`` (column -> distinct values) lets scales be recognised."""
    kind = Kind(kind)
    columns: list[ColumnMapping] = []
    taken: dict[str, str] = {}
    for source in header:
        name = headers.recognise(source, kind)
        if name and name not in taken:
            taken[name] = source
            columns.append(ColumnMapping(source, name, "recognised header"))
        elif name:
            columns.append(ColumnMapping(source, None, f"'{taken[name]}' already fills this field"))
        else:
            columns.append(ColumnMapping(source, None, headers.drop_reason(source)))
    mapping = Mapping(kind, columns)
    mapping.scales = detect_scales(mapping, values or {})
    return mapping


def detect_scales(
    mapping: Mapping, values: dict[str, set[str]], prefer: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    """Recognise each scale column's ordinal scale.

    The vault's own scale (``prefer``) always wins, so values outside it
    become row errors. Otherwise the known scale matching most of the
    distinct values is taken if it matches at least half of them (the first
    listed wins a tie): a typo is then a row error, a foreign scale a request
    to declare it.
    """
    scales: dict[str, list[str]] = {}
    known = fields_for(mapping.kind)
    for field_name, source in mapping.mapped().items():
        spec = known[field_name]
        if spec.type is not FieldType.SCALE or spec.scale in scales:
            continue
        if prefer and spec.scale in prefer:
            scales[spec.scale] = list(prefer[spec.scale])
            continue
        found = {_key(v) for v in values.get(source, set()) if v.strip()}
        hits = {scale: len(found & {_key(x) for x in scale}) for scale in KNOWN_SCALES}
        best = max(KNOWN_SCALES, key=lambda scale: hits[scale])
        if hits[best] and 2 * hits[best] >= len(found):
            scales[spec.scale] = list(best)
    return scales


def canonical_labels(labels: list[str]) -> dict[str, str]:
    """Normalised label -> label as declared, so ' fully meets ' matches 'Fully Meets'."""
    return {_key(x): x for x in labels}
