"""Feedback language: gender-coded words and personality-focused criticism.

Gender-coded words (Gaucher, Friesen & Kay 2011; see ``wordlists``) match on
word boundaries: a stem ("lead*") matches words that *start* with it, a plain
entry the whole word and its inflections, and neither matches inside another
word ("misleading", "unkind" are not hits). Hyphenated and closed spellings
are one word ("co-operative", "inter-personal"); "kind-hearted" is not "kind".
Names ("Leadbetter", "Jane Moody") and work nouns ("support tickets", "lead
time") never count.

Personality-focused words count only when they criticise a person: not when
negated ("not aggressive at all"), not about a thing ("the CI pipeline has
been temperamental", "aggressive sales targets"), not about a third party
the reviewed person dealt with ("an aggressive caller"); see
``language_context`` for how that is read. Every form counts ("abrasiveness",
"emotionally", "passive-aggressive"), and adjacent words are separate hits.
Each hit keeps a snippet of its context and a rewording built from its
sentence (who, and in what situation).

Per person the audit gets three yes/no outcomes — any masculine-coded word,
any feminine-coded word, any personality-focused word — that it compares
across groups like any other rate (NaN for people without feedback).
``check_text`` is the same check on one text, for the review page to run on
each pause in typing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from hrdesk.fairness import language_context as ctx
from hrdesk.fairness import language_patterns as pat
from hrdesk.fairness.result import LanguageHit, LanguageReport, TermCount
from hrdesk.fairness.wordlists import (
    ALWAYS_PERSON,
    ENGLISH_ENDINGS,
    FEMININE,
    INFLECTIONS,
    MASCULINE,
    PERSONALITY,
    PERSONALITY_FORMS,
    SBI_PATTERN,
    WHOLE_STEMS,
    WORK_NOUNS,
)

MASCULINE_CAT = "masculine"
FEMININE_CAT = "feminine"
PERSONALITY_CAT = "personality"
CATEGORIES = (PERSONALITY_CAT, MASCULINE_CAT, FEMININE_CAT)
_SNIPPET = 45
_PREFIXES = ("co", "inter", "self", "head")  # written with or without a hyphen: co-operative, inter-personal
_SEPARATORS = re.compile(r"[\s-]+")
_NOUN_ENDINGS = ("ness", "sion", "tion", "ity", "ance", "ence", "ency", "ia", "ics", "sm", "gging")
#: terms (and their forms) that are nouns for a person, not adjectives
_NOUN_TERMS = frozenset({"nagging", "attitude problem", "drama queen", "know-it-all", "chip on the shoulder", "pushover"})

CODED_SUGGESTION = (
    "Check whether this word describes a result or a stereotype. Prefer the observable behaviour and its "
    "effect: " + SBI_PATTERN
)


@dataclass(frozen=True)
class LanguageScan:
    report: LanguageReport
    per_person: pd.DataFrame  # index person; columns masculine / feminine / personality as 1.0 / 0.0


@dataclass(frozen=True)
class TextHit:
    """One hit in one text, with its place, for the live check."""

    category: str  # "personality" | "masculine" | "feminine"
    term: str  # the list entry ("abrasive" for "abrasiveness", "lead*" for "leader")
    word: str  # as written
    start: int
    end: int
    snippet: str
    suggestion: str


# --- patterns ------------------------------------------------------------------

def _coded_atoms(entry: str) -> list[list[str]]:
    if entry.endswith("*"):
        return [pat.atoms(entry[:-1], prefixes=_PREFIXES, tail=r"[\w-]*")]
    return [pat.atoms(w, prefixes=_PREFIXES) for w in (entry, *INFLECTIONS.get(entry, ()))]


@lru_cache(maxsize=1)
def _coded_regex() -> re.Pattern:
    entries = [a for e in MASCULINE + FEMININE for a in _coded_atoms(e)]
    return re.compile(rf"(?<![\w-])(?:{pat.trie_regex(entries)})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _coded_category() -> dict[str, str]:
    return {**{e: MASCULINE_CAT for e in MASCULINE}, **{e: FEMININE_CAT for e in FEMININE}}


@lru_cache(maxsize=64)
def _work_noun_regex(term: str) -> re.Pattern | None:
    """The work nouns that contain ``term``'s stem, as one pattern (None: the term is in none)."""
    stem = term.rstrip("*").replace("-", "")
    found = [w for w in WORK_NOUNS if stem in w]
    return re.compile(r"(?<![\w-])(?:" + "|".join(found) + r")(?![\w-])", re.IGNORECASE) if found else None


@lru_cache(maxsize=1)
def _personality_forms() -> dict[str, tuple[str, str]]:
    """Every written form (lower case, single spaces) -> (term, part of speech)."""
    forms: dict[str, tuple[str, str]] = {}
    for term in PERSONALITY:
        for form in (term, *PERSONALITY_FORMS.get(term, ())):
            key = " ".join(re.split(r"[\s-]+", form.lower()))
            forms[key] = (term, _part_of_speech(term, form))
    return forms


def _part_of_speech(term: str, form: str) -> str:
    """Adjective, noun or adverb, from the form's ending ("high-maintenance" is an adjective all the same)."""
    if term in _NOUN_TERMS:
        return "noun"
    compound = " " in form or "-" in form
    if form.endswith("ly") and not compound:
        return "adverb"
    last = re.split(r"[\s-]+", form)[-1]
    return "noun" if last.endswith(_NOUN_ENDINGS) and not (compound and last.endswith("ance")) else "adjective"


@lru_cache(maxsize=1)
def _personality_regex() -> re.Pattern:
    alt = pat.trie_regex([pat.atoms(f) for f in _personality_forms()])
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _term_words() -> frozenset[str]:
    """Single words of the personality forms, which can sit side by side ("moody, temperamental")."""
    return frozenset(w for f in _personality_forms() for w in f.split() if len(w) > 3)


@lru_cache(maxsize=1)
def _coded_lookup() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    whole = {}
    for entry in MASCULINE + FEMININE:
        if not entry.endswith("*"):
            for w in (entry, *INFLECTIONS.get(entry, ())):
                whole[w.replace("-", "")] = entry
    stems = tuple(sorted(((e[:-1].replace("-", ""), e) for e in MASCULINE + FEMININE if e.endswith("*")),
                         key=lambda p: len(p[0]), reverse=True))
    return whole, stems


@lru_cache(maxsize=4096)
def term_for(word: str, entries: tuple[str, ...] = ()) -> str:
    """The list entry a matched word came from (whole words and inflections first, then the longest stem)."""
    low = word.lower().replace("-", "")
    whole, stems = _coded_lookup()
    if low in whole and (not entries or whole[low] in entries):
        return whole[low]
    for stem, entry in stems:
        if low.startswith(stem) and (not entries or entry in entries):
            return entry
    return low


def snippet(text: str, start: int, end: int) -> str:
    """The hit with some words either side, on one line, the hit in «»."""
    left = " ".join(text[max(0, start - _SNIPPET):start].split(" ")[1:] if start > _SNIPPET else text[:start].split(" "))
    right = " ".join(text[end:end + _SNIPPET].split(" ")[:-1] if end + _SNIPPET < len(text) else text[end:].split(" "))
    out = f"{left}«{text[start:end]}»{right}"
    out = " ".join(out.split())
    return ("…" if start > _SNIPPET else "") + out + ("…" if end + _SNIPPET < len(text) else "")


# --- the check -----------------------------------------------------------------

def _personality_hits(text: str, doc: ctx.Text) -> list[TextHit]:
    forms = _personality_forms()
    terms = _term_words()
    hits = []
    for m in _personality_regex().finditer(text):
        s = doc.sentence_at(m.start())
        key = " ".join(_SEPARATORS.split(m.group(0).lower()))
        term, pos = forms[key]
        i, j = s.index(m.start()), s.last_index(m.end())
        if ctx.is_name(s, i, adjective=pos == "adjective") or ctx.negated(s, i):
            continue
        if term in ALWAYS_PERSON:
            who, at = ctx.subject_class(s, i)
            who = ctx.PERSON
        elif pos == "adverb":
            who, at = ctx.adverb_target(s, i)
        elif pos == "noun":
            who, at = ctx.noun_target(s, i, j, default=ctx.THING if term == "volatile" else ctx.PERSON)
        else:
            who, at = ctx.adjective_target(s, i, j, terms)
        if who != ctx.PERSON:
            continue
        hits.append(TextHit(PERSONALITY_CAT, term, m.group(0), m.start(), m.end(), snippet(text, m.start(), m.end()),
                            rewording(s, term, m.group(0), i, j, at, noun=pos == "noun")))
    return hits


def _in_work_noun(text: str, term: str, start: int, end: int) -> bool:
    """The coded word at ``start:end`` is part of a work noun ("support tickets", "team lead")."""
    rx = _work_noun_regex(term)
    if rx is None:
        return False
    lo = max(0, start - 30)
    return any(m.start() <= start < m.end() for m in rx.finditer(text, lo, end + 30))


def _coded_hits(text: str, doc: ctx.Text) -> list[TextHit]:
    endings = frozenset(ENGLISH_ENDINGS)
    category = _coded_category()
    hits = []
    for m in _coded_regex().finditer(text):
        word = m.group(0)
        term = term_for(word)
        if _in_work_noun(text, term, m.start(), m.end()):
            continue
        cat = category[term]
        if word[0].isupper():
            s = doc.sentence_at(m.start())
            if ctx.is_name(s, s.index(m.start()), adjective=False) \
                    or ctx.stem_is_name(word, term.rstrip("*").replace("-", ""), WHOLE_STEMS, endings):
                continue
        hits.append(TextHit(cat, term, word, m.start(), m.end(), snippet(text, m.start(), m.end()),
                            f"'{word}' is {cat}-coded. {CODED_SUGGESTION}"))
    return hits


def check_text(text: str) -> list[TextHit]:
    """Every hit in one text, in reading order, each with its snippet and rewording.

    Fast enough to run on each pause in typing (well under a millisecond for
    a hundred words once the patterns are compiled; see tests/benchmarks).
    """
    if not text or not text.strip():
        return []
    text = text.replace("\u2019", "'")  # one apostrophe, same length: offsets stay the text's
    doc = ctx.Text(text)
    return sorted(_personality_hits(text, doc) + _coded_hits(text, doc),
                  key=lambda h: (h.start, h.category != PERSONALITY_CAT))


def scan_text(text: str) -> list[tuple[str, str, str, int, int]]:
    """All hits in one text: (category, term, word, start, end), in reading order."""
    return [(h.category, h.term, h.word, h.start, h.end) for h in check_text(text)]


def rewording(s: ctx.Sentence, term: str, word: str, i: int, j: int, subject: int | None, *, noun: bool = False) -> str:
    """A behaviour-focused rewording that fits the sentence: who, when, and an example."""
    who = ctx.subject_words(s, subject)
    where = ctx.situation(s, i, j, subject, noun=noun)
    did = f"what {who} said or did" if who else "what was said or done"
    when = f" {where[0].lower()}{where[1:]}" if where else ""
    return f"Instead of '{word}', say {did}{when} and its effect. {PERSONALITY.get(term, SBI_PATTERN)}"


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
    for person, text, source in zip(texts["person"].astype(str).tolist(), texts["text"].astype(str).tolist(), sources.tolist()):
        for h in check_text(text):
            terms[(h.category, h.term)] = terms.get((h.category, h.term), 0) + 1
            flags[h.category].add(person)
            hits.append(LanguageHit(person, h.category, h.term, h.word, h.snippet, h.suggestion, source))
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


def person_flags(scan: LanguageScan, persons: pd.Series) -> dict[str, np.ndarray]:
    """Align the per-person flags with the people table (NaN: no feedback)."""
    aligned = scan.per_person.reindex(persons.astype(str).to_numpy())
    return {c: aligned[c].to_numpy(dtype=float) if c in aligned else np.full(len(persons), np.nan) for c in CATEGORIES}
