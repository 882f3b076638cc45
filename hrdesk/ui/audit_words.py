"""Audit-log entries in words an auditor reads: what happened, to what, and the details line by line.

The log stores event codes (``import.employees``), opaque ids and small JSON
details; this module turns one entry into a ``DescribedEntry``: an action in
words ("Imported employees"), a target in words (a person's name where the
reader may see it, a file name, an audit run), and each detail as a
label/value pair with no Python reprs. Plain Python, no Qt: the screen, the
CSV export and the PDF export all use it.

The words for each action come from the core's one registry of audit actions
(``hrdesk.session.actions``); ``ACTION_WORDS`` only covers codes that registry
does not know (written by a newer or older hrdesk, or by an area not yet
registered), so no entry is ever shown as a bare code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: code -> what happened, in words. Record-table actions ("goals.added") are composed below.
ACTION_WORDS: dict[str, str] = {
    "vault.created": "Created the vault",
    "vault.migrated": "Upgraded the vault file format",
    "vault.opened_with_recovery_key": "Opened the vault with the recovery key",
    "vault.passphrase_changed": "Changed a passphrase",
    "vault.restored_from_backup": "Restored the vault from a backup",
    "vault.key_rotated": "Replaced the vault's encryption key",
    "demo.created": "Generated the demo organisation",
    "import.employees": "Imported employees",
    "import.ratings": "Imported ratings",
    "import.reviews": "Imported reviews",
    "import.checkins": "Imported well-being check-ins",
    "import.feedback": "Imported written feedback",
    "import.goals": "Imported goals",
    "employee.updated": "Changed an employee's details",
    "consent.changed": "Recorded a consent or opt-out",
    "export.subject_access": "Exported an employee's own data",
    "protected_attributes.read": "Read protected attributes",
    "purposes.changed": "Changed the declared purposes",
    "retention.changed": "Changed the retention periods",
    "retention.purged": "Deleted expired records",
    "review_cycles.added": "Added a review cycle",
    "scale.declared": "Declared a rating scale",
    "audit.run": "Ran a bias and data-quality audit",
    "audit.quotes_purged": "Removed quoted feedback from saved audits",
    "governance.signed_off": "Signed off a governance step",
    "governance.step_opened": "Reopened a governance step",
}

#: table -> (one, many) in words, for "<table>.added" / "<table>.deleted" and counts.
TABLE_WORDS: dict[str, tuple[str, str]] = {
    "employees": ("employee", "employees"),
    "teams": ("team", "teams"),
    "protected_attributes": ("protected-attribute record", "protected-attribute records"),
    "review_cycles": ("review cycle", "review cycles"),
    "ratings": ("rating", "ratings"),
    "goals": ("goal", "goals"),
    "feedback": ("piece of written feedback", "pieces of written feedback"),
    "wellbeing_checkins": ("well-being check-in", "well-being check-ins"),
    "checkins": ("well-being check-in", "well-being check-ins"),
    "consents": ("consent record", "consent records"),
    "leavers": ("leaver", "leavers"),
    "audit_runs": ("saved audit", "saved audits"),
}

#: detail key -> label in words (anything else: "some_key" -> "Some key").
DETAIL_LABELS: dict[str, str] = {
    "rows": "Rows read",
    "added": "Added",
    "updated": "Updated",
    "unchanged": "Unchanged",
    "skipped_rows": "Rows skipped",
    "teams_added": "Teams added",
    "fields_changed": "Changed fields",
    "dropped_columns": "Columns left out",
    "fields": "Fields",
    "source": "How",
    "kind": "Consent",
    "files": "Files written",
    "purpose": "Purpose",
    "active": "Active purposes",
    "levels": "Levels on the scale",
    "findings": "Findings",
    "people": "People audited",
    "snapshot": "Data snapshot (SHA-256, first characters)",
    "schema_version": "File format version",
    "from": "From format version",
    "to": "To format version",
    "employees": "Employees",
    "seed": "Random seed",
    "today": "Expired as of",
    "months": "Retention periods",
}

VALUE_WORDS: dict[str, str] = {
    "import": "by an import",
    "edit": "edited by hand",
    "ai_processing": "AI processing",
    "wellbeing_sharing": "sharing well-being check-ins with the manager",
    "evaluation": "performance evaluation",
    "development": "development",
    "wellbeing": "well-being and coaching",
    "fairness": "fairness monitoring",
    "administration": "administration",
}

NONE = "none"


@dataclass(frozen=True)
class DescribedEntry:
    """One audit entry as words; ``code`` keeps the stored event code for the technical view."""

    seq: int
    time: str  # ISO, as stored
    who: str
    action: str
    target: str
    details: list[tuple[str, str]] = field(default_factory=list)
    code: str = ""

    def details_line(self) -> str:
        """The details on one line ("Added: 311 · Updated: 0"), for a table cell or a CSV column."""
        return " · ".join(f"{name}: {value}" for name, value in self.details)


def _registry_words(code: str) -> str | None:
    """The core's own description of an action (``hrdesk.session.actions``, the one registry of them)."""
    from hrdesk.session import actions as registry

    return registry.describe(code) if registry.is_registered(code) else None


def action_words(code: str) -> str:
    """'import.employees' -> 'Imported employees'; unknown codes become readable words, never dropped."""
    known = _registry_words(code) or ACTION_WORDS.get(code)
    if known:
        return known
    head, _, verb = code.rpartition(".")
    one, _many = TABLE_WORDS.get(head, (head.replace("_", " "), ""))
    if verb == "added":
        return f"Added {_article(one)}"
    if verb == "deleted":
        return f"Deleted {_article(one)}"
    if verb == "updated":
        return f"Changed {_article(one)}"
    return (code.replace(".", ": ").replace("_", " ")).capitalize()


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def label_of(key: str) -> str:
    return DETAIL_LABELS.get(key) or TABLE_WORDS.get(key, (key.replace("_", " "),))[-1].capitalize()


def value_text(value: Any) -> str:
    """A detail value in words: lists joined, mappings as 'a: 1, b: 2', empty as 'none', booleans yes/no."""
    if value is None or value == "" or value == [] or value == {}:
        return NONE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.4g}"
    if isinstance(value, str):
        return VALUE_WORDS.get(value, value.replace("_", " ") if "_" in value and " " not in value else value)
    if isinstance(value, Mapping):
        return ", ".join(f"{label_of(str(k)).lower()}: {value_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return ", ".join(value_text(v) for v in value)
    return str(value)


def _retention_months(value: Mapping[str, Any]) -> str:
    return ", ".join(f"{TABLE_WORDS.get(k, (k, k))[1]}: {v} month{'s' if v != 1 else ''}" for k, v in value.items())


def detail_pairs(code: str, details: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each detail as (label, value) in words, special cases first."""
    pairs: list[tuple[str, str]] = []
    for key, value in details.items():
        if code == "retention.changed":
            pairs.append((f"{TABLE_WORDS.get(key, (key, key))[1].capitalize()} kept", value_text(value) + " months"))
        elif key == "months" and isinstance(value, Mapping):
            pairs.append((label_of(key), _retention_months(value)))
        elif code == "retention.purged" and isinstance(value, int) and key in TABLE_WORDS:
            pairs.append((f"{TABLE_WORDS[key][1].capitalize()} deleted", value_text(value)))
        elif key == "fields_changed" and isinstance(value, Mapping):
            text = ", ".join(f"{k.replace('_', ' ')} ({v:,} {'person' if v == 1 else 'people'})" for k, v in value.items())
            pairs.append((label_of(key), text or NONE))
        elif key in ("fields", "dropped_columns") and isinstance(value, list | tuple):
            pairs.append((label_of(key), ", ".join(str(v).replace("_", " ") for v in value) or NONE))
        else:
            pairs.append((label_of(key), value_text(value)))
    return pairs


TargetNamer = Callable[[str, str], str | None]  # (code, target) -> words, or None to fall back


def target_words(code: str, target: str, namer: TargetNamer | None = None) -> str:
    """The target in words: a named person or cycle where the reader may see it, a file, or a kind of record."""
    if not target:
        return ""
    if namer is not None:
        named = namer(code, target)
        if named:
            return named
    head = code.split(".", 1)[0]
    if code.startswith("import."):
        return f"file {target}"
    if code == "audit.run":
        return f"saved audit {target[:8]}"
    if code == "vault.created":
        return target
    if code == "scale.declared":
        return f"the {target} scale"
    if code == "vault.restored_from_backup":
        return f"backup {target}"
    if head in ("employee", "consent", "export", "employees"):
        return f"employee record {target[:8]} (not visible to you)"
    one, _ = TABLE_WORDS.get(head, (head.replace("_", " "), ""))
    return f"{one} {target[:8]}" if len(target) >= 16 else target


def describe(entry: Any, namer: TargetNamer | None = None) -> DescribedEntry:
    """An ``AuditEntry`` (seq, time, actor, action, target, details) in words."""
    details = entry.details if isinstance(entry.details, Mapping) else {}
    return DescribedEntry(
        seq=entry.seq, time=entry.time, who=entry.actor or "hrdesk", action=action_words(entry.action),
        target=target_words(entry.action, entry.target or "", namer), details=detail_pairs(entry.action, details),
        code=entry.action,
    )


def count_text(count: int, one: str = "entry", many: str = "entries") -> str:
    return f"{count:,} {one if count == 1 else many}"
