"""What the audit could not judge, and why — said out loud, never an empty list.

An audit that finds nothing must mean "nothing was found", not "nothing
could be looked at". Each case below happened on a real export and used to
print "No findings":

* an attribute nobody has a value for (an age band from a file without dates
  of birth: every row "unknown") — left out, with a note;
* an attribute with one value for everyone (Hispanic/Latino "No" in some
  files) — left out of the tables *and* the intersections (crossed with race
  it would repeat every race result under another name), with a note;
* an attribute with only one group large enough to judge — kept in the
  tables (the counts are true) with a note that no comparison was possible;
* no protected attribute at all — a note that no group could be compared;
* an outcome nobody (or everybody) has, e.g. a top rating category that no
  one received because a 1–4 scale was read as 1–5 — a note naming the
  outcome, the count and the likely cause.

These notes are findings of kind ``not_judged`` with severity ``note``, so
the window, the text report and the packet list them with the findings.
"""

from __future__ import annotations

import numpy as np

from hrdesk.fairness.groups import Grouping
from hrdesk.fairness.rates import judgeable
from hrdesk.fairness.result import Finding, OutcomeInfo, Status
from hrdesk.fairness.settings import AuditSettings

KIND = "not_judged"


def note(key: str, title: str, text: str, **numbers) -> Finding:
    return Finding(id=f"{KIND}/{key}", kind=KIND, severity=Status.NOTE, title=title, text=text, table="",
                   groups=(), numbers=numbers, summary=text)


def _lower(label: str) -> str:
    """"Sex" -> "sex", "Age band" -> "age band", but "Hispanic/Latino" stays as it is."""
    return label if any(c.isupper() for c in label[1:]) else label.lower()


def usable_groupings(singles: list[Grouping], settings: AuditSettings,
                     why_empty: dict[str, str] | None = None) -> tuple[list[Grouping], list[Finding]]:
    """The attributes that can be compared, and a note for each that cannot.

    ``why_empty`` gives, per attribute, the reason it has no values at all
    (e.g. "no date of birth is recorded for anyone").
    """
    kept, notes = [], []
    why_empty = why_empty or {}
    for g in singles:
        known = g.codes[g.codes >= 0]
        label = g.label
        if len(known) == 0:
            reason = why_empty.get(g.id, f"nobody has a recorded {_lower(label)}")
            notes.append(note(f"attribute/{g.id}", f"{label} not audited",
                              f"{label} was not audited: {reason}, so no group could be compared.", attribute=g.id))
            continue
        if len(g.parts) == 1:
            notes.append(note(f"attribute/{g.id}", f"{label}: one group only",
                              f"{label} was not audited: everyone whose {_lower(label)} is recorded is in one group "
                              f"('{g.names[0]}', {len(known):,} people), so there is no one to compare them with. It is "
                              "also left out of the intersections, where it would only repeat the other attributes' "
                              "results under another name.", attribute=g.id, group=g.names[0]))
            continue
        kept.append(g)
        n = np.bincount(known, minlength=len(g.parts))
        ok = judgeable(n, len(known), settings)
        if ok.sum() < 2:
            big = ", ".join(f"'{g.names[i]}'" for i in np.flatnonzero(ok)) or "none"
            notes.append(note(f"attribute/{g.id}", f"{label}: too few people to compare",
                              f"{label} could not be judged: only {big} of its {len(g.parts)} groups "
                              f"{'has' if ok.sum() == 1 else 'have'} at least {settings.min_group} people and "
                              f"{settings.min_share:.0%} of staff, so no comparison by {_lower(label)} was possible. "
                              "The table shows the counts.", attribute=g.id))
    if not any((g.codes >= 0).any() for g in singles):
        notes.append(note("attributes", "No protected attributes",
                          "No protected attribute (such as sex, race/ethnicity or date of birth) is recorded, so no "
                          "group could be compared and the absence of disparity findings means nothing. Only manager "
                          "calibration, data quality and feedback language were audited. Import a file with these "
                          "columns to audit for bias."))
    elif not kept:
        notes.append(note("attributes", "No attribute could be compared",
                          "None of the protected attributes has two or more groups to compare, so the absence of "
                          "disparity findings means nothing."))
    return kept, notes


def outcome_notes(outcomes: list[OutcomeInfo], scale: tuple[str, ...]) -> list[Finding]:
    """A note for every yes/no outcome that nobody, or everybody, has."""
    notes = []
    for o in outcomes:
        if o.kind != "rate" or o.key.startswith("feedback_") or not o.base or o.overall is None or 0.0 < o.overall < 1.0:
            continue
        nobody = o.overall == 0.0
        text = (f"{o.label}: {'none' if nobody else 'all'} of the {o.base:,} people with this outcome recorded "
                f"{o.event}, so it could not be compared between groups — a gap, if there is one, would not show.")
        if o.key in ("high_rating", "low_rating"):
            text += (f" Check the rating scale the import used ({' < '.join(scale)}): a file whose ratings use only "
                     "part of its scale, or a 1–4 scale read as 1–5, leaves a category empty.")
        elif o.key == "leaving":
            text += " Check how leaving was mapped at import (an employment status or an attrition column)."
        notes.append(note(f"outcome/{o.key}", f"{o.label}: {'nobody' if nobody else 'everybody'}", text,
                          outcome=o.key, base=o.base, overall=o.overall))
    return notes
