"""What an import understood: the readings that are not one column to one field, said out loud.

Real exports differ from HRDataset in ways that change what an audit later
sees, so every such reading is a sentence in the import report (and on the
dialog's columns page), never a silent default:

- a leaving flag (Attrition, Left, Terminated: Yes/No or 1/0), or an
  employment-status column that holds only such values, becomes an
  employment status; a leaver counts as voluntary unless a termination reason
  says otherwise, and the report states that assumption with its counts;
- an age in years is stored with the day it was true, so the audit's age band
  can be computed from it;
- first and last name columns are joined into the name; with no name at all
  (a pseudonymised export) people are shown by their employee id;
- each ordinal scale is stated with the evidence that chose it, and numeric
  survey codes outside their declared scale are row errors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from hrdesk.importing import scales as scale_rules
from hrdesk.importing.mapping import Mapping
from hrdesk.importing.report import RowError
from hrdesk.importing.validate import ValidRow
from hrdesk.records.fields import FieldType, Kind, fields_for

ACTIVE, VOLUNTARY, INVOLUNTARY = "Active", "Voluntarily Terminated", "Involuntarily Terminated"
_YES = frozenset({"yes", "y", "true", "1", "1.0"})
_NO = frozenset({"no", "n", "false", "0", "0.0"})
_INVOLUNTARY_WORDS = frozenset({
    "involuntary", "involuntarily", "dismissed", "dismissal", "cause", "fired", "laid", "layoff", "redundancy",
    "redundant", "misconduct", "performance", "attendance", "employer", "terminated", "noshow",
})
_VOLUNTARY_WORDS = frozenset({"voluntary", "voluntarily", "resigned", "resignation"})
# Statuses that say someone has gone but not how ("Inactive", "Terminated", "Left").
_ACTIVE_WORDS = frozenset({"active", "employed", "current"})
_GONE_WORDS = frozenset({"inactive", "terminated", "left", "former", "leaver", "exited", "separated", "withdrawn"})


@dataclass
class Understanding:
    """Rows after the readings above, the errors they found, the fields written, and what to tell the user."""

    rows: list[ValidRow]
    errors: list[RowError] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def understand(mapping: Mapping, rows: list[ValidRow], *, today: dt.date) -> Understanding:
    """Apply the readings to validated ``rows`` under the (minimised) ``mapping``."""
    mapped = mapping.mapped()
    # The rows are the validation's own, made fresh for this plan, so their values are changed in place.
    result = Understanding(rows=list(rows), fields=set(mapped))
    _scales(mapping, mapped, result)
    if mapping.kind is Kind.EMPLOYEES:
        _names(mapped, result)
        _leaving(mapped, result)
        _age(mapped, result, today)
    return result


def _scales(mapping: Mapping, mapped: dict[str, str], result: Understanding) -> None:
    known = fields_for(mapping.kind)
    bad: dict[int, RowError] = {}
    for name, source in mapped.items():
        spec = known[name]
        labels = mapping.scales.get(spec.scale)
        if not spec.scale or not labels:
            continue
        evidence = mapping.scale_evidence.get(spec.scale, scale_rules.SCALE_DECLARED)
        result.notes.append(
            f"{spec.label} ('{source}') is read on the {scale_rules.describe(labels)} scale, lowest first: {evidence}. "
            "Change it on the columns page or in the mapping file's \"scales\"."
        )
        if spec.type is FieldType.INTEGER:
            allowed = {int(x) for x in labels if scale_rules.codes_of({x})}
            for i, row in enumerate(result.rows):
                value = row.values.get(name)
                if value is not None and value not in allowed:
                    bad[i] = RowError(row.row, source, f"outside the {spec.scale} scale {scale_rules.describe(labels)}", str(value))
    if bad:
        result.errors.extend(bad.values())
        result.rows = [r for i, r in enumerate(result.rows) if i not in bad]


def _names(mapped: dict[str, str], result: Understanding) -> None:
    parts = [f for f in ("first_name", "last_name") if f in mapped]
    result.fields -= set(parts)
    if "name" in mapped:
        if parts:
            result.notes.append(f"Name comes from '{mapped['name']}'; {' and '.join(repr(mapped[p]) for p in parts)} are not stored.")
        return
    if parts:
        for row in result.rows:
            joined = " ".join(str(row.values.pop(p) or "") for p in parts).strip()
            row.values["name"] = joined or None
        result.fields.add("name")
        result.notes.append(f"Name is made from {' and '.join(repr(mapped[p]) for p in parts)} (first name first).")
        return
    result.notes.append(
        "There is no name column (a pseudonymised export): people are shown by their employee id "
        f"('{mapped.get('employee_id', 'Employee ID')}')."
    )


def _leaving(mapped: dict[str, str], result: Understanding) -> None:
    """Turn a yes/no leaving flag into an employment status, saying what was assumed."""
    flag = mapped.get("left")
    status_source = mapped.get("employment_status")
    if flag is None and status_source and _all_yes_no(r.values.get("employment_status") for r in result.rows):
        flag = status_source
        for row in result.rows:
            row.values["left"] = _as_bool(row.values.pop("employment_status"))
        status_source = None
        result.notes.append(
            f"'{flag}' is mapped to Employment status but holds only yes/no values: it is read as a leaving flag."
        )
    if flag is None:
        if status_source:
            _unexplained_leaving(status_source, mapped.get("termination_reason"), result)
            _silent_status(status_source, result)
        return
    counts = {ACTIVE: 0, VOLUNTARY: 0, INVOLUNTARY: 0}
    kept_status = 0
    for row in result.rows:
        left = row.values.pop("left", None)
        if row.values.get("employment_status"):
            kept_status += 1
            continue
        if left is None:
            continue
        status = ACTIVE if not left else INVOLUNTARY if _involuntary(row.values.get("termination_reason")) else VOLUNTARY
        row.values["employment_status"] = status
        counts[status] += 1
    result.fields.discard("left")
    result.fields.add("employment_status")
    leavers = counts[VOLUNTARY] + counts[INVOLUNTARY]
    total = leavers + counts[ACTIVE]
    share = f" ({100 * leavers / total:.1f}%)" if total else ""
    reason = mapped.get("termination_reason")
    because = (f"{counts[INVOLUNTARY]:,} of them have an involuntary reason in '{reason}'" if reason
               else "the file has no termination reason")
    note = (
        f"Leaving: '{flag}' is read as yes = has left, no = still employed: {leavers:,} of {total:,} people left{share}. "
        f"Assumed: a leaver left voluntarily unless a reason says otherwise ({because}); "
        f"so {counts[VOLUNTARY]:,} count as voluntary leavers ('{VOLUNTARY}') in the audit."
    )
    if kept_status:
        note += f" {kept_status:,} rows keep the status given in '{status_source}'."
    result.notes.append(note)


def _unexplained_leaving(source: str, reason: str | None, result: Understanding) -> None:
    """A status such as 'Inactive' or 'Terminated' says someone left, not how: read it with the reason."""
    changed: dict[str, dict[str, int]] = {}
    unexplained = {status: _says_gone_not_how(status) for status in {r.values.get("employment_status") for r in result.rows}}
    for row in result.rows:
        status = row.values.get("employment_status")
        if not unexplained[status]:
            continue
        new = INVOLUNTARY if _involuntary(row.values.get("termination_reason")) else VOLUNTARY
        changed.setdefault(str(status), {VOLUNTARY: 0, INVOLUNTARY: 0})[new] += 1
        row.values["employment_status"] = new
    if not changed:
        return
    said = ", ".join(f"'{s}'" for s in sorted(changed))
    voluntary = sum(c[VOLUNTARY] for c in changed.values())
    involuntary = sum(c[INVOLUNTARY] for c in changed.values())
    because = f"{involuntary:,} have an involuntary reason in '{reason}'" if reason else "the file has no termination reason"
    result.notes.append(
        f"Leaving: '{source}' says {said} for {voluntary + involuntary:,} people without saying how they left. "
        f"Assumed: they left voluntarily unless a reason says otherwise ({because}); so {voluntary:,} are stored as "
        f"'{VOLUNTARY}' and {involuntary:,} as '{INVOLUNTARY}', which the audit's voluntary-leaving rate reads."
    )


def _silent_status(source: str, result: Understanding) -> None:
    """Warn when the status column cannot show leaving at all ('Full-Time', 'Part-Time'), or shows no leaver."""
    statuses = {str(r.values.get("employment_status")) for r in result.rows if r.values.get("employment_status")}
    words = {status: set(re.findall(r"[a-z]+", status.casefold())) for status in statuses}
    gone = [s for s, w in words.items() if w & (_GONE_WORDS | _VOLUNTARY_WORDS | _INVOLUNTARY_WORDS)]
    if not statuses or gone:
        return
    shown = ", ".join(f"'{s}'" for s in sorted(statuses)[:4]) + (", …" if len(statuses) > 4 else "")
    if any(w & _ACTIVE_WORDS for w in words.values()):
        result.notes.append(f"Leaving: '{source}' marks no one as having left ({shown}), so voluntary leaving will be 0%.")
        return
    result.notes.append(
        f"Leaving: '{source}' holds {shown}, which say nothing about leaving, so the audit cannot see who left. "
        "If another column says who left, map it to Employment status or Has left (yes/no)."
    )


def _says_gone_not_how(status: Any) -> bool:
    """'Inactive', 'Terminated', 'Left' yes; 'Active', 'Voluntarily Terminated', 'Terminated for Cause' no."""
    words = set(re.findall(r"[a-z]+", str(status or "").casefold()))
    return bool(words & _GONE_WORDS) and not words & (_VOLUNTARY_WORDS | _INVOLUNTARY_WORDS - {"terminated"})


def _age(mapped: dict[str, str], result: Understanding, today: dt.date) -> None:
    if "age" not in mapped:
        return
    for row in result.rows:
        if row.values.get("age") is not None:
            row.values["age_on"] = today.isoformat()
    result.fields.add("age_on")
    dob = " (the date of birth is used where both are known)" if "date_of_birth" in mapped else ""
    result.notes.append(
        f"Age: '{mapped['age']}' holds ages in years, stored as a protected attribute with today's date "
        f"({today.isoformat()}); the audit's age band is computed from it{dob}."
    )


def _all_yes_no(values: Any) -> bool:
    present = {str(v).strip().casefold() for v in set(values) if v not in (None, "")}  # each distinct value once
    return bool(present) and present <= _YES | _NO


def _as_bool(value: Any) -> bool | None:
    text = str(value or "").strip().casefold()
    return True if text in _YES else False if text in _NO else None


def _involuntary(reason: Any) -> bool:
    """'Terminated for cause', 'Laid off', 'Involuntary' yes; 'Resigned', 'Voluntary', 'Another position' no."""
    words = set(re.findall(r"[a-z]+", str(reason or "").casefold().replace("no-show", "noshow")))
    return bool(words & _INVOLUNTARY_WORDS) and not words & _VOLUNTARY_WORDS
