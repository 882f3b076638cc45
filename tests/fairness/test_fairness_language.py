"""Feedback-language check: planted words found in context, clean text left alone."""

from __future__ import annotations

import pandas as pd
import pytest

from hrdesk.fairness.language import scan_feedback, scan_text
from hrdesk.fairness.wordlists import FEMININE, MASCULINE, PERSONALITY

CLEAN = [
    "Delivered the Q3 report on time and fixed the billing import.",
    "Presented the roadmap clearly; follow up on open tickets within two days.",
    "Misleading figures in the draft were corrected before the board meeting.",  # mis-LEAD-ing is not lead*
    "Unkind weather delayed the site visit; the schedule was replanned.",  # un-KIND is not kind
    "Aggressive targets for Q4 were met, and emotional intelligence training was completed.",
    "",
]


def test_clean_text_has_no_personality_or_coded_hits():
    for text in CLEAN:
        assert [h for h in scan_text(text) if h[0] == "personality"] == [], text
    for text in CLEAN[:4]:
        assert scan_text(text) == [], text


def test_planted_personality_words_are_found_with_suggestions():
    fb = pd.DataFrame({"person": ["a", "b", "c"], "text": [
        "Maria was abrasive with the vendor and far too  quiet in planning.",
        "Often bossy; can be emotional when plans change.",
        CLEAN[0],
    ]})
    scan = scan_feedback(fb)
    personality = [h for h in scan.report.hits if h.category == "personality"]
    assert [(h.person, h.term) for h in personality] == [("a", "abrasive"), ("a", "too quiet"), ("b", "bossy"), ("b", "emotional")]
    abrasive = personality[0]
    assert "«abrasive»" in abrasive.snippet and "vendor" in abrasive.snippet
    assert abrasive.suggestion.endswith(PERSONALITY["abrasive"])  # the term's example, after a fitted lead-in
    assert "Maria" in abrasive.suggestion and "with the vendor" in abrasive.suggestion
    assert scan.per_person.loc["a", "personality"] == 1.0 and scan.per_person.loc["c", "personality"] == 0.0
    assert scan.report.counts["personality"] == 4 and scan.report.people_with_feedback == 3


def test_word_stems_respect_word_boundaries():
    hits = {(c, t, w) for c, t, w, *_ in scan_text("A decisive leader, self-confident and kind; a kind-hearted, unkind mentor.")}
    assert ("masculine", "decisive", "decisive") in hits
    assert ("masculine", "lead*", "leader") in hits
    assert ("masculine", "self-confiden*", "self-confident") in hits
    assert ("feminine", "kind", "kind") in hits
    assert not [h for h in hits if h[2] in ("kind-hearted", "unkind")]


@pytest.mark.parametrize("entry", MASCULINE + FEMININE)
def test_every_list_entry_matches_itself(entry):
    word = entry.rstrip("*") + ("ing" if entry.endswith("*") else "")
    assert scan_text(f"Noted: {word}."), entry


def test_hits_are_capped_but_all_counted():
    fb = pd.DataFrame({"person": [f"p{i}" for i in range(30)], "text": ["bossy and a leader"] * 30})
    report = scan_feedback(fb, max_hits=10).report
    assert report.hits_total == 60 and report.hits_kept == 10
    assert all(h.category == "personality" for h in report.hits)  # personality hits are kept first


def test_no_feedback_gives_empty_report():
    assert scan_feedback(None).report.texts == 0
    assert scan_feedback(pd.DataFrame({"person": ["a"], "text": ["   "]})).report.texts == 0


def test_gender_coded_lists_are_the_papers_appendix():
    """Gaucher, Friesen & Kay (2011), Appendix: 42 masculine and 40 feminine entries
    (see the wordlists module docstring for the sources checked)."""
    from hrdesk.fairness.wordlists import FEMININE, MASCULINE

    assert len(MASCULINE) == len(set(MASCULINE)) == 42
    assert len(FEMININE) == len(set(FEMININE)) == 40
    assert {"impulsive", "decide", "logic", "persist", "masculine", "self-relian*"} <= set(MASCULINE)
    assert "implusive" not in MASCULINE  # the Appendix's misprint, corrected
    assert {"flatterable", "feminine", "yield*", "whin*", "interpersona*"} <= set(FEMININE)
    later_additions = {"agree", "collab", "feel", "enthusias", "inclusive", "shar", "battle", "champion", "defend",
                       "driven", "fearless", "fight", "unreasonab", "decid"}
    assert not later_additions & {e.rstrip("*") for e in MASCULINE + FEMININE}


def test_the_factored_patterns_match_exactly_what_a_plain_alternation_matches():
    """The trie is only a speed-up: same matches as ``a|b|c`` over the labelled sentences."""
    import json
    import re
    from pathlib import Path

    from hrdesk.fairness import language_patterns as pat
    from hrdesk.fairness.language import _personality_forms, _personality_regex

    forms = sorted(_personality_forms(), key=len, reverse=True)
    plain = re.compile(r"(?<![\w-])(?:" + "|".join("".join(pat.atoms(f)) for f in forms) + r")(?![\w-])", re.IGNORECASE)
    data = Path(__file__).resolve().parents[1] / "data" / "feedback_language_labelled.json"
    texts = [s["text"] for s in json.loads(data.read_text(encoding="utf-8"))["sentences"]]
    texts += ["passive aggressive, over emotional and high maintenance", "co-operative self confident"]
    for text in texts:
        assert [m.span() for m in _personality_regex().finditer(text)] == [m.span() for m in plain.finditer(text)], text
