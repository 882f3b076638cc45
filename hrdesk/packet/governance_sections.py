"""Sections 1-3: the governance steps and their timeline, the decision register, rights and privacy.

Read through governance's own functions (``wizard.overview``, ``signoffs``,
``register``, ``step_rights``), never from the stored rows directly.
"""

from __future__ import annotations

from typing import Any

from hrdesk.packet.content import Section, Table, day
from hrdesk.packet.context import PacketContext


def governance(ctx: PacketContext) -> Section:
    from hrdesk.governance import signoffs
    from hrdesk.governance.status import suggestion_status
    from hrdesk.governance.wizard import overview

    section = Section(1, "Governance")
    status = suggestion_status(ctx.vault)
    section.say(f"{status.headline}: {status.reason}.")
    steps = overview(ctx.vault)
    latest = {n: signoffs.latest(ctx.vault, n) for n in range(1, 7)}
    rows = []
    for view in steps:
        last = latest[view.step.number]
        rows.append((view.step.number, view.step.title, view.state.value,
                     view.signed.by if view.signed else "", day(view.signed.time) if view.signed else "",
                     _evidence(last.evidence) if last else "",
                     ("yes" if last.answers_match else "NO: the stored answers were altered") if last else ""))
    section.table(Table("governance-steps", "The six governance steps as they stand",
                        ("step", "title", "state", "signed by", "signed on", "evidence", "answers match their hash"),
                        tuple(rows), widths=(0.5, 1.6, 0.9, 1.1, 1.0, 2.6, 1.1)))
    section.say("Timeline of sign-offs and reopenings", "h2")
    events = _timeline(ctx)
    section.table(Table("governance-timeline", "Every sign-off and every change that reopened steps",
                        ("when", "event", "steps", "by", "detail"), tuple(events),
                        empty="No governance step was signed or reopened in this period.",
                        widths=(1.3, 1.0, 0.6, 1.1, 4.0)))
    return section


def _evidence(evidence: dict[str, Any]) -> str:
    parts = []
    for key, value in evidence.items():
        if isinstance(value, list | tuple):
            value = f"{len(value)} record{'s' if len(value) != 1 else ''}" if value else "none"
        elif isinstance(value, str) and len(value) > 24:
            value = value[:16] + "…"  # a hash: its first 16 characters identify it
        elif isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        parts.append(f"{key.replace('_', ' ')}: {value}")
    return "; ".join(parts)


def _timeline(ctx: PacketContext) -> list[tuple[Any, ...]]:
    from hrdesk.governance import signoffs
    from hrdesk.governance.invalidation import ACTION_REOPENED
    from hrdesk.session.actions import describe

    events: list[tuple[int, tuple[Any, ...]]] = []
    for s in signoffs.all_signoffs(ctx.vault):
        if ctx.options.covers(s.time):
            events.append((s.audit_seq, (s.time.replace("T", " ")[:16], "signed", str(s.step), s.by,
                                         f"answers {s.answers_hash[:12]}; {_evidence(s.evidence)}")))
    for e in ctx.entries_in_period:
        if e.action == ACTION_REOPENED:
            steps = e.details.get("steps") or []
            cause = describe(str(e.details.get("cause", "")))
            events.append((e.seq, (e.time.replace("T", " ")[:16], "reopened", ", ".join(map(str, steps)),
                                   str(e.details.get("by", e.actor)), f"because: {cause}")))
    return [row for _seq, row in sorted(events, key=lambda x: x[0])]


def register(ctx: PacketContext) -> Section:
    from hrdesk.governance.register import LOCKED_REASON, is_stored, load_register

    section = Section(2, "Decision register and AI tools")
    reg = load_register(ctx.vault)
    if not is_stored(ctx.vault):
        section.say("No decision register has been recorded: the default applies, under which AI informs no decision.")
    section.say(f"Register fingerprint {reg.fingerprint()}. Human only, always: promotion, compensation, termination. "
                + LOCKED_REASON)
    section.table(Table("decision-register", "Which decisions AI may inform, and who is accountable",
                        ("decision", "key", "AI role", "accountable owner", "switchable"),
                        tuple((d.label, d.key, d.mode, d.accountable or "—", "no (fixed)" if d.locked else "yes")
                              for d in reg.decisions), widths=(1.8, 2.0, 1.1, 1.6, 0.9)))
    section.table(Table("ai-tools", "AI tools register, with each benefit claim and whether it was validated",
                        ("tool", "purpose", "in use", "data leaves organisation", "vendor may train",
                         "claimed benefit", "independently validated"),
                        tuple((t.name, t.purpose, _yes(t.in_use), _yes(t.data_leaves_organisation),
                               _yes(t.vendor_may_train), t.benefit_evidence or "none claimed",
                               "yes" if t.independently_validated else
                               ("NO: an unvalidated claim" if t.unvalidated_claim else "no"))
                              for t in reg.tools),
                        empty="No AI tool is recorded in the register.", widths=(1.2, 2.4, 0.6, 0.8, 0.7, 1.8, 1.0)))
    return section


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def rights(ctx: PacketContext) -> Section:
    from hrdesk.governance import signoffs
    from hrdesk.governance.step_rights import dropped_columns, stored_rights
    from hrdesk.records.retention import retention_months

    section = Section(3, "Employee rights, contests, retention and privacy")
    found = stored_rights(ctx.vault)
    if found is None:
        section.say("No employee rights or contest process has been recorded (governance step 3 was never signed).")
    else:
        section.table(Table("rights", "Employee rights and the contest process", ("right", "as recorded"), (
            ("What employees can see", found.what_they_see),
            ("How they correct it", found.how_to_correct),
            ("Who reviews a contest", f"{found.contest_reviewer} (never the manager who decided)"),
            ("Promised response time", f"{found.contest_response_days} days"),
            ("AI processing", f"{found.ai_default}: {found.ai_justification}"),
        ), widths=(1.5, 5.0)))
    months = retention_months(ctx.vault)
    section.table(Table("retention", "Retention periods (what the purge enforces)", ("data category", "months kept"),
                        tuple((k, v) for k, v in months.items()), widths=(3.0, 1.0)))
    dropped = dropped_columns(ctx.vault)
    section.say("Data minimisation: columns imports left out: " + (", ".join(dropped) if dropped else "none recorded") + ".")
    last = signoffs.latest(ctx.vault, 3)
    assessment = (last.answers or {}).get("privacy_assessment") if last else None
    if not assessment:
        section.say("No privacy risk assessment is on record (governance step 3 was never signed).")
        return section
    section.say(f"Privacy risk assessment, signed by {last.by} on {day(last.time)}", "h2")
    section.table(Table("privacy-assessment", "Privacy risk assessment", ("question", "answer"), tuple(
        (label, str(assessment.get(key, ""))) for key, label in (
            ("data_minimisation", "Data minimisation"), ("retention_limits", "Retention limits"),
            ("consent_architecture", "Consent architecture"), ("vendor_contracts", "Vendor contracts"))
    ) + (("Regulations in scope", ", ".join(assessment.get("regulations", []))),), widths=(1.5, 5.0)))
    risks = assessment.get("residual_risks") or []
    section.table(Table("residual-risks", "Residual risks, their owners and mitigations", ("risk", "owner", "mitigation"),
                        tuple((r.get("risk", ""), r.get("owner", ""), r.get("mitigation", "") or "—") for r in risks),
                        empty="No residual risk is recorded.", widths=(3.0, 1.4, 3.0)))
    return section
