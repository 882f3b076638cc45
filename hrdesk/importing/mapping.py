"""The column mapping: which source column fills which hrdesk field.

A ``Mapping`` is plain, editable data: the import dialog shows one row per
source column with a field chooser, and the same object saves to JSON for
``hrdesk import --mapping MAP.json``. Ordinal rating scales are declared here,
lowest first, because only a person can say that "PIP" is below "Needs
Improvement"; known scales and numeric codes are recognised from the values in
the file (``importing.scales``), each with the evidence that chose it. The
reasons columns were left out travel with the file, so a saved mapping explains
itself when it is loaded again.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrdesk.errors import InvalidInputError
from hrdesk.importing import headers
from hrdesk.importing import scales as scale_rules
from hrdesk.importing.scales import KNOWN_SCALES
from hrdesk.importing.scales import key as _key
from hrdesk.records.fields import Kind, fields_for, mappable_fields

MAPPING_VERSION = 1
DATE_ORDERS = ("auto", "MDY", "DMY", "YMD")
FROM_FILE = "from the mapping file"
SCALE_FROM_FILE = "declared in the mapping file"
SCALE_BY_HAND = "set by hand"

__all__ = ["KNOWN_SCALES", "ColumnMapping", "Mapping", "MappingError", "auto_map", "canonical_labels", "detect_scales"]


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
    scale_evidence: dict[str, str] = field(default_factory=dict)  # scale name -> why these labels

    def set_scale(self, name: str, labels: list[str]) -> None:
        """Declare scale ``name`` by hand (lowest first); ``check`` refuses a malformed one."""
        self.scales[name] = [str(x).strip() for x in labels]
        self.scale_evidence[name] = SCALE_BY_HAND

    # --- editing, for the mapping table ---------------------------------

    def field_of(self, source: str) -> str | None:
        for column in self.columns:
            if column.source == source:
                return column.field
        return None

    def set_field(self, source: str, field_name: str | None) -> None:
        """Point ``source`` at ``field_name`` (or drop it); unknown names raise ``MappingError``."""
        if field_name is not None and field_name not in mappable_fields(self.kind):
            raise MappingError(f"'{field_name}' is not an hrdesk field for {self.kind} files.", hint=_suggest(field_name, self.kind))
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
        known = mappable_fields(self.kind)
        seen: dict[str, str] = {}
        for column in self.columns:
            if column.field is None:
                continue
            if column.field not in known:
                raise MappingError(
                    f"Column '{column.source}' is mapped to '{column.field}', which is not an hrdesk field for {self.kind} files.",
                    hint=_suggest(column.field, self.kind),
                )
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
            "scale_evidence": dict(self.scale_evidence),  # for the reader; a loaded scale counts as declared
            "reasons": {c.source: c.note for c in self.columns if c.field is None and c.note},
            "date_order": self.date_order,
        }

    @classmethod
    def from_dict(cls, data: Any) -> "Mapping":
        try:
            kind = Kind(data["kind"])
            reasons = {str(k): str(v) for k, v in (data.get("reasons") or {}).items()}
            columns = [_loaded_column(str(s), f, reasons) for s, f in data["columns"].items()]
            scales = {str(k): [str(x) for x in v] for k, v in (data.get("scales") or {}).items()}
            mapping = cls(kind, columns, scales, str(data.get("date_order", "auto")), {k: SCALE_FROM_FILE for k in scales})
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


def _loaded_column(source: str, field_name: object, reasons: dict[str, str]) -> ColumnMapping:
    """A column as a mapping file names it; a dropped one keeps the reason it was saved with."""
    if field_name in (None, ""):
        return ColumnMapping(source, None, reasons.get(source) or headers.drop_reason(source))
    return ColumnMapping(source, str(field_name), FROM_FILE)


def _suggest(wrong: str, kind: Kind) -> str:
    """'Did you mean …?' for a mistyped field name, or a header the auto-mapping knows."""
    names = list(mappable_fields(kind))
    close = difflib.get_close_matches(wrong.casefold(), names, n=2, cutoff=0.6)
    if not close:
        recognised = headers.recognise(wrong, kind)
        close = [recognised] if recognised else []
    listing = "Run 'hrdesk import --fields' for the list of fields."
    return f"Did you mean {' or '.join(repr(c) for c in close)}? {listing}" if close else listing


def auto_map(
    header: list[str], kind: Kind | str, values: dict[str, set[str]] | None = None, *,
    prefer: dict[str, list[str]] | None = None, constant: set[str] | None = None,
) -> Mapping:
    """Map recognisable headers to fields.

    ``values`` (column -> distinct values) lets scales be recognised;
    ``constant`` names the columns with one value in every row (worked out
    from ``values`` when not given), which are dropped as telling nothing apart.
    """
    kind = Kind(kind)
    values = values or {}
    if constant is None:
        constant = {s for s, found in values.items() if len({v.strip() for v in found}) == 1}
    columns: list[ColumnMapping] = []
    taken: dict[str, str] = {}
    for source in header:
        name = headers.recognise(source, kind)
        if name and name not in taken:
            taken[name] = source
            columns.append(ColumnMapping(source, name, "recognised header"))
        elif name:
            columns.append(ColumnMapping(source, None, f"'{taken[name]}' already fills this field"))
        elif source in constant and headers.drop_reason(source) == headers.UNKNOWN_REASON:
            columns.append(ColumnMapping(source, None, headers.CONSTANT_REASON))
        else:
            columns.append(ColumnMapping(source, None, headers.drop_reason(source)))
    mapping = Mapping(kind, columns)
    detect_scales(mapping, values, prefer)
    return mapping


def detect_scales(
    mapping: Mapping, values: dict[str, set[str]], prefer: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    """Choose each mapped scale column's ordinal scale that the mapping does not declare yet.

    Fills ``mapping.scales`` and ``mapping.scale_evidence`` (see
    ``importing.scales.choose``) and returns the scales. ``values`` is column
    -> distinct values, for every column of the file (the other columns are
    evidence for numeric codes). A scale nothing can be inferred for stays
    undeclared: the plan then asks for it.
    """
    known = fields_for(mapping.kind)
    for field_name, source in mapping.mapped().items():
        spec = known.get(field_name)
        if spec is None or not spec.scale or spec.scale in mapping.scales:
            continue
        choice = scale_rules.choose(
            source, values.get(source, set()), siblings=values, prefer=(prefer or {}).get(spec.scale)
        )
        if choice is None and spec.low is not None and spec.high is not None:
            low, high = int(spec.low), int(spec.high)
            choice = scale_rules.ScaleChoice(
                tuple(scale_rules.numeric_labels(low, high)), f"the usual {low}–{high} range of {spec.label.lower()}"
            )
        if choice is not None:
            mapping.scales[spec.scale] = list(choice.labels)
            mapping.scale_evidence[spec.scale] = choice.evidence
    return mapping.scales


def canonical_labels(labels: list[str]) -> dict[str, str]:
    """Normalised label -> label as declared, so ' fully meets ' matches 'Fully Meets'."""
    return {_key(x): x for x in labels}
