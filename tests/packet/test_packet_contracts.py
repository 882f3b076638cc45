"""Sections 6 and 7 read the reviews and contests contracts; the governance timeline shows reopenings.

The decisions and contests are the contract's own dataclasses
(``reviews.model.SuggestionDecision``, ``contests.model.Contest``), handed to
the section builders the way their query functions return them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hrdesk.contests.model import Contest, Outcome, Subject
from hrdesk.packet.content import Section
from hrdesk.packet.context import PacketContext, PacketOptions
from hrdesk.packet.pseudonyms import Pseudonyms
from hrdesk.packet.review_sections import contests_section, decisions_section
from hrdesk.reviews.model import SuggestionDecision, Verdict
from hrdesk.session import Session
from tests.letters.helpers import pdf_text
from tests.packet.test_packet_content import _attachments, _export

TODAY = dt.date(2026, 11, 20)


def _ctx(hr: Session, names: bool = False) -> PacketContext:
    ctx = PacketContext(hr.vault, PacketOptions(names=names), Pseudonyms(reveal=names))
    ctx.learn_names()
    return ctx


def _decisions(hr: Session) -> list[SuggestionDecision]:
    people = [e for e in hr.records().employees.list() if not e.is_leaver and e.manager_name][:12]
    verdicts = [Verdict.ACCEPT] * 7 + [Verdict.SET_ASIDE] * 3 + [Verdict.DISAGREE] * 2
    return [SuggestionDecision(f"d{i}", f"r{i}", p.employee_id, "2026 H2", p.manager_name or "", "retention" if i % 2 else "development",
                               "a suggestion", v, f"Talked with {p.name} about it", "", TODAY)
            for i, (p, v) in enumerate(zip(people, verdicts))]


def test_decisions_counts_rates_and_a_pseudonymised_sample(hr: Session) -> None:
    found = _decisions(hr)
    ctx = _ctx(hr)
    section = decisions_section(ctx, Section(6, "Suggestions and decisions"), found)
    tables = {t.key: t for t in section.tables}
    assert "12 decisions on AI suggestions" in section.blocks[0].text and "5 (41.7%) set the suggestion aside" in section.blocks[0].text
    assert dict(tables["decisions-by-type"].rows) == {"development": 6, "retention": 6}
    per_manager = {r[0]: r[1] for r in tables["decisions-by-manager"].rows}
    assert sum(per_manager.values()) == 12 and all(m.startswith("M-") for m in per_manager)
    sample = json.dumps(tables["decisions-sample"].to_json("6"))
    names = {e.name for e in hr.records().employees.list()}
    assert not [n for n in names if n in sample], "reasons naming the employee are scrubbed"
    assert "Talked with E-" in sample


def test_no_decisions_and_no_contests_are_said_in_words(hr: Session) -> None:
    ctx = _ctx(hr)
    assert decisions_section(ctx, Section(6, "x"), []).blocks[0].text == "No decision on an AI suggestion was recorded in this period."
    assert contests_section(ctx, Section(7, "x"), []).blocks[0].text == "No contests were received in this period."


def test_contests_outcomes_and_response_times_against_the_promise(hr: Session) -> None:
    person = hr.records().employees.list()[0]
    received = dt.date(2026, 10, 1)
    found = [
        Contest("C-0001", person.employee_id, Subject.SUGGESTION, "a retention flag", "", "It is wrong", received,
                received + dt.timedelta(days=10), "HR business partner", "Some Manager", Outcome.UPHELD,
                received + dt.timedelta(days=6), "Agreed", ("flag withdrawn",)),
        Contest("C-0002", person.employee_id, Subject.DATA, "hire date", "hire_date", "Wrong date", received,
                received + dt.timedelta(days=10), "HR business partner", "", Outcome.NOT_UPHELD,
                received + dt.timedelta(days=14), "The date is right"),
        Contest("C-0003", person.employee_id, Subject.DECISION, "a rating", "", "Unfair", TODAY,
                TODAY + dt.timedelta(days=10), "HR business partner", "Some Manager"),
    ]
    section = contests_section(_ctx(hr), Section(7, "Contests"), found, today=TODAY + dt.timedelta(days=20))
    text = section.blocks[0].text
    assert "3 contests were received" in text and "2 decided (1 by their due date, 1 late)" in text
    assert "1 open (1 past their due date)" in text and "Median response 10 days, longest 14" in text
    tables = {t.key: t for t in section.tables}
    assert dict(tables["contests-outcomes"].rows) == {"open": 1, "upheld": 1, "not-upheld": 1}
    assert all(r[1].startswith("E-") for r in tables["contests"].rows)


def test_a_reopening_appears_on_the_governance_timeline(hr: Session, tmp_path: Path) -> None:
    from hrdesk.records.retention import retention_months

    months = dict(hr.read(retention_months))
    months["checkins"] += 1
    hr.set_retention(months)
    _out, pdf = _export(hr, tmp_path)
    rows = _attachments(pdf)["01-governance-timeline.json"]["rows"]
    reopened = [r for r in rows if r["event"] == "reopened"]
    assert len(reopened) == 1 and reopened[0]["steps"] == "3, 4, 5, 6"
    assert "Changed the retention periods" in reopened[0]["detail"]
    assert [r["event"] for r in rows][-1] == "reopened" and "AI suggestions: locked" in pdf_text(pdf)
