"""Section 10: the audit log's integrity: the chain recomputed first to last, its head, and what it records.

The chain is verified by the vault itself (``Vault.verify_audit_chain``, the
same check as ``hrdesk verify VAULT``); the counts name each action in words
from the one registry (``session.actions``).
"""

from __future__ import annotations

from collections import Counter

from hrdesk.packet.content import Section, Table
from hrdesk.packet.context import PacketContext


def integrity(ctx: PacketContext) -> Section:
    from hrdesk.session.actions import describe

    section = Section(10, "Audit-log integrity")
    report = ctx.vault.verify_audit_chain()
    entries = ctx.entries
    head = ctx.vault.meta_get("audit_head", None) or {}
    if report.ok:
        first, last = entries[0], entries[-1]
        section.say(f"The hash chain was recomputed from the first entry (#{first.seq}, {first.time[:10]}) to the last "
                    f"(#{last.seq}, {last.time[:10]}) when this packet was made: all {report.entries} entries are intact "
                    "and linked, and none was removed from the end.")
    else:
        section.say(f"THE AUDIT LOG FAILED ITS CHECK: {report.summary()} Entries after the break cannot be trusted.")
    section.table(Table("audit-log-head", "The chain's head", ("entries", "head entry", "head MAC (HMAC-SHA256)"),
                        ((report.entries, head.get("seq", ""), str(head.get("mac", ""))),), widths=(0.8, 0.8, 4.5)))
    period = ctx.entries_in_period
    counts = Counter(e.action for e in period)
    section.table(Table("audit-log-actions", f"Entries by action in this period ({len(period)} of {len(entries)})",
                        ("what happened", "action", "entries"),
                        tuple((describe(a), a, n) for a, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))),
                        empty="The audit log has no entry in this period.", widths=(4.0, 2.2, 0.7)))
    return section
