"""Feedback language: gender-coded words and personality-focused criticism.

Matching is on word boundaries: a stem ("lead*") matches words that *start*
with it, a plain entry matches the whole word only, and neither matches
inside another word ("misleading", "unkind" are not hits). Hyphens count as
part of a word, so "self-confident" matches "self-confiden*" and "kind-hearted"
does not match "kind". Each hit keeps a snippet of its context and, for
personality words, a behaviour-focused rewording pattern.

Per person the check yields three yes/no outcomes — any masculine-coded word,
any feminine-coded word, any personality-focused word — that the audit
compares across groups like any other rate (NaN for people without feedback).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from hrdesk.fairness.result import LanguageHit, LanguageReport, TermCount
from hrdesk.fairness.wordlists import FEMININE, MASCULINE, NOT_PERSONALITY_WHEN_FOLLOWED_BY, PERSONALITY, SBI_PATTERN

MASCULINE_CAT = "masculine"
FEMININE_CAT = "feminine"
PERSONALITY_CAT = "personality"
CATEGORIES = (PERSONALITY_CAT, MASCULINE_CAT, FEMININE_CAT)
_SNIPPET = 45

CODED_SUGGESTION = (
    "Check whether this word describes a result or a stereotype. Prefer the observable behaviour and its "
    "effect: " + SBI_PATTERN
)


@dataclass(frozen=True)
class LanguageScan:
    report: LanguageReport
    per_person: pd.DataFrame  # index person; columns masculine / feminine / personality as 1.0 / 0.0


def _entry_pattern(entry: str) -> str:
    if entry.endswith("*"):
        return re.escape(entry[:-1]) + r"[\w-]*"
    return r"\s+".join(re.escape(w) for w in entry.split())


@lru_cache(maxsize=1)
def _coded_regex() -> re.Pattern:
    masc = "|".join(_entry_pattern(e) for e in sorted(MASCULINE, key=len, reverse=True))
    fem = "|".join(_entry_pattern(e) for e in sorted(FEMININE, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?P<masculine>{masc})|(?P<feminine>{fem}))(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _personality_regex() -> re.Pattern:
    alt = "|".join(_entry_pattern(e) for e in sorted(PERSONALITY, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])(?P<after>\s+[\w-]+)?", re.IGNORECASE)


@lru_cache(maxsize=4096)
def term_for(word: str, entries: tuple[str, ...]) -> str:
    """The list entry a matched word came from (longest stem first)."""
    low = word.lower()
    for entry in sorted(entries, key=len, reverse=True):
        if entry.endswith("*") and low.startswith(entry[:-1]) or low == entry:
            return entry
    return low


def snippet(text: str, start: int, end: int) -> str:
    """The hit with some words either side, on one line, the hit in «»."""
    left = " ".join(text[max(0, start - _SNIPPET):start].split(" ")[1:] if start > _SNIPPET else text[:start].split(" "))
    right = " ".join(text[end:end + _SNIPPET].split(" ")[:-1] if end + _SNIPPET < len(text) else text[end:].split(" "))
    out = f"{left}«{text[start:end]}»{right}"
    out = " ".join(out.split())
    return ("…" if start > _SNIPPET else "") + out + ("…" if end + _SNIPPET < len(text) else "")


def scan_text(text: str) -> list[tuple[str, str, str, int, int]]:
    """All hits in one text: (category, term, word, start, end), in reading order."""
    hits = []
    for m in _personality_regex().finditer(text):
        word = m.group(0)[: m.start("after") - m.start()] if m.group("after") else m.group(0)
        term = " ".join(word.lower().split())
        after = (m.group("after") or "").strip().lower()
        if after in NOT_PERSONALITY_WHEN_FOLLOWED_BY.get(term, ()):
            continue
        hits.append((PERSONALITY_CAT, term, word, m.start(), m.start() + len(word)))
    for m in _coded_regex().finditer(text):
        cat = MASCULINE_CAT if m.group(MASCULINE_CAT) else FEMININE_CAT
        entries = MASCULINE if cat == MASCULINE_CAT else FEMININE
        hits.append((cat, term_for(m.group(0), entries), m.group(0), m.start(), m.end()))
    return sorted(hits, key=lambda h: h[3])


def scan_feedback(feedback: pd.DataFrame | None, *, max_hits: int = 500) -> LanguageScan:
    """Scan every feedback text; count every hit, keep ``max_hits`` with snippets.

    Personality hits are kept before coded-word hits when the cap bites,
    because they are the ones a reviewer must act on.
    """
    if feedback is None or feedback.empty:
        return LanguageScan(LanguageReport(), pd.DataFrame(columns=list(CATEGORIES), dtype=float))
    columns = ["person", "text", "source"] if "source" in feedback.columns else ["person", "text"]
    texts = feedback[columns].dropna(subset=["text"])
    texts = texts[texts["text"].astype(str).str.strip() != ""]
    sources = texts["source"].fillna("").astype(str) if "source" in texts else pd.Series("", index=texts.index)
    hits: list[LanguageHit] = []
    terms: dict[tuple[str, str], int] = {}
    flags = {c: set() for c in CATEGORIES}
    for person, text, source in zip(texts["person"].astype(str), texts["text"].astype(str), sources):
        for cat, term, word, start, end in scan_text(text):
            terms[(cat, term)] = terms.get((cat, term), 0) + 1
            flags[cat].add(person)
            hits.append(LanguageHit(person, cat, term, word, snippet(text, start, end), _suggestion(cat, term), source))
    people = pd.Index(texts["person"].astype(str).unique(), name="person")
    per_person = pd.DataFrame({c: people.isin(list(flags[c])).astype(float) for c in CATEGORIES}, index=people)
    kept = sorted(hits, key=lambda h: h.category != PERSONALITY_CAT)[:max_hits]
    report = LanguageReport(
        people_with_feedback=len(people), texts=len(texts),
        counts={c: sum(v for (cat, _), v in terms.items() if cat == c) for c in CATEGORIES},
        terms=tuple(TermCount(c, t, v) for (c, t), v in sorted(terms.items(), key=lambda kv: (CATEGORIES.index(kv[0][0]), -kv[1], kv[0][1]))),
        hits_total=len(hits), hits_kept=len(kept), hits=tuple(kept),
    )
    return LanguageScan(report, per_person)


def _suggestion(category: str, term: str) -> str:
    if category == PERSONALITY_CAT:
        return PERSONALITY.get(term, SBI_PATTERN)
    return CODED_SUGGESTION


def person_flags(scan: LanguageScan, persons: pd.Series) -> dict[str, np.ndarray]:
    """Align the per-person flags with the people table (NaN: no feedback)."""
    aligned = scan.per_person.reindex(persons.astype(str).to_numpy())
    return {c: aligned[c].to_numpy(dtype=float) if c in aligned else np.full(len(persons), np.nan) for c in CATEGORIES}
