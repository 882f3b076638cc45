"""The personality-criticism check against the hand-labelled sentences in tests/data.

The set (353 sentences, written and labelled before the check was tuned; see
the file's ``note``) is scored per sentence: a sentence is predicted positive
when the check finds any personality-focused hit in it. The floors are the
issue's goals on the whole set; the README reports the tuning and held-out
parts separately.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from hrdesk.fairness.language import PERSONALITY_CAT, check_text

LABELLED = Path(__file__).resolve().parents[1] / "data" / "feedback_language_labelled.json"


def scores(rows: list[dict]) -> tuple[float, float]:
    counts = Counter()
    for row in rows:
        predicted = any(h.category == PERSONALITY_CAT for h in check_text(row["text"]))
        counts[(predicted, bool(row["personality"]))] += 1
    tp, fp, fn = counts[(True, True)], counts[(True, False)], counts[(False, True)]
    return tp / (tp + fp), tp / (tp + fn)


def sentences() -> list[dict]:
    return json.loads(LABELLED.read_text(encoding="utf-8"))["sentences"]


def test_the_labelled_set_is_large_varied_and_split():
    rows = sentences()
    assert len(rows) >= 300
    kinds = Counter(r["kind"] for r in rows)
    assert set(kinds) == {"praise", "behaviour", "listed", "forms", "unlisted", "negation", "things", "names", "worknouns"}
    held = sum(r["split"] == "holdout" for r in rows) / len(rows)
    assert 0.28 <= held <= 0.32


def test_precision_and_recall_floors_on_the_whole_set():
    precision, recall = scores(sentences())
    assert precision >= 0.90, precision
    assert recall >= 0.80, recall


def test_no_kind_is_carried_by_the_others():
    """Words about things, names and work nouns never count; listed words and their forms always do."""
    rows = sentences()
    for kind in ("things", "names", "worknouns"):
        part = [r for r in rows if r["kind"] == kind]
        flagged = [r["text"] for r in part if any(h.category == PERSONALITY_CAT for h in check_text(r["text"]))]
        assert len(flagged) <= len(part) // 10, (kind, flagged)
    for kind in ("listed", "forms"):
        part = [r for r in rows if r["kind"] == kind]
        assert scores(part)[1] >= 0.9, kind


def test_sentences_written_after_the_check_stay_above_the_floors():
    """The smaller set written after the check was built (see its note): kept as a regression test."""
    rows = json.loads((LABELLED.parent / "feedback_language_fresh.json").read_text(encoding="utf-8"))["sentences"]
    precision, recall = scores(rows)
    assert precision >= 0.90 and recall >= 0.80, (precision, recall)
